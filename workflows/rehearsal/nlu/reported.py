"""A third person's report names no one: in "Kate says he's on 0140 now", "Kate told me his new
number", Kate is who said it, not the one whose number it is."""

from __future__ import annotations

import re

_REPORTED_RE = re.compile(
    r"\s+(?:just\s+)?(?:says|said|told\s+(?:me|us)|tells\s+(?:me|us)|reckons|thinks|mentioned"
    r"|texted|messaged|wrote)\b",
    re.IGNORECASE,
)


def reports(text: str, name: re.Match[str]) -> bool:
    """Whether the name `name` found in `text` is followed by a verb of saying."""
    return bool(_REPORTED_RE.match(text, name.end()))
