"""What the sixth round's tester said and the offline NLU misread (issue 22), one rule a test:
counts, durations and times are no digits of a number; the caller's own name is no directory
match; leaving later is no goodbye; greetings and question words are no names. The dialog
around them is pinned by the natural_sixth_* scenarios."""

from __future__ import annotations

import pytest

from tests.support.harness import files
from workflows.rehearsal.mentions import contacts_named
from workflows.rehearsal.nlu import last_digits, understand


# ------------------------------------------------- a number never said is never read back
@pytest.mark.parametrize(
    "said",
    [
        "can you mention it's my router dropping out every ten minutes?",
        "tell them it drops for about 15 seconds",
        "we'll be two people",
        "we need 12 people on this",
        "the meeting is at 3:30",
        "say I'll be free around 11",
        "I restarted it like five times",
        "it's been down for 3 days",
    ],
)
def test_a_count_a_duration_or_a_time_is_no_last_digits(said):
    assert last_digits(said) is None, said


@pytest.mark.parametrize(
    "said, digits",
    [
        ("make it 0162", "0162"),
        ("the last digits are 62", "62"),
        ("no wait, the one ending in 10", "10"),
        ("change the last digit to 5", "5"),
    ],
)
def test_last_digits_said_as_digits_are_still_read(said, digits):
    assert last_digits(said) == digits


def test_a_correction_followed_by_a_duration_keeps_the_number():
    reading = understand("call 415 555 0147, sorry, it rings for ten seconds first")
    assert reading.numbers == ("4155550147",)


# ------------------------------------------------- the caller's own name is no directory match
def _people():
    """Contacts named like people (a first name and a surname), from the directory as shipped
    or edited: "Hi, Dana Scully here" gives the caller's name Dana Scully."""
    people = [
        c
        for c in files().directory.contacts
        if len(c.name.split()) == 2 and understand(f"Hi, {c.name} here").name == c.name
    ]
    assert people, "the directory names no one with a first name and a surname"
    return people


@pytest.mark.parametrize(
    "line",
    [
        "Hi, Tom {surname} here, I need to get my contractor on a call",
        "Hello, this is Kim {surname}, I'd like to set up a conference call",
        "Hi, {name} here, I need to get my accountant on a call",
    ],
)
def test_the_caller_s_own_name_names_no_contact(line):
    for contact in _people():
        said = line.format(name=contact.name, surname=contact.name.split()[1])
        assert contacts_named(files().directory, said) == [], said


def test_a_contact_named_beside_the_caller_s_name_is_still_found():
    directory = files().directory
    for contact in _people():
        said = f"Hi, Tom Zanzibar here, please add {contact.name}"
        assert [directory.find(n) for n in contacts_named(directory, said)] == [
            directory.find(contact.name)
        ], said


# ------------------------------------------------------------ leaving later is no goodbye
@pytest.mark.parametrize(
    "said",
    [
        "I'm Becky, and I need to loop in our account rep and then I'll probably hop off",
        "add Dana, and after that I'll drop off",
        "I have to go in ten minutes",
        "I've got to go later, add Dana first",
        "I'll probably hop off once she's on",
    ],
)
def test_leaving_later_is_no_goodbye(said):
    assert understand(said).goodbye is False, said


@pytest.mark.parametrize("said", ["ok I have to go", "I need to hop off now", "gotta run"])
def test_leaving_now_is_still_a_goodbye(said):
    assert understand(said).goodbye is True, said


# --------------------------------------------------- greetings and sentence words are no names
@pytest.mark.parametrize(
    "said, name",
    [
        ("Hello, good afternoon. Am I speaking to a real person?", None),
        ("Are you a robot?", None),
        ("Guten Tag. Klaus Becker from Munich. I would like a conference", "Klaus Becker"),
        ("Buenos días. Ana Ruiz here", "Ana Ruiz"),
        ("Bonjour, Marie Dubois, I need a conference", "Marie Dubois"),
        ("Guten Morgen, ich bin Klaus", "Klaus"),  # "ich bin": I am (round 46c)
    ],
)
def test_a_greeting_or_a_question_word_is_never_a_name(said, name):
    assert understand(said).name == name, said


def test_a_correction_of_the_name_replaces_it():
    assert understand("My name is Klaus, not Guten Tag.").name == "Klaus"
