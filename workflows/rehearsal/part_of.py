"""A short group of digits that is part of a number already on the call ("the 646 guy",
"unmute 646", "the 718 number is Vinnie", "the 0134 one"): its area code or its last digits.
Such digits name that leg; they are never the last digits of a new number to dial."""

from __future__ import annotations

import re


def national(number: str) -> str:
    """The number's digits without a North American +1 (no extension)."""
    digits = re.sub(r"\D", "", number.split(" ext ")[0])
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def part_of(digits: str, number: str) -> bool:
    """Whether `digits` (three or more) are `number`'s area code or its last digits."""
    own = national(number)
    return len(digits) >= 3 and own != digits and (own.startswith(digits) or own.endswith(digits))


def legs_with(digits: str, numbers: list[str]) -> list[str]:
    """The numbers (as given, each once) of which `digits` are a part."""
    return list(dict.fromkeys(n for n in numbers if part_of(digits, n)))
