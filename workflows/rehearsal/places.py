"""A leg pointed at by where its number is: "The New York one is Kofi" names the one leg whose
area code is New York's (718, 212, 646, ...: `phonenumbers`' geocoder); with none there or
several, which one is asked."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import geocoder

_PLACE_RE = re.compile(
    r"\b(?i:the)\s+(?P<place>(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s+"
    r"(?:one|number|guy|person|line|lady|fella|bloke|woman|man)\b"
)


def place_said(text: str) -> str | None:
    """The place a line points at someone by ("the New York one" -> "New York"), or None."""
    m = _PLACE_RE.search(text)
    return m["place"] if m else None


def legs_in(place: str, numbers: dict[str, str]) -> list[str]:
    """The legs (of {leg: its last ten digits}) whose number is in `place`."""
    return [leg for leg, ten in numbers.items() if ten and _place_of(ten) == place.lower()]


def _place_of(ten: str) -> str:
    try:
        number = phonenumbers.parse("+1" + ten)
    except phonenumbers.NumberParseException:
        return ""
    return geocoder.description_for_number(number, "en").split(",")[0].strip().lower()
