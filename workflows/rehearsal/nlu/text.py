"""Text helpers the readers share: tidy quotes, look a few words back, spot a negation."""

from __future__ import annotations

import re

from workflows.rehearsal.nlu.slang import unslanged
from workflows.rehearsal.roles import ROLES

_I = re.IGNORECASE
_NEGATED_RE = re.compile(
    r"(?:\b(?:don't|dont|do not|not|never|no need to|without)|n't)\s+(?:\w+\s+){0,2}$"
    # "I don't need you to dial it", "we don't want you to call her"
    r"|\b(?:don't|dont|do not)\s+(?:need|want)\s+(?:you|u|ya)\s+to\s+(?:\w+\s+)?$",
    _I,
)

# "could you instead first add my colleague": "first" said before a verb is when it is done
WHEN_BEFORE_RE = re.compile(r"\b(?:you|i|we|please|instead|then|just)\s+(?:first|next)\s+$", _I)


def words_before(s: str, pos: int) -> str:
    """The few words before `pos` (a bounded window keeps the look-behind checks linear)."""
    return s[max(0, pos - 60) : pos]


# A title before a name is not the name: "add Ms. Reyes" looks up Reyes, "mute everyone except
# Mr. Hendricks" spares Hendricks.
_TITLE_RE = re.compile(
    r"\b(?:(?i:mr|mrs|ms|mx|dr|prof|professor|mister|missus)|Miss|Doctor)\.?[ \t]+"
    r"(?=[^\W\d_][\w'-]*)"
    # "bring in Agent Mulder": a title that is also a word ("an agent") only before a name
    r"|\b(?i:agent|officer|detective|inspector)[ \t]+(?=[A-Z][\w'-]*)"
    # "the person on 0145 is Nurse Okafor": a job said as a title is no name (as "Dr" is none)
    r"|\b(?i:nurse|sergeant|sgt|captain|capt|coach|judge|pastor|reverend|rev|constable|sister"
    # "he is Herr Brandt" (tester 45): other languages' Mr and Mrs
    r"|herr|frau|señor|señora|señorita|senor|senora|monsieur|madame|mme|signor|signora)"
    r"\.?[ \t]+(?=[A-Z][a-z][\w'-]*)"
)


# "me" for "my" before a role (Australian, Irish, British English): "me foreman"
_ME_ROLE_RE = re.compile(rf"\bme\s+(?=(?:{ROLES})\b)", _I)
# "Whose on the call now": "whose" typed for "who's" before where someone is.
_WHOSE_RE = re.compile(r"\bwhose(?=\s+(?:on|still|here|there|left|in|connected|joined)\b)", _I)


# "luis says bye, he has work. hang him up": one person hung up on, never the whole call
_HANG_UP_ON_RE = re.compile(r"\bhang (him|her|them) up\b", re.IGNORECASE)


def normalise(text: str) -> str:
    """Curly quotes made straight, "whose on" read as "who's on", text slang written out."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").strip()
    text = _ASKED_HARD_RE.sub("?", text)  # "did zeke just drop??": one question
    text = by_team(text)  # "Dana, the one who works in support": Dana from support
    text = _ME_ROLE_RE.sub("my ", text)  # "get me supplier and me foreman on": my supplier
    text = _HANG_UP_ON_RE.sub(r"hang up on \1", text)  # "hang him up": that one, not the call
    return _WHOSE_RE.sub("who's", unslanged(text))


# Someone told by their team: "my colleague Dana, the one who works in support", "Dana, the lady
# that's on the support team" (never a question: "who works in support?")
_MEMBER_RE = re.compile(
    r",?\s+(?:the|that)\s+(?:one|lady|guy|woman|man|person|girl|bloke|fella|chap)\s+(?:who|that)"
    r"\s*(?:'s|\s+is|\s+works|\s+sits)\s+(?:in|on|from|with)\s+(?:the\s+)?(?=[a-z])",
    re.IGNORECASE,
)


# A warm word between a name and how it is told apart: "Dana, dear, the one from sales"
_WARM_RE = re.compile(
    r",\s*(?:dear|love|darling|darlin|hun|hon|honey|sweetie|please)\s*,\s*(?=(?:the|that)\s)",
    re.IGNORECASE,
)


def by_team(text: str) -> str:
    """ "Dana, the one who works in support" said as "Dana from support"."""
    return _MEMBER_RE.sub(" from ", _WARM_RE.sub(", ", text))


# A question asked with more than one mark: "did zeke just drop??", "he there yet?!"
_ASKED_HARD_RE = re.compile(r"\?[?!]+|!+\?[?!]*")


def without_titles(t: str) -> str:
    """Whom a request is about, without a title before a name ("Dr. Scully" -> "Scully"); the
    caller's own name keeps theirs ("Hi Dr. Jane Foster")."""
    return _TITLE_RE.sub("", t)


