"""Every dial-out outcome of the README's failure table, through the real SIP bridge: the
product's LiveKit backend (`LiveKitTelephony.dial`, CreateSIPParticipant) dials a sipp callee
that answers, is busy, declines, does not exist, never answers, is not there at all, or answers
and hangs up. Checked: what the product makes of it, the `sip.callStatus` values the room
shows, the dialled participant's disconnect reason and the SIP the callee saw. The stand-in
(`tests/support/livekit_server/`) is corrected to these answers (README findings)."""

from __future__ import annotations

import asyncio
import contextlib
import time

import pytest
from livekit import api, rtc

from tests.e2e.conftest import CALLEE_PORT, unique
from tests.e2e.sipp import callee_scenario, run_sipp
from workflows.telephony.livekit import LiveKitTelephony
from workflows.telephony.protocol import DialFailed, DialRequest

pytestmark = pytest.mark.e2e
RING = 5  # seconds: the ringing timeout of these dials
R = rtc.DisconnectReason


class Watcher:
    """A participant in the room that records what the dialled leg does."""

    def __init__(self) -> None:
        self.statuses: list[str] = []
        self.reasons: list[int] = []
        self.track_at: float | None = None
        self.left = asyncio.Event()

    def attach(self, room: rtc.Room) -> None:
        def status(p: rtc.RemoteParticipant) -> None:
            s = p.attributes.get("sip.callStatus")
            if s and (not self.statuses or self.statuses[-1] != s):
                self.statuses.append(s)

        room.on("participant_connected", status)
        room.on("participant_attributes_changed", lambda _, p: status(p))
        room.on("track_subscribed", lambda *_: setattr(self, "track_at", time.monotonic()))

        @room.on("participant_disconnected")
        def _left(p: rtc.RemoteParticipant) -> None:
            self.reasons.append(p.disconnect_reason)
            self.left.set()


@contextlib.asynccontextmanager
async def dialling(stack, lk, outcome: str | None, hold: float = 30):
    """A room with a watcher, an outbound trunk to PEER_IP:5070, and a sipp callee there doing
    `outcome` (None: nobody listens on that port)."""
    room_name = unique("dial")
    await lk.room.create_room(api.CreateRoomRequest(name=room_name))
    trunk = await lk.sip.create_outbound_trunk(
        api.CreateSIPOutboundTrunkRequest(
            trunk=api.SIPOutboundTrunkInfo(
                name=unique("callees"),
                address=f"{stack.peer_ip}:{CALLEE_PORT}",
                numbers=["+14155550111"],
            )
        )
    )
    token = (
        api.AccessToken(stack.api_key, stack.api_secret)
        .with_identity("watcher")
        .with_grants(api.VideoGrants(room_join=True, room=room_name))
        .to_jwt()
    )
    watcher, room = Watcher(), rtc.Room()
    watcher.attach(room)
    await room.connect(stack.url, token)
    tel = LiveKitTelephony(
        url=stack.http_url,
        api_key=stack.api_key,
        api_secret=stack.api_secret,
        room_name=room_name,
        trunk_id=trunk.sip_trunk_id,
        ringing_timeout=RING,
    )
    callee = None
    if outcome is not None:
        scenario = callee_scenario(outcome, hold=hold)
        callee = await run_sipp(
            stack.folder / outcome, "callee", scenario, ip=stack.peer_ip, port=CALLEE_PORT
        )  # listening once started
    try:
        yield tel, watcher, callee
    finally:
        if callee is not None:
            await callee.stop()
        await tel.aclose()
        await room.disconnect()
        await lk.sip.delete_trunk(api.DeleteSIPTrunkRequest(sip_trunk_id=trunk.sip_trunk_id))
        await lk.room.delete_room(api.DeleteRoomRequest(room=room_name))


LEG = DialRequest(phone_number="+14155550100", identity="leg-1", name="+1 415-555-0100")


