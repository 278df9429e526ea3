"""What a host line says about where to dial or transfer: a destination named, digits that
vary a number read back or pick someone on the call, and what a name said alone is for."""

from __future__ import annotations

import re

from livekit.agents import llm

from workflows.rehearsal.history import dialled_numbers
from workflows.rehearsal.nlu import Reading, last_digits
from workflows.rehearsal.nlu.corrections import enough_digits, with_last_digits
from workflows.rehearsal.nlu.numbers import digitize
from workflows.rehearsal.nlu.people import kind
from workflows.rehearsal.part_of import legs_with
from workflows.rehearsal.queued import standing_purpose


def purpose_of(ctx: llm.ChatContext, action: str | None) -> str:
    """A name or number said alone is for what the caller asked for before ("connect me to my
    manager" ... "the boss, Monica"); with a request of its own, it is added."""
    return standing_purpose(ctx) if action is None else "add"


def new_destination(reading: Reading) -> bool:
    """Whether a transfer request names where to: a number or a name, not "there" or "me"."""
    return bool(reading.phone_number or (reading.target and specific(reading.target)))


def new_digits(ctx: llm.ChatContext, digits: str, text: str) -> bool:
    """Whether last digits said alone are a new number to dial ("the other one, 0147"; "the
    same but ending in 45 instead of 87"), not someone already on the call ("the first one I
    gave you, the 0128")."""
    if not enough_digits(digits, digitize(text)):
        return False
    return not legs_with(digits, dialled_numbers(ctx))  # "the 718 number": that leg


def specific(target: str) -> bool:
    """A name to look up: not "someone", "her", nor digits ("add 4155" is no name)."""
    return kind(target) == "specific" and not _DIGITS_RE.search(target)


def stray_digits(reading: Reading) -> bool:
    """Digits said that make no phone number, keys or extension: "add four one five five";
    not a count ("with my two reps")."""
    return bool(_STRAY_RE.search(digitize(reading.text))) and not (
        reading.phone_number or reading.digits or reading.extension
    )


_DIGITS_RE = re.compile(r"\d")
_STRAY_RE = re.compile(r"\d(?:[ -]?\d){2}")
_CORRECTION_RE = re.compile(r"\b(?:instead|rather|make (?:it|that)|i mean|change)\b", re.I)
_ADDITION_RE = re.compile(r"\b(?:also|too|as well|and|plus|another)\b", re.I)


def adds_to(reading: Reading) -> bool:
    """ "yes, and also add ...": more to dial besides what was read back, not a correction."""
    if reading.action not in (None, "add", "conference") or _CORRECTION_RE.search(reading.text):
        return False
    return bool(_ADDITION_RE.search(reading.text))


def varied_digits(reading: Reading) -> str | None:
    """Digits that correct or vary a number's last digits ("make that 0162")."""
    if reading.action not in (None, "add", "conference") or reading.phone_number:
        return None  # "press 1", "drop the one ending in 62"
    if reading.extension:  # "and the extension 312": the number's extension, not its end
        return None
    return last_digits(reading.text)


def varied(number: str, reading: Reading, fix: str | None) -> str | None:
    """`number` (read back) as the line changes it: its last digits `fix`, or with the
    extension said alone ("And the extension 312, please do not forget"); None if neither."""
    base = number.split(" ext ")[0]
    if fix:
        return with_last_digits(base, fix)
    if reading.extension and not reading.phone_number and reading.action is None:
        return f"{base} ext {reading.extension}"
    return None
