"""LiveKitTestServer's rooms, participants, participant events and agent dispatch,
through the real ``livekit.api.LiveKitAPI`` client."""

from __future__ import annotations

import asyncio

import pytest
from livekit import api
from livekit.protocol import models

from tests.support.livekit_server import LiveKitTestServer, fixtures
from tests.support.livekit_server.fixtures import CALLEE, dial

pytestmark = pytest.mark.asyncio

server, lk, trunk_id = fixtures.server, fixtures.lk, fixtures.trunk_id


async def test_room_service_round_trip(
    server: LiveKitTestServer, lk: api.LiveKitAPI, trunk_id: str
) -> None:
    room = await lk.room.create_room(api.CreateRoomRequest(name="conf", empty_timeout=30))
    assert room.sid.startswith("RM_") and room.empty_timeout == 30
    assert (await lk.room.create_room(api.CreateRoomRequest(name="conf"))).sid == room.sid
    await lk.room.create_room(api.CreateRoomRequest(name="other"))
    listed = await lk.room.list_rooms(api.ListRoomsRequest(names=["conf"]))
    assert [r.name for r in listed.rooms] == ["conf"]
    assert len((await lk.room.list_rooms(api.ListRoomsRequest())).rooms) == 2

    await lk.sip.create_sip_participant(dial(trunk_id))
    parts = await lk.room.list_participants(api.ListParticipantsRequest(room="conf"))
    assert [p.identity for p in parts.participants] == ["callee"]
    p = await lk.room.get_participant(api.RoomParticipantIdentity(room="conf", identity="callee"))
    assert p.kind == models.ParticipantInfo.Kind.SIP and p.name == "Callee"
    assert p.attributes["sip.callStatus"] == "active"
    assert p.attributes["sip.phoneNumber"] == CALLEE and p.attributes["sip.trunkID"] == trunk_id

    updated = await lk.room.update_participant(
        api.UpdateParticipantRequest(
            room="conf", identity="callee", metadata="m", attributes={"role": "guest"}
        )
    )
    assert updated.metadata == "m" and updated.attributes["role"] == "guest"
    muted = await lk.room.mute_published_track(
        api.MuteRoomTrackRequest(
            room="conf", identity="callee", track_sid=p.tracks[0].sid, muted=True
        )
    )
    assert muted.track.muted and server.rooms["conf"].participants["callee"].tracks[0].muted

    await lk.room.remove_participant(api.RoomParticipantIdentity(room="conf", identity="callee"))
    assert server.rooms["conf"].participants == {}
    with pytest.raises(api.TwirpError) as err:
        await lk.room.remove_participant(api.RoomParticipantIdentity(room="conf", identity="x"))
    assert (err.value.code, err.value.status) == (api.TwirpErrorCode.NOT_FOUND, 404)

    await lk.room.delete_room(api.DeleteRoomRequest(room="conf"))
    assert "conf" not in server.rooms
    with pytest.raises(api.TwirpError) as err:
        await lk.room.delete_room(api.DeleteRoomRequest(room="conf"))
    assert err.value.code == "not_found" and err.value.message == "requested room does not exist"


async def test_async_listener_and_unsubscribe(
    server: LiveKitTestServer, lk: api.LiveKitAPI, trunk_id: str
) -> None:
    seen: list[str] = []

    async def listener(kind: str, room: str, p: models.ParticipantInfo, extra: dict) -> None:
        await asyncio.sleep(0)
        seen.append(kind)

    unsubscribe = server.on_participant_event(listener)
    await lk.sip.create_sip_participant(dial(trunk_id))
    unsubscribe()
    await lk.room.delete_room(api.DeleteRoomRequest(room="conf"))
    assert seen == ["joined", "attributes_changed", "attributes_changed"]


async def test_agent_dispatch_round_trip(server: LiveKitTestServer, lk: api.LiveKitAPI) -> None:
    d = await lk.agent_dispatch.create_dispatch(
        api.CreateAgentDispatchRequest(
            agent_name="receptionist", room="call-1", metadata='{"a": 1}'
        )
    )
    assert d.id.startswith("AD_") and d.room == "call-1" and "call-1" in server.rooms
    assert [x.id for x in await lk.agent_dispatch.list_dispatch("call-1")] == [d.id]
    assert (await lk.agent_dispatch.get_dispatch(d.id, "call-1")).agent_name == "receptionist"
    deleted = await lk.agent_dispatch.delete_dispatch(d.id, "call-1")
    assert deleted.state.deleted_at > 0 and await lk.agent_dispatch.list_dispatch("call-1") == []
    with pytest.raises(api.TwirpError) as err:
        await lk.agent_dispatch.delete_dispatch(d.id, "call-1")
    assert err.value.code == "not_found"
