"""What counts as a phone number (workflows/call/phone.py), one bound per test: 7 to 15 digits,
64 characters of text, the international prefix "00", each refusal told apart by its kind,
the E.164 fields of the files people edit, and the masked form of a number in a log."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from workflows.call.phone import (
    E164,
    MAX_NUMBER_TEXT,
    InvalidNumber,
    mask,
    mentions_number,
    parse_phone_number,
    redact,
)


def _refusal(text: str, region: str = "US") -> InvalidNumber:
    with pytest.raises(InvalidNumber) as refused:
        parse_phone_number(text, region)
    return refused.value


def test_seven_digits_are_enough_for_a_number():
    assert parse_phone_number("410 1234", "IS").e164 == "+3544101234"  # Iceland: 7 digits
    assert parse_phone_number("+683 7012").e164 == "+6837012"  # Niue, written in full
    assert _refusal("+683 701").kind == "too_short"


def test_fifteen_digits_are_the_most_a_number_has():
    assert parse_phone_number("+49 800 1234567890").e164 == "+498001234567890"  # E.164's 15
    assert _refusal("+49 800 12345678901").kind == "too_long"


def test_number_text_is_read_up_to_its_length_cap():
    number = "+1 415 555 0100"
    at_cap = number + " " * (MAX_NUMBER_TEXT - len(number))
    assert parse_phone_number(at_cap).e164 == "+14155550100"
    assert _refusal(at_cap + " ").kind == "too_long"


def test_too_long_is_one_refusal_however_it_is_too_long():
    by_text, by_digits = _refusal("1" * (MAX_NUMBER_TEXT + 1)), _refusal("1" * 16)
    assert by_text.kind == by_digits.kind == "too_long"
    assert by_text.reason == by_digits.reason == str(by_text)


def test_each_kind_of_refusal_has_its_own_plain_reason():
    refusals = [
        _refusal(text)
        for text in ["", "call +1 415 555 0100", "555 01", "1" * 16, "+999 555 0123", "+1 999"]
    ]
    refusals.append(_refusal("+1 415 555 010"))  # 10 digits but not a valid US number
    kinds = [r.kind for r in refusals]
    assert kinds == [
        "empty",
        "signs",
        "too_short",
        "too_long",
        "unreadable",
        "too_short",
        "invalid",
    ]
    reasons = {r.kind: r.reason for r in refusals}
    assert len(set(reasons.values())) == len(reasons)  # each kind says its own words
    assert all(isinstance(reason, str) and reason for reason in reasons.values())


def test_the_international_prefix_00_is_read_as_plus():
    assert parse_phone_number("0044 20 7946 0958").e164 == "+442079460958"
    assert parse_phone_number("00 44 20 7946 0958").e164 == "+442079460958"


def test_a_number_without_an_extension_has_none():
    assert parse_phone_number("+1 415 555 0100").extension is None
    assert parse_phone_number("+1 415 555 0100 x 0").extension == "0"


def test_the_region_of_a_number_is_where_it_belongs():
    assert parse_phone_number("+44 20 7946 0958").region == "GB"
    assert parse_phone_number("+800 1234 5678").region == "001"  # non-geographic


@pytest.mark.parametrize(
    "text",
    [
        "+14155550100 ",
        "+ 14155550100",  # E.164 has nothing between "+" and the digits
        "14155550100",
        "+1 415 555 0100",
        "+99955501234",  # no such country code
        "+1415555010",  # not a valid US number
    ],
)
def test_an_e164_field_takes_only_a_full_valid_number(text):
    with pytest.raises(ValidationError, match="E.164"):
        TypeAdapter(E164).validate_python(text)


def test_an_e164_field_keeps_a_valid_number_as_written():
    assert TypeAdapter(E164).validate_python("+14155550100") == "+14155550100"


def test_no_number_is_masked_as_no_number():
    assert mask(None) == mask("") != mask("+14155550100")
    assert not any(c.isdigit() for c in mask(None))


@pytest.mark.parametrize("digits", ["415555016312345", "4155550163123456", "4" * 28 + "45"])
def test_a_masked_run_never_tells_its_length_past_fifteen_digits(digits):
    assert redact(f"id {digits}.") == "id " + "*" * 13 + digits[-2:] + "."


def test_words_for_zero_alone_are_no_number():
    """An exclamation is not a number: a run of zero words with no other digit is left alone."""
    text = "oh oh oh oh oh oh oh, no, zero zero zero"
    assert redact(text) == text and not mentions_number(text)
