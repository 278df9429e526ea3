"""LiveKitTestServer's SIP dial-out and transfer: outcomes, ringing, timing and the
errors the real ``livekit.api.LiveKitAPI`` client raises for them."""

from __future__ import annotations

import asyncio
import time

import pytest
from google.protobuf.duration_pb2 import Duration
from livekit import api

from tests.support.livekit_server import LiveKitTestServer, SipOutcome, fixtures
from tests.support.livekit_server.fixtures import CALLEE, dial, record_events

pytestmark = pytest.mark.asyncio

server, lk, trunk_id = fixtures.server, fixtures.lk, fixtures.trunk_id


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


@pytest.mark.parametrize(
    ("sip_code", "phrase", "code", "status", "reason"),
    [
        # 486, 603, 404: as the real livekit-sip v1.0.0 answered sipp callees (make e2e).
        (486, "SIP_STATUS_BUSY_HERE", "unavailable", 503, "USER_REJECTED"),
        (480, "SIP_STATUS_TEMPORARILY_UNAVAILABLE", "unavailable", 503, "USER_UNAVAILABLE"),
        (404, "SIP_STATUS_NOTFOUND", "invalid_argument", 400, "CLIENT_INITIATED"),
        (603, "SIP_STATUS_GLOBAL_DECLINE", "unavailable", 503, "CLIENT_INITIATED"),
        (408, "SIP_STATUS_REQUEST_TIMEOUT", "deadline_exceeded", 408, "CLIENT_INITIATED"),
        (503, "SIP_STATUS_SERVICE_UNAVAILABLE", "unavailable", 503, "CLIENT_INITIATED"),
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
    assert "error_details" in e.metadata and f"sip status: {sip_code} (" in e.message
    assert server.rooms["conf"].participants == {}
    assert [(k, x.get("reason")) for k, _, _, x in events][-1] == ("left", reason)
    assert len(server.requests_for("CreateSIPParticipant")) == 1  # 4xx: never retried


async def test_ringing_timeout_is_canceled_with_no_sip_status(
    server: LiveKitTestServer, lk: api.LiveKitAPI, trunk_id: str
) -> None:
    """As the real bridge: it sends CANCEL at the ringing timeout and the server answers
    `canceled` (HTTP 408) with no SIP status; the callee leaves, its status still ringing."""
    events = record_events(server)
    server.sip_outcomes[CALLEE] = SipOutcome.answer(after=5)
    started = time.monotonic()
    with pytest.raises(api.TwirpError) as err:
        await lk.sip.create_sip_participant(dial(trunk_id, ringing_timeout=Duration(nanos=10**8)))
    assert not isinstance(err.value, api.SipCallError) and time.monotonic() - started < 1
    assert (err.value.code, err.value.status, err.value.metadata) == ("canceled", 408, {})
    assert [(k, x.get("reason")) for k, _, _, x in events][-1] == ("left", "CLIENT_INITIATED")


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
