"""The stack's livekit-server as the e2e tests (conftest.py) and the worker helpers (workers.py,
used by capacity.py too) reach it: its address and keys, fresh names, and waiting on what its
events report. Nothing here depends on pytest fixtures."""

from __future__ import annotations

import asyncio
import os
import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from livekit import api

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Server:
    """Where the livekit-server is and its keys (from the stack's settings)."""

    url: str
    api_key: str
    api_secret: str = field(repr=False)

    @classmethod
    def from_env(cls) -> Server:
        e = os.environ
        missing = [
            k for k in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET") if not e.get(k)
        ]
        if missing:
            raise SystemExit(
                f"{', '.join(missing)} not set: run inside the stack (make stack; "
                "see README 'Running in production')"
            )
        return cls(e["LIVEKIT_URL"], e["LIVEKIT_API_KEY"], e["LIVEKIT_API_SECRET"])

    @property
    def http_url(self) -> str:
        return self.url.replace("ws://", "http://", 1)

    def client(self) -> api.LiveKitAPI:
        return api.LiveKitAPI(self.http_url, self.api_key, self.api_secret)


def unique(prefix: str) -> str:
    """A fresh name with letters only: the logs' number masking leaves it readable."""
    return f"{prefix}-{''.join(random.choices(string.ascii_lowercase, k=10))}"


async def until(
    predicate: Callable[[], bool],
    timeout: float = 10.0,
    what: str = "condition",
    abort: Callable[[], bool] | None = None,
) -> None:
    """Poll a cheap in-memory predicate (fed by events) until it holds, or fail with `what`
    (at once if `abort()` says waiting is pointless)."""
    try:
        async with asyncio.timeout(timeout):
            while not predicate():
                if abort is not None and abort():
                    raise AssertionError(f"gave up waiting for {what}")
                await asyncio.sleep(0.05)
    except TimeoutError:
        raise AssertionError(f"timed out after {timeout} s waiting for {what}") from None


async def call_room(lk: api.LiveKitAPI, timeout: float = 15) -> str:
    """The name of the room the dispatch rule made for the call in progress (`call-…`): the
    newest such room on the stack (an earlier test's room may still be closing). (The call log
    masks the caller's number inside the name.)"""
    names: list[str] = []
    try:
        async with asyncio.timeout(timeout):
            while True:
                rooms = (await lk.room.list_rooms(api.ListRoomsRequest())).rooms
                calls = sorted(
                    (r for r in rooms if r.name.startswith("call-")),
                    key=lambda r: r.creation_time_ms or r.creation_time * 1000,
                )
                names = [r.name for r in calls]
                if calls:
                    return calls[-1].name
                await asyncio.sleep(0.2)
    except TimeoutError:
        raise AssertionError(f"no call room in {timeout} s (rooms: {names})") from None


async def room_gone(lk: api.LiveKitAPI, name: str, timeout: float = 15) -> None:
    try:
        async with asyncio.timeout(timeout):
            while (await lk.room.list_rooms(api.ListRoomsRequest(names=[name]))).rooms:
                await asyncio.sleep(0.2)
    except TimeoutError:
        raise AssertionError(f"room {name} still exists after {timeout} s") from None


async def outbound_trunk(lk: api.LiveKitAPI) -> str:
    """TELEPHONY=livekit needs a trunk id; no call here dials (there is no SIP bridge)."""
    trunk = await lk.sip.create_outbound_trunk(
        api.CreateSIPOutboundTrunkRequest(
            trunk=api.SIPOutboundTrunkInfo(
                name=unique("workers-out"), address="127.0.0.1:5070", numbers=["+15550100000"]
            )
        )
    )
    return trunk.sip_trunk_id


async def remove_line(lk: api.LiveKitAPI, prefix: str) -> None:
    """Delete the dispatch rules and trunks `phones.provision_line` made (named `prefix`...)."""
    rules = await lk.sip.list_dispatch_rule(api.ListSIPDispatchRuleRequest())
    for rule in rules.items:
        if rule.name.startswith(prefix):
            request = api.DeleteSIPDispatchRuleRequest(
                sip_dispatch_rule_id=rule.sip_dispatch_rule_id
            )
            await lk.sip.delete_dispatch_rule(request)
    inbound = await lk.sip.list_inbound_trunk(api.ListSIPInboundTrunkRequest())
    outbound = await lk.sip.list_outbound_trunk(api.ListSIPOutboundTrunkRequest())
    for trunk in [*inbound.items, *outbound.items]:
        if trunk.name.startswith(prefix):
            await lk.sip.delete_trunk(api.DeleteSIPTrunkRequest(sip_trunk_id=trunk.sip_trunk_id))
