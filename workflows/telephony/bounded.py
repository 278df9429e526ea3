"""Every telephony call bounded in time, whatever the backend.

A backend call that never returns (an API request the server never answers, `publish_dtmf`
on a stuck room, a fake in a test) would freeze the tool or the watchdog awaiting it, and with
it the whole call: end_call could never end it. `BoundedTelephony` wraps any `Telephony` and
turns a call that outlives its bound into `TelephonyError("unavailable", ...)`, which every tool
already handles. `workflows.lifecycle.setup.new_call` wraps each call's backend in it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any, TypeVar

from workflows.telephony.protocol import (
    AnsweredBy,
    DialRequest,
    RoomParticipant,
    Telephony,
    TelephonyError,
)

log = logging.getLogger("telephony.bounded")
T = TypeVar("T")

# A little over the LiveKit backend's own 10 s per request, so its clearer message wins.
REQUEST_TIMEOUT = 15.0
KEY_TIME = 1.0  # seconds allowed per DTMF key (the LiveKit backend spaces keys 0.3 s apart)


class BoundedTelephony:
    """A `Telephony` whose every call returns or fails within its bound.

    Dials and transfers wait for a phone to ring and be answered: `ring_timeout` bounds them
    (the ringing window plus a margin). Everything else gets `request_timeout`, plus
    `KEY_TIME` per key for DTMF. Other attributes are the wrapped backend's.
    """

    def __init__(
        self, inner: Telephony, *, ring_timeout: float, request_timeout: float = REQUEST_TIMEOUT
    ) -> None:
        self.inner = inner
        self.ring_timeout = ring_timeout
        self.request_timeout = request_timeout

    async def dial(self, request: DialRequest) -> AnsweredBy:
        return await self._bounded("dial", self.inner.dial(request), self.ring_timeout)

    async def hang_up(self, identity: str) -> None:
        await self._bounded("hang up", self.inner.hang_up(identity))

    async def set_muted(self, identity: str, muted: bool) -> None:
        await self._bounded("mute", self.inner.set_muted(identity, muted))

    async def transfer(self, identity: str, transfer_to: str) -> None:
        await self._bounded(
            "transfer", self.inner.transfer(identity, transfer_to), self.ring_timeout
        )

    async def send_dtmf(self, digits: str) -> None:
        timeout = self.request_timeout + KEY_TIME * len(digits)
        await self._bounded("send DTMF", self.inner.send_dtmf(digits), timeout)

    async def list_participants(self) -> list[RoomParticipant]:
        return await self._bounded("list participants", self.inner.list_participants())

    async def delete_room(self) -> None:
        await self._bounded("delete room", self.inner.delete_room())

    async def aclose(self) -> None:
        try:
            await self._bounded("close", self.inner.aclose())
        except TelephonyError as e:  # at shutdown: note it and let the job finish
            log.warning("%s", e.detail)

    def __getattr__(self, name: str) -> Any:  # backend extras (e.g. the simulated records)
        if name == "inner":  # not set yet (copying): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)

    async def _bounded(self, what: str, call: Awaitable[T], timeout: float | None = None) -> T:
        limit = self.request_timeout if timeout is None else timeout
        try:
            async with asyncio.timeout(limit):  # in this task: no extra hop, timing unchanged
                return await call
        except TimeoutError:
            raise TelephonyError(
                "unavailable", f"{what}: the telephony backend did not answer in {limit:g} s"
            ) from None
