"""The rehearsal model, thirty-first round (issue 22): what the twentieth and twenty-first
testers met at the receptionist. A request signed off with thanks is that request; "ring off"
is hanging up; the need said with the name is kept; "here is <name>"; questions before the name
answered; the people and questions in a need. One rule a test; expected words are rendered from
the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.needs import GROUP_CALL_RE
from workflows.rehearsal.nlu.problems import support_need

_OFFLINE = prompts().offline
_KYLIE = "Kylie speaking, need to get a call happening with Dana and a couple others, cheers"


def _calls(heard) -> list[tuple[str, dict]]:
    return [call for turn in heard for call in turn.calls]


def _handover(heard) -> dict:
    """The arguments the receptionist handed the call over with ({} when it did not)."""
    return next((a for n, a in _calls(heard) if n == "transfer_to_conference_host"), {})


# ----------------------------------------------- 1. a sign-off never ends the call
@pytest.mark.parametrize(
    "line",
    [
        "I need a conference call with my team, cheers",
        "add Dana Scully please, cheers",
        "need a call with a few colleagues, ok cheers",
        "put me through to support, cheers!",
    ],
)
def test_thanks_after_a_request_is_no_goodbye(line):
    assert not understand(line).goodbye


@pytest.mark.parametrize("line", ["ok thanks, that's it, cheers", "add Dana, thanks, bye"])
def test_a_goodbye_beside_the_thanks_is_still_one(line):
    assert understand(line).goodbye


async def test_the_receptionist_hands_over_a_request_signed_off_with_cheers():
    heard = await play_lines("receptionist", _KYLIE)
    assert "end_call" not in [n for n, _ in _calls(heard)]
    assert _handover(heard)["caller_name"] == "Kylie"


@pytest.mark.parametrize(
    "line", ["you can ring off now, cheers", "right, ring off please", "I'll ring off now"]
)
async def test_ring_off_ends_the_call_at_the_host(line):
    heard = await play_lines("host", line)
    assert ("end_call", {}) in _calls(heard)


def test_ring_up_is_no_hanging_up():
    assert not understand("ring up Dana Scully").ends_call


# ----------------------------------------------- 2. the need said with the name
@pytest.mark.parametrize(
    "line",
    [
        "it is not letting me log in since morning",
        "the portal won't let me sign in",
        "my account keeps not letting me login",
    ],
)
def test_not_letting_me_log_in_is_a_login_problem(line):
    assert support_need(line) in ("support with logging in", "support with signing in")


@pytest.mark.parametrize(
    "line",
    [
        "I'm after a three-way call with my two brothers",
        "need a 4-way call",
        "need to get a call happening with Dana and a couple others",
    ],
)
def test_a_three_way_call_or_a_call_happening_with_people_is_a_group_call(line):
    assert GROUP_CALL_RE.search(line)


async def test_a_quick_question_asking_it_done_for_me_is_the_need():
    first = "Hiya, sorry, quick question first, can you ring people in to a call for me?"
    heard = await play_lines("receptionist", first, "Lovely. It's Harriet")
    assert _handover(heard) == {"caller_name": "Harriet", "reason": "a conference call"}


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Lovely. It's Harriet, Harriet Pembroke-Smythe", "Harriet Pembroke-Smythe"),
        ("I'm Jo. Jo Malone.", "Jo Malone"),
    ],
)
def test_a_first_name_said_again_with_the_surname_is_the_whole_name(line, name):
    assert understand(line).name == name


# ----------------------------------------------- 3. "here is <name>"
def test_here_is_a_name_is_the_callers_name():
    line = "Hallo, here is Lena Fischer from Munich. I want to make a conference with my team."
    assert understand(line).name == "Lena Fischer"


@pytest.mark.parametrize(
    "line", ["here is my number 415 555 0123", "here is the thing, I need a call"]
)
def test_here_is_before_no_name_gives_none(line):
    assert understand(line).name is None


# ----------------------------------------------- 4. questions before the name
@pytest.mark.parametrize(
    "line", ["does it cost anything?", "how much does this cost?", "are there any charges?"]
)
async def test_a_cost_question_is_answered_honestly(line):
    heard = await play_lines("receptionist", line)
    assert _OFFLINE.answers.cost in heard[0].lines[0]


@pytest.mark.parametrize(
    "line",
    [
        "is this the line where I can get a few people together on one call?",
        "is this where I set up a conference call?",
        "is this the place to organise a conference call?",
    ],
)
async def test_asking_whether_this_is_the_place_for_a_call_is_answered(line):
    heard = await play_lines("receptionist", line)
    assert heard[0].lines[0].startswith(_OFFLINE.answers.capabilities)


# ----------------------------------------------- 5. the people and questions in a need
async def test_the_host_starts_with_the_people_in_a_group_call_asked_for():
    heard = await play_lines("receptionist", _KYLIE)
    assert ("look_up_contact", {"name": "Dana", "purpose": "add"}) in _calls(heard)


_SALES = "I should like to speak with someone in your sales team, please. Who is in it?"


async def test_someone_in_a_team_asked_for_is_answered_with_the_team_not_a_desk():
    heard = await play_lines("host", _SALES)
    members = render(_OFFLINE.team_members, team="Sales", who="Dana Scully and Sales desk")
    assert heard[0].calls == []
    assert heard[0].lines == [f"{members} {_OFFLINE.which_of_team}"]


async def test_who_is_in_it_is_the_team_named_before():
    heard = await play_lines("receptionist", _SALES)
    members = render(_OFFLINE.team_members, team="Sales", who="Dana Scully and Sales desk")
    assert heard[0].lines[0].startswith(members)


async def test_the_one_named_after_the_team_is_a_transfer():
    heard = await play_lines("host", _SALES, "Dana Scully please")
    assert heard[1].calls == [("look_up_contact", {"name": "Dana Scully", "purpose": "transfer"})]
