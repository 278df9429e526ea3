"""Dialling a confirmed destination in the background, and how each dial ends.

The tools decide *whether* to dial (policy and the caller's yes, `tools/`); this module does
the dial once they have: it creates the leg, runs the dial as a task so the conversation goes
on while the phone rings, screens the answer for voicemail (detection starts with the dial),
and hangs up a leg that answers after the call ended.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

from prompts.schema import render
from workflows.call.legs import Leg
from workflows.call.phone import mask
from workflows.lifecycle import events
from workflows.lifecycle.state import CallState
from workflows.lifecycle.voicemail import no_detection
from workflows.telephony.protocol import DialFailed, DialRequest, TelephonyError

log = logging.getLogger("call.dialing")
_LETTERS = str.maketrans("0123456789", "ghijklmnop")


def start_dial(state: CallState, e164: str, name: str, extension: str) -> Leg:
    """Create the leg and dial it in the background; return the leg at once."""
    # Letters only: an identity with a run of digits would be masked like a number in logs.
    identity = "sip-" + uuid.uuid4().hex[:12].translate(_LETTERS)
    leg = Leg(identity=identity, phone_number=e164, name=name)
    state.legs[leg.identity] = leg
    state.log.write("dial", identity=leg.identity, number=mask(e164))
    # "w" waits half a second after the answer before pressing the extension.
    request = DialRequest(e164, leg.identity, name, f"w{extension}" if extension else "")
    task = asyncio.create_task(_dial(state, leg, request), name=f"dial-{leg.identity}")
    state.dial_tasks.add(task)
    task.add_done_callback(state.dial_tasks.discard)
    return leg


async def _dial(state: CallState, leg: Leg, request: DialRequest) -> None:
    """Run one dial to completion and report how it ended."""
    if state.ending:  # the call began to end between the yes and this dial
        failure = "the call ended before dialing"
        events.on_status(
            state, leg.identity, "hangup", "CALL_ENDED", outcome="failed", failure=failure
        )
        state.log.write("dial_failed", identity=leg.identity, outcome="failed", failure=failure)
        return
    state.screening.add(leg.identity)  # "joined" waits until we know a person answered
    try:
        detector = state.detect_voicemail or no_detection
        async with detector(leg.identity) as verdict:  # listening starts with the dial
            answered_by = await state.telephony.dial(request)
            if state.ending:  # answered after the call ended: nobody is there to talk to
                await _hang_up_late(state, leg)
                return
            events.on_status(state, leg.identity, "active", "answered")
            if answered_by == "human":
                answered_by = await verdict()
        state.screening.discard(leg.identity)
        if answered_by == "machine":
            await _voicemail(state, leg)
        elif leg.live:
            events.announce(state, leg, "joined")
    except DialFailed as e:
        events.leg_failed(state, leg, e.outcome, e.detail)
    except TelephonyError as e:
        if e.kind == "config":
            log.error("DIAL-OUT MISCONFIGURED: %s", e.detail)
        events.leg_failed(state, leg, "config_error" if e.kind == "config" else "failed", e.detail)
    except asyncio.CancelledError:
        raise
    except Exception as e:
        log.exception("dial to %s failed unexpectedly", leg.masked)
        events.leg_failed(state, leg, "failed", f"{type(e).__name__}")
    finally:
        state.screening.discard(leg.identity)


async def _hang_up_late(state: CallState, leg: Leg) -> None:
    """A dial answered after the call ended: hang it up at once, and delete the room again if
    the end of the call deleted it (a late dial re-creates the room on a LiveKit server)."""
    log.warning("leg %s (%s) answered after the call ended: hanging up", leg.identity, leg.masked)
    state.log.write("late_answer", identity=leg.identity, room_deleted=state.room_deleted)
    await state.telephony.hang_up(leg.identity)
    if state.room_deleted:
        await state.telephony.delete_room()
    failure = "answered after the call ended"
    events.on_status(state, leg.identity, "hangup", "CALL_ENDED", outcome="failed", failure=failure)


async def _voicemail(state: CallState, leg: Leg) -> None:
    """A machine answered: leave a short message if configured, then hang that leg up."""
    voicemail = state.prompts.host.voicemail
    state.log.write("voicemail", identity=leg.identity, action=state.settings.voicemail_action)
    if state.settings.voicemail_action == "leave_message":
        message = render(voicemail.message, caller_name=state.caller.name or "a caller")
        await events.speak(state, message)
        phrase = voicemail.left_message
    else:
        phrase = voicemail.hung_up
    await events.hang_up(state, leg, "voicemail", "VOICEMAIL")  # announced below, not twice
    events.say(state, render(phrase, who=leg.name))
