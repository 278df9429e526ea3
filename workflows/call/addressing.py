"""The addressing rule: whether a participant's words are said to the host.

People on a conference talk to each other; the host answers a participant only when they
address it: by its name (`name` in `prompts/conference_host.yaml`) or "host", as the first
word(s) of what they say ("Ava, who is on?", "hey host, mute me") or the last ("who's on the
call, Ava?"), or when their words answer a question the host has just asked them. Anything
else they say is context for the host, never a request. Pure: no LiveKit, no model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

HOST_WORD = "host"  # works whatever the host's name is
# Words that may come before the name when it opens a turn ("hey Ava", "okay so Ava").
_LEAD = frozenset(
    {"hey", "hi", "hello", "ok", "okay", "so", "um", "uh", "er", "and", "oh", "yo", "well"}
    | {"sorry", "excuse", "me", "please", "thanks", "oi", "oy"}  # "oi Ava, ..."
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def is_addressed(text: str, names: Iterable[str], *, answers_question: bool = False) -> bool:
    """True when `text` is said to the host: it opens (after greeting words) or closes with
    one of `names` (the host's name; "host" always counts), or it answers a question the
    host has just asked this person (`answers_question`). A name said in passing ("I think
    Ava muted him") is not addressing the host."""
    if answers_question:
        return True
    wanted = {n.lower() for n in names if n.strip()} | {HOST_WORD}
    words = _WORD.findall(text.lower())
    if not words:
        return False
    if words[-1] in wanted:
        return True
    # each sentence may open with it: "hi Klaus, Dana here. Ava, who else is on?"
    if any(_opens_with(s, wanted) for s in _SENTENCE_END.split(text.lower())):
        return True
    return addressed_at(text, wanted) is not None


# A clause in the middle of a line that calls the host and asks it something: "sorry, I'm
# driving, Ava can you put me on mute", "it is asking me for a PIN, Ava please press 1 2 3 4"
# or a question to it after a greeting to someone else: "Hello Dr. Tanaka, Ava, who else is
# joining us?", "morning all, Ava how long have we been on?"
# or tells it what the speaker is about to do: "sorted, Ava I'm gonna drop off now", "thanks
# all, Ava I'm off", "done here, Ava we'll hang up"
_ASKS_AFTER = (
    r"\W*(?:can|could|would|will|please|kindly|pls|plz|do|mute|unmute|add|press"
    r"|who|who's|whos|what|what's|whats|how|how's|which|where|when"
    r"|(?:i|we)(?:'m|'re|'ll| am| are| will| have to| need to| gotta|'ve got to)|im|ill)\b"
)


def addressed_at(text: str, names: Iterable[str]) -> int | None:
    """Where the words said to the host begin when a clause after a comma opens with its name
    and goes on to ask it something ("..., Ava can you put me on mute"); None otherwise."""
    wanted = {n.lower() for n in names if n.strip()} | {HOST_WORD}
    alternatives = "|".join(re.escape(n) for n in sorted(wanted))
    clause = rf"[,;:]\s*(?:(?:hey|hi|oh|so|and|um|uh|ok(?:ay)?)\s+)*(?:{alternatives})\b\W*"
    m = re.search(rf"{clause}(?={_ASKS_AFTER})", text, re.IGNORECASE)
    return m.end() if m else None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _opens_with(sentence: str, wanted: set[str]) -> bool:
    """Whether `sentence` opens (after greeting words) with one of the `wanted` names."""
    for word in _WORD.findall(sentence):
        if word in wanted:
            return True
        if word not in _LEAD:
            return False
    return False


# Greeting words that make the name after them a greeting to that person ("hi Dana").
_GREETING = frozenset(
    {"hey", "hi", "hiya", "heya", "howdy", "hello", "morning", "yo", "welcome", "thanks", "cheers"}
)
# Words before a greeting that leave the line's address open ("great, thanks Dana").
_FILLER = frozenset({"great", "good", "cool", "nice", "perfect", "right", "alright", "all"})


# A request about the person just named, said to the host: "Fox? drop him", "Dana, mute her".
_FOLLOW_UP_RE = re.compile(r"^\W*(?:and|what about|how about)\s+[\w' -]+\?\W*$", re.I)
_ABOUT_THEM_RE = re.compile(
    r"\s*(?:please\s+|pls\s+|can you\s+|could you\s+)*(?:remove|drop|kick|boot|mute|unmute|un-mute"
    r"|disconnect|hang up on|cut off)\s+(?:him|her|them|it|'em)\b"
    r"|\s*i\s+mean[t]?\b",  # "Mulder, I mean": the one the host is asked about
    re.IGNORECASE,
)

# The person named, told apart for the host: "Dana, dear, the one from sales" (after "I don't
# see the sales lady on the call"), "Dana, the sales lady": said of her, never to her
_KIND = r"(?:one|lady|guy|gal|woman|man|person|fella|bloke|girl)"
_WHICH_ONE_RE = re.compile(
    r"\W+(?:(?:dear|love|darling|hun|please|pls|i mean|sorry)\W+)*(?:the|that)\s+"
    rf"(?:{_KIND}\s+(?:from|in|on|at)\s+(?:the\s+)?[\w'-]+(?:\s+(?:team|desk))?|[\w'-]+\s+{_KIND})"
    r"(?:\s+please)?\W*$",
    re.IGNORECASE,
)

# What only the host does, asked after what is said to them: "Mulder, please drop off when
# you're ready, and then put me through to Dana White"
_THEN_ME_RE = re.compile(
    r",?\s+(?:and\s+)?(?:then|after\s+that|afterwards)\s+(?:please\s+|can\s+you\s+|could\s+you\s+)?"
    r"(?:put|transfer|connect|patch|send)\s+me\b",
    re.IGNORECASE,
)

# A check on someone, said to them: "Monica you there?", "can you hear me ok, Raj?"
_YOU = r"(?:you|u|ya)"  # typed short: "marcus u still there?"
_CHECK = (
    rf"(?:(?:can|could|do)\s+{_YOU}\s+hear\s+(?:me|us)(?:\s+(?:ok(?:ay)?|alright|all\s+right"
    rf"|fine|now|well|clearly))?|(?:(?:are|r)\s+)?{_YOU}\s+(?:still\s+)?(?:there|with\s+us"
    rf"|on\s+the\s+line|around|back)|how\s+(?:are|r)\s+{_YOU}(?:\s+doing)?)"
)
_CHECK_AFTER_RE = re.compile(rf"[\s,]*{_CHECK}\s*(?:[.!?;]|$)", re.IGNORECASE)
# Someone asked to do something of their own, no comma after the name (speech has none): "monica
# can you stay on while i find him", "Dana could you hang on a sec"; never what the host does
# ("Dana can you add Fox" is about the call, for the host)
_ASKED_BARE_RE = re.compile(
    rf"\s+(?:can|could|would|will)\s+{_YOU}\s+(?:(?:please|pls|just|also)\s+)*(?!(?:add|dial|call"
    r"|ring|mute|unmute|un-mute|remove|drop|kick|boot|transfer|connect|put|patch|end|hang\s+up"
    r"|disconnect|get|bring|take|loop|pull|conference|read|tell\s+me|find\s+out)\b)[a-z]",
    re.IGNORECASE,
)
_CHECK_THEN_NAME_RE = re.compile(rf"^\W*{_CHECK}\s*,?\s+([^\W\d_]+)\W*$", re.IGNORECASE)
# A pleasantry that opens a line and greets no one: "no worries. Monica you there?"
# One word of it opening a line is no one's name either ("sweet. stick him on mute").
PLEASANTRIES = frozenset(
    """sweet lovely great cool nice perfect brilliant awesome excellent fab fabulous fantastic
    wonderful marvellous marvelous splendid super grand ace neat dope rad magic champion legend
    beaut bonza terrific fine good ok okay alright right righto noted gotcha sound""".split()
)
# A typed shrug is one too: "k whatever. tony: you there still?"
_SHRUGS = "k|kk|whatever|meh|lol|haha|anyway|anyways|fine then|oh well|yeah|ya|yep|sure"
_PLEASANTRY_RE = re.compile(
    rf"^\W*(?:(?:no worries|no problem|sweet as|nice one|{_SHRUGS}"
    rf"|{'|'.join(sorted(PLEASANTRIES))})\W*){{1,3}}$",
    re.IGNORECASE,
)


# A goodbye to everyone on the call, the host among them: "bye everyone", "night all"
_TO_EVERYONE_RE = re.compile(
    r"\b(?:(?:good)?bye+|cya|see ya|see you|(?:good)?night|cheers)\W+"
    r"(?:every(?:one|body)|all|guys|y'?all|you all|both)\b",
    re.IGNORECASE,
)


def said_to_another(
    text: str, others: Iterable[str], host_names: Iterable[str], asked: str = ""
) -> bool:
    """True when the caller's `text` is said to another person on the call, not the host: it
    greets one of `others` by name ("hi Dana, how was the trip?") or opens by calling them
    ("Dana, can you hear me?"), and does not address the host. A name without a greeting or a
    comma after it is talk about them, for the host ("Cheers. Mulder can drop off now"); a
    name the host's question just `asked` with is the answer ("Which one do you mean?" ...
    "Scully, obviously")."""
    if is_addressed(text, host_names) or _FOLLOW_UP_RE.match(text):
        return False  # "and Dana?" after "remove Mulder": the same request, for Dana
    if _TO_EVERYONE_RE.search(text):
        return False  # "rosa, carlos had to leave. ok thats it, bye everyone": the host too
    names = {w for other in others for w in _WORD.findall(other.lower())}
    sentences = _SENTENCE_END.split(_TITLE_DOT_RE.sub(r"\1", text.strip()))
    while len(sentences) > 1 and _PLEASANTRY_RE.match(sentences[0]):
        sentences = sentences[1:]  # "no worries. Monica you there?": to Monica
    text = " ".join(sentences)
    for sentence in sentences[1:]:  # "grand, forget it then. Maeve, mute yourself": to Maeve
        if (m := _TOLD_OF_THEMSELVES_RE.match(sentence)) and m.group(1).lower() in names:
            return True
    for sentence in sentences:  # "can you hear me ok, Raj?"
        if (m := _CHECK_THEN_NAME_RE.match(sentence)) and m.group(1).lower() in names:
            return m.group(1).lower() not in _WORD.findall(asked.lower())
    greeted, after = False, 0
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        if _SENTENCE_END_RE.search(text, after, match.start()):
            greeted = False  # "Cheers." ends its sentence: thanks to the host, no greeting
        after = match.end()
        if word in names:
            end = _end_of_call(text, match.end(), names)
            called = text[end : end + 1] in {",", "!", "?", ":"} or bool(  # "tony: you there?"
                _CHECK_AFTER_RE.match(text, end)  # "Monica you there?"
                or _ASKED_BARE_RE.match(text, end)  # "monica can you stay on while i ..."
            )
            if called and (_ABOUT_THEM_RE.match(text, end + 1) or _WHICH_ONE_RE.match(text, end)):
                return False  # "Fox? drop him": the host is asked to act on the one named
            if called and _THEN_ME_RE.search(text, end):
                return False  # "Mulder, please drop off, and then put me through to Dana"
            later = _SENTENCE_END.split(text[end + 1 :])[1:]  # "Alvarez, talk later. drop him"
            if (called or greeted) and any(_ABOUT_THEM_RE.match(part) for part in later):
                return False
            if (called or greeted) and _then_for_host(text[end:]):
                return False  # "thanks Priya. can you also add Dana Scully?": for the host
            if word in _WORD.findall(asked.lower()):
                return False
            return greeted or called
        if word not in _LEAD | _GREETING | _FILLER | _TITLES:
            return False
        greeted = greeted or word in _GREETING
    return False


_SENTENCE_END_RE = re.compile(r"[.!?;]")
# A sentence calling someone by name and telling them of themselves: "Maeve, mute yourself if
# you're not talking", "Fox, can you mute your line?": said to them, whatever came before
_TOLD_OF_THEMSELVES_RE = re.compile(
    r"^\W*([^\W\d_]+)\s*[,:]\s*(?=.*\b(?:yourself|your (?:own )?(?:line|mic|microphone|phone)))",
    re.IGNORECASE,
)
# A request only the host can do, opening a sentence after a thanks to someone on the call:
# an add ("can you also add Dana Scully from sales?") or the caller leaving the call ("drop me
# out and leave them talking", "I'll let you two sort it out")
_FOR_HOST_RE = re.compile(
    r"^\W*(?:(?:right|ok(?:ay)?|so|and|now|alright|anyway|also|actually|just|um|uh)\W+)*"
    r"(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:(?:also|please|pls|just|now|then|quickly)\s+)*"
    r"|please\s+|pls\s+)?"
    r"(?:(?:add|dial|patch through|bring in|loop in|pull in|conference in)\b"
    r"(?!\s+(?:me|us|that|it|this|those|these|them|yourself|in)\b)"
    r"|(?:drop|take|get|move|remove) me (?:out|off)\b|(?:transfer|disconnect) me\b"
    r"|i'?ll (?:let|leave) (?:you|them)\b"
    r"|(?:leave|let) (?:them|the others|you two|you both|you all) (?:to|keep|talking|chatting)\b)",
    re.IGNORECASE,
)


def _then_for_host(after: str) -> bool:
    """Whether a sentence after the one greeting or calling someone (`after` opens at their
    name) asks what only the host can do (`_FOR_HOST_RE`): "Monica, thanks for joining. can
    you add the sales desk?"."""
    return any(_FOR_HOST_RE.match(part) for part in _SENTENCE_END.split(after)[1:])


# A title before a name ("Mr. Mulder, can you hear me?", "Dr Scully, you with us?"): its dot
# ends no sentence, and the title opens the call as a greeting word would.
_TITLE_DOT_RE = re.compile(r"\b(mr|mrs|ms|mx|dr|prof)\.", re.IGNORECASE)
_TITLES = frozenset({"mr", "mrs", "ms", "mx", "dr", "prof", "mister", "missus", "miss", "doctor"})
# A word after the name that still calls them ("Mulder mate, you there?"), or the rest of
# their name ("Fox Mulder, can you hear me?").
_CALLING = frozenset({"mate", "buddy", "bud", "pal", "man", "bro", "dude", "mister", "sir"})
_NEXT_WORD_RE = re.compile(r"[ \t]+([^\W\d_]+(?:'[^\W\d_]+)?)")


def _end_of_call(text: str, at: int, names: set[str]) -> int:
    """Where the calling of the name ending at `at` ends: past the rest of their name and one
    word such as "mate" ("Mulder mate, ..."); `at` itself when neither follows."""
    calling = False
    while (m := _NEXT_WORD_RE.match(text, at)) and not calling:
        word = m.group(1).lower()
        if word not in names and word not in _CALLING:
            break
        calling, at = word in _CALLING, m.end()
    return at


def puts_a_question(line: str) -> bool:
    """Whether the host's line asks its listener something ("Which one do you mean?")."""
    return line.rstrip().rstrip("\"')").endswith("?")


def may_be_aside(
    text: str, host_names: Iterable[str], *, others_on: bool, question_pending: bool
) -> bool:
    """Whether the caller's `text` may go unanswered as words to someone else on the call:
    only once another participant is on (`others_on`), when it is not addressed to the host
    (`is_addressed`) and answers no question the host has just put to the caller
    (`question_pending`: a read-back waiting, or the host's last line asked them something).
    Whether it carries a request for the host, only the model can tell: it replies with the
    aside marker when it finds none (`workflows/lifecycle/asides.py`)."""
    return others_on and not question_pending and not is_addressed(text, host_names)