def negated(s: str, pos: int) -> bool:
    """True when the words just before `pos` negate it: "don't hang up", "do not call Bob"."""
    return bool(_NEGATED_RE.search(words_before(s, pos)))


# Words that lead into what is said and say nothing of it: "like I said, ...", "um, so, ..."
_LEAD_IN_RE = re.compile(
    r"^(?:(?:like|as)\s+i\s+(?:said|told\s+you|mentioned|was\s+saying)(?:\s+(?:before|earlier))?"
    r"|i\s+(?:just\s+|already\s+)?told\s+you|um+|uh+|erm?|hmm+|so|well|yeah|yes|ok(?:ay)?"
    r"|actually|basically|anyway|and|hey|hi|oh|look|right|alright)\b[\s,.;:!-]*",
    _I,
)


def without_lead_in(text: str) -> str:
    """ "like I said, I keep getting logged out" -> "I keep getting logged out"; all of it when
    nothing else is said."""
    rest = text.strip()
    while (cut := _LEAD_IN_RE.sub("", rest, count=1)) != rest:
        rest = cut
    return rest or text.strip()


# Words that only stress a question: "what exactly will you say?", "who's even in sales?"
HEDGE_RE = re.compile(r"\s+(?:exactly|precisely|actually|really|just|definitely|even)\b", _I)


# A line that asks something, and does not open by refusing: "Is that a real person? I don't
# want another machine.", "sure but if support cant fix it do i have to ring back?"
_REFUSING_START_RE = re.compile(
    r"^\W*(?:no+|nah|nope|don'?t|do not|never|cancel|stop|forget|scratch|skip|wait no|not)\b", _I
)


def asks_without_refusing(text: str) -> bool:
    """True when `text` asks a question and does not open with a refusal: its "don't" or
    "can't" is part of what it asks, not a no to what waits."""
    return "?" in text and not _REFUSING_START_RE.search(text)


# A question put to someone by name after the line's answer: "leave her. Amir, can you hear me?"
_ASKED_OF_RE = re.compile(r"(?<=[.!?])\s+[A-Z][\w'-]*\s*,\s+[^.!?]*\?\s*$")


def without_asked_of(text: str) -> str:
    """`text` without a closing question put to someone by name ("Amir, can you hear me?"),
    which is said to them, not to the host."""
    return _ASKED_OF_RE.sub("", text)


# A request the caller says they never made: "i didnt want to call anyone", "I did not ask you
# to add anybody": no request of the line, which asks what follows ("... unmute bisi pls")
_DISOWNED_RE = re.compile(
    r"\bi\s+(?:didn'?t|did\s+not|don'?t|do\s+not|never)\s+(?:want(?:ed)?|mean(?:t)?|ask(?:ed)?"
    r"|need(?:ed)?)\s+(?:you\s+)?to\s+(?:call|add|dial|ring|get|bring\s+in)\s+(?:any(?:one|body)"
    r"|some(?:one|body)|a(?:nother)?\s+(?:new\s+)?(?:one|person|number))\b[^.!?;,]*"
    # "never mind, I'll call him myself. bye": the caller dials on their own, nothing asked
    r"|\bi(?:'ll|\s+will|'m\s+going\s+to|\s+can)\s+(?:just\s+)?(?:call|ring|phone|dial|try)"
    r"\s+(?:him|her|them|'?em|it|[\w'-]+)\s+(?:myself|on\s+my\s+own|from\s+my\s+(?:phone|cell"
    r"|mobile))\b[^.!?;,]*",
    re.IGNORECASE,
)


def without_disowned(text: str) -> str:
    """`text` with a request the caller says they never made blanked out (same length)."""
    return _DISOWNED_RE.sub(lambda m: " " * len(m.group()), text)


# A request the line takes back at once: "mute the other number, i mean... whatever, who's on?",
# "remove Dana, actually never mind": what comes before it is no request of the line
_TAKEN_BACK_RE = re.compile(
    r"^(?P<req>.*?)(?:[,.;!?\u2026-]|\.\.\.)\s*(?:(?:i\s+mean|actually|nah|no|oh|um+|uh+)\W*)*"
    r"(?:whatever|never\s?mind|forget\s+(?:it|that))(?=\s*(?:[,.;!?\u2026]|$))",
    re.IGNORECASE,
)


def taken_back(text: str) -> tuple[str, str] | None:
    """What a take-back ("i mean... whatever", ", never mind") withdraws, and `text` with it
    and the take-back blanked out (same length); None when the line takes nothing back."""
    if not (m := _TAKEN_BACK_RE.search(text)) or not m.group("req").strip():
        return None
    return m.group("req"), " " * m.end() + text[m.end() :]
