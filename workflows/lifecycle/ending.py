"""Ending a call: the one way a call ends, hanging up, and waiting for late dials.

Every ending goes through `end_call_once`: the `end_call` tool, the watchdog's limits, the
caller hanging up, cold and warm transfers. It is the only writer of `CallState.ending`, and
it marks the call as ending at once (synchronously), so whatever else tries to end it,
announce or dial in the same moment sees the call is ending; from then on the telephony guard
refuses anything billable (`workflows/telephony/guarded.py`). Every wait in the ending is
bounded on the call's clock: the room is deleted within seconds whatever the TTS does.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Literal

from livekit.agents import AgentSession

from workflows.lifecycle import events
from workflows.lifecycle.state import CallState
from workflows.telephony.protocol import TelephonyError

log = logging.getLogger("call")

# Who is hung up: "everyone" deletes the room, "dialled" removes only the legs the host
# dialled (the caller already left), "nobody" leaves the room as it is (a warm transfer).
HangUp = Literal["everyone", "dialled", "nobody"]
# Seconds of audio still on its way to a phone when the agent's playout ends (WebRTC, the SIP
# bridge, the phone's jitter buffer): deleting the room at once cut the last half second of
# the goodbye at a real phone (tests/e2e/test_phone_calls_real.py).
GOODBYE_IN_FLIGHT = 1.0

# How long the ending waits for speech, on the call's clock: what is being said when the call
# ends, then the goodbye (a base plus a little over the time it takes to say each character).
PLAYOUT_BOUND = 5.0
GOODBYE_BOUND = 2.0
GOODBYE_BOUND_PER_CHAR = 0.08
# After the call, how long the dials cancelled by `settle_dials` get to record how they ended.
RECORD_BOUND = 1.0


def end_call_once(
    state: CallState,
    session: AgentSession | None,
    why: str,
    *,
    goodbye: str | None = None,
    hang_up: HangUp = "everyone",
    first: Callable[[], Awaitable[None]] | None = None,
) -> asyncio.Task[None] | None:
    """End the call: mark it ending now, then in a task: await `first` (e.g. the playout of
    what is being said), say `goodbye` and wait until it is heard, each for a bounded time;
    hang up, close the session.

    Returns the task (await it to wait for the end), or None when the call is already ending.
    """
    if state.ending:
        return None
    state.ending = True
    log.info("%s: ending the call in room %s", why, state.room_name)
    state.log.write("ending", why=why)

    async def finish() -> None:
        heard = True
        if first is not None:
            heard = await _within(state, PLAYOUT_BOUND, "the playout", first())
        if goodbye and session is not None:
            heard = await _say_goodbye(state, session, goodbye) and heard
            if heard and session.output.audio is not None:  # a phone still gets its last words
                await state.sleep(GOODBYE_IN_FLIGHT)
        if hang_up == "everyone":
            await delete_room(state)
        elif hang_up == "dialled":
            await hang_up_dialled(state)
        if session is not None:  # speech that outlived its bound is cut, not waited for
            session.shutdown(drain=heard)

    state.wind_down = asyncio.create_task(finish(), name=f"end-call-{state.room_name}")
    return state.wind_down


async def _say_goodbye(state: CallState, session: AgentSession, goodbye: str) -> bool:
    """Say the goodbye; True once it was heard, False when it failed or outlived its bound
    (then it is cut off)."""
    try:
        handle = session.say(goodbye, allow_interruptions=False)
    except RuntimeError as e:  # the session is already closing
        log.warning("goodbye not said: %s", e)
        return False
    bound = GOODBYE_BOUND + GOODBYE_BOUND_PER_CHAR * len(goodbye)
    if await _within(state, bound, "the goodbye", handle.wait_for_playout()):
        return True
    handle.interrupt(force=True)
    return False


async def _within(state: CallState, seconds: float, what: str, wait: Awaitable[None]) -> bool:
    """Await `wait` for at most `seconds` of the call's clock (`state.sleep`); False when it
    failed or did not finish in time (it is then cancelled)."""
    work = asyncio.ensure_future(wait)
    timer = asyncio.ensure_future(state.sleep(seconds))
    try:
        await asyncio.wait({work, timer}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        timer.cancel()
        finished = work.done()
        work.cancel()  # a no-op once done
    if not finished:
        log.warning("ending: %s did not finish in %g s; going on", what, seconds)
        state.log.write("ending_wait_cut", what=what, seconds=seconds)
        return False
    if work.cancelled() or work.exception() is not None:
        log.warning(
            "ending: %s failed (%s); going on",
            what,
            "cancelled" if work.cancelled() else repr(work.exception()),
        )
        return False
    return True


def caller_left(state: CallState, reason: str) -> asyncio.Task[None] | None:
    """The original caller hung up: wind the conference down, once (ON_CALLER_HANGUP says
    whether the room is deleted or only the dialled legs are hung up)."""
    if state.ending:
        return None
    log.info("caller left (%s): ending the conference", reason)
    state.log.write("caller_left", reason=reason)
    delete = state.settings.on_caller_hangup == "delete_room"
    return end_call_once(
        state, state.session, "caller left", hang_up="everyone" if delete else "dialled"
    )


async def delete_room(state: CallState) -> None:
    """Delete the room, hanging up everyone in it. Logs failures, never raises.

    Dials still ringing are not cancelled: a request already sent would still reach the
    server. Each hangs itself up when it returns after the end (`dialing.py`); the worker
    waits for them with `settle_dials` before the job ends.
    """
    if await try_hang_up(state, "delete the room", state.telephony.delete_room()):
        state.room_deleted = True
        for leg in state.live_legs():  # the room may not report these any more
            events.on_status(state, leg.identity, "hangup", "ROOM_DELETED")


async def hang_up_dialled(state: CallState) -> None:
    """Hang up every leg the host dialled, leaving the room (and anyone else) as it is.
    A leg whose hang-up failed stays live (and is logged); the others are still hung up."""
    for leg in state.live_legs():
        act = state.telephony.hang_up_at_end(leg.identity)
        if await try_hang_up(state, f"hang up {leg.identity}", act):
            events.on_status(state, leg.identity, "hangup", "PARTICIPANT_REMOVED")


async def try_hang_up(state: CallState, what: str, act: Awaitable[None]) -> bool:
    """Run one of the ending's hang-ups: True when it succeeded; a failure is logged (and
    in the call log), never raised, and never reported as done."""
    try:
        await act
        return True
    except TelephonyError as e:
        log.error("could not %s in room %s: %s", what, state.room_name, e)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("unexpected error trying to %s in room %s", what, state.room_name)
    state.log.write("hang_up_failed", what=what)
    return False


async def settle_dials(state: CallState, timeout: float) -> None:
    """Wait for dials still in flight to finish (each hangs up a late answer itself);
    cancel what is left after `timeout` seconds."""
    tasks = list(state.dial_tasks)
    if not tasks:
        return
    _, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        log.warning("dial %s still running after the call: cancelled", task.get_name())
        task.cancel()
    if pending:  # let each record how it ended before the backend is closed
        await _within(state, RECORD_BOUND, "cancelled dials", asyncio.wait(pending))
