"""Letting someone else go: "the 0164 guy can drop off, he's done", "New York can drop off
now", "the sales desk isn't needed anymore, can you let them go?", "we're done with Dana".

A third person leaving is a removal of their leg, never the caller's goodbye: whom it names is
read as for "remove" (a name, a number's last digits, "he"); with nobody clear the host asks.
"""

from __future__ import annotations

import re

from workflows.rehearsal.nlu.people import kind, reference
from workflows.rehearsal.nlu.text import negated

_I = re.IGNORECASE
# Who, said just before "can drop off": up to five words from the start of the clause.
_SUBJECT = r"(?P<s>(?:[\w'-]+\s+){0,4}?[\w'-]+)"
_LEAVE = (
    r"(?:drop(?:\s+off)?|hop\s+off|jump\s+off|get\s+off|go|leave|head\s+off|hang\s+up|disconnect"
    r"|be\s+(?:dropped|removed|let\s+go|disconnected)|bounce|dip|head\s+out|take\s+off|split)"
)
_DISMISS_RES = (
    # "the 0164 guy can drop off", "New York can go now", "Dana is free to leave", "my
    # supervisor has to jump off" (the one described, not a "her" after it)
    re.compile(
        rf"(?:^|[,.;!?]|\b(?:ok|okay|so|and|right|now|then|thanks)\b)\s*{_SUBJECT}"
        r"(?:\s+(?:can|may|could|should|must|has\s+to|needs\s+to|has\s+got\s+to|gotta"
        r"|(?:'s|\s+is)\s+gotta)|(?:\s+is|\s+are|'s|'re)\s+(?:free|good|ok|okay|fine)\s+to)"
        r"\s+(?:now\s+)?"
        rf"{_LEAVE}\b(?!\s+(?:on|at|to|in|with|through|ahead)\b)",
        _I,
    ),
    # "lose the 212 number", "release New York", "get rid of the sales desk", "say bye to Dana"
    re.compile(
        r"\b(?:lose|release|ditch|dismiss|get rid of|let go of|say (?:good)?bye to)\s+"
        r"(?P<s>[\w'-]+(?:\s+[\w'-]+){0,3}?)"
        r"(?=\s*(?:[,.;!?]|$|\s(?:now|then|please|thanks|from|off|as well|too|for now)\b))",
        _I,
    ),
    # "New York's done", "the 0164 guy is done", "he's finished": a person, named or pointed at
    re.compile(
        r"(?:^|[,.;!?]|\b(?:ok|okay|so|and|right|thanks)\b)\s*(?P<s>(?:[A-Z][\w'-]*|he|she|they"
        r"|the \d{3,4} \w+)(?:\s+[\w-]+)?)(?:'s|\s+is|\s+are|'re)\s+(?:all\s+)?(?:done"
        r"|finished)\b(?!\s+(?:with|talking|speaking))",
    ),
    # "can you let them go?", "you can let Dana go now", "let the sales desk go", "let him drop
    # off", "you can let him off" (not "let Dana off mute": that unmutes)
    re.compile(
        r"\blet\s+(?P<s>(?!me\b|us\b|it\b|'s\b)[\w'-]+(?:\s+[\w'-]+){0,3}?)\s+(?:go|leave"
        r"|(?:drop|hop|jump|get|head|sign|log)(?:\s+off)?|off)\b"
        r"(?!\s+(?:on|of|to|at|mute|hold|the hook|for|with)\b)",
        _I,
    ),
    # "cut her loose", "you can cut Monica loose now", "turn the sales desk loose"
    re.compile(r"\b(?:cut|turn|set)\s+(?P<s>[\w'-]+(?:\s+[\w'-]+){0,3}?)\s+loose\b", _I),
    # "the sales desk isn't needed anymore", "Dana's not needed now"
    re.compile(
        rf"(?:^|[,.;!?]|\b(?:ok|okay|so|and|right|thanks)\b)\s*{_SUBJECT}"
        r"(?:\s+(?:isn't|is not|aren't|are not|is no longer|are no longer)|'s not|'re not)"
        r"\s+(?:needed|required|wanted)\b",
        _I,
    ),
    # "we're done with Dana", "we don't need the sales desk anymore", "I'm finished with him"
    re.compile(
        r"\b(?:we're|we are|i'm|i am|we've|i've)\s+(?:all\s+)?(?:done|finished|through)\s+with\s+"
        r"(?!(?:the|this|our)\s+(?:call|conference|meeting)\b)(?P<s>[\w'-]+(?:\s+[\w'-]+){0,3}?)(?=\s*(?:[,.;!?]|$|\s(?:now|then|thanks|so)\b))"
        r"|\b(?:we|i)\s+(?:don't|do not|no longer)\s+need\s+(?P<t>[\w'-]+(?:\s+[\w'-]+){0,3}?)"
        r"\s+(?:anymore|any more|now|on the call|on the line)\b",
        _I,
    ),
)
# Said to someone on the call by name, first: "Amir, thanks, that's all I needed, you can hang
# up now" lets Amir go (the thanks and "that's all" are said to him, never the caller's goodbye)
_TO_THEM_RE = re.compile(
    r"^\W*(?:(?i:ok|okay|right|alright|so|well|thanks|thank you|great|cheers)\W+)?"
    r"(?P<s>[A-Z][\w'-]+)\s*[,!.:]"
    r"(?=.*\b(?i:you|u|ya)(?:\s+(?i:can|may|could|are\s+free\s+to)|(?i:'re\s+free\s+to))"
    r"\s+(?i:now\s+)?"
    r"(?i:hang\s+up|go|leave|drop(?:\s+off)?|hop\s+off|jump\s+off|get\s+off|head\s+off|bounce"
    r"|disconnect)\b(?!\s+(?i:on|at|to|in|with|through|ahead)\b))"
)
# Leave to go at one's own time, not now: "Harold you can drop whenever", "feel free to hop off
# any time", "Dana can leave when she needs to". Theirs to do later: no removal, no goodbye
# (said to them, it is an aside; "drop Harold whenever" names whom, and asks the host)
_OWN_TIME_RE = re.compile(
    rf"\b{_LEAVE}(?:\s+(?:off|out))?(?:\s+(?:the|this)\s+call)?\s+(?P<w>whenever|any\s?time"
    r"|when(?:ever)?\s+(?:you|he|she|they|u)(?:'re|'s|\s+are|\s+is)?\s+(?:ready|need|needs"
    r"|want|wants|like|likes|wish|wishes|have to|has to|must|gotta|done|finished)"
    r"|at (?:any|your|his|her|their) (?:time|point|leisure|convenience))\b",
    _I,
)


