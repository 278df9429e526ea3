"""Someone on the call greeted at the start of a line or of a sentence: "Renata, hi, thanks for
taking my call. Ava, can you add my colleague at 312 ...", "Hi Renata, good to have you.",
"Morning Renata!". The name is the person greeted, never a name for a number said in the same
line (`leg_names.py` leaves it out)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NAME = r"[A-ZÀ-ÖØ-ÞĀ-ž][\w'-]*"
_GREET = r"(?:hi|hello|hey|hiya|thanks|thank you|welcome|good morning|good afternoon|morning)"
_GREETED_RE = re.compile(
    rf"(?:^|[.!?;]\s+)\W*(?:(?P<name>{_NAME})\s*[,!]\s*(?i:{_GREET}|good to|great to|nice to|how)\b"
    rf"|(?i:{_GREET})\W+(?P<after>{_NAME})\b)"
)


def greeted_at(text: str) -> set[int]:
    """Where in `text` each name greeted so starts: {0} for "Renata, hi, ..."."""
    return {m.start("name") if m["name"] else m.start("after") for m in _GREETED_RE.finditer(text)}


def addressed(text: str, names: Iterable[str]) -> set[str]:
    """The names on the call (lower-cased, whole or their first word) that open a sentence of
    `text` calling that person ("Thank you. Margaret, Mr. Lindqvist will join from his mobile,
    212 ..."): said to her, never a name for the number in it."""
    said = {m.lower() for m in re.findall(r"(?:^|[.!?;]\s+)\W*([^\W\d_][\w'-]*)\s*,", text)}
    return {n.split()[0] for n in names if n} & said
