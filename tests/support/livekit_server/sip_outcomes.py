"""What the far end of a SIP call does, and the Twirp error livekit-server sends for it:
SIP status -> gRPC code (protocol ``sipCodeToGRPCCode``) -> Twirp code, with the meta
``sip_status_code`` / ``sip_status`` / ``error_details`` the client turns into SipCallError."""

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
