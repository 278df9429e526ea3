"""Call events: SIP status changes and room events feed the call state, the log and the caller.

Both telephony backends report through `CallEvents.on_status`: the LiveKit one via the rtc room
events wired up in `attach_room`, the simulated one directly. One code path, one vocabulary.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from livekit import rtc

from prompts.schema import render
from tools.phone import mask, redact
from workflows.call_state import CALL_STATUSES, CallState, CallStatus, Leg, Outcome
from workflows.ending import end_call_once

if TYPE_CHECKING:
    from livekit.agents import AgentSession
    from livekit.agents.voice import SpeechHandle

log = logging.getLogger("call")

# Statuses the caller hears about as they happen (dialing is announced by the tool itself).
_ANNOUNCED: dict[str, str] = {"ringing": "ringing", "active": "joined"}


class CallEvents:
    """Applies status changes to `CallState` and tells the caller what happened."""

    def __init__(self, state: CallState) -> None:
        self.state = state
        self.session: AgentSession | None = None
        self.announcements: list[str] = []  # everything announced, for logs and tests
        self.wind_down: asyncio.Task | None = None  # set once the caller has hung up
        self._own: dict[str, Outcome] = {}  # legs a tool is hanging up and announces itself
        # Legs answered but not yet known to be a person: the dial announces "joined" once it
        # knows, so a voicemail is never first said to have joined.
        self.screening: set[str] = set()
        self._settled: dict[str, asyncio.Future[bool]] = {}  # leg -> answered?

    def bind(self, session: AgentSession) -> None:
        self.session = session

    def on_status(self, identity: str, status: CallStatus, detail: str | None = None) -> None:
        """A dialled leg's `sip.callStatus` changed (or it left, with `hangup`)."""
        leg = self.state.find_leg(identity)
        if leg is None or status not in CALL_STATUSES:
            return
        was_answered = leg.answered
        if not leg.set_status(status, detail):
            return
        log.info(
            "leg %s (%s) -> %s%s", identity, leg.masked, status, f" ({detail})" if detail else ""
        )
        self.state.log.write("status", identity=identity, status=status, detail=detail)
        if status in ("active", "hangup") and (waiter := self._settled.get(identity)):
            if not waiter.done():
                waiter.set_result(status == "active")
        if status in _ANNOUNCED and not (status == "active" and identity in self.screening):
            self.announce(leg, _ANNOUNCED[status])
        elif status == "hangup" and (own := self._own.get(identity)):
            leg.outcome = own  # the tool that hung it up tells the caller itself
        elif status == "hangup" and was_answered:
            # Before an answer, the dial's own result says why the leg ended.
            outcome: Outcome = "removed" if detail == "PARTICIPANT_REMOVED" else "hung_up"
            leg.outcome = outcome
            self.announce(leg, outcome)

    async def answered(self, identity: str) -> bool:
        """Wait until a dialled leg answers (True) or ends without answering (False)."""
        leg = self.state.find_leg(identity)
        if leg is None or leg.answered or not leg.live:
            return bool(leg and leg.answered and leg.live)
        waiter = self._settled.setdefault(identity, asyncio.get_running_loop().create_future())
        try:
            return await waiter
        finally:
            self._settled.pop(identity, None)

    async def hang_up(self, leg: Leg, outcome: Outcome, detail: str) -> None:
        """Hang up a leg for a tool that tells the caller itself (removed, voicemail): the
        hang-up is recorded here, whether the room reports it first or not, and not announced.
        On a TelephonyError the leg is left as it was and the error is raised."""
        self._own[leg.identity] = outcome
        try:
            await self.state.telephony.hang_up(leg.identity)
            self.on_status(leg.identity, "hangup", detail)  # a no-op if the room reported it
        finally:
            self._own.pop(leg.identity, None)

    def caller_left(self, reason: str) -> asyncio.Task | None:
        """The original caller hung up: wind the conference down, once."""
        if self.state.ending:
            return None
        log.info("caller left (%s): ending the conference", reason)
        self.state.log.write("caller_left", reason=reason)
        delete = self.state.settings.on_caller_hangup == "delete_room"
        self.wind_down = end_call_once(
            self.state, self.session, "caller left", hang_up="everyone" if delete else "dialled"
        )
        return self.wind_down

    def leg_failed(self, leg: Leg, outcome: Outcome, detail: str) -> None:
        """A dial ended without the callee joining."""
        self.on_status(leg.identity, "hangup", detail)  # no-op if the room reported it first
        leg.outcome, leg.failure = outcome, detail
        log.warning("dial to %s (%s) failed: %s (%s)", leg.masked, leg.identity, outcome, detail)
        self.state.log.write(
            "dial_failed", identity=leg.identity, outcome=outcome, failure=redact(detail)
        )
        self.announce(leg, outcome)

    def announce(self, leg: Leg, phrase_key: str) -> None:
        text = render(getattr(self.state.prompts.host, phrase_key), who=leg.spoken)
        self.say(text)

    async def speak(self, text: str) -> None:
        """Say something and wait until it has been heard."""
        if handle := self.say(text):
            await handle

    def say(self, text: str) -> SpeechHandle | None:
        """Say something (recorded in `announcements`); None when nobody is left to tell."""
        self.announcements.append(text)
        if self.session is None or self.state.ending:
            return None
        try:
            return self.session.say(text)
        except RuntimeError as e:  # the session is closing
            log.debug("announcement dropped (%s): %s", e, text)
            return None


