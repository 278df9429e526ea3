"""The rehearsal model, fifty-sixth round c (issue 22): participants, and legs by role. The
host's name after a first word or clause addresses it ("sorted, Ava I'm gonna drop off now");
a leg called by its contact's team ("the sales lady", "the one from sales"); a line said to a
participant who joined while a read-back waits is theirs, not the host's; "the head of <team>"
is that team's only contact, else its desk. One rule a test; expected words come from the prompt
files and the directory."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import files, prompts
from workflows.call.addressing import is_addressed, said_to_another
from workflows.call.directory import Directory
from workflows.rehearsal.team_legs import team_head, team_leg

_PROMPTS = prompts()
_HOST = _PROMPTS.host.name
_DELAYS = {"sim_ring_delay": 0.05, "sim_answer_delay": 0.05}


def _directory() -> Directory:
    return files().directory


def _team(team: str) -> list[str]:
    return [c.name for c in _directory().contacts if (c.team or "").lower() == team]


# ----------------------------------------------- 1. the host named after a first clause
@pytest.mark.parametrize(
    "line",
    [
        f"sorted, {_HOST} I'm gonna drop off now",
        f"thanks all, {_HOST} I'm off",
        f"right that's done, {_HOST} we'll hang up now",
    ],
)
def test_host_named_after_a_clause_addresses_it(line):
    assert is_addressed(line, [_HOST])


def test_the_name_in_passing_still_addresses_no_one():
    assert not is_addressed(f"I told Dana, {_HOST} is great", [_HOST])


@pytest.mark.parametrize(
    "line", [f"sorted, {_HOST} I'm gonna drop off now", f"thanks all, {_HOST} I'm off"]
)
async def test_a_participant_leaving_after_a_clause_is_removed(line):
    heard = await play_lines("host", "add Fox Mulder", "yes", f"Fox: {line}")
    assert ("remove_participant", {"who": "Fox Mulder"}) in heard[-1].calls


# ----------------------------------------------- 2. a leg by its contact's team
@pytest.mark.parametrize(
    ("target", "team"),
    [
        ("the sales lady", "sales"),
        ("the one from support", "support"),
        ("the guy in sales", "sales"),
    ],
)
def test_a_team_person_is_the_one_leg_of_that_team(target, team):
    member = _team(team)[0]
    assert team_leg(target, "", [member, "+1 415-555-0077"], _directory()) == member


def test_a_team_person_of_two_legs_is_no_one():
    assert team_leg("the sales lady", "", _team("sales"), _directory()) is None


def test_a_pronoun_with_the_team_person_in_the_line():
    member = _team("sales")[0]
    live = [member, "+1 415-555-0077"]
    assert team_leg("her", "the person in sales can go, drop her", live, _directory()) == member


async def test_take_the_sales_lady_off_removes_her():
    lines = ("add Dana Scully", "yes", "add 415 555 0077", "yes")
    line = "could you take the sales lady off now, thank you dear"
    heard = await play_lines("host", *lines, line)
    removed = [(n, a.get("who")) for n, a in heard[-1].calls]
    assert removed == [("remove_participant", "Dana Scully")]


# ----------------------------------------------- 3. said to the one who just joined
@pytest.mark.parametrize(
    "line",
    [
        "Dana, it's Bernadette, Dr. Okafor's assistant, he'll join shortly",
        "Dana, hi, this is Bernadette from Dr. Okafor's office",
    ],
)
async def test_words_to_the_one_who_joined_while_a_read_back_waits_get_no_reply(line):
    lines = ("Hi, I'm Bernadette", "He needs a call with Dana Scully and the front desk", "yes")
    heard = await play_lines("receptionist", *lines, line, settings=_DELAYS)
    assert heard[-1].calls == [] and heard[-1].lines == []


# ----------------------------------------------- 4. the head of a team
@pytest.mark.parametrize(
    "name", ["the head of management", "head of the management team", "the management lead"]
)
def test_the_head_of_a_one_contact_team_is_that_contact(name):
    assert team_head(name, _directory()) == _team("management")[0]


def test_the_head_of_a_team_with_a_desk_is_the_desk():
    desk = [c.name for c in _directory().contacts if "sales" in {a.lower() for a in c.aliases}]
    assert team_head("the head of sales", _directory()) == desk[0]


def test_no_head_of_an_unknown_team():
    assert team_head("the head of marketing", _directory()) is None
    assert team_head("Dana Scully", _directory()) is None


@pytest.mark.parametrize(
    "line",
    [
        "Dana, the one from sales",
        "Dana, dear, the one from sales",
        "Dana, please, the one from sales",
        "Dana, love, the sales lady",
    ],
)
def test_a_name_told_apart_is_for_the_host(line):
    assert not said_to_another(line, ["Dana Scully"], [_HOST])


def test_a_name_then_words_to_her_is_still_hers():
    assert said_to_another("Dana, the one from sales called me", ["Dana Scully"], [_HOST])


@pytest.mark.parametrize("line", ["Dana, dear, the one from sales", "Dana, hun, the sales lady"])
async def test_a_name_told_apart_after_not_seen_is_the_request_alone(line):
    lines = ("add Dana Scully", "yes", "add 415 555 0077", "yes", "take the lady off please")
    heard = await play_lines("host", *lines, line)
    removed = [(n, a.get("who")) for n, a in heard[-1].calls]
    assert removed == [("remove_participant", "Dana Scully")]
