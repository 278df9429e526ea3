"""What the far end of a SIP call does, and the Twirp error livekit-server sends for it.

Checked against the real livekit-sip v1.0.0 behind livekit-server v1.13.5 with sipp callees
(`tests/e2e/test_dial_outcomes_real.py`; README "Verified against the real stack"): the SIP
status becomes a gRPC code (protocol's ``SIPStatus.GRPCStatus``), then a Twirp code; the meta
``sip_status`` is the status's enum name (``SIP_STATUS_BUSY_HERE``) and ``error_details`` the
packed status the client turns into SipCallError. A ringing timeout carries no SIP status at all.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from google.rpc import status_pb2
from livekit.protocol import sip

from tests.support.livekit_server.twirp import TwirpError

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
# The bridge's own wording: the statuses it expects say "INVITE failed", the others
# "unexpected status from INVITE response" (livekit-sip v1.0.0 pkg/sip/outbound.go).
_EXPECTED = (400, 404, 480, 488, 486)
# SIP status -> (Twirp code, DisconnectReason of the dialled participant when it leaves)
SIP_FAILURES: dict[int, tuple[str, str]] = {
    400: ("invalid_argument", "CLIENT_INITIATED"),
    403: ("permission_denied", "CLIENT_INITIATED"),
    404: ("invalid_argument", "CLIENT_INITIATED"),
    408: ("deadline_exceeded", "CLIENT_INITIATED"),
    480: ("unavailable", "USER_UNAVAILABLE"),
    486: ("unavailable", "USER_REJECTED"),
    487: ("aborted", "CLIENT_INITIATED"),
    503: ("unavailable", "CLIENT_INITIATED"),
    600: ("unavailable", "CLIENT_INITIATED"),
    603: ("unavailable", "CLIENT_INITIATED"),
}
RINGING_TIMEOUT = TwirpError("canceled", "twirp error unknown: canceled")  # no SIP status


@dataclass
class SipOutcome:
    """What the far end does with a dialled number (``sip_call_to``, or a transfer target)."""

    sip_status_code: int = 200
    sip_status: str = ""  # the response's body, if any; "" -> the status's enum name
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
        return self.disconnect_reason or SIP_FAILURES.get(self.sip_status_code, ("",) * 2)[1]

    def error(self, what: str = "INVITE") -> TwirpError:
        """The Twirp error livekit-server sends for this SIP failure."""
        n = self.sip_status_code
        try:
            name = sip.SIPStatusCode.Name(n)  # type: ignore[arg-type]
        except ValueError:
            name = f"SIP_STATUS_{n}"
        status = self.sip_status or name
        code = self.code or SIP_FAILURES.get(n, ("internal", ""))[0]
        short = f"{n}: {self.sip_status}" if self.sip_status else f"{n} ({name[11:]})"
        lead = "INVITE failed" if n in _EXPECTED else "unexpected status from INVITE response"
        text = f"{lead if what == 'INVITE' else what + ' failed'}: sip status: {short}"
        st = status_pb2.Status(code=_GRPC.get(code, 13), message=text)
        st.details.add().Pack(sip.SIPStatus(code=n, status=self.sip_status))  # type: ignore[arg-type]
        meta = {
            "sip_status_code": str(n),
            "sip_status": status,
            "error_details": base64.b64encode(st.SerializeToString()).decode(),
        }
        # The message prefix is what real servers send (livekit/python-sdks#479).
        return TwirpError(code, f"twirp error unknown: {text}", meta)
