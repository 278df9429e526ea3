"""Twirp wire pieces every service of the stand-in shares: the HTTP status of each Twirp
code, the error reply, the record of a request, and the ids the server hands out."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from google.protobuf.message import Message
from livekit import api

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


def new_id(prefix: str) -> str:
    return prefix + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(12))


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
class RecordedRequest:
    service: str
    method: str
    request: Message | None  # decoded protobuf (None if undecodable / unknown route)
    claims: api.Claims | None  # verified token claims (None if missing or invalid)
    request_id: str | None  # X-Livekit-Request-Id
    headers: dict[str, str]
