"""Two requests in one line: "remove Fox, then get the sales desk", "add Dana and mute the 646
number", "drop the 0163 line. thanks, bye". The host acts on them in order, one tool call at a
time: each next one once the one before has returned. A read-back stops the line until the
caller answers it (only the caller's own yes dials, as always); after the yes and the dial, the
rest follows. A goodbye among them ends the call last.
"""

from __future__ import annotations

import re

from livekit.agents import llm

from workflows.rehearsal.history import ACTS_ON_READ_BACK
from workflows.rehearsal.leaving import leaves_others
from workflows.rehearsal.nlu import kept_requests, understand
from workflows.rehearsal.nlu.dismiss import gone_then
from workflows.rehearsal.nlu.goodbye import OWN_LEAVING, leaves_too, says_goodbye
from workflows.rehearsal.nlu.muting import BACK_IN_RE, UNMUTE_THEM_RE
from workflows.rehearsal.nlu.numbers import OWN_NUMBER_RE, digitize, find_phone
from workflows.rehearsal.nlu.people import PRONOUNS, kind, reference
from workflows.rehearsal.nlu.reaching import reaching_transfer
from workflows.rehearsal.nlu.text import negated, normalise, words_before
from workflows.rehearsal.roles import ROLES

_I = re.IGNORECASE
# Verbs that start a request of their own after "and" or a comma.
_VERB = (
    r"(?:(?:please|also|can you|could you|you can|and)\s+)*(?:add|call|dial|ring|get|grab|bring"
    r"|invite|remove|drop|kick|disconnect|mute|unmute|un-mute|press|transfer|put|take|end|hang up"
    r"|tell me|who|is|are|did|has"
    # "unmute him, and how long has this been going on?": the call's length asked beside
    r"|how\s+long(?:'s|'ve|\s+(?:have|has|is|are|was|were))"
    r"|how\s+much\s+time\s+(?:have|has|is|was|did))\b"
)
# "Mrs. Okafor at ...": a title's full stop ends no sentence
_TITLE_DOT = r"(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bdr)(?<!\bprof)(?<!\bst)"
_SPLIT_RE = re.compile(
    rf"{_TITLE_DOT}[.;!?]+\s+|,?\s+(?:and\s+)?(?:then|after that|afterwards)\s+"
    rf"|,?\s+and\s+(?=(?:also\s+)?{_VERB})|,\s+(?={_VERB})"
    r"|,\s+(?=(?:thanks|thank you|cheers|that's|that is|bye|goodbye)\b)",
    _I,
)
# The caller leaving as well, said after a removal: "kick tony off and im out too"
_LEAVING_TOO_RE = re.compile(rf",?\s+(?:and\s+)?{OWN_LEAVING}", _I)
_THEN_RE = re.compile(r"\b(?:then|after that|afterwards)\b", _I)
# Thanks alone is no goodbye ("mute Dana please, cheers" keeps the call).
_THANKS_RE = re.compile(r"^\W*(?:ok(?:ay)?\W+)?(?:thanks|thank you|cheers|ta)(?: so much)?\W*$", _I)
_END = "end"
# one pointed at, not named: "her", or by a role ("my manager has to go, drop her": one removal)
_PERSON_RE = re.compile(rf"\b(?:him|her|them|'?em|he|she|they|(?:my|the|our)\s+(?:{ROLES}))\b", _I)
# "... remove her too": another person, not the one the line already named.
_ANOTHER_RE = re.compile(r"\b(?:too|also|as well)\b", _I)
# "get the sales desk", "grab Mulder": someone to bring in, read back by the host's turn.
_BRINGS = ("add", "conference", "transfer", "warm_transfer", "redial")
_TRANSFERS = ("transfer", "warm_transfer")
_BRING_RE = re.compile(r"^(?:(?:please|also|and|now)\s+)*(?:get|grab|bring)\s+\w", _I)


