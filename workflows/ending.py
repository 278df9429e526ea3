"""Ending a call: the one way a call ends, hanging up, and waiting for late dials.

The call's lifecycle layer. Every ending goes through `end_call_once`: the `end_call` tool, the
watchdog's limits, the caller hanging up, cold and warm transfers. It is the only writer of
`CallState.ending`, and it marks the call as ending at once (synchronously), so whatever else
tries to end it, announce or dial in the same moment sees the call is ending.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Literal

from livekit.agents import AgentSession

from tools.telephony import TelephonyError
from workflows.call_state import CallState

log = logging.getLogger("call")

# Who is hung up: "everyone" deletes the room, "dialled" removes only the legs the host
# dialled (the caller already left), "nobody" leaves the room as it is (a warm transfer).
HangUp = Literal["everyone", "dialled", "nobody"]


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
        if hang_up != "nobody":
            await hang_up_everyone(state, delete_room=hang_up == "everyone")
        if session is not None:
            session.shutdown()

    return asyncio.create_task(finish(), name=f"end-call-{state.room_name}")


async def hang_up_everyone(state: CallState, *, delete_room: bool) -> None:
    """Delete the room (hanging up everyone) or, with `delete_room=False`, remove only the
    legs the host dialled. Logs failures, never raises.

    Dials still ringing are not cancelled: a request already sent would still reach the
    server. Each hangs itself up when it returns after the end (`tools/sip.py`); the worker
    waits for them with `settle_dials` before the job ends.
    """
    try:
        if delete_room:
            await state.telephony.delete_room()
            state.room_deleted = True
        for leg in state.live_legs():
            if not delete_room:
                await state.telephony.hang_up(leg.identity)
            # The room may not report these any more: record them so the state is complete.
            reason = "ROOM_DELETED" if delete_room else "PARTICIPANT_REMOVED"
            state.events.on_status(leg.identity, "hangup", reason)
    except TelephonyError as e:
        log.error("could not hang up everyone in room %s: %s", state.room_name, e)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("unexpected error hanging up room %s", state.room_name)


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
