"""Exercise LiveKitTestServer only through the real ``livekit.api.LiveKitAPI`` client."""

from __future__ import annotations

import asyncio
import datetime
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from google.protobuf.duration_pb2 import Duration
from livekit import api
from livekit.protocol import models

try:
    from tests.livekit_server import LiveKitTestServer, SipOutcome
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from livekit_server import LiveKitTestServer, SipOutcome  # type: ignore[no-redef]

pytestmark = pytest.mark.asyncio

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


async def test_trunks_crud_and_number_conflict(
    server: LiveKitTestServer, lk: api.LiveKitAPI
) -> None:
    inbound = await lk.sip.create_inbound_trunk(
        api.CreateSIPInboundTrunkRequest(
            trunk=api.SIPInboundTrunkInfo(name="in", numbers=["+15550000"], krisp_enabled=True)
        )
    )
    assert inbound.sip_trunk_id.startswith("ST_") and inbound.krisp_enabled
    with pytest.raises(api.TwirpError) as err:
        await lk.sip.create_inbound_trunk(
            api.CreateSIPInboundTrunkRequest(
                trunk=api.SIPInboundTrunkInfo(name="dup", numbers=["+15550000"])
            )
        )
    assert (err.value.code, err.value.status) == ("invalid_argument", 400)
    assert err.value.message == (
        f'Conflicting inbound SIP Trunks: "<new>" and "{inbound.sip_trunk_id}", '
        'using the same number(s) ["+15550000"] without AllowedNumbers set'
    )
    await lk.sip.create_inbound_trunk(
        api.CreateSIPInboundTrunkRequest(  # distinguishable: ok
            trunk=api.SIPInboundTrunkInfo(numbers=["+15550000"], allowed_numbers=["+1999"])
        )
    )

    out = await lk.sip.create_outbound_trunk(
        api.CreateSIPOutboundTrunkRequest(
            trunk=api.SIPOutboundTrunkInfo(name="out", address="sip.example.com", numbers=["+1555"])
        )
    )
    got = await lk.sip.list_inbound_trunk(
        api.ListSIPInboundTrunkRequest(trunk_ids=[inbound.sip_trunk_id])
    )
    assert [t.name for t in got.items] == ["in"]
    assert len((await lk.sip.list_outbound_trunk(api.ListSIPOutboundTrunkRequest())).items) == 1

    renamed = await lk.sip.update_inbound_trunk_fields(
        inbound.sip_trunk_id, name="in2", numbers=api.ListUpdate(add=["+15551111"])
    )
    assert renamed.name == "in2" and list(renamed.numbers) == ["+15550000", "+15551111"]
    replaced = await lk.sip.update_outbound_trunk(
        out.sip_trunk_id,
        api.SIPOutboundTrunkInfo(name="new", address="sip2.example.com", numbers=["+1666"]),
    )
    assert replaced.sip_trunk_id == out.sip_trunk_id and replaced.address == "sip2.example.com"
    patched = await lk.sip.update_outbound_trunk_fields(out.sip_trunk_id, numbers=["+1777"])
    assert list(patched.numbers) == ["+1777"] and patched.name == "new"

    deleted = await lk.sip.delete_trunk(api.DeleteSIPTrunkRequest(sip_trunk_id=out.sip_trunk_id))
    assert deleted.sip_trunk_id == out.sip_trunk_id and not server.outbound_trunks
    with pytest.raises(api.TwirpError) as err:
        await lk.sip.delete_trunk(api.DeleteSIPTrunkRequest(sip_trunk_id=out.sip_trunk_id))
    assert err.value.code == "not_found"


