"""The caller telling the host how long they have: "gotta go in ten mins", "I only have 5
minutes", "need to leave at 3", "I've got a hard stop at 4". No goodbye and no request: the
host acknowledges it in a few words and nothing is ended (`time_left`)."""

from __future__ import annotations

import re

_I = re.IGNORECASE
_NUM = (
    r"(?:\d+|a\s+few|a\s+couple(?:\s+of)?|couple(?:\s+of)?|one|two|three|four|five|six|ten"
    r"|fifteen|twenty|thirty|forty|half\s+an?)"
)
_UNIT = r"\s?(?:secs?|seconds?|mins?|minutes?|hours?|hrs?)\b"
# "at 3", "at 3:30", "at 4pm", "at noon", "at half past", "by 5"
_AT = (
    r"(?:at|by|before)\s+(?:\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm|o'?clock)?(?!\s*(?:people|seats))"
    r"|noon|midday|half\s+past|quarter\s+(?:past|to)|the\s+hour|the\s+top\s+of\s+the\s+hour)"
)
_WHEN = (
    r"(?:in\s+(?:(?:like|about|around|maybe|roughly|another|just)\s+)?"
    rf"{_NUM}(?:{_UNIT})?|{_AT})"
)
_LEAVE = (
    r"(?:go|leave|drop(?:\s+off)?|hop\s+off|jump(?:\s+off)?|run|head\s+(?:out|off)|bail|dip"
    r"|be\s+off|get\s+going|log\s+off|wrap\s+up)"
)
_TIME_LEFT_RE = re.compile(
    # "gotta go in ten mins", "need to leave at 3", "I'll have to drop off at half past"
    rf"\b(?:gotta|got\s+to|have\s+to|need\s+to|must|should)\s+{_LEAVE}\s+{_WHEN}"
    # "I'm leaving at 3", "im heading out in 10"
    r"|\b(?:i'm|im|i\s+am)\s+(?:leaving|heading\s+(?:out|off)|off|dropping\s+off|hopping\s+off)"
    rf"\s+{_WHEN}"
    # "I only have 5 minutes", "I've got ten mins", "we've only got half an hour"
    r"|\b(?:i|we)(?:'ve|ve|\s+have|\s+got|\s+only\s+have|\s+only\s+got|'ve\s+only\s+got"
    r"|\s+have\s+only\s+got)\s+(?:got\s+)?(?:only\s+)?(?:(?:about|like|around|maybe|just)\s+)?"
    rf"{_NUM}{_UNIT}(?!\s+(?:of\s+)?(?:hold|music|queue))"
    # "I've got a hard stop at 4", "hard stop in 20"
    r"|\bhard\s+stop\b",
    _I,
)


def time_left(text: str) -> bool:
    """Whether `text` tells how long the caller has before they go ("gotta go in ten mins")."""
    return bool(_TIME_LEFT_RE.search(text))
