"""Telephony through a LiveKit server's API (`livekit-api`, Twirp over HTTP)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp
from google.protobuf.message import DecodeError
from livekit import api, rtc
from livekit.agents.beta.tools.send_dtmf import DEFAULT_DTMF_PUBLISH_DELAY
from livekit.agents.beta.workflows.utils import DtmfEvent, dtmf_event_to_code
from livekit.agents.utils import http_context
from livekit.protocol.models import ParticipantInfo, TrackType
from livekit.protocol.sip import SIPTransferStatus

from workflows.call.phone import mask
from workflows.telephony.protocol import (
    AnsweredBy,
    DialFailed,
    DialRequest,
    RoomParticipant,
    TelephonyError,
    outcome_for_sip_status,
)

log = logging.getLogger("telephony.livekit")
T = TypeVar("T")

_CONFIG_CODES = {api.TwirpErrorCode.UNAUTHENTICATED, api.TwirpErrorCode.PERMISSION_DENIED}
_KINDS = {ParticipantInfo.Kind.SIP: "sip", ParticipantInfo.Kind.AGENT: "agent"}


def warm_api_client() -> None:
    """Build the TLS context the job's API client (`ctx.api`) uses, before any call.

    The framework builds it once per process, on first use, from the whole CA bundle: 0.09 s
    on an idle machine, 0.6-0.9 s on a loaded one, in the call's event loop as the call starts.
    The worker's prewarm calls this while the process still waits for a call."""
    http_context._create_ssl_context()  # cached by the framework for the process


