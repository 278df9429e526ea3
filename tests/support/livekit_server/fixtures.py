"""Fixtures and request builders for the server's own tests (tests/test_livekit_server_*.py),
which drive it only through the real ``livekit.api.LiveKitAPI`` client.

A test module takes the fixtures by assignment (``server = fixtures.server``), which
replaces conftest's ``server`` (that one comes with an outbound trunk already made)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio
from livekit import api

from tests.support.livekit_server.server import LiveKitTestServer

CALLEE = "+14155550199"


@pytest_asyncio.fixture
async def server() -> AsyncIterator[LiveKitTestServer]:
    async with LiveKitTestServer() as s:
        yield s


@pytest_asyncio.fixture
async def lk(server: LiveKitTestServer) -> AsyncIterator[api.LiveKitAPI]:
    async with api.LiveKitAPI(server.url, server.api_key, server.api_secret) as client:
        yield client


@pytest_asyncio.fixture
async def trunk_id(lk: api.LiveKitAPI) -> str:
    trunk = await lk.sip.create_outbound_trunk(
        api.CreateSIPOutboundTrunkRequest(
            trunk=api.SIPOutboundTrunkInfo(
                name="out", address="sip.example.com", numbers=["+15550001111"]
            )
        )
    )
    return trunk.sip_trunk_id


def dial(
    trunk_id: str,
    to: str = CALLEE,
    identity: str = "callee",
    room: str = "conf",
    wait: bool = True,
    **kw: Any,
) -> api.CreateSIPParticipantRequest:
    return api.CreateSIPParticipantRequest(
        sip_trunk_id=trunk_id,
        sip_call_to=to,
        room_name=room,
        participant_identity=identity,
        participant_name="Callee",
        wait_until_answered=wait,
        **kw,
    )


def record_events(server: LiveKitTestServer) -> list[tuple[str, str, str, dict[str, Any]]]:
    events: list[tuple[str, str, str, dict[str, Any]]] = []
    server.on_participant_event(
        lambda kind, room, p, extra: events.append(
            (kind, room, p.identity, {**extra, "callStatus": p.attributes.get("sip.callStatus")})
        )
    )
    return events


def token(server: LiveKitTestServer, **video: Any) -> str:
    tok = api.AccessToken(server.api_key, server.api_secret).with_grants(api.VideoGrants(**video))
    return tok.to_jwt()