def clauses(text: str) -> list[str]:
    """The requests a line makes, in order: each a clause with an action, or "end" for a
    goodbye said beside them; [] when the line makes fewer than two."""
    if reaching_transfer(text, "add"):  # "trying to reach my pharmacy, put me through": one
        return []
    text = gone_then(text, lambda rest: understand(rest).action)  # "Mulder, drop off, then"
    text = kept_requests(text)  # "mute her, i mean... whatever, who's on?": the question
    found: list[str] = []
    last = None  # the action of the clause before, when it named whom
    asked: set[str | None] = set()  # the questions about the call the line asked so far
    warm_before = False  # a warm transfer asked in a clause before
    last_brought = False  # the clause before brought someone in
    parts = [part.strip(" ,") for part in _SPLIT_RE.split(text)]
    # "call Mrs. Okafor at ..., and after that the help desk": the one after "then" is brought
    # in as the one before it was
    after_then = {
        parts[n + 1] for n, m in enumerate(_SPLIT_RE.finditer(text)) if _THEN_RE.search(m.group())
    }
    readings = {part: understand(part) for part in parts if part}
    # "ring Dr Okafor? It's 917 ...": a number beside someone to bring in is that one's number
    brings = any(_brings(p, r) for p, r in readings.items())
    # "as I said, a conference call. Could you get Dana on": the call asked for, by the one
    # brought in beside it, no request of its own (it would bring Dana in a second time)
    frames = {p for p, r in readings.items() if _frame(r)}
    framed = any(p not in frames and _brings(p, r) for p, r in readings.items())
    # "I want the transfer. Put me through to support": the transfer asked for, by its target
    if any(r.action in _TRANSFERS and r.target for r in readings.values()):
        frames |= {p for p, r in readings.items() if r.action in _TRANSFERS and not r.target}
        framed = framed or bool(frames)
    for n, part in enumerate(parts):
        if not part or (framed and part in frames):
            continue
        if n and BACK_IN_RE.search(parts[n - 1]) and UNMUTE_THEM_RE.fullmatch(part):
            continue  # "bring sales back in, unmute em": one request
        if found and _TAKE_BACK_RE.match(part):
            found, last = [], None  # "mute everyone... wait no that's backwards": taken back
        reading = readings[part]
        if reading.action in _TRANSFERS and reading.target is None and warm_before:
            continue  # "give her a heads up first and then put me through": one warm transfer
        warm_before = warm_before or reading.action == "warm_transfer"
        again = reading.target is None or reading.target.lower() in PRONOUNS  # "...them now"
        if reading.action is not None and reading.action == last and again:
            if not _ANOTHER_RE.search(part):  # "Dana can leave now. Please remove her": Dana
                continue
        alone = not brings and _number_alone(part, reading)
        if reading.action in (None, "help") and part in after_then and last_brought:
            if (added := understand(f"add {part}")).target:  # "then the help desk"
                part, reading = f"add {part}", added
        last_brought = reading.action in ("add", "conference")
        if (ask := same_ask(reading)) and ask in asked:
            continue  # "Is everyone still there? Who have we got?": one question, one answer
        asked.add(ask)
        if reading.action == "remove" and (m := _LEAVING_TOO_RE.search(part)):
            found = [p for p in found if p != _END]  # "aight we good, kick tony off and im out
            found += [*_each(part[: m.start()], "remove", reading.target), _END]  # too": the
            continue  # caller goes once Tony is off, the goodbye said before it ends it last
        removed = bool(found) and understand(found[-1]).action == "remove"
        if reading.action is not None or _BRING_RE.match(part) or alone:
            found += _each(part, reading.action, reading.target)
            pointed = _PERSON_RE.search(part)  # "remove them once ...": them
            last = reading.action if reading.target or pointed else None
        elif (removed and leaves_too(normalise(part))) or (
            says_goodbye(normalise(part), negated) and not _THANKS_RE.match(part)
        ):
            found = [p for p in found if p != _END] + [_END]  # the last goodbye ends it last
    if found and found[0] == _END:  # "bye, and mute Dana"? leaving first: not a sequence
        return []
    return found if len(found) > 1 else []


