"""Phone numbers: parse untrusted text into E.164, speak it back, and mask it in logs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat
from pydantic import AfterValidator

# Untrusted text is capped before any parsing; longer text is refused as "too long" at once.
MAX_NUMBER_TEXT = 64
_ALLOWED = re.compile(r"^[\d\s()+.\-/]*$")
# Searched, so it starts with a literal: a leading `\s*` would rescan every run of spaces from
# each of its positions (quadratic). The spaces before the marker are stripped afterwards.
_EXTENSION = re.compile(r"(?:;?ext\.?|extension|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)


class InvalidNumber(ValueError):
    """The text is not a dialable phone number; `reason` says why, in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class PhoneNumber:
    e164: str  # "+14155550100": what is dialled
    spoken: str  # "+1 415-555-0100": what the caller hears read back
    region: str  # "US": ISO region the number belongs to
    number_type: int  # phonenumbers.PhoneNumberType value
    extension: str | None = None  # digits to send after answer

    @property
    def masked(self) -> str:
        return mask(self.e164)


def parse_phone_number(text: str, default_region: str = "US") -> PhoneNumber:
    """Parse text a caller or model produced into a valid, normalised number.

    Accepts the usual written forms ("+1 415 555 0100", "(415) 555-0100", "415.555.0100") and an
    optional trailing extension ("ext 204", "x204"). Raises `InvalidNumber` otherwise.
    """
    if len(text or "") > MAX_NUMBER_TEXT:
        raise InvalidNumber("it is too long to be a phone number")
    raw = (text or "").strip()
    extension = None
    if match := _EXTENSION.search(raw):
        extension, raw = match.group(1), raw[: match.start()].strip()
    if not raw:
        raise InvalidNumber("no phone number was given")
    if not _ALLOWED.match(raw):
        raise InvalidNumber("a phone number can only contain digits, spaces and + ( ) - .")
    digits = re.sub(r"\D", "", raw)
    if len(digits) < 7:
        raise InvalidNumber("it is too short to be a phone number")
    if len(digits) > 15:
        raise InvalidNumber("it is too long to be a phone number")
    if raw.startswith("00"):
        raw = "+" + raw[2:].lstrip()
    try:
        number = phonenumbers.parse(raw, default_region)
    except NumberParseException:
        raise InvalidNumber("it is not a phone number I can read") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidNumber("it is not a valid phone number for its country")
    return PhoneNumber(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        spoken=phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
        region=phonenumbers.region_code_for_number(number) or "",
        number_type=phonenumbers.number_type(number),
        extension=extension,
    )


def _check_e164(number: str) -> str:
    try:
        valid = phonenumbers.is_valid_number(phonenumbers.parse(number))
    except NumberParseException:
        valid = False
    if not (number.startswith("+") and number[1:].isdigit() and valid):
        raise ValueError(f"{number!r} must be a full, valid E.164 number, like +14155550100")
    return number


# A field of a file people edit that holds a number (the directory, the dial policy).
E164 = Annotated[str, AfterValidator(_check_e164)]

_show_full_numbers = False  # LOG_PHONE_NUMBERS=full, set once at start-up


def show_full_numbers(on: bool) -> None:
    """Log numbers in full (debugging only). Set once from the settings at start-up."""
    global _show_full_numbers
    _show_full_numbers = on


def mask(number: str | None) -> str:
    """A phone number as logs may show it: the country code and last two digits only, unless
    LOG_PHONE_NUMBERS=full."""
    if not number:
        return "<none>"
    if _show_full_numbers:
        return number
    return _mask_digits(re.sub(r"\D", "", number))


@lru_cache(maxsize=1024)
def _mask_digits(digits: str) -> str:
    if len(digits) <= 4 or len(digits) > 15:  # not a number phonenumbers could read
        return "*" * min(len(digits), 15)
    try:
        cc = str(phonenumbers.parse("+" + digits).country_code)
    except NumberParseException:
        cc = ""
    hidden = len(digits) - len(cc) - 2
    return f"+{cc}{'*' * hidden}{digits[-2:]}"


# A run of digits and the separators people write numbers with: "+1 415-555-0100",
# "(415) 555-0100", "415.555.0100", "415/555/0100", inside "tel:+1...", "sip:+1...@host" or
# JSON. Linear: each run is scanned from at most a few of its digits.
_DIGIT_RUN = re.compile(r"\+?\d[\d\s().\-/]{5,}\d")
_MIN_DIGITS = 7  # the shortest number parse_phone_number accepts


def redact(text: str) -> str:
    """Mask anything in free text that looks like a phone number (every run of 7 or more
    digits, however it is written); the one redaction used for logs and the call log."""
    if _show_full_numbers:
        return text
    return _DIGIT_RUN.sub(_mask_run, text)


def mentions_number(text: str) -> bool:
    """Whether free text holds something written like a phone number (7 or more digits)."""
    return any(
        sum(c.isdigit() for c in m.group(0)) >= _MIN_DIGITS for m in _DIGIT_RUN.finditer(text)
    )


def _mask_run(match: re.Match[str]) -> str:
    run = match.group(0)
    if sum(c.isdigit() for c in run) < _MIN_DIGITS:
        return run
    return mask(run)
