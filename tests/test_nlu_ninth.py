"""The ninth round (issue 22), one rule a test: what the fourth tester's calls still showed.
Each test plays a few caller turns through the offline model on simulated telephony (as the
natural_ninth_* scenarios do) and checks what the host did on the turn the rule is about."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import Heard, play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu.problems import support_need
from workflows.rehearsal.nlu.text import without_lead_in


def _calls(turn: Heard) -> list[tuple[str, dict]]:
    return turn.calls


# ------------------------------------------------- 1. a question to a transfer read-back
async def test_a_question_to_a_transfer_read_back_asks_it_again_and_go_ahead_acts():
    heard = await play_lines(
        "host",
        "just transfer me to 415 555 0127",
        "hmm, what happens to you after? do I come back here?",
        "yeah ok, go ahead",
    )
    question = heard[1]
    assert prompts().offline.transfer_question in question.lines
    assert [n for n, a in question.calls] == ["read_back_number"]
    assert question.calls[0][1]["purpose"] == "transfer"
    assert [n for n, _ in heard[2].calls] == ["transfer_call"]


# ------------------------------------------------- 2. "add him instead"
@pytest.mark.parametrize(
    "says",
    [
        ("transfer me to Dana Scully", "no", "ok, add them"),
        ("transfer me to Dana Scully", "add her instead"),
        (
            "transfer me to Fox Mulder and introduce me first",
            "no",
            "just add him to this call then",
        ),
    ],
)
async def test_add_him_after_a_transfer_read_back_reads_that_person_back_as_an_add(says):
    last = (await play_lines("host", *says))[-1]
    assert last.calls and last.calls[0][0] == "look_up_contact"
    assert last.calls[0][1]["purpose"] == "add"
    assert last.calls[0][1]["name"] in says[0]


async def test_add_someone_with_no_read_back_before_still_asks_the_number():
    last = (await play_lines("host", "add someone"))[-1]
    assert last.calls == [] and last.lines == [prompts().offline.ask_number]


async def test_add_him_after_the_transfer_was_made_reads_nothing_back():
    heard = await play_lines("host", "add 415 555 0193", "yes", "add him")
    assert all(name != "read_back_number" for name, _ in heard[-1].calls)


# ------------------------------------------------- 3. the caller's reason, a clean phrase
@pytest.mark.parametrize(
    "said, need",
    [
        ("my account is got blocked and I am not able to login", "support for a blocked account"),
        ("my credit card was got stolen yesterday", "support for a stolen credit card"),
        ("my home internet is not working", "support with their home internet not working"),
        ("I have a problem with my phone bill", "support with their phone bill"),
    ],
)
def test_a_problem_names_the_thing_without_an_auxiliary(said, need):
    assert support_need(said) == need


@pytest.mark.parametrize(
    "said, rest",
    [
        ("like I said, I keep getting logged out", "I keep getting logged out"),
        ("As I mentioned earlier - um, the invoices page is blank", "the invoices page is blank"),
        ("I already told you, so, the budget review", "the budget review"),
        ("uh", "uh"),
        ("soccer practice moved", "soccer practice moved"),
    ],
)
def test_lead_in_words_are_cut_from_the_front(said, rest):
    assert without_lead_in(said) == rest


async def test_a_reason_said_after_like_i_said_is_stored_without_it():
    heard = await play_lines(
        "receptionist", "hello", "Kenji Watanabe", "like I said, the printer is jammed again"
    )
    (name, args) = heard[-1].calls[0]
    assert name == "transfer_to_conference_host"
    assert args["reason"] == "the printer is jammed again"