_EVERYONE = ("everyone", "everybody", "all", "all of them", "everyone else", "the others")


def same_ask(reading) -> str | None:
    """What a question about the call asks, one name for the same question however put: "is
    everyone still there?" and "who have we got?" both ask who is on it; None for a request."""
    everyone = (reading.target or "").lower() in _EVERYONE
    if reading.action == "list" or (reading.action == "status" and everyone):
        return "who is on"
    if reading.action == "status":
        return f"status {(reading.target or '').lower()}"
    return None


def kept_request(text: str) -> str:
    """The line's requests after the last one it took back: "mute everyone except me... wait
    no that's backwards, just mute me? no. ok mute Dana" -> "ok mute Dana"; the line itself
    when it takes nothing back, or leaves no request after ("add Dana. no, Fox": corrected)."""
    parts = [part.strip(" ,") for part in _SPLIT_RE.split(text) if part and part.strip(" ,")]
    parts = [bit for part in parts for bit in _IN_LINE_RE.split(part) if bit.strip(" ,")]
    asked, start = False, None
    for n, part in enumerate(parts):
        if asked and _TAKE_BACK_RE.match(part):
            start = n
        asked = asked or understand(part).action is not None
    if start is None:
        return text
    rest = parts[start:] if understand(parts[start]).action else parts[start + 1 :]
    if any(understand(part).action for part in rest):
        return ". ".join(rest)
    if any(leaves_others(part) for part in parts[start:]):  # "transfer me off... actually no,
        return ". ".join(parts[start:])  # just drop me out and leave them talking": asked
    # "mute Dana, no wait, only Fox": the same request, done to the one named instead
    before = understand(". ".join(parts[:start])).action
    who = _ONLY_RE.sub("", parts[start]).strip(" ,.!?")
    if (
        before in _ON_SOMEONE
        and (kind(who) == "specific" or reference(who))
        and not understand(who).action
    ):
        return f"{before} {who}"
    return text


# "wait no", "no.", "scratch that": what the line asked before is taken back
_TAKE_BACK_RE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|wait|hmm|um|uh|oh|sorry|actually)\W+)*(?:no|nope|nah|scratch that"
    r"|never ?mind|forget (?:that|it))\b(?!\s+(?:one|need|problem|worries|rush)\b)",
    _I,
)

# A take-back said inside a clause, after a comma: "unmute everybody, um, actually no just mute
# Sven", "mute Dana, no wait, only Fox", "remove them all, scratch that, the 0147 one"
_IN_LINE_RE = re.compile(
    r"(?:,|\s+-+|\.\.+)\s*(?:(?:um+|uh+|er+m?|hmm+|oh)\W+)*(?=(?:actually|wait|ok(?:ay)?)?\W*"
    r"(?:no+(?:\W+(?:wait|no|just|only|actually))|nope|nah|scratch that|never ?mind"
    r"|forget (?:that|it))\b)",
    _I,
)

# The take-back's own words before the one named instead: "no wait, only Fox" -> "Fox"
_ONLY_RE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|wait|hmm|um+|uh+|oh|sorry|actually|no+|nope|nah|scratch that|never ?mind"
    r"|forget (?:that|it)|i mean|just|only|make (?:that|it))\b\W*)+",
    _I,
)


def _frame(reading) -> bool:
    """ "a conference call, please": the kind of call wanted, naming no one and no number."""
    return reading.action == "conference" and reading.target is None and not reading.numbers


def _brings(part: str, reading) -> bool:
    return reading.action in _BRINGS or bool(_BRING_RE.match(part))


def _number_alone(part: str, reading) -> bool:
    """ "he has an American mobile: 415-555-0156": a number to dial, said with no verb (never
    "my number is ..."): a request of its own beside another."""
    d = digitize(part)
    at = find_phone(d)[2]
    return bool(reading.numbers) and at >= 0 and not OWN_NUMBER_RE.search(words_before(d, at))