async def test_dispatch_rules_crud(server: LiveKitTestServer, lk: api.LiveKitAPI) -> None:
    rule = await lk.sip.create_dispatch_rule(
        api.CreateSIPDispatchRuleRequest(
            rule=api.SIPDispatchRule(
                dispatch_rule_individual=api.SIPDispatchRuleIndividual(room_prefix="call-")
            ),
            trunk_ids=["ST_a"],
            name="reception",
            room_config=api.RoomConfiguration(agents=[api.RoomAgentDispatch(agent_name="rx")]),
        )
    )
    assert rule.sip_dispatch_rule_id.startswith("SDR_") and rule.name == "reception"
    assert rule.room_config.agents[0].agent_name == "rx"
    listed = await lk.sip.list_dispatch_rule(api.ListSIPDispatchRuleRequest(trunk_ids=["ST_a"]))
    assert [r.sip_dispatch_rule_id for r in listed.items] == [rule.sip_dispatch_rule_id]
    none = await lk.sip.list_dispatch_rule(api.ListSIPDispatchRuleRequest(trunk_ids=["ST_b"]))
    assert list(none.items) == []
    upd = await lk.sip.update_dispatch_rule_fields(
        rule.sip_dispatch_rule_id, name="r2", attributes={"k": "v"}
    )
    assert upd.name == "r2" and upd.attributes["k"] == "v" and list(upd.trunk_ids) == ["ST_a"]
    repl = await lk.sip.update_dispatch_rule(
        rule.sip_dispatch_rule_id,
        api.SIPDispatchRuleInfo(
            rule=api.SIPDispatchRule(dispatch_rule_direct=api.SIPDispatchRuleDirect(room_name="x"))
        ),
    )
    assert repl.rule.dispatch_rule_direct.room_name == "x" and repl.name == ""
    await lk.sip.delete_dispatch_rule(
        api.DeleteSIPDispatchRuleRequest(sip_dispatch_rule_id=rule.sip_dispatch_rule_id)
    )
    assert server.dispatch_rules == {}
    with pytest.raises(api.TwirpError) as err:
        await lk.sip.create_dispatch_rule(api.CreateSIPDispatchRuleRequest(name="no rule"))
    assert err.value.code == "invalid_argument"


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


async def test_dial_answered_fires_events_in_order(
    server: LiveKitTestServer, lk: api.LiveKitAPI, trunk_id: str
) -> None:
    events = record_events(server)
    server.sip_outcomes[CALLEE] = SipOutcome.answer(after=0.05)
    info = await lk.sip.create_sip_participant(dial(trunk_id, participant_attributes={"x": "1"}))
    assert info.participant_identity == "callee" and info.room_name == "conf"
    assert info.sip_call_id.startswith("SCL_") and info.participant_id.startswith("PA_")
    assert [(k, s) for k, _, _, e in events for s in [e["callStatus"]]] == [
        ("joined", "dialing"),
        ("attributes_changed", "ringing"),
        ("attributes_changed", "active"),
    ]
    assert events[2][3]["changed"] == {"sip.callStatus": "active"}
    p = server.rooms["conf"].participants["callee"]
    assert p.attributes["x"] == "1" and p.attributes["sip.callID"] == info.sip_call_id
    sent = server.requests_for("CreateSIPParticipant")[0]
    assert sent.sip_call_to == CALLEE and sent.ringing_timeout.seconds == 30  # pinned by client


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


