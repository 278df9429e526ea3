"""Nothing waiting is dropped without a word: a read-back that replaces one the caller never
answered says first that the earlier destination was not dialled (or transferred to), in the
tool layer, whatever model is driving."""

from __future__ import annotations

import pytest

from prompts.schema import render
from tests.support.harness import prompts
from tests.support.host_calls import FAST_RINGING, host_state, messages, start
from tests.support.scripted_llm import call, feature_model, until

HOST = prompts().host
A, B = "+1 415 555 0142", "+1 415 555 0143"
SAID_A, SAID_B = "+1 415-555-0142", "+1 415-555-0143"
READ_BACK_B = render(HOST.read_back, who=SAID_B)
NOT_DIALLED_A = render(HOST.not_dialled, who=SAID_A)


def _replaced(state) -> list[dict]:
    return [r for r in state.log.records if r["event"] == "read_back_replaced"]


@pytest.mark.parametrize("between", ["hmm", "yes, and also add 415 555 0143", "hold on"])
async def test_a_new_read_back_says_the_unanswered_one_was_not_dialled(between):
    state = host_state(**FAST_RINGING)
    async with start(state, feature_model) as c:
        await c.session.run(user_input=f"add {A}")
        await c.session.run(user_input=between)
        result = await c.session.run(user_input=f"add {B}")
    assert messages(result) == [f"{NOT_DIALLED_A} {READ_BACK_B}"]
    output = next(e.item.output for e in result.events if e.type == "function_call_output")
    assert NOT_DIALLED_A in output  # the model is told too
    assert [r["target"] for r in _replaced(state)] == ["+1********42"]
    assert state.read_back.text == READ_BACK_B  # a read-back said again has no notice


@pytest.mark.parametrize("refusal", ["no", "no, that's wrong", "don't dial that"])
async def test_a_read_back_the_caller_said_no_to_is_replaced_quietly(refusal):
    state = host_state(**FAST_RINGING)
    async with start(state, feature_model) as c:
        await c.session.run(user_input=f"add {A}")
        await c.session.run(user_input=refusal)
        result = await c.session.run(user_input=f"add {B}")
    assert messages(result) == [READ_BACK_B]
    assert _replaced(state) == []


async def test_a_read_back_after_a_dial_has_nothing_to_say_about_the_dialled_one():
    state = host_state(**FAST_RINGING)
    async with start(state, feature_model) as c:
        await c.session.run(user_input=f"add {A}")
        await c.session.run(user_input="yes")
        await until(lambda: not state.dial_tasks)
        result = await c.session.run(user_input=f"add {B}")
    assert messages(result)[-1] == READ_BACK_B
    assert NOT_DIALLED_A not in "\n".join(messages(result))


async def test_a_replaced_transfer_read_back_says_the_caller_was_not_transferred():
    state = host_state(**FAST_RINGING)
    async with start(state, feature_model) as c:
        await c.session.run(user_input=f"transfer {A}")
        await c.session.run(user_input="hmm")
        result = await c.session.run(user_input=f"add {B}")
    not_transferred = render(HOST.transfer.not_transferred, who=SAID_A)
    assert messages(result) == [f"{not_transferred} {READ_BACK_B}"]


async def test_reading_the_same_destination_again_says_it_is_not_dialled_yet():
    """The offline model's "ask again, in order": the first is read again, with the notice."""
    state = host_state(**FAST_RINGING)
    async with start(state, feature_model) as c:
        await c.session.run(user_input=f"add {A}")
        await c.session.run(user_input="hmm")
        result = await c.session.run(user_input=f"add {A}")
    assert messages(result) == [f"{NOT_DIALLED_A} {render(HOST.read_back, who=SAID_A)}"]


async def test_after_two_read_backs_in_one_turn_the_next_one_has_no_notice():
    """Neither of two read-backs in one turn could be confirmed, and the caller was told so:
    the read-back that follows says nothing about them."""
    state = host_state(**FAST_RINGING)

    def model(ctx):
        if ctx.items[-1].text_content == "add both":
            return [
                call("read_back_number", phone_number=A),
                call("read_back_number", phone_number="+1 415 555 0144"),
            ]
        return feature_model(ctx)

    async with start(state, model) as c:
        await c.session.run(user_input="add both")
        assert state.read_back.void
        result = await c.session.run(user_input=f"add {B}")
    assert messages(result) == [READ_BACK_B]
    assert _replaced(state) == []


async def test_only_the_answer_to_that_read_back_counts_as_a_no():
    """A no to an older read-back does not silence the notice about a later one."""
    state = host_state(**FAST_RINGING)
    async with start(state, feature_model) as c:
        await c.session.run(user_input="add +1 415 555 0141")
        await c.session.run(user_input="no")
        await c.session.run(user_input=f"add {A}")
        await c.session.run(user_input="hmm")
        result = await c.session.run(user_input=f"add {B}")
    assert messages(result) == [f"{NOT_DIALLED_A} {READ_BACK_B}"]