def in_own_time(d: str, target: str | None = None) -> bool:
    """Whether `d` lets someone go at their own time ("you can drop whenever"), said of the
    `target` a removal read (its first word in that clause), or of no one named."""
    for m in _OWN_TIME_RE.finditer(d):
        if negated(d, m.start()):
            continue
        clause = re.split(r"[,.;!?]", d[: m.start()])[-1].lower()
        first = target.split()[0].lower() if target else ""
        if not first or first == m.group("w").split()[0].lower() or first in clause.split():
            return True
    return False


# Subjects that are the caller or the agent: "I can go now", "you can hang up" are not this.
_NOT_A_THIRD = frozenset("i we you me us myself i'm we're it that this there what who".split())
# A question about what would happen, not a request: "If you dial him, will I lose Monica?",
# "do we lose the sales desk if I transfer?" ("can you let them go?" asks the host: a request).
_ASKS_WHAT_HAPPENS_RE = re.compile(
    r"(?:^|[,.;!?])\s*(?:(?:so|but|and|then|wait|um|uh|oh)\s+)*(?:will|would|do|does|did|am|is|are"
    r"|won't|wouldn't|don't|doesn't|shall|should|might|is it going to|are we going to"
    r"|am i going to)\s+(?!you\b|u\b|ya\b)[^,.;!?]*$",
    _I,
)
# "would that kick lorraine off?", "does lorraine get cut off?", "would she get kicked off?"
_DROPPED_RE = re.compile(
    r"\b(?:lose|losing|drop(?:ped)?|cut\s+off|disconnect(?:ed)?"
    r"|(?:kick(?:ed)?|boot(?:ed)?|cut|knock(?:ed)?|throw|thrown)\s+(?:[\w'-]+\s+){0,2}?(?:out|off)"
    r"|(?:be|get|got)\s+removed|remove)\b",
    _I,
)
_LEADING_RE = re.compile(
    r"^(?:(?:ok|okay|so|and|right|now|then|thanks|well|yeah|um|uh|actually|but|oh|alright)\s+)+", _I
)


