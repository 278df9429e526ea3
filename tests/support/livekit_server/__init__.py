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

Modules: ``twirp`` (wire pieces: error replies, recorded requests, ids), ``routes`` (methods
and their JWT grants), ``server`` (LiveKitTestServer: HTTP, auth, faults), ``rooms`` (rooms,
participants, agent dispatch), ``sip_calls`` (dial-out and transfer), ``sip_outcomes`` (what
a dialled number does, as SIP and Twirp errors), ``sip_config`` (trunks, dispatch rules),
``fields`` (protobuf field copying), ``fixtures`` (pytest fixtures for the server's own tests).
"""

from __future__ import annotations

from tests.support.livekit_server.rooms import Listener, ServerRoom
from tests.support.livekit_server.routes import ROUTES
from tests.support.livekit_server.server import LiveKitTestServer
from tests.support.livekit_server.sip_calls import SIP_KIND
from tests.support.livekit_server.sip_outcomes import SIP_FAILURES, SipOutcome
from tests.support.livekit_server.twirp import TWIRP_HTTP_STATUS, RecordedRequest, TwirpError

__all__ = [
    "ROUTES",
    "SIP_FAILURES",
    "SIP_KIND",
    "TWIRP_HTTP_STATUS",
    "Listener",
    "LiveKitTestServer",
    "RecordedRequest",
    "ServerRoom",
    "SipOutcome",
    "TwirpError",
]
