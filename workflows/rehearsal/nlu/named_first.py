"""Lines that name someone, then act on them with a pronoun: "the support desk. remove it",
"Dana White. mute her", "Fox? drop him": the pronoun is the person just named, never "which
person?". And "hang up on everyone": the call ends for everyone, no one is removed."""

from __future__ import annotations

import re

from workflows.call.addressing import PLEASANTRIES
from workflows.rehearsal.nlu.people import kind

_I = re.IGNORECASE
_NAMED_FIRST_RE = re.compile(
    r"^\W*(?P<who>(?:the\s+)?[\w'-]+(?:\s+[\w'-]+){0,3}?)\s*[.?!;:,]+\s+(?P<rest>.+)$", _I
)
_REASON_FIRST_RE = re.compile(
    r"^\W*(?P<who>(?:the\s+)?[\w'-]+(?:\s+[\w'-]+){0,7}?)\s*[.?!;:,]+\s+(?P<rest>.+)$", _I
)
_SENTENCE_RE = re.compile(r"(?<=[.?!;])\s+")
_PRONOUN_RE = re.compile(r"\b(?:him|her|it|them|'em)\b", _I)
# Words that open a sentence of their own, not a name: "ok. mute her", "she's loud. mute her"
_NOT_A_NAME = (
    frozenset(
        """i i'm im you he she it they we he's she's it's they're that this ok okay right yes yeah
    yep no nope alright so well hmm um uh sorry great cool thanks cheers please hey hi oh
    actually now and but also then just there there's here here's what what's ugh ah ahh argh oof
    look listen wait k kk kay mk mkay okie okey oki okk back bk brb lol lmao do did does as
    like per same hold talk see catch bye ttyl later take""".split()
    )
    | PLEASANTRIES
)  # "sweet. stick him on mute", "lovely, take her off mute", "back. unmute him" (I am back);
# "do what she said, mute them": no one named
_ON_SOMEONE = ("remove", "mute", "unmute")
# A reason said of the one named before the request: "Dougal is eating crisps, mute him", "the
# boss has to go, take her off": whom the clause is about is its subject, before its verb.
_CLAUSE_VERB_RE = re.compile(
    r"\s+(?:is|are|was|were|has|have|had|keeps|needs|wants|must|can|can't|cannot|won't|will"
    r"|should|just|keeps|isn't|wasn't|doesn't)\b.*$|'s\s+\w+ing\b.*$",
    _I,
)
# A goodbye said to the one named, before what is done to them: "talk later", "see ya"
_FAREWELL_RE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|alright|right)\W+)?(?:talk(?: to)? (?:you |ya |u )?"
    r"(?:later|soon|tomorrow)|ttyl|see (?:you|ya|u)(?: later| soon| tomorrow)?"
    r"|catch (?:you|ya|u) later|bye|goodbye"
    r"|cheers|thanks?(?: you)?(?: so much)?|take care|later|speak soon)(?:\s+(?:mate|man))?\W*$",
    _I,
)
_LEAD_RE = re.compile(r"^\W*(?:(?:alright|ok(?:ay)?|right|thanks|cheers|well)\W+)+(?=\w)", _I)
_HANG_UP_ALL_RE = re.compile(
    r"\b(?:hang up on|cut off|disconnect|end (?:it|the call|this) for)\s+(?:every(?:one|body)|all"
    r"(?: of (?:us|them|you))?|the lot)\b",
    _I,
)


def named_first(d: str, action: str | None, target: str | None) -> str | None:
    """Who "it"/"her" is in "<name>. <verb> it": the name the line began with, when the request
    is about someone and named nobody else."""
    bare = _LEAD_RE.sub("", d)  # "alright Alvarez, talk later. drop him": Alvarez
    if (b := _NAMED_FIRST_RE.match(bare)) and _FAREWELL_RE.match(_SENTENCE_RE.split(b["rest"])[0]):
        d = bare
    if action not in _ON_SOMEONE or target is not None or not (m := _NAMED_FIRST_RE.match(d)):
        return None
    who = _CLAUSE_VERB_RE.sub("", m.group("who"))
    again = _REASON_FIRST_RE.match(m.group("rest"))
    if who == m.group("who") and again and _CLAUSE_VERB_RE.search(again.group("who")):
        # "Ava, Monica needs to leave now, please remove her": a name alone is who is spoken
        # to; "her" is the one the reason after it is about
        m, who = again, _CLAUSE_VERB_RE.sub("", again.group("who"))
    first = who.lower().split()[0]
    # "Very well, I'll simply stay on the line. Unmute her": the request opens what follows;
    # "Alvarez, talk later. drop him pls": a goodbye to the one named before it
    said = _SENTENCE_RE.split(m.group("rest"))
    asked = next((part for part in said if not _FAREWELL_RE.match(part)), "")
    # "hold musik now. mute them a sec": what is happening now, no one named
    if first in _NOT_A_NAME or who.lower().split()[-1] == "now" or not _PRONOUN_RE.search(asked):
        return None
    return who if kind(who) == "generic" else re.sub(r"^the\s+", "", who, flags=_I)


def hangs_up_on_everyone(d: str) -> bool:
    """ "hang up on everyone, cheers", "disconnect all of us": end the call for everyone."""
    return bool(_HANG_UP_ALL_RE.search(d))
