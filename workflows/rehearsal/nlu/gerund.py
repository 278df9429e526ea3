"""A verb phrase as a gerund, so that a reason reads well after "about"."""

from __future__ import annotations

import re

_DOUBLE_LAST = frozenset("get set put run cut chat plan stop drop".split())


def gerund(phrase: str) -> str:
    """ "bring someone in" -> "bringing someone in", so that "about $reason" reads well."""
    verb, _, rest = phrase.partition(" ")
    low = verb.lower()
    if not low.isalpha() or (low.endswith("ing") and re.search(r"[aeiouy]", low[:-3])):
        return phrase
    if low in _DOUBLE_LAST:
        low += low[-1]
    elif low.endswith("ie"):
        low = low[:-2] + "y"
    elif low.endswith("e") and not low.endswith(("ee", "ye", "oe")) and len(low) > 2:
        low = low[:-1]
    return f"{low}ing {rest}".strip()
