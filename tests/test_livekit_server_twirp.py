"""LiveKitTestServer's HTTP front: JWT auth and grants, routing, request recording and
injected faults and delays, through the real ``livekit.api.LiveKitAPI`` client."""

from __future__ import annotations

import asyncio
import datetime
import time

import aiohttp
import pytest
from livekit import api

from tests.support.livekit_server import LiveKitTestServer, fixtures
from tests.support.livekit_server.fixtures import dial, token

pytestmark = pytest.mark.asyncio

server, lk, trunk_id = fixtures.server, fixtures.lk, fixtures.trunk_id


async def test_auth_like_livekit_server(server: LiveKitTestServer) -> None:
    async with api.LiveKitAPI(server.url, server.api_key, "wrong-secret-" * 4) as bad:
        with pytest.raises(api.TwirpError) as err:
            await bad.room.list_rooms(api.ListRoomsRequest())
    # livekit-server's auth middleware answers 401 with a plain-text body, not Twirp JSON.
    assert (err.value.code, err.value.status) == ("unknown", 401)
    assert server.requests[-1].claims is None

    async with api.LiveKitAPI(server.url, token=token(server, room_list=True)) as limited:
        assert (await limited.room.list_rooms(api.ListRoomsRequest())).rooms == []
        with pytest.raises(api.TwirpError) as err:
            await limited.room.create_room(api.CreateRoomRequest(name="r"))
        assert (err.value.code, err.value.status) == ("unauthenticated", 401)
        assert err.value.message == "permissions denied"
    async with api.LiveKitAPI(server.url, token=token(server, room_admin=True, room="a")) as adm:
        with pytest.raises(api.TwirpError) as err:  # roomAdmin for another room
            await adm.room.list_participants(api.ListParticipantsRequest(room="b"))
        assert err.value.code == "unauthenticated"

    async with aiohttp.ClientSession() as http:  # no Authorization header at all
        async with http.post(
            f"{server.url}/twirp/livekit.RoomService/ListRooms",
            data=b"",
            headers={"Content-Type": "application/protobuf"},
        ) as resp:
            assert resp.status == 401
            assert await resp.json() == {"code": "unauthenticated", "msg": "permissions denied"}


async def test_auth_idealised_twirp_codes() -> None:
    async with LiveKitTestServer(auth_errors="twirp") as server:
        async with api.LiveKitAPI(server.url, server.api_key, "x" * 40) as bad:
            with pytest.raises(api.TwirpError) as err:
                await bad.sip.list_inbound_trunk(api.ListSIPInboundTrunkRequest())
        assert (err.value.code, err.value.status) == ("unauthenticated", 401)
        expired = (
            api.AccessToken(server.api_key, server.api_secret)
            .with_ttl(datetime.timedelta(minutes=-5))
            .with_grants(api.VideoGrants(room_list=True))
            .to_jwt()
        )
        async with api.LiveKitAPI(server.url, token=expired) as old:
            with pytest.raises(api.TwirpError) as err:
                await old.room.list_rooms(api.ListRoomsRequest())
        assert err.value.code == "unauthenticated" and "expired" in err.value.message
        async with api.LiveKitAPI(server.url, token=token(server, room_list=True)) as limited:
            with pytest.raises(api.TwirpError) as err:  # SIP admin grant missing
                await limited.sip.list_inbound_trunk(api.ListSIPInboundTrunkRequest())
        assert (err.value.code, err.value.status) == ("permission_denied", 403)


async def test_bad_route_and_request_recording(
    server: LiveKitTestServer, lk: api.LiveKitAPI
) -> None:
    await lk.room.list_rooms(api.ListRoomsRequest(names=["a"]))
    rec = server.requests[-1]
    assert (rec.service, rec.method, list(rec.request.names)) == ("RoomService", "ListRooms", ["a"])
    assert rec.request_id and rec.claims and rec.claims.video and rec.claims.video.room_list
    async with aiohttp.ClientSession() as http:
        async with http.post(
            f"{server.url}/twirp/livekit.RoomService/Nope",
            data=b"",
            headers={
                "Content-Type": "application/protobuf",
                "Authorization": f"Bearer {token(server, room_list=True)}",
            },
        ) as resp:
            assert resp.status == 404 and (await resp.json())["code"] == "bad_route"


async def test_fail_injection(server: LiveKitTestServer, lk: api.LiveKitAPI) -> None:
    server.fail("ListRooms", code="unavailable", msg="down for maintenance", times=2)
    for _ in range(2):
        with pytest.raises(api.TwirpError) as err:
            await lk.room.list_rooms(api.ListRoomsRequest())
        assert (err.value.code, err.value.status, err.value.message) == (
            "unavailable",
            503,
            "down for maintenance",
        )
    assert len(server.requests_for("ListRooms")) == 2  # localhost: one attempt per call
    await lk.room.list_rooms(api.ListRoomsRequest())  # injection used up

    server.fail("CreateRoom", status=502, body="<html>Bad Gateway</html>")
    with pytest.raises(api.TwirpError) as err:
        await lk.room.create_room(api.CreateRoomRequest(name="r"))
    assert (err.value.code, err.value.status, err.value.message) == ("unknown", 502, "")

    server.fail("DeleteRoom", code="not_found", meta={"why": "test"})
    with pytest.raises(api.TwirpError) as err:
        await lk.room.delete_room(api.DeleteRoomRequest(room="r"))
    assert err.value.metadata == {"why": "test"}


async def test_delay_trips_per_call_timeout(
    server: LiveKitTestServer, lk: api.LiveKitAPI, trunk_id: str
) -> None:
    server.delay("CreateSIPParticipant", 30)
    started = time.monotonic()
    with pytest.raises(asyncio.TimeoutError):
        await lk.sip.create_sip_participant(dial(trunk_id, wait=False), timeout=0.2)
    assert time.monotonic() - started < 1
    assert len(server.requests_for("CreateSIPParticipant")) == 1


async def test_session_timeout_is_ignored_by_livekit_api(server: LiveKitTestServer) -> None:
    """livekit-api 1.2.2 quirk: TwirpClient passes ``timeout=None`` per request, which aiohttp
    reads as "no timeout", so ``LiveKitAPI(timeout=...)`` (and its 10 s default) never applies.
    Only per-call ``timeout=`` (create/transfer SIP participant) can trip on ``delay()``."""
    server.delay("ListRooms", 0.4)
    async with api.LiveKitAPI(
        server.url, server.api_key, server.api_secret, timeout=aiohttp.ClientTimeout(total=0.1)
    ) as lk:
        await lk.room.list_rooms(api.ListRoomsRequest())  # no TimeoutError
