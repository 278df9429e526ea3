"""The telephony interface the call talks to; LiveKit and simulated backends implement it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from workflows.call.legs import CallStatus, Outcome

AnsweredBy = Literal["human", "machine"]

# Called with (identity, status, detail) whenever a dialled leg changes status. The LiveKit
# backend's room events and the simulated backend both feed the same sink.
StatusSink = Callable[[str, CallStatus, "str | None"], None]


@dataclass(frozen=True)
class DialRequest:
    phone_number: str  # E.164, already validated
    identity: str  # unique participant identity for this leg
    name: str  # how the callee is named to the caller; their participant name in the room
    dtmf: str = ""  # digits to send once answered (extension)


@dataclass(frozen=True)
class RoomParticipant:
    identity: str
    name: str
    kind: Literal["sip", "agent", "standard"]
    call_status: str | None = None  # `sip.callStatus` for SIP participants
    phone_number: str | None = None  # `sip.phoneNumber`, personal data
    muted: bool = False  # their microphone is muted


class DialFailed(Exception):
    """The callee could not be reached; `outcome` says why in the call's vocabulary."""

    def __init__(self, outcome: Outcome, detail: str, sip_status: int | None = None) -> None:
        super().__init__(detail)
        self.outcome = outcome
        self.detail = detail
        self.sip_status = sip_status


class TelephonyError(Exception):
    """The telephony backend failed (configuration, auth, outage, network)."""

    def __init__(self, kind: Literal["config", "unavailable"], detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


class CallEnding(Exception):
    """The call is ending: an action that costs money or changes who is on the call was refused
    before it reached the backend (`workflows/telephony/guarded.py`). Nothing was sent."""

    def __init__(self, action: str) -> None:
        super().__init__(f"{action}: refused, the call is ending")
        self.action = action


class Telephony(Protocol):
    """Room and SIP operations for one call's room."""

    async def dial(self, request: DialRequest) -> AnsweredBy:
        """Dial out; return once the callee answers, saying whether a person or a machine
        (voicemail) answered. Raise DialFailed or TelephonyError."""

    async def hang_up(self, identity: str) -> None:
        """Remove one participant from the room; an unknown identity is not an error."""

    async def set_muted(self, identity: str, muted: bool) -> None:
        """Mute or unmute a participant's microphone for everyone in the room."""

    async def transfer(self, identity: str, transfer_to: str) -> None:
        """Transfer a SIP participant elsewhere (SIP REFER); `transfer_to` is "tel:+1..." or
        "sip:...". Return once the transfer succeeded; raise DialFailed or TelephonyError."""

    async def send_dtmf(self, digits: str) -> None:
        """Play DTMF tones into the room (e.g. to answer an automated menu)."""

    async def list_participants(self) -> list[RoomParticipant]:
        """Everyone in the room now."""

    async def delete_room(self) -> None:
        """Delete the room, hanging up everyone; a room already gone counts as success."""

    async def aclose(self) -> None:
        """Release clients and cancel timers."""


# SIP response codes -> how the caller is told. 408 is the trunk's ringing timeout.
SIP_OUTCOMES: dict[int, Outcome] = {
    486: "busy",
    600: "busy",
    480: "no_answer",
    408: "no_answer",
    487: "no_answer",
    603: "declined",
    403: "declined",
    404: "unknown_number",
    484: "unknown_number",
    410: "unknown_number",
}


def outcome_for_sip_status(code: int | None) -> Outcome:
    return SIP_OUTCOMES.get(code or 0, "failed")
