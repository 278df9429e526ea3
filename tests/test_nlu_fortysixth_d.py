"""The rehearsal model, forty-sixth round d (issue 22): transfers. A warm transfer asked in
people's words ("explain my situation to them first", "present me to them first", "ring her
first and explain who I am") is read back warm; questions while a transfer waits (this call
after, the one rung not reached) are answered and the read-back still waits; the introduction
says the caller's latest problem as a short clean phrase; "that sounds fine" is a yes, and "...
never mind, yes, dial it." is read back again, never a wrong number. Expected words are
rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes
from workflows.rehearsal.introduction import introduced_reason
from workflows.rehearsal.nlu import understand

_P = prompts()
_OFFLINE = _P.offline
_WARM = ("call Dana White and introduce me first, then put me through",)


# ----------------------------------------------- 1. warm in people's words
@pytest.mark.parametrize(
    ("before", "line", "who"),
    [
        (
            "transfer me to support",
            "Could you stay on and explain my situation to them first? I was charged twice.",
            "support",
        ),
        (
            "transfer me to support",
            "I do want the support, but please present me to them first",
            "support",
        ),
        (
            "put me through to Dana White",
            "Could you ring her first and explain who I am, rather than just passing me over?",
            "Dana White",
        ),
    ],
)
async def test_a_warm_transfer_in_other_words_is_read_back_warm(before, line, who):
    heard = await play_lines("host", before, line)
    assert heard[-1].calls == [("look_up_contact", {"name": who, "purpose": "warm_transfer"})]


def test_having_her_stay_on_is_still_no_warm_transfer():
    assert understand("could you have her stay on the call").action != "warm_transfer"


# ----------------------------------------------- 2. questions while a transfer waits
@pytest.mark.parametrize(
    ("before", "line", "key", "purpose"),
    [
        (
            "transfer me to Dana White",
            "wait what happens to this call after",
            "transfer_question",
            "transfer",
        ),
        (
            _WARM[0],
            "And if she doesn't pick up, what happens to me?",
            "transfer_not_reached_warm",
            "warm_transfer",
        ),
        (
            _WARM[0],
            "what if nobody answers, will I be stuck on hold?",
            "transfer_not_reached_warm",
            "warm_transfer",
        ),
        (
            "transfer me to Dana White",
            "I mean if Dana's not at her desk. Will I be stuck on hold?",
            "transfer_picked_up",
            "transfer",
        ),
    ],
)
async def test_a_question_is_answered_and_the_read_back_still_waits(before, line, key, purpose):
    heard = await play_lines("host", before, line, "yes")
    assert heard[1].lines[0] == getattr(_OFFLINE, key)
    assert heard[1].calls == [("look_up_contact", {"name": "Dana White", "purpose": purpose})]
    assert heard[2].calls[0][0] in ("transfer_call", "warm_transfer")


async def test_if_she_does_not_pick_up_as_a_request_is_not_answered_as_a_question():
    heard = await play_lines(
        "host", "transfer me to Dana White", "if she doesn't pick up, add Fox Mulder"
    )
    assert _OFFLINE.transfer_picked_up not in heard[-1].lines


# ----------------------------------------------- 3. the introduction's words
@pytest.mark.parametrize(
    ("lines", "about"),
    [
        (("I was charged twice in November.",), "being charged twice"),
        (
            ("I have a problem with my bill", "actually I was charged twice in November."),
            "being charged twice",
        ),
        (
            ("I'm having trouble with my bill, it's been charged twice and I don't know why",),
            "support with a double charge",
        ),
    ],
)
async def test_the_introduction_says_the_latest_problem_cleanly(lines, about):
    heard = await play_lines(
        "host", *lines, "put me through to support but introduce me first", "yes"
    )
    assert heard[-1].calls == [("warm_transfer", {"about": about})]


def test_a_long_need_is_introduced_by_its_first_clause():
    said = introduced_reason("a refund on my order, it never came and nobody answers emails")
    assert said == "a refund on their order"


# ----------------------------------------------- 4. yes, in the rule's own words
def test_that_sounds_fine_is_a_clear_yes():
    assert is_clear_yes(
        "Alright, that sounds fine, yes please.", _P.confirmation, "Dana White", "warm_transfer"
    )


async def test_that_sounds_fine_to_a_warm_read_back_introduces():
    heard = await play_lines("host", *_WARM, "Alright, that sounds fine, yes please.")
    assert heard[-1].calls[0][0] == "warm_transfer"


async def test_never_mind_then_yes_dial_it_is_read_back_again_never_a_wrong_number():
    line = "Yes. Actually, hang on, is that the office or his cell? ... never mind, yes, dial it."
    heard = await play_lines("host", "add Dana White", line)
    assert _OFFLINE.wrong_number not in heard[-1].lines
    assert heard[-1].calls == [("look_up_contact", {"name": "Dana White", "purpose": "add"})]
