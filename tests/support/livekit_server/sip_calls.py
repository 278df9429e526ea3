"""SIP dial-out and transfer: a dialled participant joins, rings for its ``SipOutcome``'s
``after`` seconds (cut short by ``ringing_timeout`` or by leaving), then is answered (an
audio track, callStatus "active") or leaves with the outcome's DisconnectReason. As the real
bridge does, a callee nobody answers within ``ringing_timeout`` is cancelled: the dial fails
with ``canceled`` and no SIP status, and the participant leaves still "ringing"."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

from livekit.protocol import models, sip

from tests.support.livekit_server.rooms import Rooms
from tests.support.livekit_server.sip_outcomes import RINGING_TIMEOUT, SipOutcome
from tests.support.livekit_server.twirp import TwirpError, new_id

SIP_KIND = models.ParticipantInfo.Kind.SIP


class SipCalls(Rooms):
    """CreateSIPParticipant and TransferSIPParticipant; LiveKitTestServer sets the state up."""

    outbound_trunks: dict[str, sip.SIPOutboundTrunkInfo]
    sip_outcomes: dict[str, SipOutcome]  # unknown numbers answer at once
    _tasks: set[asyncio.Task[Any]]
    _sleep: Callable[[float], Awaitable[None]]  # LiveKitTestServer's: ends early on stop()

    async def _create_sip_participant(self, req: Any) -> sip.SIPParticipantInfo:
        # Checks in the order of protocol's CreateSIPParticipantRequest.Validate().
        if not req.sip_trunk_id and not req.HasField("trunk"):
            raise TwirpError("invalid_argument", "missing sip trunk id")
        if not req.sip_call_to or "@" in req.sip_call_to:
            raise TwirpError("invalid_argument", "missing sip callee number (or a full SIP URI)")
        if not req.room_name:
            raise TwirpError("invalid_argument", "missing room name")
        trunk = self.outbound_trunks.get(req.sip_trunk_id)
        if req.sip_trunk_id and trunk is None:
            raise TwirpError("not_found", "requested sip trunk does not exist")
        call_id, identity = new_id("SCL_"), req.participant_identity or f"sip_{req.sip_call_to}"
        attrs = dict(req.participant_attributes) | {
            "sip.callID": call_id,
            "sip.callStatus": "dialing",
            "sip.trunkID": req.sip_trunk_id,
            "sip.trunkPhoneNumber": req.sip_number or (trunk.numbers[0] if trunk else ""),
        }
        if not req.hide_phone_number:
            attrs["sip.phoneNumber"] = req.sip_call_to
        p = await self.add_participant(
            req.room_name,
            identity,
            kind=SIP_KIND,
            attributes=attrs,
            name=req.participant_name,
            metadata=req.participant_metadata,
        )
        outcome = self.sip_outcomes.get(req.sip_call_to, SipOutcome())
        ring = req.ringing_timeout.ToTimedelta().total_seconds()
        if ring > 0 and outcome.after > ring:  # nobody answered within ringing_timeout
            outcome = SipOutcome(0, after=ring, disconnect_reason="CLIENT_INITIATED")
        info = sip.SIPParticipantInfo(
            participant_id=p.sid,
            participant_identity=identity,
            room_name=req.room_name,
            sip_call_id=call_id,
        )
        if not req.wait_until_answered:  # reply now; the outcome plays out in the room
            task = asyncio.create_task(self._ring(req.room_name, identity, outcome))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            return info
        error = await self._ring(req.room_name, identity, outcome)
        if error is not None:
            raise error
        return info

    async def _ring(self, room: str, identity: str, outcome: SipOutcome) -> TwirpError | None:
        await self.set_attributes(room, identity, {"sip.callStatus": "ringing"})
        gone = self._ringing.setdefault((room, identity), asyncio.Event())
        try:
            if outcome.after > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(gone.wait(), outcome.after)
        finally:
            self._ringing.pop((room, identity), None)
        p = self.rooms[room].participants.get(identity) if room in self.rooms else None
        if p is None:  # removed while ringing (room deleted, kicked)
            return TwirpError("canceled", "call was cancelled")
        if outcome.sip_status_code == 0:  # the bridge gave up ringing: it sent CANCEL
            await self.disconnect_participant(room, identity, outcome.reason)
            return RINGING_TIMEOUT
        if not outcome.answered:
            await self.disconnect_participant(room, identity, outcome.reason)
            return outcome.error()
        p.tracks.append(
            models.TrackInfo(
                sid=new_id("TR_"),
                type=models.TrackType.AUDIO,
                source=models.TrackSource.MICROPHONE,
                name="phone",
            )
        )
        await self.set_attributes(room, identity, {"sip.callStatus": "active"})
        return None

    async def _transfer(self, req: Any) -> sip.TransferSIPParticipantResponse:
        target = req.transfer_to.strip("<>")
        if not target.startswith(("sip:", "sips:", "tel:")):
            raise TwirpError(
                "invalid_argument",
                "transfer_to must be a valid SIP(s) or TEL URI (sip:, sips: or tel:)",
            )
        p = self._participant(req.room_name, req.participant_identity)
        if p.kind != SIP_KIND:
            raise TwirpError("not_found", "requested sip participant does not exist")
        outcome = self.sip_outcomes.get(target.split(":", 1)[1].split("@")[0], SipOutcome())
        await self._sleep(outcome.after)
        if not outcome.answered:
            raise outcome.error("transfer")  # the caller stays in the room
        await self.disconnect_participant(req.room_name, req.participant_identity)
        return sip.TransferSIPParticipantResponse(
            transfer_id=new_id("STR_"), status=sip.SIPTransferStatus.STS_TRANSFER_SUCCESSFUL
        )
