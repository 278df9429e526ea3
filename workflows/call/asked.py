"""Whether the caller, before the host took over, asked for someone of their own by who they are
to them ("can u put me thru to my foreman", "need 2 talk w ... n my mate"): someone the
directory does not list, so the host greets without asking "who?" and acts on it at once (it
asks for their number; nothing is dialled without a read-back and the caller's yes)."""

from __future__ import annotations

import re

_I = re.IGNORECASE
_THEIR = r"(?:my|our|me)\s+(?!own\b|number\b|name\b|account\b|bill\b|phone\b|line\b|call\b)[a-z]+"
_ASKED_RE = re.compile(
    r"\b(?:put|patch|send|transfer|connect|get)\s+(?:me|us)\s+(?:thru|through|across|over)?\s*"
    rf"(?:to|with)\s+{_THEIR}\b"
    rf"|\b(?:talk|speak|chat)\s+(?:to|with|w|wit)\s+(?:[^.?!]{{0,30}}?\b(?:and|n|&)\s+)?{_THEIR}\b"
    rf"|\bget\s+{_THEIR}\s+on\s+the\s+(?:line|phone)\b"
    rf"|\b(?:bring|ring|dial)\s+(?:in\s+)?{_THEIR}\b(?!\s+(?:on|in)(?:to)?\s+(?:a|the)\s+call)",
    _I,
)


_TEAM_RE = re.compile(r"\b(?:my|our)\s+(?:team|group|crew|staff)\b", _I)


def asks_for_their_own(lines: list[str]) -> bool:
    """Whether one of the caller's lines asks for someone by who they are to the caller."""
    return any(_ASKED_RE.search(line) and not _TEAM_RE.search(line) for line in lines)


_OWN_RE = re.compile(
    r"\b(?:my|our)\s+(?!own\b|number\b|name\b|account\b|bill\b|phone\b|line\b|call\b|team\b"
    r"|group\b|crew\b|staff\b)[a-z]+",
    _I,
)


def their_own(line: str) -> str | None:
    """Whom of their own the line asks for ("need 2 talk w dana in sales n my mate": "my
    mate"); None when it asks for no one so."""
    return m.group() if asks_for_their_own([line]) and (m := _OWN_RE.search(line)) else None
