"""The rehearsal model, forty-ninth round c (issue 22): a transfer to a desk that "can take a
message" is a transfer; questions while a transfer's read-back waits (introduced or not, cost,
whether the host stays, "whatcha gonna tell him", "say it's the ios app"); "the last number is a
6"; yeses in more words; a problem told as "trouble with the billing portal"."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes
from workflows.rehearsal.introduction import about_from
from workflows.rehearsal.nlu import last_digits
from workflows.rehearsal.nlu.call_questions import call_question
from workflows.rehearsal.nlu.problems import PROBLEM_RE, support_need
from workflows.rehearsal.nlu.transfer_asks import transfer_asked
from workflows.rehearsal.nlu.warm import WARM_RE


# ------------------------------------------------- 1. a desk that takes a message: a transfer
@pytest.mark.parametrize(
    "line",
    [
        "Could you put me through to the front desk then, they can take a message for Robert",
        "could you transfer me to the sales desk then? they'll take a message for him",
        "can you put me through to the front desk, someone there can take a message",
    ],
)
def test_someone_else_taking_a_message_is_no_message_question(line):
    assert call_question(line) is None


@pytest.mark.parametrize(
    "line", ["can you leave him a message?", "Couldn't you have left her a message?"]
)
def test_asking_the_host_for_a_message_still_is(line):
    assert call_question(line) == "no_messages"


async def test_a_desk_that_takes_a_message_is_read_back_as_a_transfer():
    heard = await play_lines(
        "host", "Could you put me through to the front desk then, they can take a message for Bob"
    )
    assert heard[-1].calls == [
        ("look_up_contact", {"name": "the front desk", "purpose": "transfer"})
    ]


# --------------------------------------------- 2. questions while a transfer's read-back waits
@pytest.mark.parametrize(
    "line",
    [
        "will somebody explain my problem to them or do I have to start all over again?",
        "would someone tell them what's wrong or do I have to explain it myself?",
    ],
)
def test_somebody_explaining_or_starting_again_asks_for_the_introduction(line):
    assert transfer_asked(line) == "warm"


@pytest.mark.parametrize(
    "line", ["I'd much rather you introduced me first", "i'd prefer it if you announced me"]
)
def test_rather_you_introduced_me_is_warm(line):
    assert WARM_RE.search(line)


async def _second(start: str, line: str):
    heard = await play_lines("host", start, line)
    return heard[-1]


@pytest.mark.parametrize(
    ("start", "line", "phrase"),
    [
        ("transfer me to Monica", "Is this going to cost me anything extra?", "cost"),
        ("transfer me to Monica", "And once I'm with them, will you still be there?", "question"),
        ("transfer me to Monica, and introduce me first", "will u still be there after?", "warm"),
        (
            "transfer me to Monica, and introduce me first",
            "wait what if she doesnt answer, do i get dropped??",
            "not_reached",
        ),
    ],
)
async def test_questions_while_a_transfer_waits_are_answered(start, line, phrase):
    offline = prompts().offline
    said = {
        "cost": offline.answers.cost,
        "question": offline.transfer_question,
        "warm": offline.transfer_others_warm,
        "not_reached": offline.transfer_not_reached_warm,
    }[phrase]
    turn = await _second(start, line)
    assert said in turn.lines
    assert [name for name, _ in turn.calls] == ["look_up_contact"]


async def test_whatcha_gonna_tell_him_says_the_introduction():
    turn = await _second(
        "transfer me to Monica, and introduce me first", "whatcha gonna tell her exactly"
    )
    before = prompts().offline.will_introduce.split("$")[0]
    assert any(line.startswith(before) for line in turn.lines)


def test_say_its_the_thing_changes_the_introduction():
    assert about_from("can u say its the ios app tho, not android") == "the ios app"
    assert about_from("please say it's my work laptop though") == "their work laptop"


async def test_say_its_the_thing_never_cancels_the_transfer():
    turn = await _second(
        "transfer me to Monica, and introduce me first",
        "can u say its the ios app tho, not android",
    )
    assert turn.calls == [("look_up_contact", {"name": "Monica", "purpose": "warm_transfer"})]


# ------------------------------------------------------------------- 3. the last number
@pytest.mark.parametrize(
    ("line", "digits"),
    [
        ("ay no, the last number is a 6, not 8", "6"),
        ("sorry, the final number is a 4", "4"),
        ("the last number's a 2 not 8", "2"),
    ],
)
def test_the_last_number_is_the_last_digit(line, digits):
    assert last_digits(line) == digits


async def test_the_last_number_corrects_a_transfers_read_back():
    turn = await _second("transfer me to 415 555 0198", "ay no, the last number is a 6, not 8")
    assert turn.calls == [
        ("read_back_number", {"phone_number": "4155550196", "purpose": "transfer"})
    ]


# ------------------------------------------------------------------------------ 4. yeses
@pytest.mark.parametrize(
    "reply", ["That sounds lovely. Yes please, go ahead.", "perfect ty, go", "sí, eso es"]
)
def test_more_yeses(reply):
    assert is_clear_yes(reply, prompts().confirmation, "", "transfer")


@pytest.mark.parametrize("reply", ["ty", "no eso es", "eso es, no", "That sounds lovely but no"])
def test_no_yes_in_them_alone(reply):
    assert not is_clear_yes(reply, prompts().confirmation, "", "transfer")


# -------------------------------------------------------------- 5. a problem told with the name
@pytest.mark.parametrize(
    ("line", "need"),
    [
        (
            "I'm having trouble with the billing portal, it keeps rejecting my card",
            "support with the billing portal",
        ),
        ("we've got an issue with the booking system", "support with the booking system"),
        ("I'm having problems with our email server", "support with their email server"),
    ],
)
def test_trouble_with_a_thing_is_support(line, need):
    assert PROBLEM_RE.search(line)
    assert support_need(line) == need


def test_help_with_the_booking_is_no_problem():
    assert not PROBLEM_RE.search("I need help with the booking")