# "mute Klaus and the support desk, both": the second person, after "and", to the line's end
_AND_RE = re.compile(
    r",?\s+(?:and|&)\s+(?:also\s+)?(?P<other>[^,.;!?]+?)"
    r"[\s,]*(?:(?:both|too|as well|also|please|now|thanks|cheers)\b[\s,]*)*\W*$",
    _I,
)
_ON_SOMEONE = ("remove", "mute", "unmute")
_REASON = r"(?:it|he|she|they|there|that|this)(?:'s|'re|\s+(?:is|are|was|were|has|keeps))\b"
_WE_RE = re.compile(r"(?:i|we|i'm|im|i've|ive|i'll|i'd)\b", _I)
# "mute Mulder while Dana and I have a natter": a clause of when or why, no second request
_WHILE_RE = re.compile(
    r"[\s,]+(?:while|whilst|so that|so|until|till|because|cause|cuz)\s"
    # "mute tomas, he's driving and it's loud": a reason said after the name, no one else
    rf"|,\s+(?={_REASON})",
    _I,
)


def _each(part: str, action: str | None, target: str | None) -> list[str]:
    """A request done to two people ("mute Klaus and the support desk, both", "remove the
    0124 one and Dana") as one request each; any other as itself. Not "everyone except me and
    Dana", nor "them both"."""
    if action not in _ON_SOMEONE or not target or target.startswith("everyone"):
        return [part]
    part = _WHILE_RE.split(part, maxsplit=1)[0]
    named = re.split(r"\s+(?:and|&)\s+", target)  # "put Dana and Fox on mute"
    if len(named) == 2 and all(kind(n) == "specific" and n.lower() not in PRONOUNS for n in named):
        return [f"{action} {n}" for n in named]
    if not (m := _AND_RE.search(part)):
        return [part]
    first, other = part[: m.start()], m.group("other").strip()
    if understand(first).action != action or understand(other).action is not None:
        return [part]
    if kind(other) != "specific" or other.lower() in PRONOUNS:
        return [part]
    if re.match(_REASON, other, _I) or _WE_RE.match(other):
        return [part]  # "mute tomas, it's loud": why; "..., Luis and I need to talk": who talks
    return [first, f"{action} {other}"]


def is_end(clause: str) -> bool:
    return clause == _END


# "..., then unmute her after", "and unmute him when Omar's done", "remove them later": a request
# for later, which the host (no timers) does only once the caller asks for it then
_LATER_RE = re.compile(
    r"\b(?:after(?:wards?| that)?|later(?: on)?|in a (?:bit|minute|while)|(?:when|once|after)"
    r"(?: (?:he|she|they|\w+)(?:'s| is| has| are|'re)?)? (?:done|finished|through))\W*$",
    _I,
)


def for_later(clause: str) -> bool:
    """Whether `clause`, one request of a line of several, asks for a mute, unmute or removal
    to be done later rather than now."""
    return understand(clause).action in _ON_SOMEONE and bool(_LATER_RE.search(clause))


def next_clause(ctx: llm.ChatContext) -> str | None:
    """The next request of the caller's last line of several, once the one before returned;
    None when none is left. Yes answers to a read-back in between belong to that request."""
    users = [
        i for i, item in enumerate(ctx.items) if item.type == "message" and item.role == "user"
    ]
    for n, at in reversed(list(enumerate(users))):
        text = ctx.items[at].text_content or ""
        if parts := clauses(text):
            break
        reply = ctx.items[at : users[n + 1] if n + 1 < len(users) else None]
        acted = any(  # "Ja, genau.": a yes in words the yes rule took, as the dial after it shows
            i.type == "function_call" and i.name in ACTS_ON_READ_BACK.values() for i in reply
        )
        reading = understand(text)
        if reading.confirm is not True and not (acted and reading.action is None):
            return None
    else:
        return None
    done = sum(
        1
        for item in ctx.items[at:]
        if item.type == "function_call"
        and item.name not in (*ACTS_ON_READ_BACK.values(), "name_participant")  # no request
    )
    return parts[done] if done < len(parts) else None
