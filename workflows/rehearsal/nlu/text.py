"""Text helpers the readers share: tidy quotes, look a few words back, spot a negation."""

from __future__ import annotations

import re

_I = re.IGNORECASE
_NEGATED_RE = re.compile(
    r"(?:\b(?:don't|dont|do not|not|never|no need to)|n't)\s+(?:\w+\s+){0,2}$", _I
)


def words_before(s: str, pos: int) -> str:
    """The few words before `pos` (a bounded window keeps the look-behind checks linear)."""
    return s[max(0, pos - 60) : pos]


def normalise(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'").strip()


def negated(s: str, pos: int) -> bool:
    """True when the words just before `pos` negate it: "don't hang up", "do not call Bob"."""
    return bool(_NEGATED_RE.search(words_before(s, pos)))
