"""The rehearsal model, fifty-third round e (issue 22; testers 48 and 49): a connection that
keeps dropping ("keeps droppin", "drops", "keeps cuttin out") and an order that never arrived
are support; "will I get cut off if you do that" asks what a transfer does; "just send me over
but tell em what my problem is first" is a warm transfer to the desk offered; a cost question
is answered while a transfer read-back waits, and after a participant spoke; "X from <team>
here" is the caller's own team, never its desk to bring in. Expected words come from the
prompts."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.problems import PROBLEM_RE, support_need
from workflows.rehearsal.queued import without_own_team
from workflows.rehearsal.receptionist_turns import _reason

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline


def _names(turn) -> list[str]:
    return [name for name, _ in turn.calls]


def _args(turn, name: str) -> dict:
    return next(args for called, args in turn.calls if called == name)


def _said(turn) -> str:
    return " ".join(turn.lines)


# ----------------------------------------------- 1. goals told with the name
@pytest.mark.parametrize(
    ("line", "thing"),
    [
        ("its jaylen. my internet keeps droppin every hour", "internet"),
        ("hey it's Mo, our wifi drops every few minutes", "wifi"),
        ("Priya here, my connection keeps cuttin out lol", "connection"),
        ("my broadband keeps disconnecting", "broadband"),
    ],
)
def test_a_connection_that_keeps_dropping_is_support(line, thing):
    need = _reason(understand(line))
    assert need and need.startswith("support with their") and thing in need
    assert "droppin " not in need + " " and "cuttin " not in need + " "


@pytest.mark.parametrize(
    "line",
    [
        "I ordered a printer from you and it never arrived, who would I talk to about that?",
        "i bought a lamp from you last week but it still hasnt come",
        "the package I ordered never showed up",
    ],
)
def test_an_order_that_never_arrived_is_support(line):
    assert PROBLEM_RE.search(line)
    assert support_need(line).endswith("not arriving")


@pytest.mark.parametrize(
    "line", ["Dana keeps dropping off", "the guy never came", "my boss keeps dropping hints"]
)
def test_no_service_or_order_is_no_support_problem(line):
    assert not PROBLEM_RE.search(line)


async def test_the_order_told_to_the_receptionist_is_offered_to_support():
    heard = await play_lines("receptionist", *_WALTER)
    assert "look_up_contact" in _names(heard[-1])
    assert _args(heard[-1], "look_up_contact")["purpose"] == "transfer"


# ----------------------------------------------- 2. the transfer offered
_OFFERED = ["yo", "its jaylen", "internet issue, need somebody technical"]


@pytest.mark.parametrize(
    "line",
    [
        "ok but will i get cut off if u do that",
        "am i gonna get dropped if you do that?",
        "do i get disconnected when you do that",
    ],
)
async def test_will_i_get_cut_off_is_the_transfer_question(line):
    assert understand(line).asks_about_transfer
    heard = await play_lines("receptionist", *_OFFERED, line)
    assert "remove_participant" not in _names(heard[-1])
    assert _OFFLINE.transfer_question in _said(heard[-1])


@pytest.mark.parametrize(
    ("line", "purpose"),
    [
        ("nah just send me over but tell em what my problem is first", "warm_transfer"),
        ("ok put me through, but explain my issue to them first", "warm_transfer"),
        ("send me over", "transfer"),
    ],
)
async def test_send_me_over_goes_to_the_desk_offered(line, purpose):
    heard = await play_lines("receptionist", *_OFFERED, line)
    assert _args(heard[-1], "look_up_contact")["purpose"] == purpose
    assert "add_sip_participant" not in _names(heard[-1])  # read back: the yes decides


def test_send_me_over_the_file_is_no_transfer():
    assert understand("send me over the file").action is None


# ----------------------------------------------- 3. questions about the call
_WALTER = [
    "um hello",
    "my name is walter",
    "I ordered a printer from you and it never arrived, who would I talk to about that?",
]


@pytest.mark.parametrize(
    "line",
    [
        "is there a charge for being transferred?",
        "will i be charged for that",
        "do you charge for transfers?",
    ],
)
async def test_a_cost_question_is_answered_while_a_transfer_waits(line):
    heard = await play_lines("receptionist", *_WALTER, line)
    assert _OFFLINE.answers.cost in _said(heard[-1])
    assert "transfer_call" not in _names(heard[-1])
    assert _args(heard[-1], "look_up_contact")["purpose"] == "transfer"  # asked again


_INES = ["add Ines, her number is 415 555 0184", "yes", "Ines: hey tomas whats up"]


@pytest.mark.parametrize("line", ["does this cost me anything btw", "is this call free?"])
async def test_a_cost_question_after_a_participant_spoke_is_for_the_host(line):
    heard = await play_lines("host", *_INES, line)
    assert _OFFLINE.answers.cost in _said(heard[-1])


async def test_a_line_to_the_participant_after_they_spoke_stays_unanswered():
    heard = await play_lines("host", *_INES, "nothing much, just chilling")
    assert not heard[-1].lines and not heard[-1].calls


# ----------------------------------------------- 4. the caller's own team
@pytest.mark.parametrize(
    "line",
    [
        "hiya, Priyanka from support here, can u get my manager on the line",
        "hi, Priyanka from sales here, can you put me through to my manager",
        "hey, it's Omar from the support team here, can you get my manager on the line please",
    ],
)
async def test_the_callers_own_team_is_no_desk_to_bring_in(line):
    heard = await play_lines("receptionist", line)
    assert "look_up_contact" not in _names(heard[-1])


def test_own_team_is_left_out_but_a_person_from_a_team_is_kept():
    assert "support" not in without_own_team("Priyanka from support here, get my manager")
    assert "sales" in without_own_team("hi im Tomas, can you add Dana from sales")
