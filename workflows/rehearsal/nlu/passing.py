"""The caller's name given in passing, in a line about something else: "mike. need a
conference.", "heyyy it's Jaylen lol, ...", "... for our weekly review. Name is Venkatesh.".

Read by the receptionist only, whose question is the caller's name: a word guessed from where
it stands is never a common word (`everyday_word`) nor a request of its own ("conference.")."""

from __future__ import annotations

import re

from workflows.rehearsal.nlu.caller import NAME_STOP, caller_name
from workflows.rehearsal.nlu.words import everyday_word

_I = re.IGNORECASE
_WORD = r"[^\W\d_][\w'\-]*"
# "Name is Venkatesh", "and the name's Olu": a clause that says it is the name
_SAYS_NAME_RE = re.compile(
    rf"(?:^|[,.!?;:])\s*(?:and\s+|so\s+)?(?:the\s+)?name(?:'s|\s+is)\s+({_WORD}(?:\s+{_WORD})?)"
    r"\s*(?:[,.!?;:]|$)",
    _I,
)
# "Venkatesh is my name", "Rosa Delgado is the name"
_NAME_IS_MINE_RE = re.compile(
    rf"(?:^|[,.!?;:])\s*({_WORD}(?:\s+{_WORD})?)\s+is\s+(?:my|the)\s+name\b", _I
)
# "mike. need a conference.", "yo. tyler. need a conf call": one word alone as the line's first
# clause (after a greeting), more said after it
_FIRST_ALONE_RE = re.compile(
    rf"^\W*(?i:(?:yo|hi|hey|hello|hiya|sup|howdy)\s*[.!]+\s*)?({_WORD})\s*[.,;:!]\s*\S"
)
# "kevin o'brien. can u put me thru": a first name and surname alone, the surname with an
# apostrophe or a hyphen ("o'brien", "smith-jones"), so never two words of a sentence
_FULL_ALONE_RE = re.compile(rf"^\W*({_WORD}\s+[^\W\d_]+['-][^\W\d_][\w'-]*)\s*[.,;:!]\s*\S")
# A letter held in a greeting ("heyyy", "hiii", "yooo"): three or more of it are one
_HELD_RE = re.compile(r"([a-z])\1{2,}", _I)


def name_in_passing(text: str, is_request) -> str | None:
    """The caller's name said in passing, title-cased; `is_request(word)` is True for a word
    that is a request on its own ("conference", "support"), never a name."""
    held = _HELD_RE.sub(r"\1", text)
    if held != text and (name := caller_name(held)):  # "heyyy it's Jaylen lol"
        return name
    for pattern in (_SAYS_NAME_RE, _NAME_IS_MINE_RE):
        if m := pattern.search(text):
            words = [w for w in m.group(1).split() if w.lower() not in NAME_STOP]
            if words and words == m.group(1).split():
                return " ".join(w if w != w.lower() else w.title() for w in words)
    if (m := _FULL_ALONE_RE.match(text)) and not any(
        w.lower() in NAME_STOP or everyday_word(w) or is_request(w) for w in m.group(1).split()[:1]
    ):
        return " ".join(w.title() if w == w.lower() else w for w in m.group(1).split())
    if m := _FIRST_ALONE_RE.match(text):
        word = m.group(1)
        if not (word.lower() in NAME_STOP or everyday_word(word) or is_request(word)) and not (
            len(word) > 4 and word.lower().endswith(("ly", "ing", "ed"))  # "honestly."
        ):
            return word.title() if word == word.lower() else word
    return None
