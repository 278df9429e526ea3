"""Ending a call: the one way a call ends, hanging up, and waiting for late dials.

Every ending goes through `end_call_once`: the `end_call` tool, the watchdog's limits, the
caller hanging up, cold and warm transfers. It is the only writer of `CallState.ending`, and
it marks the call as ending at once (synchronously), so whatever else tries to end it,
announce or dial in the same moment sees the call is ending.
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
    what is being said), say `goodbye` and wait until it is heard, hang up, close the session.

    Returns the task (await it to wait for the end), or None when the call is already ending.
    """
    if state.ending:
        return None
    state.ending = True
    log.info("%s: ending the call in room %s", why, state.room_name)
    state.log.write("ending", why=why)

    async def finish() -> None:
        if first is not None:
            await first()
        if goodbye and session is not None:
            await session.say(goodbye, allow_interruptions=False)
            if session.output.audio is not None:  # a phone is still receiving its last words
                await state.sleep(GOODBYE_IN_FLIGHT)
        if hang_up == "everyone":
            await delete_room(state)
        elif hang_up == "dialled":
            await hang_up_dialled(state)
        if session is not None:
            session.shutdown()

    state.wind_down = asyncio.create_task(finish(), name=f"end-call-{state.room_name}")
    return state.wind_down


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
    if await _guarded(state, state.telephony.delete_room):
        state.room_deleted = True
        for leg in state.live_legs():  # the room may not report these any more
            events.on_status(state, leg.identity, "hangup", "ROOM_DELETED")


async def hang_up_dialled(state: CallState) -> None:
    """Hang up every leg the host dialled, leaving the room (and anyone else) as it is.
    Logs failures, never raises."""
    for leg in state.live_legs():
        if not await _guarded(state, lambda leg=leg: state.telephony.hang_up(leg.identity)):
            return
        events.on_status(state, leg.identity, "hangup", "PARTICIPANT_REMOVED")


async def _guarded(state: CallState, act: Callable[[], Awaitable[None]]) -> bool:
    try:
        await act()
        return True
    except TelephonyError as e:
        log.error("could not hang up in room %s: %s", state.room_name, e)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("unexpected error hanging up in room %s", state.room_name)
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
