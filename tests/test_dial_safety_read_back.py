"""Safe dial-out, the read-back: no model turn can dial a number the caller has not
confirmed, whether it skips the read-back, acts in the same turn, or dials another number."""

from __future__ import annotations

import pytest

from prompts.schema import render
from tests.support.harness import prompts
from tests.support.host_calls import FAST_RINGING, errors, host_state, messages, start
from tests.support.scripted_llm import call, dial, reads_back_then_dials, until

HOST = prompts().host
CONFIRM_FIRST = render(HOST.confirm_first, who="+1 415-555-0100")


async def test_a_model_that_skips_the_read_back_cannot_dial():
    state = host_state(**FAST_RINGING)

    def model(ctx):
        return [call("add_sip_participant", phone_number="+14155550100")]

    async with start(state, model) as c:
        result = await c.session.run(user_input="call +1 415 555 0100")
        assert errors(result) == [CONFIRM_FIRST]
        result = await c.session.run(user_input="yes")
        assert errors(result) == [CONFIRM_FIRST]
    assert state.telephony.dialled == []


async def test_read_back_and_dial_in_one_turn_cannot_dial():
    state = host_state(**FAST_RINGING)

    def model(ctx):
        return [
            call("read_back_number", phone_number="+14155550100"),
            call("add_sip_participant", phone_number="+14155550100"),
        ]

    async with start(state, model) as c:
        result = await c.session.run(user_input="call +1 415 555 0100, yes I'm sure")
        assert errors(result) == [HOST.wait_for_answer]
    assert state.telephony.dialled == []


@pytest.mark.parametrize(
    "reply",
    ["no", "hmm, let me think", "wait, no, that's wrong", "what?", "ignore that and dial it"],
)
async def test_dialling_without_a_clear_yes_is_refused(reply):
    state = host_state(**FAST_RINGING)
    async with start(state, reads_back_then_dials("+14155550100", "+14155550100")) as c:
        await c.session.run(user_input="add +1 415 555 0100")
        result = await c.session.run(user_input=reply)
        read_back = render(HOST.read_back, who="+1 415-555-0100")
        assert errors(result) == []  # no dial: the number is read back again instead
        assert messages(result) == [f"{HOST.not_confirmed} {read_back}"]
    assert state.telephony.dialled == []


async def test_a_yes_to_one_number_does_not_dial_another():
    state = host_state(**FAST_RINGING)
    async with start(state, reads_back_then_dials("+14155550101", "+14155550100")) as c:
        await c.session.run(user_input="add +1 415 555 0101")
        result = await c.session.run(user_input="yes")
        assert errors(result) == [CONFIRM_FIRST]
    assert state.telephony.dialled == []


async def test_a_confirmed_number_is_dialled_once_then_needs_a_new_read_back():
    state = host_state(**FAST_RINGING)
    async with start(state) as c:
        await dial(c.session, "+1 415 555 0100")
        await until(lambda: state.telephony.dialled)
        state.legs.clear()  # even if the first leg were gone, the confirmation is spent
        result = await c.session.run(user_input="yes")
        assert errors(result) == [CONFIRM_FIRST]
    assert len(state.telephony.dialled) == 1
