"""Tools both agents offer, defined once. Mix `CallTools` in before `Agent` in the bases."""


import asyncio
import logging
import time

from livekit.agents import RunContext, StopResponse, function_tool

from prompts.schema import render
from tools.telephony import TelephonyError
from workflows.call_state import CallState

log = logging.getLogger("tools")


class CallTools:
    """End the call and report its state, from whichever agent is talking."""

    @function_tool
    async def end_call(self, context: RunContext[CallState]) -> str:
        """Say goodbye and end the call for everyone on it.

        Call this when the caller says goodbye, asks to hang up, or wants to end the conference.
        Do not say goodbye yourself first: this tool says it, waits for it to be heard, then
        hangs up everyone, including people dialled into the call.
        """
        state = context.userdata
        if not claim_ending(state):
            return state.prompts.shared.already_ending
        await context.wait_for_playout()  # let what is being said finish first
        await finish_call(state, context.session, state.prompts.shared.goodbye, "end_call")
        raise StopResponse()

    @function_tool
    async def get_call_state(self, context: RunContext[CallState]) -> str:
        """Report what is known about this call so far.

        Gives the caller's name and reason, everyone dialled with their status, and how long
        the call has lasted. Call this to check details before answering a question about the
        call. It does not contact anyone; use list_participants (when available) for who is in
        the room now.
        """
        state = context.userdata
        host = state.prompts.host
        legs = [
            render(host.participant, who=leg.spoken, status=getattr(host.status, leg.status))
            for leg in state.legs.values()
        ]
        return render(
            state.prompts.shared.state_summary,
            caller=state.caller.name or "unknown",
            reason=state.caller.reason or "unknown",
            participants="; ".join(legs) or "nobody dialled yet",
            minutes=round((time.time() - state.started_at) / 60, 1),
        )


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
