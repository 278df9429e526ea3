"""Phone numbers: parse untrusted text into E.164, speak it back, and mask it in logs."""

from __future__ import annotations

import contextlib
import re
import unicodedata
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


# Why a text is not a dialable number: the kind (what tests and callers tell apart) and the
# plain words said about it.
_REASONS = {
    "too_long": "it is too long to be a phone number",
    "empty": "no phone number was given",
    "signs": "a phone number can only contain digits, spaces and + ( ) - .",
    "too_short": "it is too short to be a phone number",
    "unreadable": "it is not a phone number I can read",
    "invalid": "it is not a valid phone number for its country",
}
# What logs show where there is no number to mask.
NO_NUMBER = "<none>"


class InvalidNumber(ValueError):
    """The text is not a dialable phone number: `kind` says which way (a key of `_REASONS`),
    `reason` says why, in plain words."""

    def __init__(self, kind: str) -> None:
        self.kind, self.reason = kind, _REASONS[kind]
        super().__init__(self.reason)


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
        raise InvalidNumber("too_long")
    raw = (text or "").strip()
    if extension := _EXTENSION.search(raw):
        raw = raw[: extension.start()].strip()
    if not raw:
        raise InvalidNumber("empty")
    if not _ALLOWED.match(raw):
        raise InvalidNumber("signs")
    digits = re.sub(r"\D", "", raw)
    if len(digits) < 7:
        raise InvalidNumber("too_short")
    if len(digits) > 15:
        raise InvalidNumber("too_long")
    if raw.startswith("00"):  # the international prefix: phonenumbers skips spaces after "+"
        raw = "+" + raw[2:]
    try:
        number = phonenumbers.parse(raw, default_region)
    except NumberParseException:
        raise InvalidNumber("unreadable") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidNumber("invalid")
    return PhoneNumber(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        spoken=phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
        region=phonenumbers.region_code_for_number(number),  # known: the number is valid
        number_type=phonenumbers.number_type(number),
        extension=extension.group(1) if extension else None,
    )


def _check_e164(number: str) -> str:
    if number.startswith("+") and number[1:].isdigit():
        with contextlib.suppress(NumberParseException):  # an unknown country code
            if phonenumbers.is_valid_number(phonenumbers.parse(number)):
                return number
    raise ValueError(f"{number!r} must be a full, valid E.164 number, like +14155550100")


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
        return NO_NUMBER
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


# A phone number as it may appear in any text: digits (of any script: "４１５" too) or digit
# words, as the offline recognizer writes them ("four one five", "oh", "double five"), with
# anything people, JSON or room names put between them: spaces of every kind (no-break, thin,
# zero-width), dashes (en, em, minus), `_ , . / : ; ( ) [ ] " ' +`. Normalised before it is
# matched, so no way of writing a number hides it. Linear: a run starts only at a digit or
# digit word, and its gaps and units never overlap.
_DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_REPEATS = {"double": 2, "triple": 3}  # "double five" is 55
_WORD = "|".join([*_DIGIT_WORDS, *_REPEATS])
_UNIT = rf"(?:\d|(?<![^\W\d_])(?:{_WORD})(?![^\W\d_]))"  # a digit, or a digit word alone
_GAP = (
    r"[\s\u00ad\u180e\u200b-\u200f\u2028-\u202f\u2060-\u2064\ufeff"
    r"_,.;:/()\[\]\"'+\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]"
)
_RUN = re.compile(rf"\+?{_UNIT}(?:{_GAP}*{_UNIT})*", re.IGNORECASE)
_UNITS = re.compile(_UNIT, re.IGNORECASE)
_ANY_DIGIT = re.compile(r"\d")
_NONZERO_WORDS = tuple(w for w, d in _DIGIT_WORDS.items() if d != "0")  # 7 zeros is no number
_MIN_DIGITS = 7  # the shortest number parse_phone_number accepts


def redact(text: str) -> str:
    """Mask anything in free text that could be a phone number: every run of 7 or more
    digits, however it is written (see `_RUN`); the one redaction used for logs, the call log
    and file names. Unless LOG_PHONE_NUMBERS=full."""
    if _show_full_numbers or not _may_hold_number(text):
        return text
    return _RUN.sub(_mask_run, text)


def _may_hold_number(text: str) -> bool:
    """A quick look (a few passes in C) before the full match: most log text has no digit."""
    if _ANY_DIGIT.search(text):
        return True
    lowered = text.lower()
    return any(word in lowered for word in _NONZERO_WORDS)


def mentions_number(text: str) -> bool:
    """Whether free text holds something written like a phone number (7 or more digits)."""
    return _may_hold_number(text) and any(
        len(_digits_of(m.group(0))) >= _MIN_DIGITS for m in _RUN.finditer(text)
    )


def _digits_of(run: str) -> str:
    """The digits a run of `_RUN` says: "four one double five" is "4155"."""
    digits, repeat = [], 1
    for unit in _UNITS.findall(run):
        unit = unit.lower()
        if unit in _REPEATS:
            repeat = _REPEATS[unit]
            continue
        digits.append((_DIGIT_WORDS.get(unit) or str(unicodedata.digit(unit))) * repeat)
        repeat = 1
    return "".join(digits)


def _mask_run(match: re.Match[str]) -> str:
    run = match.group(0)
    digits = _digits_of(run)
    if len(digits) < _MIN_DIGITS:
        return run
    if run.startswith("+"):  # international: the country code may show, as in `mask`
        return _mask_digits(digits)
    return "*" * (min(len(digits), 15) - 2) + digits[-2:]
