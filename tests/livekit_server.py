"""A fake LiveKit server for tests: real Twirp over a loopback socket, in-memory state.

The unpatched ``livekit.api.LiveKitAPI`` client talks to it::

    async with LiveKitTestServer() as server:
        server.sip_outcomes["+14155550199"] = SipOutcome.fail(486)
        async with api.LiveKitAPI(server.url, server.api_key, server.api_secret) as lk:
            ...  # -> api.SipCallError(sip_status_code=486)

As a pytest fixture (no global state, one server per test)::

    @pytest_asyncio.fixture
    async def lk_server():
        async with LiveKitTestServer() as server:
            yield server

Fidelity notes (sources: livekit/livekit pkg/service/{auth,utils,errors}.go,
livekit/protocol livekit/sip.go + utils/xtwirp/errors.go, twitchtv/twirp v8 errors.go):

* Auth, as livekit-server does it (``auth_errors="livekit"``, the default): a malformed,
  expired or wrongly signed token is rejected by HTTP middleware with 401 and a plain-text
  body, so the client raises ``ServerError(code="unknown", status=401)``. A missing token or
  a missing grant is a Twirp ``unauthenticated`` 401 "permissions denied"; livekit-server
  never answers ``permission_denied`` for grants. ``auth_errors="twirp"`` gives idealised
  codes instead: bad token -> ``unauthenticated`` JSON, missing grant -> ``permission_denied``.
* SIP failures: SIP status -> gRPC code (protocol ``sipCodeToGRPCCode``) -> Twirp code, HTTP
  status per Twirp v8, meta ``sip_status_code``/``sip_status``/``error_details`` (base64
  ``google.rpc.Status`` holding a ``livekit.SIPStatus``). See ``SIP_FAILURES``. Protocol
  releases before that table mapped 480/486/503/603 to ``unavailable`` (HTTP 503).
* Retries: ``TwirpClient`` fails over/retries only for ``*.livekit.cloud`` and
  ``cloud-api.*.livekit.io`` hosts (``_failover.failover_attempts``). For
  ``http://127.0.0.1:PORT`` every call is exactly ONE attempt: a 5xx is raised at once as
  ``ServerError`` with that status (a non-JSON body gives code "unknown", msg ""), so
  ``len(server.requests_for(method))`` equals the number of client calls.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import inspect
import re
import secrets
import string
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from aiohttp import web
from google.protobuf import json_format
from google.protobuf.message import Message
from google.rpc import status_pb2
from livekit import api
from livekit.api.twirp_client import REQUEST_ID_HEADER
from livekit.protocol import agent_dispatch as ad
from livekit.protocol import models, sip
from livekit.protocol import room as rm

TWIRP_HTTP_STATUS: dict[str, int] = {  # twirp.ServerHTTPStatusFromErrorCode (v8)
    "canceled": 408,
    "unknown": 500,
    "invalid_argument": 400,
    "malformed": 400,
    "deadline_exceeded": 408,
    "not_found": 404,
    "bad_route": 404,
    "already_exists": 409,
    "permission_denied": 403,
    "unauthenticated": 401,
    "resource_exhausted": 429,
    "failed_precondition": 412,
    "aborted": 409,
    "out_of_range": 400,
    "unimplemented": 501,
    "internal": 500,
    "unavailable": 503,
    "data_loss": 500,
    "dataloss": 500,
}
_GRPC = {
    "invalid_argument": 3,
    "deadline_exceeded": 4,
    "not_found": 5,
    "permission_denied": 7,
    "resource_exhausted": 8,
    "failed_precondition": 9,
    "aborted": 10,
    "unavailable": 14,
}
# SIP status -> (reason phrase, Twirp code, DisconnectReason of the participant that leaves)
SIP_FAILURES: dict[int, tuple[str, str, str]] = {
    400: ("Bad Request", "invalid_argument", "SIP_TRUNK_FAILURE"),
    403: ("Forbidden", "permission_denied", "SIP_TRUNK_FAILURE"),
    404: ("Not Found", "not_found", "SIP_TRUNK_FAILURE"),
    408: ("Request Timeout", "deadline_exceeded", "USER_UNAVAILABLE"),  # also ringing timeout
    480: ("Temporarily Unavailable", "resource_exhausted", "USER_UNAVAILABLE"),
    486: ("Busy Here", "resource_exhausted", "USER_REJECTED"),
    487: ("Request Terminated", "aborted", "USER_UNAVAILABLE"),
    503: ("Service Unavailable", "failed_precondition", "SIP_TRUNK_FAILURE"),
    600: ("Busy Everywhere", "resource_exhausted", "USER_REJECTED"),
    603: ("Decline", "permission_denied", "USER_REJECTED"),
}
SIP_KIND = models.ParticipantInfo.Kind.SIP
Listener = Callable[[str, str, models.ParticipantInfo, dict[str, Any]], Awaitable[None] | None]


def _id(prefix: str) -> str:
    return prefix + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(12))


def _norm(num: str) -> str:
    num = re.sub(r"[\s\-()]", "", num)
    return num if not num or num.startswith("+") else "+" + num


class TwirpError(Exception):
    """An error reply. ``body`` (str) sends a raw non-JSON body instead of Twirp JSON."""

    def __init__(
        self,
        code: str,
        msg: str,
        meta: dict[str, str] | None = None,
        status: int | None = None,
        body: str | bytes | None = None,
    ) -> None:
        super().__init__(f"{code}: {msg}")
        self.code, self.msg, self.meta, self.body = code, msg, meta, body
        self.status = status or TWIRP_HTTP_STATUS.get(code, 500)

    def response(self) -> web.Response:
        if isinstance(self.body, bytes):
            return web.Response(
                status=self.status, body=self.body, content_type="application/protobuf"
            )
        if self.body is not None:
            return web.Response(status=self.status, text=self.body)
        payload: dict[str, Any] = {"code": self.code, "msg": self.msg}
        if self.meta:
            payload["meta"] = self.meta
        return web.json_response(payload, status=self.status)


@dataclass
class SipOutcome:
    """What the far end does with a dialled number (``sip_call_to``, or a transfer target)."""

    sip_status_code: int = 200
    sip_status: str = ""  # reason phrase; "" -> the standard one
    after: float = 0.0  # seconds spent ringing before the outcome
    code: str | None = None  # override the Twirp code
    disconnect_reason: str | None = None  # override, e.g. "SIP_TRUNK_FAILURE"

    @classmethod
    def answer(cls, after: float = 0.0) -> SipOutcome:
        return cls(200, after=after)

    @classmethod
    def fail(cls, sip_status_code: int, sip_status: str = "", after: float = 0.0) -> SipOutcome:
        return cls(sip_status_code, sip_status, after)

    @property
    def answered(self) -> bool:
        return self.sip_status_code < 300

    @property
    def reason(self) -> str:
        return (
            self.disconnect_reason
            or SIP_FAILURES.get(self.sip_status_code, ("",) * 3)[2]
            or "SIP_TRUNK_FAILURE"
        )

    def error(self, what: str = "INVITE") -> TwirpError:
        """The Twirp error livekit-server sends for this SIP failure."""
        n = self.sip_status_code
        phrase, code, _ = SIP_FAILURES.get(n, (f"SIP_STATUS_{n}", "invalid_argument", ""))
        phrase, code = self.sip_status or phrase, self.code or code
        text = f"{what} failed: sip status: {n}: {phrase}"
        st = status_pb2.Status(code=_GRPC.get(code, 2), message=text)
        st.details.add().Pack(sip.SIPStatus(code=n, status=phrase))  # type: ignore[arg-type]
        meta = {
            "sip_status_code": str(n),
            "sip_status": phrase,
            "error_details": base64.b64encode(st.SerializeToString()).decode(),
        }
        # The message prefix is what real servers send (livekit/python-sdks#479).
        return TwirpError(code, f"twirp error unknown: {text}", meta)


@dataclass
class FakeRoom:
    info: models.Room
    participants: dict[str, models.ParticipantInfo] = field(default_factory=dict)
    dispatches: dict[str, ad.AgentDispatch] = field(default_factory=dict)


@dataclass
class RecordedRequest:
    service: str
    method: str
    request: Message | None  # decoded protobuf (None if undecodable / unknown route)
    claims: api.Claims | None  # verified token claims (None if missing or invalid)
    request_id: str | None  # X-Livekit-Request-Id
    headers: dict[str, str]


def _room_admin(c: api.Claims, r: Any) -> bool:
    room = r.room_name if isinstance(r, sip.TransferSIPParticipantRequest) else r.room
    return bool(c.video and c.video.room_admin and c.video.room == room)


def _room_create(c: api.Claims, r: Any) -> bool:
    return bool(c.video and c.video.room_create)


def _room_list(c: api.Claims, r: Any) -> bool:
    return bool(c.video and c.video.room_list)


def _sip_admin(c: api.Claims, r: Any) -> bool:
    return bool(c.sip and c.sip.admin)


def _sip_call(c: api.Claims, r: Any) -> bool:
    return bool(c.sip and c.sip.call)


def _transfer_allowed(c: api.Claims, r: Any) -> bool:
    return _sip_call(c, r) and _room_admin(c, r)


_R, _S, _A = "RoomService", "SIP", "AgentDispatchService"
# method -> (service, request class, handler attribute, grant check); grants per the
# client's _auth_header calls and livekit-server's Ensure*Permission checks.
_ROUTES: dict[str, tuple[str, Any, str, Callable[[api.Claims, Any], bool]]] = {
    "CreateRoom": (_R, rm.CreateRoomRequest, "_create_room", _room_create),
    "ListRooms": (_R, rm.ListRoomsRequest, "_list_rooms", _room_list),
    "DeleteRoom": (_R, rm.DeleteRoomRequest, "_delete_room", _room_create),
    "ListParticipants": (_R, rm.ListParticipantsRequest, "_list_participants", _room_admin),
    "GetParticipant": (_R, rm.RoomParticipantIdentity, "_get_participant", _room_admin),
    "RemoveParticipant": (_R, rm.RoomParticipantIdentity, "_remove_participant", _room_admin),
    "MutePublishedTrack": (_R, rm.MuteRoomTrackRequest, "_mute_track", _room_admin),
    "UpdateParticipant": (_R, rm.UpdateParticipantRequest, "_update_participant", _room_admin),
    "CreateSIPParticipant": (
        _S,
        sip.CreateSIPParticipantRequest,
        "_create_sip_participant",
        _sip_call,
    ),
    "TransferSIPParticipant": (
        _S,
        sip.TransferSIPParticipantRequest,
        "_transfer",
        _transfer_allowed,
    ),
    "DeleteSIPTrunk": (_S, sip.DeleteSIPTrunkRequest, "_delete_trunk", _sip_admin),
    **{
        f"{verb}SIP{kind}Trunk": (
            _S,
            getattr(sip, f"{verb}SIP{kind}TrunkRequest"),
            f"_{verb.lower()}_trunk",
            _sip_admin,
        )
        for kind in ("Inbound", "Outbound")
        for verb in ("Create", "List", "Update")
    },
    **{
        f"{verb}SIPDispatchRule": (
            _S,
            getattr(sip, f"{verb}SIPDispatchRuleRequest"),
            f"_{verb.lower()}_rule",
            _sip_admin,
        )
        for verb in ("Create", "List", "Update", "Delete")
    },
    "CreateDispatch": (_A, ad.CreateAgentDispatchRequest, "_create_dispatch", _room_admin),
    "ListDispatch": (_A, ad.ListAgentDispatchRequest, "_list_dispatch", _room_admin),
    "DeleteDispatch": (_A, ad.DeleteAgentDispatchRequest, "_delete_dispatch", _room_admin),
}


class LiveKitTestServer:
    """In-memory LiveKit RoomService / SIP / AgentDispatchService over real HTTP Twirp."""

    def __init__(
        self,
        api_key: str = "devkey",
        api_secret: str = "a-secret-at-least-32-characters-long!!",
        *,
        auth_errors: Literal["livekit", "twirp"] = "livekit",
    ) -> None:
        self.api_key, self.api_secret, self.auth_errors = api_key, api_secret, auth_errors
        self.url = ""
        self.rooms: dict[str, FakeRoom] = {}
        self.inbound_trunks: dict[str, sip.SIPInboundTrunkInfo] = {}
        self.outbound_trunks: dict[str, sip.SIPOutboundTrunkInfo] = {}
        self.dispatch_rules: dict[str, sip.SIPDispatchRuleInfo] = {}
        self.sip_outcomes: dict[str, SipOutcome] = {}  # unknown numbers answer at once
        self.requests: list[RecordedRequest] = []
        # Methods whose work goes on when the client gives up (handler cancellation is real
        # for the rest): a dial the server has taken cannot be taken back by disconnecting.
        self.uncancellable: set[str] = set()
        self._faults: dict[str, list[list[Any]]] = {}  # method -> [[TwirpError, times_left]]
        self._delays: dict[str, list[Any]] = {}  # method -> [seconds, times_left | None]
        self._listeners: list[Listener] = []
        self._tasks: set[asyncio.Task[Any]] = set()
        self._ringing: dict[tuple[str, str], asyncio.Event] = {}  # set when the callee leaves
        self._closing = asyncio.Event()
        self._verifier = api.TokenVerifier(api_key, api_secret)
        self._runner: web.AppRunner | None = None
        self._routes = {
            (svc, method): (cls, getattr(self, handler), allowed)
            for method, (svc, cls, handler, allowed) in _ROUTES.items()
        }

    # ----------------------------------------------------------------- lifecycle / test API
    async def start(self) -> LiveKitTestServer:
        """Bind 127.0.0.1 on a free port and set ``self.url``."""
        self._closing = asyncio.Event()
        app = web.Application()
        app.router.add_route("*", "/{path:.*}", self._handle)
        # handler_cancellation: a client timeout cancels the handler, like a Go server's ctx.
        self._runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=0.5, access_log=None
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self

    async def stop(self) -> None:
        self._closing.set()  # wakes every injected delay / ringing phase
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> LiveKitTestServer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def fail(
        self,
        method: str,
        code: str = "internal",
        msg: str = "injected failure",
        *,
        status: int | None = None,
        meta: dict[str, str] | None = None,
        times: int | None = 1,
        body: str | None = None,
    ) -> None:
        """Fail the next ``times`` calls of ``method`` (None: until ``reset_faults``).

        ``status`` overrides the HTTP status; ``body`` sends a raw non-JSON body, e.g.
        ``fail("ListRooms", status=502, body="<html>bad gateway</html>")`` (proxy error).
        Applied after authentication and grant checks."""
        error = TwirpError(code, msg, meta, status, body)
        self._faults.setdefault(method, []).append([error, times])

    def garble(self, method: str, body: str | bytes, times: int | None = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with HTTP 200 and ``body`` instead of
        its reply: garbage bytes, a truncated protobuf, or a proxy's HTML page (a str)."""
        self.fail(method, status=200, body=body, times=times)

    def delay(self, method: str, seconds: float, times: int | None = None) -> None:
        """Stall ``method`` for ``seconds`` before handling it (None: every call)."""
        self._delays[method] = [seconds, times]

    def reset_faults(self) -> None:
        self._faults.clear()
        self._delays.clear()

    def requests_for(self, method: str) -> list[Message | None]:
        return [r.request for r in self.requests if r.method == method]

    def on_participant_event(self, callback: Listener) -> Callable[[], None]:
        """``callback(kind, room, participant, extra)``; kind is "joined",
        "attributes_changed" (extra["changed"]) or "left" (extra["reason"], a DisconnectReason
        name). Sync or async; awaited in order. Returns an unsubscribe function."""
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback)

    async def add_participant(
        self,
        room: str,
        identity: str,
        *,
        kind: int = 0,
        name: str = "",
        attributes: dict[str, str] | None = None,
        metadata: str = "",
    ) -> models.ParticipantInfo:
        """Join a participant (creating the room); an existing identity is kicked first."""
        r = self._ensure_room(room)
        if identity in r.participants:
            await self.disconnect_participant(room, identity, "DUPLICATE_IDENTITY")
        now = time.time()
        p = models.ParticipantInfo(
            sid=_id("PA_"),
            identity=identity,
            name=name,
            kind=kind,  # type: ignore[arg-type]
            state=models.ParticipantInfo.State.ACTIVE,
            joined_at=int(now),
            joined_at_ms=int(now * 1000),
            attributes=attributes or {},
            metadata=metadata,
        )
        r.participants[identity] = p
        await self._emit("joined", room, p)
        return p

    async def set_attributes(self, room: str, identity: str, attrs: dict[str, str]) -> None:
        """Merge attributes (an empty value deletes) and fire "attributes_changed"."""
        p = self._participant(room, identity)
        changed = {k: v for k, v in attrs.items() if p.attributes.get(k, "") != v}
        for k, v in changed.items():
            if v:
                p.attributes[k] = v
            else:
                del p.attributes[k]
        if changed:
            await self._emit("attributes_changed", room, p, changed=changed)

    async def disconnect_participant(
        self, room: str, identity: str, reason: str = "CLIENT_INITIATED"
    ) -> None:
        """Remove a participant (e.g. the callee hangs up) and fire "left"."""
        r = self.rooms.get(room)
        p = r.participants.pop(identity, None) if r else None
        if p is not None:
            if gone := self._ringing.get((room, identity)):
                gone.set()  # a phone still ringing stops: the dial ends at once
            p.state = models.ParticipantInfo.State.DISCONNECTED
            p.disconnect_reason = models.DisconnectReason.Value(reason)
            await self._emit("left", room, p, reason=reason)

    # ---------------------------------------------------------------------- plumbing
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        m = re.fullmatch(r"/twirp/livekit\.(\w+)/(\w+)", request.path)
        service, method = m.groups() if m else ("", "")
        route = self._routes.get((service, method))  # (request class, handler, grant check)
        body = await request.read()
        ctype = request.headers.get("Content-Type", "").split(";")[0].strip()
        msg: Message | None = None
        if route is not None:
            with contextlib.suppress(Exception):
                msg = (
                    json_format.Parse(body or b"{}", route[0](), ignore_unknown_fields=True)
                    if ctype == "application/json"
                    else route[0].FromString(body)
                )
        claims, auth_error = self._authenticate(request.headers.get("Authorization", ""))
        self.requests.append(
            RecordedRequest(
                service,
                method,
                msg,
                claims,
                request.headers.get(REQUEST_ID_HEADER),
                dict(request.headers),
            )
        )
        try:
            if auth_error is not None:  # livekit-server's auth middleware runs before routing
                raise auth_error
            if route is None or request.method != "POST":
                raise TwirpError(
                    "bad_route",
                    f'no handler for path "{request.path}"',
                    {"twirp_invalid_route": f"{request.method} {request.path}"},
                )
            if ctype not in ("application/protobuf", "application/json"):
                raise TwirpError("bad_route", f"unexpected Content-Type: {ctype!r}")
            if msg is None:
                raise TwirpError("malformed", "the request could not be decoded")
            if claims is None or not route[2](claims, msg):
                twirp_denied = self.auth_errors == "twirp" and claims is not None
                raise TwirpError(
                    "permission_denied" if twirp_denied else "unauthenticated", "permissions denied"
                )
            reply = await self._process(method, route[1], msg)
        except TwirpError as e:
            return e.response()
        except Exception as e:  # a bug in this fake: answer like a Twirp server, not bare 500
            return TwirpError("internal", f"{type(e).__name__}: {e}").response()
        if ctype == "application/json":
            return web.Response(text=json_format.MessageToJson(reply), content_type=ctype)
        return web.Response(body=reply.SerializeToString(), content_type="application/protobuf")

    async def _process(
        self, method: str, handler: Callable[[Any], Awaitable[Message]], msg: Message
    ) -> Message:
        async def run() -> Message:
            await self._maybe_delay(method)
            self._maybe_fail(method)
            return await handler(msg)

        if method not in self.uncancellable:
            return await run()
        task = asyncio.create_task(run())  # goes on after the client hangs up, like a SIP
        self._tasks.add(task)  # dial already handed to the bridge
        task.add_done_callback(self._tasks.discard)
        return await asyncio.shield(task)

    def _authenticate(self, header: str) -> tuple[api.Claims | None, TwirpError | None]:
        if not header:
            return None, None  # no claims: every method's grant check then fails
        try:
            if not header.startswith("Bearer "):
                raise ValueError("invalid authorization header. Must start with Bearer ")
            return self._verifier.verify(header[len("Bearer ") :]), None
        except Exception as e:  # jwt errors: bad signature, expired, wrong issuer, ...
            text = f"invalid token: {e}"
            body = text if self.auth_errors == "livekit" else None  # plain-text 401
            return None, TwirpError("unauthenticated", text, status=401, body=body)

    async def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), seconds)

    async def _maybe_delay(self, method: str) -> None:
        entry = self._delays.get(method)
        if entry and entry[1] != 0:
            entry[1] = None if entry[1] is None else entry[1] - 1
            await self._sleep(entry[0])

    def _maybe_fail(self, method: str) -> None:
        for entry in self._faults.get(method, []):
            if entry[1] is None or entry[1] > 0:
                entry[1] = None if entry[1] is None else entry[1] - 1
                raise entry[0]

    async def _emit(self, kind: str, room: str, p: models.ParticipantInfo, **extra: Any) -> None:
        snapshot = models.ParticipantInfo()
        snapshot.CopyFrom(p)
        for callback in list(self._listeners):
            result = callback(kind, room, snapshot, extra)
            if inspect.isawaitable(result):
                await result

    def _ensure_room(self, name: str) -> FakeRoom:
        if name not in self.rooms:
            now = time.time()
            info = models.Room(
                sid=_id("RM_"), name=name, creation_time=int(now), creation_time_ms=int(now * 1000)
            )
            self.rooms[name] = FakeRoom(info)
        return self.rooms[name]

    def _room(self, name: str) -> FakeRoom:
        if name not in self.rooms:
            raise TwirpError("not_found", "requested room does not exist")
        return self.rooms[name]

    def _participant(self, room: str, identity: str) -> models.ParticipantInfo:
        p = self._room(room).participants.get(identity)
        if p is None:
            raise TwirpError("not_found", "participant does not exist")
        return p

    # ------------------------------------------------------------------- RoomService
    async def _create_room(self, req: rm.CreateRoomRequest) -> models.Room:
        if not req.name:
            raise TwirpError("invalid_argument", "no room name")
        existed = req.name in self.rooms
        info = self._ensure_room(req.name).info
        if not existed:
            info.empty_timeout, info.departure_timeout = req.empty_timeout, req.departure_timeout
            info.max_participants, info.metadata = req.max_participants, req.metadata
        return info

    async def _list_rooms(self, req: rm.ListRoomsRequest) -> rm.ListRoomsResponse:
        rooms = [r for n, r in self.rooms.items() if not req.names or n in req.names]
        for r in rooms:
            r.info.num_participants = len(r.participants)
        return rm.ListRoomsResponse(rooms=[r.info for r in rooms])

    async def _delete_room(self, req: rm.DeleteRoomRequest) -> rm.DeleteRoomResponse:
        for identity in list(self._room(req.room).participants):
            await self.disconnect_participant(req.room, identity, "ROOM_DELETED")
        del self.rooms[req.room]
        return rm.DeleteRoomResponse()

    async def _list_participants(self, req: Any) -> rm.ListParticipantsResponse:
        return rm.ListParticipantsResponse(participants=self._room(req.room).participants.values())

    async def _get_participant(self, req: rm.RoomParticipantIdentity) -> models.ParticipantInfo:
        return self._participant(req.room, req.identity)

    async def _remove_participant(self, req: Any) -> rm.RemoveParticipantResponse:
        self._participant(req.room, req.identity)
        await self.disconnect_participant(req.room, req.identity, "PARTICIPANT_REMOVED")
        return rm.RemoveParticipantResponse()

    async def _mute_track(self, req: rm.MuteRoomTrackRequest) -> rm.MuteRoomTrackResponse:
        p = self._participant(req.room, req.identity)
        track = next((t for t in p.tracks if t.sid == req.track_sid), None)
        if track is None:
            raise TwirpError("not_found", "track is not found")
        track.muted = req.muted
        return rm.MuteRoomTrackResponse(track=track)

    async def _update_participant(self, req: rm.UpdateParticipantRequest) -> models.ParticipantInfo:
        p = self._participant(req.room, req.identity)
        if req.metadata:
            p.metadata = req.metadata
        if req.name:
            p.name = req.name
        if req.HasField("permission"):
            p.permission.CopyFrom(req.permission)
        await self.set_attributes(req.room, req.identity, dict(req.attributes))
        return p

    # ------------------------------------------------------------------ SIP calls
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
        call_id, identity = _id("SCL_"), req.participant_identity or f"sip_{req.sip_call_to}"
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
            outcome = SipOutcome.fail(408, after=ring)
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
        if not outcome.answered:
            await self.disconnect_participant(room, identity, outcome.reason)
            return outcome.error()
        p.tracks.append(
            models.TrackInfo(
                sid=_id("TR_"),
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
            transfer_id=_id("STR_"), status=sip.SIPTransferStatus.STS_TRANSFER_SUCCESSFUL
        )

    # ------------------------------------------------------- SIP trunks / dispatch rules
    def _store(self, req: Message) -> dict[str, Any]:
        return self.inbound_trunks if "Inbound" in type(req).__name__ else self.outbound_trunks

    def _validate_trunk(self, t: Any) -> None:
        if isinstance(t, sip.SIPInboundTrunkInfo):
            if not (t.auth_username or t.auth_password or t.allowed_addresses or t.numbers):
                raise TwirpError(
                    "invalid_argument",
                    "for security, one of the fields must be "
                    "set: AuthUsername+AuthPassword, AllowedAddresses or Numbers",
                )
            self._check_number_conflict(t)
        elif not t.numbers or not t.address:
            raise TwirpError(
                "invalid_argument",
                "no trunk numbers specified" if not t.numbers else "no outbound address specified",
            )

    def _check_number_conflict(self, t: sip.SIPInboundTrunkInfo) -> None:
        """protocol sip.ValidateTrunks: one number may belong to several inbound trunks only
        if AllowedNumbers tell them apart. Sent as invalid_argument."""
        mine = {_norm(n) for n in t.numbers} or {""}
        nums = "[" + " ".join(f'"{n}"' for n in t.numbers) + "]" if t.numbers else "<any>"
        for other in self.inbound_trunks.values():
            if other.sip_trunk_id == t.sip_trunk_id or not mine & (
                {_norm(n) for n in other.numbers} or {""}
            ):
                continue
            ids = f'"{t.sip_trunk_id or "<new>"}" and "{other.sip_trunk_id}"'
            if not t.allowed_numbers and not other.allowed_numbers:
                raise TwirpError(
                    "invalid_argument",
                    f"Conflicting inbound SIP Trunks: {ids}, "
                    f"using the same number(s) {nums} without AllowedNumbers set",
                )
            for num in t.allowed_numbers:
                if _norm(num) in {_norm(n) for n in other.allowed_numbers}:
                    raise TwirpError(
                        "invalid_argument",
                        f"Conflicting inbound SIP Trunks: {ids}"
                        f', using the same number(s) {nums} and AllowedNumber "{num}"',
                    )

    async def _create_trunk(self, req: Any) -> Message:
        if not req.HasField("trunk") or req.trunk.sip_trunk_id:
            raise TwirpError("invalid_argument", "missing trunk, or trunk id is set")
        trunk = type(req.trunk)()
        trunk.CopyFrom(req.trunk)
        self._validate_trunk(trunk)
        trunk.sip_trunk_id = _id("ST_")
        trunk.created_at.GetCurrentTime()
        self._store(req)[trunk.sip_trunk_id] = trunk
        return trunk

    async def _list_trunk(self, req: Any) -> Message:
        numbers = {_norm(n) for n in req.numbers}
        items = [
            t
            for t in self._store(req).values()
            if (not req.trunk_ids or t.sip_trunk_id in req.trunk_ids)
            and (not numbers or not t.numbers or numbers & {_norm(n) for n in t.numbers})
        ]
        return getattr(sip, type(req).__name__.replace("Request", "Response"))(items=items)

    async def _update_trunk(self, req: Any) -> Message:
        old = self._store(req).get(req.sip_trunk_id)
        if old is None:
            raise TwirpError("not_found", "requested sip trunk does not exist")
        new = _apply_action(old, req)
        self._validate_trunk(new)
        self._store(req)[req.sip_trunk_id] = new
        return new

    async def _delete_trunk(self, req: sip.DeleteSIPTrunkRequest) -> sip.SIPTrunkInfo:
        for kind, store in ((1, self.inbound_trunks), (2, self.outbound_trunks)):
            if (t := store.pop(req.sip_trunk_id, None)) is not None:
                return sip.SIPTrunkInfo(
                    sip_trunk_id=t.sip_trunk_id,
                    kind=kind,  # type: ignore
                    name=t.name,
                    metadata=t.metadata,
                )
        raise TwirpError("not_found", "requested sip trunk does not exist")

    async def _create_rule(self, req: sip.CreateSIPDispatchRuleRequest) -> sip.SIPDispatchRuleInfo:
        rule = sip.SIPDispatchRuleInfo()
        if req.HasField("dispatch_rule"):
            rule.CopyFrom(req.dispatch_rule)
        else:  # legacy flat fields
            for fd, value in req.ListFields():
                _set_field(rule, fd, value)
        if not rule.HasField("rule"):
            raise TwirpError("invalid_argument", "missing rule")
        rule.sip_dispatch_rule_id = _id("SDR_")
        rule.created_at.GetCurrentTime()
        self.dispatch_rules[rule.sip_dispatch_rule_id] = rule
        return rule

    async def _list_rule(self, req: Any) -> sip.ListSIPDispatchRuleResponse:
        return sip.ListSIPDispatchRuleResponse(
            items=[
                r
                for r in self.dispatch_rules.values()
                if (not req.dispatch_rule_ids or r.sip_dispatch_rule_id in req.dispatch_rule_ids)
                and (not req.trunk_ids or not r.trunk_ids or set(req.trunk_ids) & set(r.trunk_ids))
            ]
        )

    async def _update_rule(self, req: Any) -> sip.SIPDispatchRuleInfo:
        old = self.dispatch_rules.get(req.sip_dispatch_rule_id)
        if old is None:
            raise TwirpError("not_found", "requested sip dispatch rule does not exist")
        self.dispatch_rules[req.sip_dispatch_rule_id] = new = _apply_action(old, req)
        return new

    async def _delete_rule(self, req: Any) -> sip.SIPDispatchRuleInfo:
        if (rule := self.dispatch_rules.pop(req.sip_dispatch_rule_id, None)) is None:
            raise TwirpError("not_found", "requested sip dispatch rule does not exist")
        return rule

    # ---------------------------------------------------------- AgentDispatchService
    async def _create_dispatch(self, req: ad.CreateAgentDispatchRequest) -> ad.AgentDispatch:
        d = ad.AgentDispatch(id=_id("AD_"), state=ad.AgentDispatchState(created_at=time.time_ns()))
        for fd, value in req.ListFields():
            _set_field(d, fd, value)
        self._ensure_room(req.room).dispatches[d.id] = d
        return d

    async def _list_dispatch(self, req: Any) -> ad.ListAgentDispatchResponse:
        found = self.rooms[req.room].dispatches.values() if req.room in self.rooms else []
        return ad.ListAgentDispatchResponse(
            agent_dispatches=[d for d in found if not req.dispatch_id or d.id == req.dispatch_id]
        )

    async def _delete_dispatch(self, req: Any) -> ad.AgentDispatch:
        d = (
            self.rooms[req.room].dispatches.pop(req.dispatch_id, None)
            if req.room in self.rooms
            else None
        )
        if d is None:
            raise TwirpError("not_found", "dispatch not found")
        d.state.deleted_at = time.time_ns()
        return d


def _set_field(dst: Message, fd: Any, value: Any) -> None:
    """Copy one field (scalar, repeated, map or message) onto a same-named field of dst."""
    if fd.name not in dst.DESCRIPTOR.fields_by_name:
        return
    if fd.message_type is not None and fd.message_type.GetOptions().map_entry:
        target = getattr(dst, fd.name)
        for k, v in value.items():
            target.pop(k, None) if v == "" else target.__setitem__(k, v)  # type: ignore
    elif fd.is_repeated:
        del getattr(dst, fd.name)[:]
        getattr(dst, fd.name).extend(value)
    elif fd.message_type is not None:
        getattr(dst, fd.name).CopyFrom(value)
    else:
        setattr(dst, fd.name, value)


def _apply_action(old: Message, req: Any) -> Message:
    """UpdateSIP*Request: ``replace`` swaps the object (keeping its id), ``update`` patches
    optional fields and applies ListUpdate {set, add, remove, clear} to lists."""
    new = type(old)()
    new.CopyFrom(old)
    action = req.WhichOneof("action")
    if action is None:
        raise TwirpError("invalid_argument", "missing or unsupported update action")
    if action == "replace":
        id_field = old.DESCRIPTOR.fields[0].name  # sip_trunk_id / sip_dispatch_rule_id
        new.CopyFrom(req.replace)
        setattr(new, id_field, getattr(old, id_field))
        new.created_at.CopyFrom(old.created_at)  # type: ignore[attr-defined]
    else:
        for fd, value in req.update.ListFields():
            if fd.message_type is not None and fd.message_type.full_name == "livekit.ListUpdate":
                current = [] if value.clear else list(value.set or getattr(new, fd.name))
                current = [v for v in current if v not in value.remove]
                current += [v for v in value.add if v not in current]
                _set_field(new, old.DESCRIPTOR.fields_by_name[fd.name], current)
            else:
                _set_field(new, fd, value)
    new.updated_at.GetCurrentTime()  # type: ignore[attr-defined]
    return new
