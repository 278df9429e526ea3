"""A question about one person on the call: "is Dana still with us?", "is Fox still on?", "did
Mulder drop?", "has Dana hung up?". It asks about that person, never for the whole state, and
"drop" or "hang up" in it is neither a removal nor the caller's goodbye."""

from __future__ import annotations

import re

from workflows.rehearsal.nlu.people import reference

_PERSON_Q_RE = re.compile(
    r"^\W*(?:(?:so|and|hey|um|uh|wait|what|ok(?:ay)?|sorry|oh|hmm|right|actually|no)\W+)*"
    r"(?:(?-i:[A-Z])[a-z]+\s*,\s*)?"  # "Ava, is Shazza's line still engaged?": to the host
    r"(?:is|are|has|have|did)\s+"
    r"(?!(?:you|u|i|we|it|there|anyone|anybody|everyone|everybody|someone|somebody)\b)"
    r"(?!(?:this|that)\s+(?:on|there|here)\b)"  # "is this on?": the caller's own line
    r"(?P<who>[\w'.-]+(?:\s+[\w'.-]+){0,3}?)\s+"
    r"(?:(?:definitely|really|actually|surely|deffo)\s+)?(?:not\s+)?"  # "definitely not on"
    r"(?:still\s+(?:(?:hanging|holding|hangin|sitting|waiting)\s+)?"  # "still hanging on"
    r"(?:with us|on|there|here|around|connected|on the (?:line|call)|ringin[g']?|muted"
    r"|in there|busy|engaged)"  # "is Shazza's line still engaged or what?"
    r"|(?:on|there|here|with us|connected|on the (?:line|call)|busy|engaged)"
    r"(?:\s+or\s+(?:what|not))?"
    r"|(?:just\s+)?(?:left|gone|dropped|drop|hung up|hang up|leave)(?:\s+(?:off|out))?"
    r"|(?:on\s+)?mute[d]?)"
    r"(?:\s+(?:the|this)\s+(?:call|line))?"
    r"(?:\s+(?:right now|now|at the moment|currently|any ?more))?"  # "muted right now"
    r"(?:,?\s+or\s+(?:what|not|something|smth|sth|summat|anything))?"  # "on mute or smth?"
    r"(?:,?\s+or\s+(?:(?:did|has|have|is|can|could)\s+(?:he|she|they|it|\w+)|he|she|they)"
    r"\s+[\w' ]{1,30})?"  # "... or he dropped?"
    r"(?:,?\s+(?:do you know|you know|can you (?:check|tell|see)|by any chance))?"
    r"\s*\??\s*$",
    re.IGNORECASE,
)


# "my mom is muted right?", "Dana's on mute, yeah?": whether that one is muted, said as a
# statement with a question's tag
_MUTED_Q_RE = re.compile(
    r"^\W*(?:(?:so|and|um|uh|wait|ok(?:ay)?|oh|hmm)\W+)*"
    r"(?P<who>(?!(?:i|you|u|we|it|there|(?:any|every|some)(?:one|body)|this|that|who)\b)"
    r"[\w.-]+(?:\s+[\w.-]+){0,3}?)(?:'s|\s+is|\s+are)\s+(?:still\s+)?(?:muted|on\s+mute)"
    r"(?:\s+(?:now|right now|still|atm))?(?:[\s,]*(?:right|yeah|yes|yea|ya|correct|no|innit|yh"
    r"|isn'?t (?:he|she|it)|aren'?t they|is not (?:he|she|it))\W*|\s*\?\s*)$",
    re.IGNORECASE,
)


# "did you stop calling Shane or is his phone still ringing?": about Shane, no cancel
_STOPPED_Q_RE = re.compile(
    r"^\W*(?:(?:so|and|hey|um|uh|wait|ok(?:ay)?|sorry|oh|hmm|right)\W+)*did\s+(?:you|ya|u)\s+"
    r"(?:stop|quit|give up|kill|cancel)\s+(?:calling|ringing|dialing|dialling|on)?\s*"
    r"(?P<who>(?!(?:him|her|them|it|calling|ringing|dialing|dialling|on)\b)[\w.-]+"
    r"(?:\s+(?-i:[A-Z])[\w.-]*)?)(?:'s\s+(?:phone|line|call))?"
    r"(?:\s+(?:or|yet)\b[^?]*)?\s*\??\s*$",
    re.IGNORECASE,
)


