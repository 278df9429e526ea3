"""The rehearsal model, fifty-second round f (issue 22, tester 45): words of when or how soon
after a name are no part of it ("add Mulder meanwhile"), and a leg is named by its place ("the
New York line": where its number is, or where the caller said it is)."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import files, prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.places import leg_at

_PROMPTS = prompts()


# ----------------------------------------------- 1. words after a name
@pytest.mark.parametrize(
    ("line", "action", "target"),
    [
        ("can you add Mulder meanwhile?", "add", "Mulder"),
        ("get Dana Scully on real quick", "add", "Dana Scully"),
        ("transfer me to Mulder asap", "transfer", "Mulder"),
        ("mute Dana quickly please", "mute", "Dana"),
        ("remove Fox Mulder meanwhile", "remove", "Fox Mulder"),
        ("add Mulder in the meantime", "add", "Mulder"),
        ("add Mulder right away if you can", "add", "Mulder"),
    ],
)
def test_words_of_when_after_a_name_are_no_part_of_it(line, action, target):
    reading = understand(line)
    assert (reading.action, reading.target) == (action, target)


async def test_add_mulder_meanwhile_reads_fox_mulder_back():
    heard = await play_lines("host", "ok I'm on hold with them now. can you add Mulder meanwhile?")
    assert heard[-1].calls == [("look_up_contact", {"name": "Mulder", "purpose": "add"})]


# ----------------------------------------------- 2. a leg named by its place
_NY = "+1 212-555-0178"


def test_the_one_leg_in_a_place_is_found_by_its_number():
    numbers = {_NY: "2125550178", "Dana Scully": "4155550142"}
    for said in ("the New York line", "New York", "the new york number", "New York's line"):
        assert leg_at(said, numbers, {}) == _NY
    assert leg_at("San Francisco", numbers, {}) == "Dana Scully"
    assert leg_at("Chicago", numbers, {}) is None


def test_two_legs_in_one_place_name_neither():
    numbers = {_NY: "2125550178", "+1 646-555-0112": "6465550112"}
    assert leg_at("the New York line", numbers, {}) is None


def test_a_place_the_caller_said_wins_over_the_numbers():
    numbers = {"+1 415-555-0123": "4155550123", "Dana Scully": "4155550142"}
    assert leg_at("the Boston office", numbers, {"boston": "4155550123"}) == "+1 415-555-0123"
    assert leg_at("San Francisco", numbers, {"boston": "4155550123"}) is None  # two there


async def test_the_new_york_line_is_muted_and_unmuted():
    heard = await play_lines(
        "receptionist",
        "hi there, Bernard here, I need to put in a call to our New York office",
        "the number there is 212-555-0178",
        "Correct, please go ahead",
        "Please put the New York line on mute for now",
        "unmute New York",
    )
    assert heard[-2].calls == [("mute_participant", {"who": _NY, "muted": True})]
    assert heard[-1].calls == [("mute_participant", {"who": _NY, "muted": False})]


async def test_a_place_said_for_a_number_elsewhere_names_it():
    heard = await play_lines(
        "host", "I need to reach our Boston office, it's 415 555 0123", "yes", "mute Boston"
    )
    assert heard[-1].calls == [("mute_participant", {"who": "+1 415-555-0123", "muted": True})]


async def test_a_place_with_no_leg_there_is_still_not_on_the_call():
    heard = await play_lines("host", "add 212 555 0178", "yes", "mute the Chicago line")
    assert heard[-1].lines == [render(_PROMPTS.host.controls.not_on_call, who="the Chicago line")]


# ----------------------------------------------- 3. "he's in support" describes the one named
@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("add Mulder, he's in support", "+14155550144"),
        ("get Mulder on, he works in support", "+14155550144"),
        ("add Dana, she's in support", "+14155550143"),
        ("add Dana, she is in sales", "+14155550142"),
    ],
)
async def test_a_team_said_of_the_person_named_is_no_second_request(line, number):
    heard = await play_lines("host", line, "yes")
    assert heard[-1].calls == [("add_sip_participant", {"phone_number": number})]


def test_the_team_said_of_a_person_chooses_that_person():
    from workflows.rehearsal.mentions import contacts_named

    directory = files().directory
    assert contacts_named(directory, "add Dana, she's in support") == ["Dana from support"]
    assert contacts_named(directory, "get Mulder, he works in support") == ["Mulder from support"]