@pytest.fixture
def stack(stack, tmp_path):
    """The stack, with a folder for this test's sipp files."""
    object.__setattr__(stack, "folder", tmp_path)
    return stack


@pytest.mark.parametrize(
    "outcome, told, detail, statuses, reason",
    [
        ("busy", "busy", "SIP 486 BUSY_HERE", ["dialing", "ringing"], R.USER_REJECTED),
        (
            "decline",
            "declined",
            "SIP 603 GLOBAL_DECLINE",
            ["dialing", "ringing"],
            R.CLIENT_INITIATED,
        ),
        (
            "not_found",
            "unknown_number",
            "SIP 404 NOTFOUND",
            ["dialing", "ringing"],
            R.CLIENT_INITIATED,
        ),
        # The bridge gives up at the ringing timeout: CANCEL to the callee, `canceled` with no
        # SIP status to the product, which tells the caller nobody answered.
        (
            "no_answer",
            "no_answer",
            f"no answer within {RING} s",
            ["dialing", "ringing"],
            R.CLIENT_INITIATED,
        ),
        # Nobody listening at the trunk's address: the INVITE goes unanswered, same ending,
        # but the leg never rings.
        (None, "no_answer", f"no answer within {RING} s", ["dialing"], R.CLIENT_INITIATED),
    ],
)
async def test_a_failed_dial_is_reported_as_the_real_bridge_answers(
    stack, lk, outcome, told, detail, statuses, reason
):
    async with dialling(stack, lk, outcome) as (tel, watcher, callee):
        started = time.monotonic()
        with pytest.raises(DialFailed) as failed:
            await tel.dial(LEG)
        took = time.monotonic() - started
        assert (failed.value.outcome, detail in failed.value.detail) == (told, True), failed.value
        await asyncio.wait_for(watcher.left.wait(), 10)
        # A failed leg never gets a final status: it leaves while dialing or ringing (a watcher
        # may see the two, 10 ms apart, as one update).
        assert watcher.statuses[0] == "dialing" and set(watcher.statuses) <= set(statuses)
        assert watcher.reasons == [reason]
        if told == "no_answer":
            assert RING - 0.5 < took < RING + 3
        if outcome == "no_answer":
            assert [m.split()[0] for m in callee.received()][:2] == ["INVITE", "CANCEL"]


async def test_an_answered_leg_is_active_and_hanging_it_up_sends_bye(stack, lk):
    async with dialling(stack, lk, "answer") as (tel, watcher, callee):
        assert await tel.dial(LEG) == "human"
        await asyncio.wait_for(_until(lambda: watcher.track_at is not None), 5)  # its audio
        assert watcher.statuses[0] == "dialing" and watcher.statuses[-1] == "active"
        [leg] = [p for p in await tel.list_participants() if p.identity == "leg-1"]
        assert (leg.kind, leg.call_status, leg.phone_number) == ("sip", "active", "+14155550100")
        await tel.hang_up("leg-1")
        assert await callee.finished(10) == 0  # the callee got its BYE and answered it
        received = [m.split()[0] for m in callee.received()]  # an ACK may come twice
        assert received[:2] == ["INVITE", "ACK"] and received.count("BYE") == 1
        await asyncio.wait_for(watcher.left.wait(), 10)


async def test_a_callee_who_answers_then_hangs_up_leaves_the_room(stack, lk):
    async with dialling(stack, lk, "answer_then_bye", hold=2) as (tel, watcher, callee):
        assert await tel.dial(LEG) == "human"
        await asyncio.wait_for(watcher.left.wait(), 10)
        assert watcher.statuses[0] == "dialing" and watcher.statuses[-2:] == ["active", "hangup"]
        assert watcher.reasons == [R.CLIENT_INITIATED]
        assert await callee.finished(5) == 0  # its BYE was answered with 200 OK


async def _until(predicate) -> None:
    while not predicate():
        await asyncio.sleep(0.05)
