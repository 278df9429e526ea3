"""One way to end a call (`workflows/lifecycle/ending.py`) and one writer of a leg's status
(`events.on_status`): whoever ends the call first wins, at once, and a hang-up a tool
announces itself is recorded once and never announced twice."""

import pytest

from prompts.schema import render
from tests.support.harness import prompts, simulated_call
from tests.support.scripted_llm import until
from workflows.lifecycle import events
from workflows.lifecycle.dialing import start_dial
from workflows.lifecycle.ending import caller_left, end_call_once
from workflows.telephony.protocol import TelephonyError


def endings(state) -> list[str]:
    return [r["why"] for r in state.log.records if r["event"] == "ending"]


async def test_the_caller_leaving_ends_the_call_once_and_nothing_ends_it_again():
    state = simulated_call()
    state.caller.identity = "caller"
    wind_down = caller_left(state, "CLIENT_INITIATED")
    assert wind_down is not None and state.ending  # at once, before the task runs
    assert end_call_once(state, None, "end_call") is None
    assert caller_left(state, "CLIENT_INITIATED") is None
    await wind_down
    assert endings(state) == ["caller left"]
    assert state.telephony.deleted == 1


async def test_after_the_caller_leaves_remove_legs_hangs_up_only_the_dialled():
    state = simulated_call(on_caller_hangup="remove_legs")
    state.caller.identity = "caller"
    leg = start_dial(state, "+14155550100", "Dana", "")
    await until(lambda: leg.answered)
    await caller_left(state, "CLIENT_INITIATED")
    assert (leg.live, leg.history[-1].detail, state.telephony.deleted) == (
        False,
        "PARTICIPANT_REMOVED",
        0,
    )


async def answered_leg(state):
    leg = start_dial(state, "+14155550100", "Dana", "")
    await until(lambda: leg.answered)
    return leg


async def test_a_hang_up_the_tool_announces_is_recorded_but_not_announced_again():
    state = simulated_call()
    leg = await answered_leg(state)
    before = list(state.announcements)
    # The simulated room reports the hang-up before hang_up returns, as a real room may.
    await events.hang_up(state, leg, "removed", "PARTICIPANT_REMOVED")
    assert (leg.live, leg.outcome) == (False, "removed")
    assert before[-1] == render(prompts().host.joined, who="Dana")
    assert state.announcements == before


async def test_a_failed_hang_up_leaves_the_leg_and_its_later_hang_up_is_announced():
    state = simulated_call()
    leg = await answered_leg(state)

    async def refuse(identity):
        raise TelephonyError("unavailable", "server down")

    real_hang_up, state.telephony.hang_up = state.telephony.hang_up, refuse
    with pytest.raises(TelephonyError):
        await events.hang_up(state, leg, "removed", "PARTICIPANT_REMOVED")
    assert (leg.live, leg.outcome) == (True, "joined")
    state.telephony.hang_up = real_hang_up
    events.on_status(state, leg.identity, "hangup", "CLIENT_INITIATED")  # they hang up later
    assert leg.outcome == "hung_up"
    assert state.announcements[-1] == render(prompts().host.hung_up, who="Dana")


async def test_a_failed_dial_wakes_whoever_waits_for_the_answer():
    state = simulated_call()
    leg = start_dial(state, "+14155550100", "Dana", "")
    events.leg_failed(state, leg, "busy", "SIP 486 Busy Here")
    assert await events.answered(state, leg.identity) is False
    assert (leg.live, leg.outcome) == (False, "busy")
