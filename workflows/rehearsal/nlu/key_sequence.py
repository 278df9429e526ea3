"""Keys asked for in sequence: "press 1 for me please, then 4", "press 1, and after that press
4" (each key, in order), and a key named right after keys went in ("and then 4", "now 3", "you
forgot the 4", "also hash"): never a number said alone ("0147 is Kayla")."""

from __future__ import annotations

import re

_KEY = r"(?:\d|[*#]|star|pound|hash|asterisk)"
# One to three keys said apart ("4", "4 5", "star 9"): more digits are a number, never keys
_KEYS = rf"{_KEY}(?:\s*,?\s*{_KEY}){{0,2}}(?![\w*#]|\s*,?\s*\d)"
_PRESS = r"(?:press|hit|push|enter|tap|key in|punch in|dial|select|choose)"
_THEN = r"(?:and\s+)?(?:then|after that|afterwards|next|followed by)"
# What follows the keys of a request: ", then 4", " and after that press 4", "; next the 4"
_MORE_RE = re.compile(
    r"(?:\s*,?\s*(?:for me|please|pls|first|now|thanks)\b)*"
    rf"\s*[,;.]?\s*{_THEN}\s*,?\s*(?:{_PRESS}\s+)?(?:the\s+)?({_KEYS})",
    re.I,
)
_LEAD = r"(?:ok(?:ay)?|oh|and|then|now|also|next|plus|after that|and now|and then|and also)"
_AFTER = r"(?:\s+(?:too|as well|please|pls|now|next|then|also))*"
# A line that only names more keys, right after keys were pressed
_FOLLOW_RE = re.compile(
    rf"^\W*(?:(?:{_LEAD}\W+)+(?:{_PRESS}\s+)?(?:the\s+)?({_KEYS})"
    rf"|(?:{_LEAD}\W+)*(?:you\s+(?:forgot|missed|skipped|didn'?t\s+(?:press|do|hit))"
    rf"|don'?t\s+forget|what\s+about)\s+(?:to\s+{_PRESS}\s+)?(?:the\s+)?({_KEYS})"
    rf"|(?:{_LEAD}\W+)*{_PRESS}\s+(?:the\s+)?({_KEYS})\s+(?:too|as well|also)){_AFTER}"
    rf"(?:\s+(?:key|button|sign))?{_AFTER}\W*$",
    re.I,
)


def as_keys(said: str) -> str:
    """The keys said ("star 9" -> "*9")."""
    keys = said.lower()
    for word, key in (("star", "*"), ("asterisk", "*"), ("pound", "#"), ("hash", "#")):
        keys = keys.replace(word, key)
    return re.sub(r"[^\d*#]", "", keys)


def more_keys(d: str, end: int) -> str:
    """The keys asked for after those of a request ending at `end`, in order ("" if none)."""
    return _more(d, end)[0]


def _more(d: str, end: int) -> tuple[str, int]:
    keys = ""
    while m := _MORE_RE.match(d, end):
        keys, end = keys + as_keys(m.group(1)), m.end()
    return keys, end


# Keys in sequence with no verb: "1, and after that 4", "then 2 and then hash"
_FIRST_RE = re.compile(rf"^\W*(?:{_LEAD}\W+)*(?:the\s+)?({_KEYS})", re.I)


def follow_up_keys(line: str) -> str:
    """The keys a line names when it only follows keys just pressed ("and then 4")."""
    line = line.strip()
    if m := _FOLLOW_RE.match(line):
        return as_keys(next(g for g in m.groups() if g))
    if (m := _FIRST_RE.match(line)) and (more := _more(line, m.end()))[0]:
        if re.fullmatch(rf"{_AFTER}\W*", line[more[1] :], re.I):
            return as_keys(m.group(1)) + more[0]
    return ""
