"""Numbers as people say them, US and UK styles: the words-to-digits step of the offline NLU
(`words2num2`, plus the few things it leaves out) and the number found in the words.

These rows are also the measure that chose the library (docs/architecture.md, "The offline
rehearsal model"): of the 28 numbers, the hand-written reader it replaced read 19 right, the
library alone 24, the library with the few preparations in `digitize` all 28.
"""

from __future__ import annotations

import pytest

from workflows.call.dial_policy import DialPolicy, Refusal, said_abroad
from workflows.call.phone import PhoneNumber
from workflows.rehearsal.nlu import extract_phone_number
from workflows.rehearsal.nlu.numbers import digitize

SPOKEN = [
    # US, digit by digit, with "oh", "double", "triple"
    ("four one five five five five oh one four seven", "4155550147"),
    ("four one five, double five five, oh one four seven", "4155550147"),
    ("four one five triple five oh one two three", "4155550123"),
    ("four-one-five, five-five-five, oh-one-two-three", "4155550123"),
    ("four one five five five five o one two three", "4155550123"),
    ("four one five five five five zero one two three", "4155550123"),
    # US, in groups: tens, teens, hundreds
    ("four fifteen, five five five, oh one twenty three", "4155550123"),
    ("four one five, five five five, oh one twenty", "4155550120"),
    ("four one five, five five five, oh one hundred", "4155550100"),
    ("four one five five five five oh one forty seven", "4155550147"),
    ("four one five, five five five, zero one sixty-two", "4155550162"),
    ("four one five, five fifty five, oh one four seven", "4155550147"),
    ("eight hundred, five five five, oh one two three", "8005550123"),
    ("one eight hundred five five five oh one two three", "18005550123"),
    # UK
    ("oh two oh seven nine four six oh oh one eight", "02079460018"),
    ("oh two oh, seven nine four six, double oh one eight", "02079460018"),
    ("zero two zero, seven nine four six, nought nought one eight", "02079460018"),
    ("o two o seven nine four six double o one eight", "02079460018"),
    ("oh seven seven double oh nine double oh one two three", "07700900123"),
    ("oh one one three, four nine six, oh seven double three", "01134960733"),
    ("plus four four, twenty, seven nine four six, oh oh one eight", "+442079460018"),
    ("plus four four twenty seven nine four six oh oh one eight", "+442079460018"),
    ("plus four four two oh seven nine four six double oh one eight", "+442079460018"),
    ("double oh four four, twenty, seven nine four six, oh oh one eight", "00442079460018"),
    ("plus four four seven seven double oh, nine double oh, one two three", "+447700900123"),
    # digits and words mixed
    ("415 five five five oh one four seven", "4155550147"),
    ("four one five 555 0147", "4155550147"),
    ("plus one four one five five five five oh one four seven", "+14155550147"),
]


@pytest.mark.parametrize(("said", "number"), SPOKEN, ids=[s for s, _ in SPOKEN])
def test_a_number_said_the_way_people_say_it_is_read(said, number):
    assert extract_phone_number(f"call {said} please")[0] == number


# Said to the fourth round's tester (issue 22), and one rule each: an "oh" right after a digit
# word is a zero ("two oh"); single digits said apart within a comma group are one group.
GROUPED = [
    ("plus four four, two oh, seven nine four six, oh nine five eight", "+442079460958"),
    ("four one five, five five five, oh one two oh", "4155550120"),
    ("plus four four, two zero, seven nine four six, oh nine five eight", "+442079460958"),
    ("plus 4 4, 2 0, 7946, 0958", "+442079460958"),
]


@pytest.mark.parametrize(("said", "number"), GROUPED, ids=[s for s, _ in GROUPED])
def test_groups_said_apart_by_commas_are_one_number(said, number):
    assert extract_phone_number(f"call {said} please")[0] == number


@pytest.mark.parametrize("said", ["Oh, one more thing", "two, oh wait", "add one, oh, and Dana"])
def test_an_oh_that_is_no_zero_is_left_as_it_is(said):
    assert "0" not in digitize(said)


def test_a_national_number_of_another_country_is_refused_for_its_region_not_as_invalid():
    """ "oh two oh seven nine four six oh oh one eight" on a US trunk: valid in the UK (and
    elsewhere), so the reason it cannot be dialled is the region, and it is said so."""
    refusal = said_abroad(DialPolicy(), "02079460018", "US")
    assert isinstance(refusal, Refusal) and refusal.rule == "region"
    assert refusal.values == {"who": "02079460018", "regions": "the United States"}


def test_a_national_number_is_read_in_the_one_other_allowed_country_where_it_is_valid():
    number = said_abroad(DialPolicy(allowed_regions=["US", "GB"]), "020 7946 0018", "US")
    assert isinstance(number, PhoneNumber) and number.e164 == "+442079460018"


@pytest.mark.parametrize("text", ["555 0100 99", "+44 20 7946 0018", "0044 20 7946", "0999"])
def test_only_a_trunk_prefix_makes_a_number_another_countrys(text):
    assert said_abroad(DialPolicy(), text, "US") is None
