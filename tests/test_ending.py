"""One way to end a call (`workflows/lifecycle/ending.py`) and one writer of a leg's status
(`events.on_status`): whoever ends the call first wins, at once, and a hang-up a tool
announces itself is recorded once and never announced twice."""

import asyncio
from dataclasses import replace

import pytest

from prompts.schema import render
from tests.support.gates import Gate, gated_call, gated_detector
from tests.support.harness import TEST_SETTINGS, ManualTime, prompts, simulated_call
from tests.support.scripted_llm import until
from workflows.lifecycle import events
from workflows.lifecycle.dialing import answered, start_dial
from workflows.lifecycle.ending import (
    RECORD_BOUND,
    caller_left,
    end_call_once,
    settle_dials,
)
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
    # The call log says the caller left, and why, before the ending it caused.
    said = [(r["event"], r.get("reason")) for r in state.log.records if r["event"] != "call_start"]
    assert said[:2] == [("caller_left", "CLIENT_INITIATED"), ("ending", None)]


async def answered_legs(state, *numbers: str):
    legs = [start_dial(state, number, f"Callee {number[-2:]}", "") for number in numbers]
    await until(lambda: all(leg.answered for leg in legs))
    return legs


async def test_after_the_caller_leaves_remove_legs_hangs_up_and_marks_only_the_dialled():
    # The backend reports nothing back (as a room stops reporting to an agent that leaves):
    # the ending itself records each leg it hung up.
    state = gated_call(settings=replace(TEST_SETTINGS, on_caller_hangup="remove_legs"), quiet=True)
    dana, fox = await answered_legs(state, "+14155550100", "+14155550101")
    await caller_left(state, "CLIENT_INITIATED")
    assert state.telephony.hung_up == [dana.identity, fox.identity]
    assert state.telephony.deleted == 0
    for leg in (dana, fox):
        assert (leg.live, leg.history[-1].detail) == (False, "PARTICIPANT_REMOVED")


async def test_live_legs_are_marked_hung_up_once_the_room_is_deleted():
    state = gated_call(quiet=True)
    [leg] = await answered_legs(state, "+14155550100")
    await caller_left(state, "CLIENT_INITIATED")
    assert (state.telephony.deleted, state.room_deleted) == (1, True)
    assert (leg.live, leg.history[-1].detail) == (False, "ROOM_DELETED")


def failing(what: str):
    async def fail(*args):
        raise TelephonyError("unavailable", f"{what}: server down")

    return fail


async def test_a_failed_delete_room_is_never_reported_as_done():
    state = gated_call(quiet=True)
    [leg] = await answered_legs(state, "+14155550100")
    state.telephony.inner.inner.delete_room = failing("delete room")
    await caller_left(state, "CLIENT_INITIATED")
    assert (state.room_deleted, leg.live) == (False, True)
    assert [r["what"] for r in state.log.records if r["event"] == "hang_up_failed"] == [
        "delete the room"
    ]


async def test_a_failed_hang_up_leaves_that_leg_live_and_the_others_are_still_hung_up():
    state = gated_call(settings=replace(TEST_SETTINGS, on_caller_hangup="remove_legs"), quiet=True)
    dana, fox = await answered_legs(state, "+14155550100", "+14155550101")
    backend = state.telephony.inner.inner
    hang_up = backend.hang_up

    async def refuse_dana(identity):
        if identity == dana.identity:
            raise TelephonyError("unavailable", "remove: server down")
        await hang_up(identity)

    backend.hang_up = refuse_dana
    await caller_left(state, "CLIENT_INITIATED")
    assert (dana.live, fox.live) == (True, False)
    assert [r["what"] for r in state.log.records if r["event"] == "hang_up_failed"] == [
        f"hang up {dana.identity}"
    ]


async def test_dials_still_running_when_the_call_is_over_are_cancelled():
    state = gated_call(Gate())  # answered, but the request never returns
    start_dial(state, "+14155550100", "Dana", "")
    [task] = state.dial_tasks
    await until(lambda: state.telephony.dialled)
    await settle_dials(state, 0.01)
    assert task.cancelled() and not state.dial_tasks


async def test_a_dial_that_outlives_its_cancellation_does_not_hold_the_job_open():
    # A request already sent may not stop when cancelled: the job still ends, about a second on.
    state = simulated_call()
    release = asyncio.Event()

    async def stubborn() -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            await release.wait()

    task = asyncio.create_task(stubborn())
    state.dial_tasks.add(task)
    await asyncio.sleep(0)
    await asyncio.wait_for(settle_dials(state, 0.01), 3)
    assert not task.done()
    release.set()
    await task


async def test_dials_cancelled_after_the_call_get_their_bound_on_the_calls_clock():
    state, time = simulated_call(), ManualTime()
    time.install(state)
    release, cancelled = asyncio.Event(), asyncio.Event()

    async def stubborn() -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.set()
            await release.wait()

    task = asyncio.create_task(stubborn())
    state.dial_tasks.add(task)
    settling = asyncio.create_task(settle_dials(state, 0.01))
    await asyncio.wait_for(cancelled.wait(), 3)
    await time.advance(RECORD_BOUND - 0.01)
    assert not settling.done()  # still waiting for the dial to record how it ended
    await time.advance(0.01)
    await asyncio.wait_for(settling, 3)
    cut = [r for r in state.log.records if r["event"] == "ending_wait_cut"]
    assert [(r["what"], r["seconds"]) for r in cut] == [("cancelled dials", RECORD_BOUND)]
    release.set()
    await task


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
    leg = start_dial(state, "+14155550186", "Dana", "")  # busy
    assert await answered(state, leg) is False
    assert (leg.live, leg.outcome) == (False, "busy")


async def test_an_answer_counts_only_once_the_voicemail_verdict_says_a_person():
    state = gated_call()
    judged = Gate()
    state.detect_voicemail = gated_detector("machine", verdict=judged)
    leg = start_dial(state, "+14155550100", "Dana", "")
    waiting = asyncio.ensure_future(answered(state, leg))
    await judged.entered.wait()
    await asyncio.sleep(0.01)
    assert leg.answered and not waiting.done()  # the phone is off the hook: not yet a person
    judged.open()
    assert await waiting is False
    assert leg.outcome == "voicemail"