def attach_room(room: rtc.Room, events: CallEvents) -> None:
    """Feed the room's participant events into the call. Handlers are sync, as rtc requires."""
    state = events.state

    @room.on("participant_connected")
    def _connected(p: rtc.RemoteParticipant) -> None:
        _joined(events, p)

    @room.on("participant_attributes_changed")
    def _attributes(changed: dict[str, str], p: rtc.Participant) -> None:
        if leg := state.find_leg(p.identity):
            leg.sip.update(_sip_attributes(changed))
        if "sip.callStatus" in changed:
            events.on_status(p.identity, changed["sip.callStatus"])  # type: ignore[arg-type]

    @room.on("participant_disconnected")
    def _disconnected(p: rtc.RemoteParticipant) -> None:
        reason = _reason_name(p.disconnect_reason)
        if p.identity in state.legs:
            events.on_status(p.identity, "hangup", reason)
        elif p.identity == state.caller.identity:
            events.caller_left(reason)


def adopt_present(room: rtc.Room, events: CallEvents) -> None:
    """Take in the participants already in the room when the agent connected: they get no
    `participant_connected`, and the SIP caller usually is one (the bridge creates the room
    and joins the caller before the agent is dispatched)."""
    for participant in list(room.remote_participants.values()):
        _joined(events, participant)


def _joined(events: CallEvents, p: rtc.RemoteParticipant) -> None:
    """A SIP participant is in the room: a leg the host dialled, or else the caller."""
    state = events.state
    if p.kind != rtc.ParticipantKind.PARTICIPANT_KIND_SIP:
        return
    if leg := state.find_leg(p.identity):
        leg.sip.update(_sip_attributes(p.attributes))
        log.info("leg %s joined the room (call %s)", p.identity, leg.sip.get("sip.callID"))
        if status := p.attributes.get("sip.callStatus"):
            events.on_status(p.identity, status)  # type: ignore[arg-type]
    elif state.caller.identity in (None, p.identity):
        state.caller.identity = p.identity
        state.caller.phone_number = p.attributes.get("sip.phoneNumber")
        log.info("caller %s joined from %s", p.identity, mask(state.caller.phone_number))
        state.log.write(
            "caller_joined", identity=p.identity, number=mask(state.caller.phone_number)
        )


def _sip_attributes(attributes: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in attributes.items() if k.startswith("sip.")}


def _reason_name(reason: int | None) -> str:
    if reason is None:
        return "UNKNOWN_REASON"
    try:
        return rtc.DisconnectReason.Name(reason)
    except (ValueError, AttributeError):
        return str(reason)
