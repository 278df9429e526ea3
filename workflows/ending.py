"""Ending a call: claim the end once, say goodbye, hang up everyone, wait for late dials.

The call's lifecycle layer: function tools (`end_call`, transfers), the watchdog and the room
events all end the call through here.
"""

import asyncio
import logging

from tools.telephony import TelephonyError
from workflows.call_state import CallState

log = logging.getLogger("call")


def claim_ending(state: CallState) -> bool:
    """Mark the call as ending; False if something else already is ending it."""
    if state.ending:
        return False
    state.ending = True
    return True


async def finish_call(state: CallState, session, goodbye: str | None, why: str) -> None:
    """After `claim_ending`: say `goodbye` (if any), wait until it is heard, hang up everyone,
    close the session."""
    log.info("%s: ending the call in room %s", why, state.room_name)
    state.log.write("ending", why=why)
    if goodbye:
        await session.say(goodbye, allow_interruptions=False)
    await hang_up_everyone(state, delete_room=True)
    session.shutdown()


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