@pytest.mark.parametrize(
    ("sip_code", "phrase", "code", "status", "reason"),
    [
        (486, "Busy Here", "resource_exhausted", 429, "USER_REJECTED"),
        (480, "Temporarily Unavailable", "resource_exhausted", 429, "USER_UNAVAILABLE"),
        (404, "Not Found", "not_found", 404, "SIP_TRUNK_FAILURE"),
        (603, "Decline", "permission_denied", 403, "USER_REJECTED"),
        (408, "Request Timeout", "deadline_exceeded", 408, "USER_UNAVAILABLE"),
        (503, "Service Unavailable", "failed_precondition", 412, "SIP_TRUNK_FAILURE"),
    ],
)
async def test_dial_failures_raise_sip_call_error(
    server: LiveKitTestServer,
    lk: api.LiveKitAPI,
    trunk_id: str,
    sip_code: int,
    phrase: str,
    code: str,
    status: int,
    reason: str,
) -> None:
    events = record_events(server)
    server.sip_outcomes[CALLEE] = SipOutcome.fail(sip_code)
    with pytest.raises(api.SipCallError) as err:
        await lk.sip.create_sip_participant(dial(trunk_id))
    e = err.value
    assert (e.sip_status_code, e.sip_status, e.code, e.status) == (sip_code, phrase, code, status)
    assert "error_details" in e.metadata and f"SIP call failed: {sip_code} {phrase}" in str(e)
    assert server.rooms["conf"].participants == {}
    assert [(k, x.get("reason")) for k, _, _, x in events][-1] == ("left", reason)
    assert len(server.requests_for("CreateSIPParticipant")) == 1  # 4xx: never retried


async def test_ringing_timeout_becomes_408(
    server: LiveKitTestServer, lk: api.LiveKitAPI, trunk_id: str
) -> None:
    server.sip_outcomes[CALLEE] = SipOutcome.answer(after=5)
    started = time.monotonic()
    with pytest.raises(api.SipCallError) as err:
        await lk.sip.create_sip_participant(dial(trunk_id, ringing_timeout=Duration(nanos=10**8)))
    assert err.value.sip_status_code == 408 and time.monotonic() - started < 1


async def test_no_wait_returns_at_once_and_failure_shows_in_room(
    server: LiveKitTestServer, lk: api.LiveKitAPI, trunk_id: str
) -> None:
    left = asyncio.Event()
    server.on_participant_event(lambda kind, room, p, extra: kind == "left" and left.set())
    server.sip_outcomes[CALLEE] = SipOutcome.fail(486, after=0.05)
    info = await lk.sip.create_sip_participant(dial(trunk_id, wait=False))
    assert server.rooms["conf"].participants[info.participant_identity]
    await asyncio.wait_for(left.wait(), 2)
    assert server.rooms["conf"].participants == {}


async def test_dial_validation_and_unknown_trunk(lk: api.LiveKitAPI) -> None:
    with pytest.raises(api.TwirpError) as err:
        await lk.sip.create_sip_participant(dial("ST_missing"))
    assert not isinstance(err.value, api.SipCallError)
    assert err.value.code == "not_found"
    assert err.value.message == "requested sip trunk does not exist"
    with pytest.raises(api.TwirpError) as err:
        await lk.sip.create_sip_participant(dial(""))
    assert (err.value.code, err.value.message) == ("invalid_argument", "missing sip trunk id")


async def test_transfer(server: LiveKitTestServer, lk: api.LiveKitAPI, trunk_id: str) -> None:
    await lk.sip.create_sip_participant(dial(trunk_id))
    server.sip_outcomes["+15557770000"] = SipOutcome.fail(603)
    with pytest.raises(api.SipCallError) as err:
        await lk.sip.transfer_sip_participant(
            api.TransferSIPParticipantRequest(
                room_name="conf", participant_identity="callee", transfer_to="tel:+15557770000"
            )
        )
    assert err.value.sip_status_code == 603 and "callee" in server.rooms["conf"].participants
    res = await lk.sip.transfer_sip_participant(
        api.TransferSIPParticipantRequest(
            room_name="conf", participant_identity="callee", transfer_to="sip:desk@pbx.example"
        )
    )
    assert res.transfer_id and "callee" not in server.rooms["conf"].participants
    claims = server.requests[-1].claims
    assert claims and claims.video and claims.video.room_admin and claims.video.room == "conf"
    assert claims.sip and claims.sip.call


def token(server: LiveKitTestServer, **video: Any) -> str:
    tok = api.AccessToken(server.api_key, server.api_secret).with_grants(api.VideoGrants(**video))
    return tok.to_jwt()


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