class LiveKitTelephony:
    """Dial-out and room control for one room through the LiveKit server API.

    In a job it uses the job's own client (`ctx.api`: one per job, on the job's HTTP session,
    closed by the framework); elsewhere (the text console, tests) it opens one from the
    credentials and closes it in `aclose`.
    """

    def __init__(
        self,
        *,
        url: str,
        room_name: str,
        trunk_id: str,
        client: api.LiveKitAPI | None = None,
        api_key: str | None = None,
        api_secret: str | None = None,
        ringing_timeout: int = 30,
        max_call_duration: int = 3600,
        request_timeout: float = 10.0,
        room: rtc.Room | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._owns_client = client is None
        self._lk = client or api.LiveKitAPI(url, api_key, api_secret)
        self._url = url
        # livekit-api does not apply its own timeout to most calls; every call here is bounded.
        self._timeout = request_timeout
        self._room = room_name
        self._trunk_id = trunk_id
        self._ringing_timeout = ringing_timeout
        self._max_call_duration = max_call_duration
        self._rtc_room = room  # the agent's connected room, for DTMF; None outside a real room
        self._sleep = sleep  # between DTMF keys

    def dial_request(self, request: DialRequest) -> api.CreateSIPParticipantRequest:
        """The exact `CreateSIPParticipant` request a dial sends."""
        sip = api.CreateSIPParticipantRequest(
            sip_trunk_id=self._trunk_id,
            sip_call_to=request.phone_number,
            room_name=self._room,
            participant_identity=request.identity,
            participant_name=request.name,
            dtmf=request.dtmf,
            play_dialtone=False,
            wait_until_answered=True,
        )
        sip.ringing_timeout.FromSeconds(self._ringing_timeout)
        sip.max_call_duration.FromSeconds(self._max_call_duration)
        return sip

    async def dial(self, request: DialRequest) -> AnsweredBy:
        log.info("dialing %s as %s", mask(request.phone_number), request.identity)
        call = self._lk.sip.create_sip_participant(
            self.dial_request(request), timeout=self._ring_limit
        )
        await self._ring("dial", call)
        return "human"  # the leg's own listener judges (workflows/lifecycle/voicemail.py)

    async def hang_up(self, identity: str) -> None:
        request = api.RoomParticipantIdentity(room=self._room, identity=identity)
        await self._guard("hang up", self._lk.room.remove_participant(request), gone_ok=True)

    async def set_muted(self, identity: str, muted: bool) -> None:
        get = api.RoomParticipantIdentity(room=self._room, identity=identity)
        participant = await self._guard("find participant", self._lk.room.get_participant(get))
        audio = [t.sid for t in participant.tracks if t.type == TrackType.AUDIO]
        if not audio:
            raise TelephonyError("unavailable", f"mute: {identity} has no audio track yet")
        for sid in audio:
            request = api.MuteRoomTrackRequest(
                room=self._room, identity=identity, track_sid=sid, muted=muted
            )
            await self._guard("mute", self._lk.room.mute_published_track(request))

    async def transfer(self, identity: str, transfer_to: str) -> None:
        request = api.TransferSIPParticipantRequest(
            participant_identity=identity,
            room_name=self._room,
            transfer_to=transfer_to,
            play_dialtone=False,
        )
        request.ringing_timeout.FromSeconds(self._ringing_timeout)
        call = self._lk.sip.transfer_sip_participant(request, timeout=self._ring_limit)
        response = await self._ring("transfer", call)
        if response is not None and response.status == SIPTransferStatus.STS_TRANSFER_FAILED:
            raise DialFailed("failed", f"transfer status {response.status} {response.reason}")

    async def send_dtmf(self, digits: str) -> None:
        # The framework's `send_dtmf_events` is a function tool: it needs a RunContext and
        # reports a failure only as text for the model. Its key codes and spacing are used here.
        if self._rtc_room is None:
            raise TelephonyError("unavailable", "DTMF needs the agent connected to a real room")
        for digit in digits:
            code = dtmf_event_to_code(DtmfEvent(digit))
            try:
                await self._rtc_room.local_participant.publish_dtmf(code=code, digit=digit)
            except rtc.participant.PublishDTMFError as e:
                raise TelephonyError("unavailable", f"send DTMF: {e}") from None
            await self._sleep(DEFAULT_DTMF_PUBLISH_DELAY)

    async def list_participants(self) -> list[RoomParticipant]:
        request = api.ListParticipantsRequest(room=self._room)
        response = await self._guard("list", self._lk.room.list_participants(request))
        return [
            RoomParticipant(
                identity=p.identity,
                name=p.name,
                kind=_KINDS.get(p.kind, "standard"),  # type: ignore[arg-type]
                call_status=p.attributes.get("sip.callStatus"),
                phone_number=p.attributes.get("sip.phoneNumber"),
                muted=any(t.muted for t in p.tracks if t.type == TrackType.AUDIO),
            )
            for p in response.participants
        ]

    async def delete_room(self) -> None:
        request = api.DeleteRoomRequest(room=self._room)
        await self._guard("delete room", self._lk.room.delete_room(request), gone_ok=True)

    async def aclose(self) -> None:
        if self._owns_client:  # the job's own client is closed with the job
            await self._lk.aclose()

    @property
    def _ring_limit(self) -> float:
        """A dial or transfer waits for an answer: the ringing window plus the usual timeout."""
        return self._ringing_timeout + 2 + self._timeout

    async def _ring(self, what: str, call: Awaitable[T]) -> T | None:
        """Await a call that rings a phone; a SIP failure becomes DialFailed with its outcome."""
        try:
            return await self._guard(what, call, timeout=self._ring_limit, ringing=True)
        except api.SipCallError as e:
            # The server's status is the protocol's enum name (SIP_STATUS_BUSY_HERE).
            status = (e.sip_status or "").removeprefix("SIP_STATUS_")
            raise DialFailed(
                outcome_for_sip_status(e.sip_status_code),
                f"SIP {e.sip_status_code} {status}".strip(),
                e.sip_status_code,
            ) from None

    async def _guard(
        self,
        what: str,
        call: Awaitable[T],
        *,
        gone_ok: bool = False,
        timeout: float = 0,
        ringing: bool = False,
    ) -> T | None:
        """Turn API and transport failures into TelephonyError with a fix in the message."""
        try:
            return await asyncio.wait_for(call, timeout or self._timeout)
        except api.SipCallError as e:
            if e.sip_status_code is not None:
                raise
            raise self._server_error(what, e) from None
        except api.TwirpError as e:
            if ringing and e.code == api.TwirpErrorCode.CANCELED:
                # livekit-sip gives up at the ringing timeout (it sends CANCEL) with no SIP
                # status: the server answers `canceled` (seen on the real bridge).
                raise DialFailed(
                    "no_answer", f"no answer within {self._ringing_timeout} s (cancelled)"
                ) from None
            if gone_ok and e.code == api.TwirpErrorCode.NOT_FOUND:
                log.info("%s: already gone (not_found), treating as done", what)
                return None
            raise self._server_error(what, e) from None
        except DecodeError as e:  # a 200 whose body is not the reply: garbage, HTML, cut short
            raise TelephonyError(
                "unavailable",
                f"{what}: {self._url} answered with something that is not a LiveKit API reply "
                f"({type(e).__name__}). Check that LIVEKIT_URL is the LiveKit server itself.",
            ) from None
        except (TimeoutError, aiohttp.ClientError, OSError) as e:  # ContentTypeError included
            raise TelephonyError(
                "unavailable",
                f"{what}: could not reach LiveKit at {self._url} "
                f"({type(e).__name__}: {e or 'timed out'})",
            ) from None

    def _server_error(self, what: str, e: api.TwirpError) -> TelephonyError:
        # A bad key or secret comes back as HTTP 401 with a plain-text body (code "unknown").
        if e.code in _CONFIG_CODES or e.status in (401, 403):
            return TelephonyError(
                "config",
                f"{what}: LiveKit refused the request ({e.code}, HTTP {e.status}). Check "
                "LIVEKIT_API_KEY / LIVEKIT_API_SECRET and that they belong to LIVEKIT_URL.",
            )
        if e.code == api.TwirpErrorCode.NOT_FOUND and what == "dial":
            return TelephonyError(
                "config",
                f"dial: LiveKit does not know the outbound trunk ({e.message}). "
                "Check SIP_TRUNK_ID (run `python -m workflows.provision`).",
            )
        return TelephonyError(
            "unavailable", f"{what}: LiveKit error {e.code} (HTTP {e.status}): {e.message}"
        )
