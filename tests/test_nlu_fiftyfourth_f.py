"""The rehearsal model, fifty-fourth round f (issue 22, testers 51 and 52): a meeting asked with
a team and someone of the caller's own; a problem told before the name ("i cant get into my
account, it keeps saying password expired") kept when the name comes; "told to call here to
get connected with somebody in support" is support, no conference; what the introduction says
(no contrast, "it's me, Priya, calling about my resignation", a problem told last); "get my
supervisor on the line" looks up the supervisor."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.introduction import about_from
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.problems import PROBLEM_RE, support_need

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline


def _calls(heard, name):
    return [args for turn in heard for (tool, args) in turn.calls if tool == name]


# ----------------------------------------------- 1. a meeting with a team and one's own
@pytest.mark.parametrize(
    ("line", "desk", "own"),
    [
        (
            "hello my name is Wei Zhang, I am calling to arrange meeting with sales team and my"
            " colleague",
            "sales",
            "colleague",
        ),
        ("hi its Tom, I need a meeting with support and my coworker", "support", "coworker"),
        ("Ana here, could you organise a meeting with sales and my manager", "sales", "manager"),
    ],
)
async def test_a_meeting_with_a_team_and_ones_own_reads_the_desk_back_then_asks(line, desk, own):
    heard = await play_lines("receptionist", line, "yes")
    assert heard[0].calls[-1] == ("look_up_contact", {"name": desk, "purpose": "add"})
    assert heard[1].calls[0][0] == "add_sip_participant"
    asked = render(_OFFLINE.followups.who_is_own, who=f"your {own}")
    assert any(asked in said for said in heard[1].lines)


def test_a_meeting_told_of_is_no_request():
    assert understand("I have a meeting with Dana at 3").action is None


# ----------------------------------------------- 2. a problem told before the name
@pytest.mark.parametrize(
    "line",
    [
        "hi im calling bc i cant get into my account, it keeps saying password expired",
        "hello, it says my password has expired",
        "hey i cant log in to anything",
        "hi, im locked out of my account",
    ],
)
def test_login_problems_are_support_problems(line):
    assert PROBLEM_RE.search(line)
    assert support_need(line).startswith("support ")


@pytest.mark.parametrize(
    ("first", "name"),
    [
        ("hi im calling bc i cant get into my account, it keeps saying password expired", "oh"
         " sorry, its Kenji Watanabe"),
        ("hello, my password's expired and the portal wont let me in", "Kenji Watanabe"),
        ("hi i cant log in since this morning", "sorry, it's Kenji"),
    ],
)  # fmt: skip
async def test_the_problem_is_kept_when_the_name_comes_next(first, name):
    heard = await play_lines("receptionist", first, name)
    handover = _calls(heard, "transfer_to_conference_host")
    assert handover and handover[0]["reason"].startswith("support ")
    assert ("look_up_contact", {"name": "support", "purpose": "transfer"}) in heard[1].calls


# ----------------------------------------------- 3. told to call here for support
@pytest.mark.parametrize(
    "line",
    [
        "i was told to call here to get conected with somebody in support?",
        "they said to call this number to get connected to someone in suport",
        "i was asked to call here to be put thru to someone in support",
    ],
)
async def test_told_to_call_here_for_support_is_support(line):
    heard = await play_lines("receptionist", "hi, this is Bea", line)
    handover = _calls(heard, "transfer_to_conference_host")
    assert handover == [{"caller_name": "Bea", "reason": "support"}]
    assert ("look_up_contact", {"name": "support", "purpose": "transfer"}) in heard[1].calls


def test_call_this_number_with_digits_is_still_an_add():
    assert understand("call this number 415 555 0123").action == "add"


# ----------------------------------------------- 4. what the introduction says
@pytest.mark.parametrize(
    ("line", "about"),
    [
        (
            "Please tell them it's about a billing error on invoice 4472, not just 'support'.",
            "a billing error on invoice 4472",
        ),
        ("tell him it's about my refund rather than just billing", "their refund"),
        ("then call her first and tell her it's me, Priya, calling about my resignation",
         "their resignation"),
        ("say this is Tom calling about my contract renewal", "their contract renewal"),
        ("tell them its about my laptop not booting", "their laptop not booting"),
    ],
)  # fmt: skip
def test_what_the_introduction_is_told_to_say(line, about):
    assert about_from(line) == about


@pytest.mark.parametrize(
    "problem",
    [
        "My invoices are showing the wrong amount since last month.",
        "our invoices keep showing the wrong total",
    ],
)
async def test_a_problem_told_last_replaces_the_generic_support(problem):
    heard = await play_lines(
        "receptionist",
        "Hello, I'm Helen Okafor and I would like to speak with someone in support, please.",
        f"Actually, could you introduce me first? {problem}",
        "Yes, go ahead.",
    )
    about = _calls(heard, "warm_transfer")[0].get("about", "")
    assert "wrong" in about and "invoices" in about


# ----------------------------------------------- 5. "get my supervisor on the line"
@pytest.mark.parametrize(
    ("line", "who"),
    [
        ("this is Tom, I need to get my supervisor on the line", "my supervisor"),
        ("Tom here, i want to get my foreman on the line", "my foreman"),
        ("hi it's Tom, need to get my supervisor on the phone please", "my supervisor"),
    ],
)
async def test_get_my_supervisor_on_the_line_asks_for_them(line, who):
    heard = await play_lines("receptionist", line)
    assert _calls(heard, "transfer_to_conference_host")[0]["caller_name"] == "Tom"
    looked_up = _calls(heard, "look_up_contact")
    assert looked_up and looked_up[0]["name"] == who
