"""A name spelled out letter by letter ("Margaret Odonell. That's O-D-O-N-N-E-L-L"): the
spelling is how the name is written, and a spelling is never a name of its own."""

from __future__ import annotations

import difflib
import re

# "O-D-O-N-N-E-L-L", "k-o-w-a-l-c-z-y-k": three letters or more, joined by hyphens
SPELLING_RE = re.compile(r"\b(?:[A-Za-z]-){2,}[A-Za-z]\b")
_CLOSE = 0.6  # how alike a spelling and a word of the name must be to be the same word


def as_spelled(name: str, text: str) -> str:
    """`name` with each word that `text` spells out written as spelled ("Margaret Odonell"
    with "O-D-O-N-N-E-L-L": "Margaret Odonnell"); a spelling close to no word changes none."""
    words = name.split()
    for m in SPELLING_RE.finditer(text):
        spelled = m.group().replace("-", "").capitalize()
        close = [difflib.SequenceMatcher(None, spelled.lower(), w.lower()).ratio() for w in words]
        if close and max(close) >= _CLOSE:
            words[close.index(max(close))] = spelled
    return " ".join(words)
