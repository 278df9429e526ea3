"""The offline NLU reads phone numbers, extensions and several numbers said in one turn."""

from __future__ import annotations

import pytest

from tests.test_nlu import LOCAL, NUM
from workflows.rehearsal.nlu import extract_phone_number, understand

PHONES = [
    ("+1 415 555 0100", (NUM, None)),
    ("+14155550100", (NUM, None)),
    ("(415) 555-0100", (LOCAL, None)),
    ("415-555-0100", (LOCAL, None)),
    ("415.555.0100", (LOCAL, None)),
    ("1-415-555-0100", ("14155550100", None)),
    ("+1 (415) 555-0100", (NUM, None)),
    ("+44 20 7946 0958", ("+442079460958", None)),
    ("0049 30 123456", ("004930123456", None)),
    ("call 4155550100 now", (LOCAL, None)),
    ("four one five five five five zero one zero zero", (LOCAL, None)),
    ("four one five, five five five, oh one oh oh", (LOCAL, None)),
    ("call 415 555 0100, 2 people are joining", (LOCAL, None)),
    ("four one five five five five oh one oh oh", (LOCAL, None)),
    ("four one five double five five zero one zero zero", (LOCAL, None)),
    ("four one five five five five oh one double oh", (LOCAL, None)),
    ("eight hundred triple five", ("800555", None)),
    ("plus one four one five five five five zero one zero zero", (NUM, None)),
    ("415 five five five 0100", (LOCAL, None)),
    ("four 1 five 555 oh 1 hundred", (LOCAL, None)),
    ("415 555 0100 extension 204", (LOCAL, "204")),
    ("415-555-0100 ext. 204", (LOCAL, "204")),
    ("415-555-0100 ext 204", (LOCAL, "204")),
    ("(415) 555-0100 x204", (LOCAL, "204")),
    ("415 555 0100, then press 204", (LOCAL, "204")),
    ("415 555 0100 extension two oh four", (LOCAL, "204")),
    ("my extension is 204", (None, "204")),
    ("press 1", (None, None)),
    ("2 people", (None, None)),
    ("Q3", (None, None)),
    ("at 3pm", (None, None)),
    ("in 2024", (None, None)),
    ("at 10:30 on 12/05", (None, None)),
    ("1234", (None, None)),
    ("enter 123456 then hash", (None, None)),
    ("12345", ("12345", None)),
    ("no one is here", (None, None)),
    ("", (None, None)),
    ("extension 204 please", (None, "204")),
]


@pytest.mark.parametrize(("text", "expected"), PHONES, ids=[t or "<empty>" for t, _ in PHONES])
def test_extract_phone_number(text: str, expected: tuple[str | None, str | None]) -> None:
    assert extract_phone_number(text) == expected


def test_understand_uses_the_same_phone_reader() -> None:
    for text, (number, extension) in PHONES:
        reading = understand(text)
        assert (reading.phone_number, reading.extension) == (number, extension), text


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("call 415 555 0146 and 415 555 0147", ("4155550146", "4155550147")),
        (
            "please add 415 555 0146, 415 555 0147 and 415 555 0148",
            ("4155550146", "4155550147", "4155550148"),
        ),
        ("add 415 555 0100 extension 204 and 415 555 0101", ("4155550100 ext 204", "4155550101")),
        ("add 415, 555, 0100", ("4155550100",)),
        ("four one five five five five zero one two three", ("4155550123",)),
        ("press 1", ()),
        ("call 415 555 0100, my number is 415 555 0199", ("4155550100",)),
        # The last digits of another number with the same beginning.
        ("add 415 555 0146 and also 0147", ("4155550146", "4155550147")),
        ("call +1 415 555 0146 and 0147", ("+14155550146", "+14155550147")),
        ("add 415 555 0146, 0147, 0148", ("4155550146", "4155550147", "4155550148")),
        ("add 415 555 0146, 0147 and 0148", ("4155550146", "4155550147", "4155550148")),
        (
            "four one five five five five oh one four six and also oh one four seven",
            ("4155550146", "4155550147"),
        ),
        ("call 415 555 0146 and 2 others", ("4155550146",)),
        ("call 415 555 0146 and press 1", ("4155550146 ext 1",)),
        ("call 415 555 0146 extension 12 and 0147", ("4155550146 ext 12",)),
    ],
)
def test_several_numbers_in_one_turn(text, numbers):
    reading = understand(text)
    assert reading.numbers == numbers
    assert reading.phone_number == (numbers[0].split(" ext ")[0] if numbers else None)


def test_the_callers_own_number_is_never_one_to_dial():
    reading = understand("Hi, this is Ada and my number is 415 555 0100, I need a conference call")
    assert (reading.phone_number, reading.numbers) == ("4155550100", ())