def find_dismissal(d: str) -> tuple[str | None, tuple[int, int]] | None:
    """(whom, span) for the first third person the caller lets go in digitized text `d`: whom
    as "remove" reads it ("the one ending in 0164", "New York"), None for "he"/"them"."""
    found = []
    for pattern in _DISMISS_RES:
        for m in pattern.finditer(d):
            if negated(d, m.start()):  # "don't let Dana go"
                continue
            if asks_what_happens(d, m):  # "will I lose Monica?"
                continue
            subject = _LEADING_RE.sub("", (m.group("s") or m.groupdict().get("t") or "").strip())
            subject = subject.removesuffix("'s")  # "the client's gotta jump off": the client
            first = subject.split()[0].lower() if subject else ""
            if not subject or first in _NOT_A_THIRD:
                continue
            whom = reference(subject) or (subject if kind(subject) == "specific" else None)
            found.append((m.start(), whom, m.span()))
    if not found:
        return None
    named = [f for f in found if f[1]] or found  # "the sales desk ..., let them go": the name
    _, whom, span = min(named)
    return whom, span


def said_to_them(t: str) -> str | None:
    """The name a line opens with when it lets that person go ("Amir, thanks, you can hang up
    now"): whom the line is said to, never the host's own name (`model` checks that)."""
    m = _TO_THEM_RE.search(t)
    if m is None or m.group("s").lower() in _NOT_A_THIRD or negated(t, m.end()) or in_own_time(t):
        return None
    return m.group("s")


def asks_if_dropped(d: str) -> bool:
    """True when digitized `d` asks whether someone would be let go ("will I lose Monica?"),
    which `find_dismissal` never reads as letting them go."""
    return any(asks_what_happens(d, m) for m in _DROPPED_RE.finditer(d))


def asks_what_happens(d: str, m: re.Match) -> bool:
    """True when `m` sits in a question the caller asks about themselves or the others (a
    clause opening with "will I", "do we", ... and ending in "?"), which lets nobody go."""
    end = re.compile(r"[.;!?]|$").search(d, m.end())
    return d[end.start() : end.start() + 1] == "?" and bool(
        _ASKS_WHAT_HAPPENS_RE.search(d[: m.start()])
    )


# Said to someone on the call, told to go before what the host is asked next: "Mulder, please
# drop off when you're ready, and then put me through to Dana White" (their leaving comes first)
_GO_THEN_RE = re.compile(
    r"^\W*(?P<s>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s*,\s*(?i:(?:please|pls|you\s+can|u\s+can"
    r"|feel\s+free\s+to|go\s+ahead\s+and)\s+)*(?i:drop(?:\s+off)?|hop\s+off|jump\s+off|hang\s+up"
    r"|head\s+off|leave)(?i:\s+(?:the\s+)?call)?(?i:\s+(?:when(?:ever)?\s+(?:you're|you\s+are"
    r"|ur|you've\s+finished|you're\s+done)(?:\s+ready)?|whenever|now))?\s*,?\s*(?i:and\s+)?"
    r"(?P<then>(?i:then|after\s+that|afterwards)\b)"
)


def gone_then(text: str, act: object) -> str:
    """ "Mulder, please drop off when you're ready, and then put me through to Dana White" ->
    "remove Mulder, and then put me through ...": a removal first, when what follows asks the
    host for something (`act(rest)`: the rest's request, if any); else `text` as it is."""
    if not (m := _GO_THEN_RE.match(text)) or not act(text[m.end("then") :]):
        return text
    return f"remove {m.group('s')}, and {text[m.start('then') :]}"
