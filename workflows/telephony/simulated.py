"""Simulated telephony for the offline console and tests.

Each dial becomes a pretend SIP participant that goes dialing -> ringing -> active, reporting
each status through the same sink the LiveKit room events feed. Reserved numbers rehearse
failures, like the sandbox numbers telephony providers publish (listed in the README).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, replace

from workflows.call.phone import mask
from workflows.telephony.protocol import (
    AnsweredBy,
    DialFailed,
    DialRequest,
    RoomParticipant,
    StatusSink,
    outcome_for_sip_status,
)

log = logging.getLogger("telephony.simulated")


@dataclass(frozen=True)
class Rehearsal:
    sip_status: int | None  # None: the callee answers
    reason: str
    hang_up_after: float | None = None  # seconds after answering
    answered_by: AnsweredBy = "human"
    rings_for: float | None = None  # seconds it rings before its outcome (default: answer_delay)


# +1 415 555 01xx is reserved for fiction; the last digits echo the SIP code they rehearse.
RESERVED_NUMBERS: dict[str, Rehearsal] = {
    "+14155550186": Rehearsal(486, "Busy Here"),
    "+14155550180": Rehearsal(480, "Temporarily Unavailable"),
    "+14155550108": Rehearsal(408, "Request Timeout (ringing timeout)"),
    "+14155550103": Rehearsal(603, "Decline"),
    "+14155550104": Rehearsal(404, "Not Found"),
    "+14155550199": Rehearsal(None, "answers, then hangs up", hang_up_after=3.0),
    "+14155550177": Rehearsal(None, "voicemail answers", answered_by="machine"),
    # Rings for the trunk's usual 30 s before nobody answers: time to say "cancel that".
    "+14155550187": Rehearsal(408, "Request Timeout (ringing timeout)", rings_for=30.0),
}

# The disconnect reason a LiveKit room reports when a dial fails with each SIP status.
_DISCONNECT_REASONS = {
    486: "USER_REJECTED",
    603: "USER_REJECTED",
    480: "USER_UNAVAILABLE",
    408: "USER_UNAVAILABLE",
    404: "SIP_TRUNK_FAILURE",
}


class SimulatedTelephony:
    """A room of pretend participants. Delays are configurable so tests run fast."""

    def __init__(
        self,
        *,
        status_sink: StatusSink,
        ring_delay: float = 1.5,
        answer_delay: float = 2.0,
        caller_identity: str = "caller",
    ) -> None:
        self._sink = status_sink
        self._ring_delay = ring_delay
        self._answer_delay = answer_delay
        self.caller_identity = caller_identity
        self._participants: dict[str, RoomParticipant] = {
            caller_identity: RoomParticipant(caller_identity, "Caller", "standard"),
        }
        self._tasks: set[asyncio.Task] = set()
        self._gone: dict[str, asyncio.Event] = {}  # set when a dialled leg is hung up
        self.ringing_on: set[str] = set()  # legs on a long ring (`rings_for`), for tests
        self.dialled: list[DialRequest] = []  # every request received, in order
        self.deleted = 0  # how many times the room was deleted
        self.muted: dict[str, bool] = {}  # identity -> muted, as last set
        self.transfers: list[tuple[str, str]] = []  # (identity, transfer_to)
        self.dtmf: list[str] = []  # digits sent into the room

    async def dial(self, request: DialRequest) -> AnsweredBy:
        self.dialled.append(request)
        rehearsal = RESERVED_NUMBERS.get(request.phone_number)
        log.info("simulated dial %s as %s", mask(request.phone_number), request.identity)
        self._gone[request.identity] = asyncio.Event()
        try:
            self._set(request, "dialing")
            await self._ring(request, self._ring_delay)
            self._set(request, "ringing")
            ring = self._answer_delay
            if rehearsal and rehearsal.rings_for:
                ring = rehearsal.rings_for
                self.ringing_on.add(request.identity)
            await self._ring(request, ring)
        finally:
            self._gone.pop(request.identity, None)
            self.ringing_on.discard(request.identity)
        if rehearsal and rehearsal.sip_status:
            self._participants.pop(request.identity, None)
            self._sink(request.identity, "hangup", _DISCONNECT_REASONS[rehearsal.sip_status])
            raise DialFailed(
                outcome_for_sip_status(rehearsal.sip_status),
                f"SIP {rehearsal.sip_status} {rehearsal.reason}",
                rehearsal.sip_status,
            )
        self._set(request, "active")
        if rehearsal and rehearsal.hang_up_after is not None:
            task = asyncio.create_task(self._hang_up_later(request, rehearsal.hang_up_after))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return rehearsal.answered_by if rehearsal else "human"

    async def _ring(self, request: DialRequest, seconds: float) -> None:
        """Wait `seconds` while the phone is dialled or rings; a hang-up meanwhile ends the
        dial at once, as the SIP bridge's CANCEL does (487 Request Terminated)."""
        if seconds <= 0:
            await asyncio.sleep(0)  # zero delays keep their one step, as in tests
        else:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._gone[request.identity].wait(), seconds)
        if request.identity not in self._participants:
            raise DialFailed("no_answer", "SIP 487 Request Terminated (hung up while ringing)", 487)

    async def hang_up(self, identity: str) -> None:
        if self._participants.pop(identity, None) is not None:
            self._hung_up(identity)
            self._sink(identity, "hangup", "PARTICIPANT_REMOVED")

    def _hung_up(self, identity: str) -> None:
        if gone := self._gone.get(identity):
            gone.set()

    async def set_muted(self, identity: str, muted: bool) -> None:
        if identity in self._participants:
            self.muted[identity] = muted

    async def transfer(self, identity: str, transfer_to: str) -> None:
        """Transfers to a reserved failing number fail like a dial to it would."""
        self.transfers.append((identity, transfer_to))
        await asyncio.sleep(self._answer_delay)
        rehearsal = RESERVED_NUMBERS.get(transfer_to.removeprefix("tel:"))
        if rehearsal and rehearsal.sip_status:
            raise DialFailed(
                outcome_for_sip_status(rehearsal.sip_status),
                f"SIP {rehearsal.sip_status} {rehearsal.reason}",
                rehearsal.sip_status,
            )
        self._participants.pop(identity, None)

    async def send_dtmf(self, digits: str) -> None:
        self.dtmf.append(digits)

    async def list_participants(self) -> list[RoomParticipant]:
        return [
            replace(p, muted=self.muted.get(p.identity, False)) for p in self._participants.values()
        ]

    async def delete_room(self) -> None:
        self.deleted += 1
        for identity in [p.identity for p in self._participants.values() if p.kind == "sip"]:
            self._participants.pop(identity)
            self._hung_up(identity)
            self._sink(identity, "hangup", "ROOM_DELETED")
        self._participants.clear()

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def _set(self, request: DialRequest, status) -> None:
        self._participants[request.identity] = RoomParticipant(
            request.identity, request.name, "sip", status, request.phone_number
        )
        self._sink(request.identity, status, None)

    async def _hang_up_later(self, request: DialRequest, delay: float) -> None:
        await asyncio.sleep(delay)
        if self._participants.pop(request.identity, None) is not None:
            self._sink(request.identity, "hangup", "CLIENT_INITIATED")
