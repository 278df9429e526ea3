"""The rehearsal model, forty-seventh round a (issue 22): names with hyphens ("Jo-Ann",
"Mary-Kate", never "Jo-") while a spelling stays a spelling, the caller's second thoughts on
their own name ("I'm Robert, actually no wait, just Bob"), and the name asked twice when the
caller answered with more of the need: asked again saying why, the need kept."""

from __future__ import annotations

import json

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines, tool_args
from tests.support.harness import prompts
from workflows.rehearsal.added_need import added_company
from workflows.rehearsal.leg_names import given_name, name_step
from workflows.rehearsal.nlu import understand

_OFFLINE = prompts().offline
_HANDOVER = "transfer_to_conference_host"


# ----------------------------------------------- 1. hyphenated names
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("it's Jo-Ann", "Jo-Ann"),
        ("she's Mary-Kate", "Mary-Kate"),
        ("his name is Jean-Luc by the way", "Jean-Luc"),
        ("Mary-Kate is 415 555 0143", "Mary-Kate"),
    ],
)
def test_a_hyphenated_name_is_given_whole(line, name):
    assert given_name(line) == name


@pytest.mark.parametrize("line", ["O-L-U", "it's K-E-L-L-Y", "that's S-"])
def test_a_spelling_is_never_a_name(line):
    assert given_name(line) is None


def test_a_hyphenated_name_keeps_its_capitals_on_the_leg():
    assert json.loads(name_step("4155550178", "mary-kate").arguments)["name"] == "Mary-Kate"


async def test_the_person_dialled_is_named_with_the_hyphen():
    heard = await play_lines("host", "add 415 555 0178", "yes", "she's Mary-Kate")
    assert tool_args(heard, "name_participant")["name"] == "Mary-Kate"


async def test_a_hyphenated_caller_adds_a_hyphenated_person():
    heard = await play_lines(
        "receptionist",
        "this is Jean-Luc, need a call with my team",
        "add Mary-Kate, she's on 415 555 0178",
        "yes",
    )
    assert tool_args(heard, _HANDOVER)["caller_name"] == "Jean-Luc"
    assert tool_args(heard, "name_participant")["name"] == "Mary-Kate"


# ----------------------------------------------- 2. second thoughts on the caller's name
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("I'm Robert, actually no wait, just Bob", "Bob"),
        ("Robert here, well, Bob to my friends, call me Bob", "Bob"),
        ("name's Elizabeth, no, Liz is fine", "Liz"),
        ("name's Elizabeth, no wait, call me Liz", "Liz"),
        ("It's Margaret. Um, actually, Maggie is fine", "Maggie"),
    ],
)
def test_the_name_settled_on_last_is_the_callers(line, name):
    assert understand(line).name == name


@pytest.mark.parametrize(
    "line", ["I'm Sam. No, Dana should join", "I'm Sam, no rush", "I'm Sam, um, I need a call"]
)
def test_a_line_after_the_name_that_renames_nobody_keeps_it(line):
    assert understand(line).name == "Sam"


async def test_robert_then_just_bob_is_thanked_as_bob():
    heard = await play_lines("receptionist", "I'm Robert, actually no wait, just Bob")
    assert heard[0].lines == [render(_OFFLINE.ask_reason, name="Bob")]


# ----------------------------------------------- 3. the name asked again, saying why
@pytest.mark.parametrize(
    ("line", "company"),
    [
        ("with my two colleagues", "with my two colleagues"),
        ("w/ my team", "with my team"),
        ("need my boss on it too", "with my boss"),
        ("and also with the Berlin office please", "with the Berlin office"),
    ],
)
def test_company_added_to_the_need(line, company):
    assert added_company(line) == company


@pytest.mark.parametrize("line", ["Sam", "with pleasure", "I need a conference", "with me"])
def test_no_company_in_other_lines(line):
    assert added_company(line) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("with my two colleagues", "a conference with my two colleagues"),
        ("need my boss on it too", "a conference with my boss"),
        ("and I need to add my two colleagues", "adding my two colleagues"),
    ],
)
async def test_a_need_added_asks_the_name_saying_why_and_keeps_it(line, reason):
    heard = await play_lines("receptionist", "I need a conference", line, line, "Sam")
    assert heard[0].lines == [_OFFLINE.ask_name]
    assert heard[1].lines == [_OFFLINE.ask_name_why]
    assert heard[2].lines == [_OFFLINE.ask_name_again]  # never the same question twice
    assert tool_args(heard, _HANDOVER) == {"caller_name": "Sam", "reason": reason}


async def test_a_yes_to_the_name_asked_why_is_no_name():
    heard = await play_lines("receptionist", "I need a conference", "with my team", "yep")
    assert heard[2].lines == [_OFFLINE.ask_name_not_yes]
