"""The room's participant events, fed into the call: who joined, status changes, who left.

Used with a real room (the LiveKit backend); the simulated backend reports statuses itself.
"""

from __future__ import annotations

import asyncio
import logging

from livekit import rtc
from livekit.agents import AgentSession

from workflows.call.phone import mask
from workflows.lifecycle import events, keypad
from workflows.lifecycle.ending import caller_left, end_call_once
from workflows.lifecycle.state import CallState

log = logging.getLogger("call")
# Seconds the greeting waits for the bridge to answer the caller (livekit-sip answers once it
# has subscribed to the agent's track, a second or two after the agent joins) before the agent
# speaks anyway, logged.
ANSWER_WAIT = 10.0
# Seconds a job waits for anyone but agents in its room before it ends: a room the bridge made
# for an INVITE that then went (a Redis restart lost its rule) would otherwise hold one of the
# worker's WORKER_MAX_CALLS until the idle timeout, 7.5 minutes.
NOBODY_WAIT = 60.0


def attach_room(room: rtc.Room, state: CallState) -> None:
    """Feed the room's participant events into the call. Handlers are sync, as rtc requires."""

    @room.on("participant_connected")
    def _connected(p: rtc.RemoteParticipant) -> None:
        _joined(state, p)

    @room.on("participant_attributes_changed")
    def _attributes(changed: dict[str, str], p: rtc.Participant) -> None:
        if leg := state.find_leg(p.identity):
            leg.sip.update(_sip_attributes(changed))
        if "sip.callStatus" in changed:
            events.on_status(state, p.identity, changed["sip.callStatus"])  # type: ignore[arg-type]
            if p.identity == state.caller.identity and changed["sip.callStatus"] != "ringing":
                state.caller_hears.set()  # answered (or gone: nobody to wait for)

    @room.on("sip_dtmf_received")
    def _key(dtmf: rtc.SipDTMF) -> None:
        who = getattr(dtmf.participant, "identity", None)
        if who is not None and who == state.caller.identity:  # never a dialled leg's keys
            keypad.pressed(state, dtmf.digit)

    @room.on("participant_disconnected")
    def _disconnected(p: rtc.RemoteParticipant) -> None:
        reason = _reason_name(p.disconnect_reason)
        if p.identity in state.legs:
            events.on_status(state, p.identity, "hangup", reason)
        elif p.identity == state.caller.identity:
            caller_left(state, reason)


def adopt_present(room: rtc.Room, state: CallState) -> None:
    """Take in the participants already in the room when the agent connected: they get no
    `participant_connected`, and the SIP caller usually is one (the bridge creates the room
    and joins the caller before the agent is dispatched)."""
    for participant in list(room.remote_participants.values()):
        _joined(state, participant)


def _joined(state: CallState, p: rtc.RemoteParticipant) -> None:
    """A SIP participant is in the room: a leg the host dialled, or else the caller."""
    if p.kind != rtc.ParticipantKind.PARTICIPANT_KIND_SIP:
        return
    if leg := state.find_leg(p.identity):
        leg.sip.update(_sip_attributes(p.attributes))
        log.info("leg %s joined the room (call %s)", p.identity, leg.sip.get("sip.callID"))
        if status := p.attributes.get("sip.callStatus"):
            events.on_status(state, p.identity, status)  # type: ignore[arg-type]
    elif state.caller.identity in (None, p.identity):
        state.caller.identity = p.identity
        state.caller.phone_number = p.attributes.get("sip.phoneNumber")
        log.info("caller %s joined from %s", p.identity, mask(state.caller.phone_number))
        if p.attributes.get("sip.callStatus") == "ringing":  # the bridge answers after we join
            state.caller_hears.clear()
        state.log.write(
            "caller_joined", identity=p.identity, number=mask(state.caller.phone_number)
        )


async def caller_hears(state: CallState, timeout: float = ANSWER_WAIT) -> None:
    """Wait until the caller's side can hear the agent: an inbound SIP call is still ringing
    when the agent joins, and livekit-sip sends what the agent says to the phone only once it
    has answered (`sip.callStatus` active); words said before that are lost. At most `timeout`
    seconds on the call's clock: after that the agent speaks anyway, and the log says why."""
    if state.caller_hears.is_set():
        return
    answered = asyncio.ensure_future(state.caller_hears.wait())
    timer = asyncio.ensure_future(state.sleep(timeout))
    try:
        await asyncio.wait({answered, timer}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        answered.cancel()
        timer.cancel()
    if not state.caller_hears.is_set():
        log.warning(
            "caller %s still not answered by the SIP bridge after %g s: speaking anyway",
            state.caller.identity,
            timeout,
        )
        state.log.write("caller_not_answered", identity=state.caller.identity, waited=timeout)


def end_if_nobody_comes(
    room: rtc.Room, state: CallState, session: AgentSession, wait: float = NOBODY_WAIT
) -> asyncio.Task[None]:
    """End the call when nobody but agents is in the room `wait` seconds (on the call's clock)
    after the job started; a caller who came and went has ended it already (`caller_left`)."""

    async def watch() -> None:
        await state.sleep(wait)
        agent = rtc.ParticipantKind.PARTICIPANT_KIND_AGENT
        if state.ending or any(p.kind != agent for p in room.remote_participants.values()):
            return
        log.warning("nobody joined room %s within %g s: ending the job", state.room_name, wait)
        state.log.write("timeout", kind="nobody_joined", waited=wait)
        if ending := end_call_once(state, session, "nobody joined"):
            await ending

    task = asyncio.create_task(watch(), name=f"nobody-{state.room_name}")
    session.on("close", lambda _: task.cancel())
    return task


def _sip_attributes(attributes: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in attributes.items() if k.startswith("sip.")}


def _reason_name(reason: int | None) -> str:
    if reason is None:
        return "UNKNOWN_REASON"
    try:
        return rtc.DisconnectReason.Name(reason)
    except (ValueError, AttributeError):
        return str(reason)
