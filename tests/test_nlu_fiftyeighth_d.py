"""The rehearsal model, fifty-eighth round d (issue 22): naming legs. "name the 917 one mom",
"call the 646 number Raj", "label 0188 as mom" name the leg those digits point at (never a
number asked for); a name said with a number given in part ("and the other one is Sam, same
but ending 0193") or before "hes on ..." typed without the apostrophe is kept for that leg once
dialled, so "who's on" lists the name the commands know; "name's Davo by the way, me brother"
names the one just dialled."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines, tool_args, tool_names
from workflows.rehearsal.leg_names import given_name, leg_referred, names_last
from workflows.rehearsal.lower_names import capitalised

_TWO = ("add 212 555 0119", "yes", "add 917 555 0188", "yes")
_LEGS = ["+1 212-555-0119", "+1 917-555-0188"]


# ----------------------------------------------- 1. "name the 917 one mom"
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("name the 917 one mom", "Mom"),
        ("name the 0155 one tom", "Tom"),
        ("call the 646 number raj", "Raj"),
        ("label 0188 as mom", "Mom"),
    ],
)
def test_a_name_after_the_digits_is_written_as_a_name(line, name):
    assert given_name(capitalised(line)) == name


def test_a_state_after_the_digits_is_no_name():
    assert capitalised("name the 917 one later") == "name the 917 one later"


@pytest.mark.parametrize(
    ("line", "who", "name"),
    [
        ("name the 917 one mom", "+1 917-555-0188", "Mom"),
        ("call the 212 number Tyrone", "+1 212-555-0119", "Tyrone"),
        ("label 0188 as Denise", "+1 917-555-0188", "Denise"),
    ],
)
def test_the_leg_the_digits_point_at_is_named(line, who, name):
    assert leg_referred(capitalised(line), _LEGS) == (who, name)


async def test_naming_by_digits_names_that_leg_and_asks_no_number():
    heard = await play_lines("host", *_TWO, "name the 917 one mom")
    assert "read_back_number" not in tool_names(heard[4:])
    assert tool_args(heard[4:], "name_participant") == {"who": "+1 917-555-0188", "name": "Mom"}


# ----------------------------------------------- 2. the name said with the number is kept
@pytest.mark.parametrize(
    "first",
    [
        "ok first is Tom, hes on six one seven, double five five, oh one nine two",
        "first up Tom, hes at 617 555 0192",
        "Tom, theyre on 617 555 0192",
    ],
)
async def test_a_name_before_hes_on_names_the_leg_dialled(first):
    heard = await play_lines("host", first, "yes", "whos on the call?")
    assert tool_args(heard[1:2], "name_participant")["name"] == "Tom"
    assert tool_names(heard[2:]) == ["list_participants"]


@pytest.mark.parametrize(
    "second",
    [
        "and the other one is Sam, same but ending 0193",
        "Sam's the same but ends in 0193",
        "next is Sam, same number but 0193",
    ],
)
async def test_a_name_with_a_number_given_in_part_is_kept(second):
    heard = await play_lines("host", "add 617 555 0192", "yes", second, "yes")
    assert tool_args(heard[2:3], "read_back_number")["phone_number"] == "6175550193"
    assert tool_args(heard[3:], "name_participant")["name"] == "Sam"


async def test_the_list_and_the_mute_use_the_same_name():
    lines = ("ok first is Tom, hes on 617 555 0192", "yes", "mute tom")
    heard = await play_lines("host", *lines)
    assert tool_args(heard[1:2], "name_participant")["name"] == "Tom"
    assert tool_args(heard[2:], "mute_participant")["who"] == "Tom"


# ----------------------------------------------- 3. "name's Davo by the way, me brother"
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("name's Davo by the way, me brother", "Davo"),
        ("names Davo btw", "Davo"),
        ("oh and name is Shazza, me sister", "Shazza"),
        ("he's Davo by the way, my cousin", "Davo"),
    ],
)
def test_a_line_opening_with_name_is_names_the_one_just_dialled(line, name):
    assert names_last(line) == name


@pytest.mark.parametrize(
    "line", ["what's the name of the place", "the name is on the invoice", "my name's Bruce"]
)
def test_name_inside_a_line_names_no_one(line):
    assert names_last(line) is None


async def test_names_davo_names_the_leg_just_dialled():
    heard = await play_lines("host", "312 555 0147", "yes", "name's Davo by the way, me brother")
    assert tool_args(heard[2:], "name_participant") == {"who": "+1 312-555-0147", "name": "Davo"}