# "Dana still with us?", "Mulder still on the call?": the same question without its "is"
_STILL_Q_RE = re.compile(
    r"^\W*(?!(?i:i|you|we|it|there|(?:any|every|some)(?:one|body)|this|that|who|who's|whos)\b)"
    r"(?P<who>[^\W\d_a-z][\w'.-]*(?:\s+[^\W\d_a-z][\w'.-]*){0,2})\s+(?i:still\s+"
    r"(?:with us|on|there|here|around|connected|on the (?:line|call))(?:\s+(?:the|this)\s+"
    r"(?:call|line))?)\s*\?"
)


# "she still there or did she hang up?": a pronoun's question without its "is", "or ..." after
_PRONOUN_STILL_RE = re.compile(
    r"^\W*(?:(?:so|and|um|uh|wait|ok(?:ay)?|sorry|oh|hmm|right)\W+)*(?P<who>he|she|they)"
    r"(?:'s|'re| is| are)?\s+still\s+(?:there|on|here|with us|around|connected"
    r"|on the (?:line|call))"
    r"(?:,?\s+or\s+(?:did|has|have|is)\s+(?:he|she|they)\s+[\w' ]{1,30})?\s*\?\s*$",
    re.IGNORECASE,
)


def asks_about(t: str) -> str | None:
    """Whom a question about one person on the call names, or None."""
    meant = None  # "Fox Mulder, I mean. Is he there?": he is the one meant just before
    for sentence in _SENTENCE_RE.split(t):  # "Is Monica still on? I hear nothing from her."
        if m := (
            _PERSON_Q_RE.search(sentence)
            or _STOPPED_Q_RE.match(sentence)
            or _STILL_Q_RE.match(sentence)
            or _PRONOUN_STILL_RE.match(sentence)
            or _MUTED_Q_RE.match(sentence)
        ):
            who = _WHOSE_RE.sub("", " ".join(m.group("who").split()))
            return meant if meant and who.lower() in _PRONOUNS else who
        meant = meant_in(sentence) or meant
    return None


def meant_in(sentence: str) -> str | None:
    """The person a sentence only says again ("Fox Mulder, I mean", "I mean the 0199 one")."""
    if (m := _POINTED_RE.match(sentence)) and (ref := reference(f"the {m['who']}")):
        return ref  # "the 0156 one dropped? is he still on": the one ending in 0156
    if not (m := _MEANT_RE.match(sentence)):
        return None
    return " ".join((m.group("a") or m.group("b")).split()).rstrip(".")


_PRONOUNS = ("he", "she", "they", "him", "her", "them")
# "the 0156 one dropped?", "what about the 0156 guy?", "the last one, ": a person on the call
# pointed at by their number or place, alone or with a verb of leaving, before "is he still on?"
_POINTED_RE = re.compile(
    r"^\W*(?:(?:so|and|um|uh|wait|ok(?:ay)?|hmm|what about|how about)\W+)*"
    r"(?P<who>(?:the\s+)?[\w'-]+(?:\s+[\w'-]+){0,2}?)"
    r"(?:\s+(?:just\s+)?(?:dropped|left|gone|hung up|disconnected|cut out|dropped out|fell off))?"
    r"\s*[?,.]*\s*$",
    re.IGNORECASE,
)
# "Fox Mulder, I mean", "no, I mean the one ending 0199": the person meant, said again
_MEANT_RE = re.compile(
    r"^\W*(?:(?:no|nah|sorry|oh|um|uh|er|wait)\W+)*(?:"
    r"(?i:i\s+mean[t]?)\s+(?P<a>[\w'.-]+(?:\s+[\w'.-]+){0,4}?)"
    r"|(?P<b>(?-i:[A-Z])[\w'.-]*(?:\s+(?-i:[A-Z])[\w'.-]*){0,2}),?\s+(?i:i\s+mean[t]?))\W*$",
    re.IGNORECASE,
)


# "is Shane's phone still ringing?": the question is about Shane
_WHOSE_RE = re.compile(r"'s\s+(?:phone|line|call|number|cell|mobile)$", re.IGNORECASE)


# a sentence ends at its stop, or at a comma before a question ("the 0156 guy, is he on?")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|(?<=,)\s+(?=(?i:is|are|has|did)\s+(?:he|she|they)\b)")


# A person asked about with their team, to the receptionist: "is Dana in support around?", "is
# Fox from support in today?": the caller wants that person (Dana White), not the support desk
IN_TEAM_AROUND_RE = re.compile(
    r"\b(?i:is|are)\s+(?P<who>[A-Z][\w'-]*\s+(?i:in|from|on)\s+(?:the\s+)?[\w'-]+)\s+"
    r"(?i:around|in|there|available|free|about)\b"
)
