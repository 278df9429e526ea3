"""Telephone features through the real SIP bridge: a cold transfer reaches the phone as a REFER,
the keys a caller presses reach the room (and so the agent), and the keys the product sends to
a dialled leg arrive at that phone as RFC 2833 events, in order."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from livekit import api, rtc

from tests.e2e import rtp
from tests.e2e.capture import Capture
from tests.e2e.conftest import CALLEE_PORT, diagnosed, start_worker, unique, until
from tests.e2e.livekit_stack import call_room
from tests.e2e.phones import Cue, Key, answered_or_failed, ring
from tests.e2e.sipp import callee_scenario, run_sipp
from workflows.telephony.livekit import LiveKitTelephony
from workflows.telephony.protocol import DialRequest

pytestmark = pytest.mark.e2e


@contextlib.asynccontextmanager
async def observer(stack, lk: api.LiveKitAPI, room_name: str, keys: list[tuple[str, str]]):
    """A participant in the call's room, recording the DTMF the room receives in `keys`. It is
    ready only once a packet the server sends it has arrived: `connect` returns before the data
    path is open, and a key pressed in between is lost (seen once: the keys ['5', '#'])."""
    identity = unique("observer")
    token = (
        api.AccessToken(stack.api_key, stack.api_secret)
        .with_identity(identity)
        .with_grants(api.VideoGrants(room_join=True, room=room_name))
        .to_jwt()
    )
    room = rtc.Room()
    room.on(
        "sip_dtmf_received",
        lambda d: keys.append((d.digit, getattr(d.participant, "identity", None))),
    )
    ready = asyncio.Event()
    room.on("data_received", lambda packet: packet.topic == "ready" and ready.set())
    await room.connect(stack.url, token)
    try:
        async with asyncio.timeout(15):
            while not ready.is_set():
                probe = api.SendDataRequest(
                    room=room_name,
                    data=b"ready",
                    kind=api.DataPacket.Kind.RELIABLE,
                    destination_identities=[identity],
                    topic="ready",
                )
                await lk.room.send_data(probe)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(ready.wait(), 0.5)
        yield
    finally:
        await room.disconnect()


def telephony(stack, room_name: str, trunk_id: str = "ST_unused", **more) -> LiveKitTelephony:
    return LiveKitTelephony(
        url=stack.http_url,
        api_key=stack.api_key,
        api_secret=stack.api_secret,
        room_name=room_name,
        trunk_id=trunk_id,
        **more,
    )


async def test_a_cold_transfer_reaches_the_phone_as_a_refer(stack, lk, line, tmp_path):
    """The product's transfer (TransferSIPParticipant) of the phone caller: the bridge sends the
    phone a REFER to the target; the phone accepts it (202, NOTIFY 200) and hangs up."""
    worker = await start_worker(
        stack, tmp_path, AGENT_NAME=line.agent_name, SIP_TRUNK_ID=line.outbound_trunk
    )
    answered = asyncio.Event()
    try:
        with diagnosed(worker):
            phone = asyncio.create_task(
                ring(
                    tmp_path,
                    line.number,
                    [],
                    phone_ip=stack.peer_ip,
                    bridge_ip=stack.ip,
                    ending="accept_transfer",
                    within=60,
                    answered=answered,
                )
            )
            await answered_or_failed(phone, answered, 60)
            tel = telephony(stack, await call_room(lk))
            try:
                [caller] = [p for p in await tel.list_participants() if p.kind == "sip"]
                await tel.transfer(caller.identity, "tel:+14155550144")
            finally:
                await tel.aclose()
            call = await asyncio.wait_for(phone, 60)
            assert call.status == 0, call.sipp.messages()[-3000:]
            [refer] = call.sipp.received("REFER")
            refer_to = [h for h in refer.splitlines() if h.lower().startswith("refer-to:")]
            assert [h.split(":", 1)[1].strip() for h in refer_to] == ["tel:+14155550144"]
            await until(lambda: "call_end" in worker.output or _ended(worker), 20, "the call end")
    finally:
        await worker.stop()


def _ended(worker) -> bool:
    return any('"call_end"' in path.read_text() for path in worker.call_logs.glob("*.jsonl"))


async def test_keys_the_caller_presses_reach_the_room(stack, lk, line, tmp_path):
    """The phone keys only once an observer is in the call's room, and hangs up once the
    observer has the keys (or after 30 s): no head start that a loaded machine can overrun."""
    worker = await start_worker(
        stack, tmp_path, AGENT_NAME=line.agent_name, SIP_TRUNK_ID=line.outbound_trunk
    )
    answered = asyncio.Event()
    keys: list[tuple[str, str]] = []
    observing = asyncio.Event()
    try:
        with diagnosed(worker):
            phone = asyncio.create_task(
                ring(
                    tmp_path,
                    line.number,
                    [
                        Cue(lambda _: observing.is_set()),
                        Key("1"),
                        Key("5"),
                        Key("#"),
                        Cue(lambda _: len(keys) >= 3, within=30),
                    ],
                    phone_ip=stack.peer_ip,
                    bridge_ip=stack.ip,
                    answered=answered,
                )
            )
            await answered_or_failed(phone, answered, 60)
            async with observer(stack, lk, await call_room(lk), keys):
                observing.set()
                call = await asyncio.wait_for(phone, 120)
            assert [digit for digit, _ in keys] == ["1", "5", "#"]
            assert {who for _, who in keys} == {f"sip_{'+15105550123'}"}
            assert call.status == 0, call.sipp.messages()[-3000:]
    finally:
        await worker.stop()


async def test_keys_sent_to_a_dialled_leg_arrive_as_rfc2833_events_in_order(stack, lk, tmp_path):
    """The extension pressed after the answer (`DialRequest.dtmf`, sent by the bridge) and the
    keys the product sends later (`send_dtmf`, published into the room by the agent's side)."""
    room_name = unique("dtmf")
    await lk.room.create_room(api.CreateRoomRequest(name=room_name))
    trunk = await lk.sip.create_outbound_trunk(
        api.CreateSIPOutboundTrunkRequest(
            trunk=api.SIPOutboundTrunkInfo(
                name=unique("dtmf"), address=f"{stack.peer_ip}:{CALLEE_PORT}", numbers=["+1415555"]
            )
        )
    )
    token = (
        api.AccessToken(stack.api_key, stack.api_secret)
        .with_identity("agent-side")
        .with_grants(api.VideoGrants(room_join=True, room=room_name))
        .to_jwt()
    )
    room = rtc.Room()
    await room.connect(stack.url, token)
    tel = telephony(stack, room_name, trunk.sip_trunk_id, room=room)
    callee = await run_sipp(
        tmp_path, "callee", callee_scenario("answer", hold=30), ip=stack.peer_ip, port=CALLEE_PORT
    )
    try:
        async with Capture(tmp_path / "callee.pcap", "udp") as capture:
            await tel.dial(
                DialRequest(phone_number="+14155550143", identity="leg", name="Dana", dtmf="204")
            )
            [answer] = [m for way, m in callee.trace_messages() if way == "sent" and "m=audio" in m]
            port = int(answer.split("m=audio ", 1)[1].split()[0])

            def keys() -> list[str]:  # the capture is written as the packets come
                return rtp.dtmf_events(rtp.rtp_to(capture.packets(), stack.peer_ip, port))

            # The later keys are sent once the extension has arrived, whatever the load (and, as
            # before, 2 s after the answer at least: a key the room sends while the bridge still
            # writes the extension's was seen lost, ['2', '0', '4', '#', '9']).
            answered_at = asyncio.get_running_loop().time()
            with contextlib.suppress(AssertionError):  # the assertion below shows them
                await until(lambda: len(keys()) >= 3, 30, "the extension's keys")
            await asyncio.sleep(max(0.0, answered_at + 2 - asyncio.get_running_loop().time()))
            await tel.send_dtmf("1#9")
            with contextlib.suppress(AssertionError):
                await until(lambda: len(keys()) >= 6, 30, "the keys sent later")
            await tel.hang_up("leg")
            await callee.finished(10)
        assert keys() == ["2", "0", "4", "1", "#", "9"]
    finally:
        await callee.stop()
        await tel.aclose()
        await room.disconnect()
        await lk.sip.delete_trunk(api.DeleteSIPTrunkRequest(sip_trunk_id=trunk.sip_trunk_id))
        await lk.room.delete_room(api.DeleteRoomRequest(room=room_name))
