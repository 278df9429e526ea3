"""Dialling a confirmed destination in the background, and how each dial ends.

The tools decide *whether* to dial (policy and the caller's yes, `tools/`); this module does
the dial once they have: it creates the leg, runs the dial as a task so the conversation goes
on while the phone rings, screens the answer for voicemail (detection starts with the dial),
and hangs up a leg that answers after the call began to end. Once the call is ending the
telephony guard refuses the dial itself, whatever was awaited before it
(`workflows/telephony/guarded.py`); after each await that follows an answer, the dial looks
again whether the call is ending.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

from prompts.schema import render
from workflows.call.legs import Leg
from workflows.call.phone import mask
from workflows.lifecycle import events
from workflows.lifecycle.ending import try_hang_up
from workflows.lifecycle.state import CallState
from workflows.lifecycle.voicemail import no_detection
from workflows.telephony.protocol import CallEnding, DialFailed, DialRequest, TelephonyError

log = logging.getLogger("call.dialing")
_LETTERS = str.maketrans("0123456789", "ghijklmnop")


def start_dial(state: CallState, e164: str, name: str, extension: str) -> Leg:
    """Create the leg and dial it in the background; return the leg at once."""
    # Letters only: an identity with a run of digits would be masked like a number in logs.
    identity = "sip-" + uuid.uuid4().hex[:12].translate(_LETTERS)
    leg = Leg(identity=identity, phone_number=e164, name=name)
    state.legs[leg.identity] = leg
    state.settled[leg.identity] = asyncio.get_running_loop().create_future()
    state.log.write("dial", identity=leg.identity, number=mask(e164))
    # "w" waits half a second after the answer before pressing the extension.
    request = DialRequest(e164, leg.identity, name, f"w{extension}" if extension else "")
    task = asyncio.create_task(_dial(state, leg, request), name=f"dial-{leg.identity}")
    state.dial_tasks.add(task)
    task.add_done_callback(state.dial_tasks.discard)
    return leg


async def answered(state: CallState, leg: Leg) -> bool:
    """Wait until `leg`'s dial is settled: True once a person answered (after the voicemail
    verdict) and is still on the line; False once the dial ended any other way, its outcome
    recorded and told (busy, no answer, voicemail, the call ending...)."""
    person = await asyncio.shield(state.settled[leg.identity])  # every leg has one (start_dial)
    return person and leg.live


async def _dial(state: CallState, leg: Leg, request: DialRequest) -> None:
    """Run one dial to completion and report how it ended."""
    try:
        await _dial_and_screen(state, leg, request)
    except CallEnding:  # the guard refused the dial: nothing was sent
        _ended_before_dialing(state, leg)
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
        _settle(state, leg, person=False)  # a no-op once a person answered


async def _dial_and_screen(state: CallState, leg: Leg, request: DialRequest) -> None:
    if state.ending:  # the call began to end between the yes and this dial
        _ended_before_dialing(state, leg)
        return
    # The dial says "joined" itself, once a person answered: the room's "active" never does
    # (it may be a machine, or a lagging event after the answer).
    state.screening.add(leg.identity)
    detector = state.detect_voicemail or no_detection
    async with detector(leg.identity) as verdict:  # listening starts with the dial
        answered_by = await state.telephony.dial(request)  # refused once the call is ending
        if state.ending:  # answered after the call began to end: nobody to talk to
            await _hang_up_late(state, leg)
            return
        events.on_status(state, leg.identity, "active", "answered")
        if answered_by == "human":
            answered_by = await verdict()
    if state.ending:  # the call began to end while the answer was screened
        await _hang_up_late(state, leg)
        return
    if answered_by == "machine":
        await _voicemail(state, leg)
    elif leg.live:
        _settle(state, leg, person=True)
        events.announce(state, leg, "joined")


def _settle(state: CallState, leg: Leg, *, person: bool) -> None:
    """Wake whoever waits in `answered` for this leg."""
    settled = state.settled.get(leg.identity)
    if settled is not None and not settled.done():
        settled.set_result(person)


def _ended_before_dialing(state: CallState, leg: Leg) -> None:
    failure = "the call ended before dialing"
    events.on_status(state, leg.identity, "hangup", "CALL_ENDED", outcome="failed", failure=failure)
    state.log.write("dial_failed", identity=leg.identity, outcome="failed", failure=failure)


async def _hang_up_late(state: CallState, leg: Leg) -> None:
    """A dial answered after the call began to end: hang it up at once, and delete the room
    again if the end of the call deleted it (a late dial re-creates the room on a LiveKit
    server). A hang-up that failed leaves the leg as it is: it is never reported as done."""
    log.warning("leg %s (%s) answered after the call ended: hanging up", leg.identity, leg.masked)
    state.log.write("late_answer", identity=leg.identity, room_deleted=state.room_deleted)
    act = state.telephony.hang_up_at_end(leg.identity)
    gone = await try_hang_up(state, f"hang up {leg.identity}", act)
    if state.room_deleted:  # everyone in the re-created room, this leg included
        gone = await try_hang_up(state, "delete the room", state.telephony.delete_room()) or gone
    if gone:
        failure = "answered after the call ended"
        events.on_status(
            state, leg.identity, "hangup", "CALL_ENDED", outcome="failed", failure=failure
        )


async def _voicemail(state: CallState, leg: Leg) -> None:
    """A machine answered: leave a short message if configured, then hang that leg up."""
    voicemail = state.prompts.host.voicemail
    state.log.write("voicemail", identity=leg.identity, action=state.settings.voicemail_action)
    if state.settings.voicemail_action == "leave_message":
        unnamed = state.prompts.host.unnamed_caller_outside
        message = render(voicemail.message, caller_name=state.caller.name or unnamed)
        await events.speak(state, message)
        phrase = voicemail.left_message
    else:
        phrase = voicemail.hung_up
    if state.ending:  # the call began to end during the message
        await _hang_up_late(state, leg)
        return
    try:
        await events.hang_up(state, leg, "voicemail", "VOICEMAIL")  # announced below, not twice
    except TelephonyError as e:  # the machine is still on the line: not said to be hung up
        log.error("could not hang up the voicemail on %s: %s", leg.identity, e)
        state.log.write("hang_up_failed", what=f"hang up {leg.identity}")
        events.announce(state, leg, "failed")
        return
    events.say(state, render(phrase, who=leg.name))
