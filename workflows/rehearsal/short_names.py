"""Short names: "unmute shaz" with Shazza on the call is Shazza. A word of at least three letters
that starts a name on the call names that person when it starts one name only; when it starts
several, the caller is asked which."""

from __future__ import annotations

import re

_MIN_LETTERS = 3
_WORD_RE = re.compile(r"[a-z][a-z'-]*")


def starting(said: str, live: list[str]) -> list[str]:
    """Everyone on the call (as `live` names them) whose name has a word `said` begins."""
    short = said.strip().lower()
    if len(short) < _MIN_LETTERS or not _WORD_RE.fullmatch(short):
        return []
    return [who for who in live if any(w.startswith(short) for w in who.lower().split())]
