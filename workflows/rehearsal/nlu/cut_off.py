"""A call with someone that dropped, told to the receptionist: "I was talking to Fox Mulder
earlier about my refund and the call dropped, can I get him back?". The need is speaking to
that person again: the host looks them up and reads them back (never dials on its own)."""

from __future__ import annotations

import re

_I = re.IGNORECASE
# Whom the caller was on a call with, by name: "I was talking to Fox Mulder", "I was on the
# phone with Dana Scully", "my call with Dana Scully"
_WAS_WITH_RE = re.compile(
    r"\b(?i:(?:i|we)\s+(?:was|were)\s+(?:just\s+)?(?:talking|speaking|chatting)\s+(?:to|with)"
    r"|(?:i|we)\s+(?:was|were)\s+(?:just\s+)?on\s+(?:the\s+|a\s+)?(?:phone|line|call)\s+with"
    r"|(?:my|our)\s+call\s+with)\s+(?P<who>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)"
)
# The call lost: "the call dropped", "got cut off", "got disconnected", "the line went dead"
_DROPPED_RE = re.compile(
    r"\b(?:dropped|got\s+(?:cut\s+off|disconnected|dropped)|(?:was|were|been)\s+(?:cut\s+off"
    r"|disconnected|dropped)|cut\s+out|went\s+dead|lost\s+(?:the\s+call|him|her|them|the\s+line"
    r"|connection|the\s+connection))\b",
    _I,
)


def cut_off_from(text: str) -> str | None:
    """The person a caller's dropped call was with ("Fox Mulder"); None when the line tells of
    no call with someone by name that was lost."""
    if (m := _WAS_WITH_RE.search(text)) and _DROPPED_RE.search(text, m.end()):
        return m.group("who")
    return None
