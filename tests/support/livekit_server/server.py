"""LiveKitTestServer: the HTTP front of the stand-in (Twirp routing, JWT auth, recorded
requests, injected faults and delays) over the room and SIP services it is made of."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from aiohttp import web
from google.protobuf import json_format
from google.protobuf.message import Message
from livekit import api
from livekit.api.twirp_client import REQUEST_ID_HEADER
from livekit.protocol import sip

from tests.support.livekit_server.rooms import Listener, ServerRoom
from tests.support.livekit_server.routes import ROUTES
from tests.support.livekit_server.sip_calls import SipCalls
from tests.support.livekit_server.sip_config import SipConfig
from tests.support.livekit_server.sip_outcomes import SipOutcome
from tests.support.livekit_server.twirp import RecordedRequest, TwirpError


class LiveKitTestServer(SipCalls, SipConfig):
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
        self.rooms: dict[str, ServerRoom] = {}
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
            for method, (svc, cls, handler, allowed) in ROUTES.items()
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
