"""The rehearsal model, fifty-seventh round d (issue 22): naming legs and typo commands. "the
212 number is our mum, Birgit" names that leg Birgit (who they are, a comma, then the name);
"wh0s on" is "whos on" (a 0 typed for an o inside a word of letters, never in a number); a name
the caller calls on the call ("Ted, do you want to add Aunt Zofia? her number is ...") is never
the name of that number, the person added is; a leg a participant described ("Tanya: Ava can
you add my husband too, ...") is "the husband" to the caller too."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines, tool_args, tool_names
from workflows.rehearsal.leg_names import given_name, leg_referred
from workflows.rehearsal.nlu.spelling import as_meant
from workflows.rehearsal.numbered_names import numbered_names

_TWO = ("add 415 555 0155", "yes", "add 646 555 0133", "yes")


# ----------------------------------------------- 1. "the 212 number is our mum, Birgit"
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("sorry, the 212 number is our mum, Birgit", "Birgit"),
        ("the one ending 0155 is my brother, Tom", "Tom"),
        ("the 646 guy is our cousin, Raj", "Raj"),
        ("the 0155 one is my old boss, Marta", "Marta"),
    ],
)
def test_a_relation_then_a_comma_then_the_name_is_the_name(line, name):
    assert given_name(line) == name


def test_the_number_said_picks_the_leg():
    legs = ["+1 415-555-0155", "+1 646-555-0133"]
    assert leg_referred("the 646 guy is our cousin, Raj", legs) == ("+1 646-555-0133", "Raj")


@pytest.mark.parametrize(
    ("line", "who", "name"),
    [
        ("the one ending 0155 is my brother, Tom", "+1 415-555-0155", "Tom"),
        ("sorry, the 646 number is our mum, Birgit", "+1 646-555-0133", "Birgit"),
    ],
)
async def test_the_leg_is_named_never_a_number_asked(line, who, name):
    heard = await play_lines("host", *_TWO, line)
    assert "read_back_number" not in tool_names(heard[4:])
    assert tool_args(heard[4:], "name_participant") == {"who": who, "name": name}


# ----------------------------------------------- 2. "wh0s on": a 0 typed for an o
@pytest.mark.parametrize(
    ("typed", "meant"),
    [("wh0s on", "whos on"), ("wh0's on the call", "who's on the call"), ("dr0p him", "drop him")],
)
def test_a_zero_inside_a_word_is_an_o(typed, meant):
    assert as_meant(typed) == meant


@pytest.mark.parametrize(
    "typed", ["415 555 0100", "call 0163", "x0q on", "wh0 is on", "a0b", "0k", "b00k 2"]
)
def test_a_zero_of_a_number_or_of_no_word_stays(typed):
    assert as_meant(typed) == typed.replace("b00k", "book")


@pytest.mark.parametrize("line", ["wh0s on", "wh0's on the call", "Wh0s on"])
async def test_wh0s_on_lists_the_call(line):
    heard = await play_lines("host", "add 415 555 0163", "yes", line.lower())
    assert tool_names(heard[2:]) == ["list_participants"]


async def test_dr0p_removes():
    heard = await play_lines("host", "add 415 555 0163", "yes", "k dr0p the 0163 guy")
    assert tool_args(heard[2:], "remove_participant") == {"who": "+1 415-555-0163"}


# ----------------------------------------------- 3. "Ted, do you want to add Aunt Zofia?"
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Ted, do you want to add Aunt Zofia? her number is 630 555 0127", "Zofia"),
        ("Ted, should we get Uncle Bogdan on? his number is 630 555 0127", "Bogdan"),
        ("Stefan, want me to add Zofia too? her cell is 630 555 0127", "Zofia"),
    ],
)
def test_the_person_added_is_the_numbers_name(line, name):
    assert numbered_names(line) == {"6305550127": name}


def test_a_place_before_is_still_no_name():
    assert numbered_names("New York first: 212 555 0163") == {}


_ADD_HER = "add her, 630 555 0127"
_TED = ("my younger brother is Ted, his cell is 773 555 0192", "yes")


@pytest.mark.parametrize(
    ("line", "add", "name"),
    [
        (
            "Ted, do you want to add Aunt Zofia? her number is 1 (630) 555-0127",
            "ok please add our aunt, 630 555 0127",
            "Zofia",
        ),
        (
            "Ted, shall we add Zofia too? her number is 630 555 0127",
            "add her, 630 555 0127",
            "Zofia",
        ),
        (
            "Ted, what about your godmother? her number is 630 555 0127",
            "add her, 630 555 0127",
            None,
        ),
    ],
)
async def test_the_one_called_never_names_the_number(line, add, name):
    heard = await play_lines("host", *_TED, line, add, "yes")
    assert "add_sip_participant" in tool_names(heard[-1:])
    named = [
        args["name"]
        for turn in heard[-1:]
        for tool, args in turn.calls
        if tool == "name_participant"
    ]
    assert named == ([name] if name else [])


# ----------------------------------------------- 4. "the husband" a participant added
_TANYA = (
    "first one 415 555 0127",
    "yes",
    "mom is Tanya",
    "Tanya: Ava can you add my husband too, 415 555 0139",
    "yes",
)


@pytest.mark.parametrize(
    ("line", "tool"),
    [
        ("k the husband has to go to work, let him go", "remove_participant"),
        ("mute the husband for a sec", "mute_participant"),
        ("can you let the husband go", "remove_participant"),
    ],
)
async def test_a_leg_a_participant_described_is_known_so(line, tool):
    heard = await play_lines("host", *_TANYA, line)
    assert tool_args(heard[5:], tool)["who"] == "+1 415-555-0139"


async def test_a_role_no_one_described_still_asks_whom():
    heard = await play_lines("host", *_TANYA, "k the nephew has to go, let him go")
    removed = [args["who"] for tool, args in heard[5].calls if tool == "remove_participant"]
    assert "+1 415-555-0139" not in removed
