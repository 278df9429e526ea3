"""What the fourth round's tester said and the offline NLU misread (issue 22), continued:
who a request is about, requests said otherwise, numbers in groups, people in one line."""

from __future__ import annotations

import pytest

from tests.support.harness import files
from tests.test_nlu_fourth import _reads
from workflows.call.directory import Directory
from workflows.rehearsal.nlu import extract_phone_number, understand


# ------------------------------------------------------------ who a request is about
@pytest.mark.parametrize(
    ("said", "target"),
    [
        ("Drop the first bloke", "the first one"),
        ("remove the second guy", "the second one"),
        ("mute the last fella", "the last one"),
    ],
)
def test_a_person_by_position_with_any_word_for_them(said, target):
    assert understand(said).target == target


@pytest.mark.parametrize(
    ("said", "target"),
    [
        ("The 0147 fellow is not required, please disconnect him.", "the one ending in 0147"),
        ("mute the 0146 guy", "the one ending in 0146"),
        ("kick off the 0133 line", "the one ending in 0133"),
        ("drop the 0146 one", "the one ending in 0146"),
        ("mute the 646 number", "the 646 number"),  # three digits are an area code
    ],
)
def test_four_digits_after_the_are_how_a_number_on_the_call_ends(said, target):
    assert understand(said).target == target


def test_the_0128_alone_is_a_reference_and_no_number_to_dial():
    reading = understand("Pete is the first one I gave you, the 0128")
    assert (reading.action, reading.phone_number, reading.numbers) == (None, None, ())


# ------------------------------------------------------------- requests said otherwise
@pytest.mark.parametrize(
    ("said", "action", "target"),
    [
        (
            "remove everyone except the 0146 line",
            "remove",
            "everyone except the one ending in 0146",
        ),
        ("Mute everybody except me.", "mute", "everyone except me"),
        ("mute everyone but Dana", "mute", "everyone except Dana"),
        ("drop everybody apart from the first one", "remove", "everyone except the first one"),
        ("mute everyone", "mute", "everyone"),
        ("Could you pop Mulder on mute for a moment?", "mute", "Mulder"),
        ("stick Dana on mute", "mute", "Dana"),
        ("both of them on mute please", "mute", "both of them"),
        ("Dana on mute, please", "mute", "Dana"),
        ("I'm on mute", None, None),
        ("hello, is it on mute?", None, None),
        ("could you put me on mute", "mute", "me"),
        ("right, pop him off mute now", "unmute", None),
        ("let Dana off mute", "unmute", "Dana"),
        ("kick off the 0133 line", "remove", "the one ending in 0133"),
        ("boot off Dana", "remove", "Dana"),
    ],
)
def test_mute_unmute_and_remove_said_otherwise(said, action, target):
    reading = understand(said)
    assert (reading.action, reading.target) == (action, target)


@pytest.mark.parametrize(
    ("said", "target"),
    [
        ("Is Mr. Hartley connected now, and is Monica still there?", "Hartley"),
        ("is Dana still on the line?", "Dana"),
        ("and is Monica still there?", "Monica"),
        ("Sam's not still ringing or anything, right?", "Sam"),
        ("Dana's not still ringing, is she?", "Dana"),
        ("How long has the call been going, roughly?", None),
        ("how long have we been on?", None),
        ("What happened?", None),
    ],
)
def test_questions_about_the_call_ask_its_state(said, target):
    reading = understand(said)
    assert (reading.action, reading.target) == ("status", target)


def test_is_anyone_here_is_asked_of_the_agent_not_of_the_call():
    _reads("is anyone here?", action=None)


def test_who_all_are_there_lists_the_call():
    _reads("Who all are there on the call now?", action="list")


@pytest.mark.parametrize(
    "said",
    ["Figures. Give it one more shot.", "give it another go", "try once more", "one more try"],
)
def test_one_more_try_redials(said):
    _reads(said, action="redial")


@pytest.mark.parametrize(
    ("said", "asks"),
    [
        ("Are you still there with me, or am I connected to somebody now?", True),
        ("you still there?", True),
        ("hello? are you there?", True),
        ("is anyone still there?", True),
        ("is Dana still there?", False),
        ("is anyone here?", False),
    ],
)
def test_asking_whether_the_agent_is_still_there(said, asks):
    _reads(said, asks_if_there=asks)


@pytest.mark.parametrize(
    ("said", "target"),
    [
        ("I'd like to be transferred to Dana White", "Dana White"),
        ("alright, send me there", None),
        ("ok fine, transfer me there", None),
    ],
)
def test_transfers_said_otherwise(said, target):
    _reads(said, action="transfer", target=target)


def test_asking_whether_one_can_come_back_is_a_question_about_transfers():
    _reads("wait, will I be able to come back to you after?", asks_about_transfer=True)


# ------------------------------------------------------------------------------ numbers
def test_a_second_number_in_comma_groups_after_and_is_a_number_not_last_digits():
    said = (
        "call four one five, five five five, oh one three three, "
        "and four one five, five five five, oh one four six"
    )
    assert understand(said).numbers == ("4155550133", "4155550146")


def test_a_single_digit_group_between_commas_belongs_to_the_number():
    assert extract_phone_number("call plus 44, 1, 234 567 890")[0] == "+441234567890"


# ----------------------------------------------------------------------- the directory
@pytest.mark.parametrize(
    ("said", "contact"),
    [("support", "Support desk"), ("the boss", "Monica Reyes"), ("a call with support", None)],
)
def test_a_need_that_is_a_contact_itself(said, contact):
    directory = Directory.model_validate(
        {
            "contacts": [
                {"name": "Support desk", "aliases": ["support"], "number": "+14155550151"},
                {"name": "Monica Reyes", "aliases": ["the boss"], "number": "+14155550170"},
            ]
        }
    )
    found = directory.exactly(said)
    assert (found.name if found else None) == contact


@pytest.mark.parametrize(
    ("said", "contacts"),
    [
        ("add Dana from sales and Fox Mulder", [["Dana Scully"], ["Fox Mulder"]]),
        ("the boss, and also Mulder", [["Monica Reyes"], ["Fox Mulder"]]),
        ("Dana, from sales, please", [["Dana Scully"]]),
        ("a conference with Mulder and the front desk", [["Fox Mulder"], ["Front desk"]]),
        ("write me a poem", []),
    ],
)
def test_the_people_named_in_one_line(said, contacts):
    directory = files().directory
    named = directory.named_in(said)
    assert [[c.name for c in directory.find(name)] for name in named] == contacts
