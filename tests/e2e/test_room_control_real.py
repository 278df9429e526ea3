"""The LiveKit backend (workflows/telephony/livekit.py) against the real livekit-server: listing,
muting, removing, deleting the room, and the failure rows of tests/test_livekit_path.py that
the real server can produce without a SIP bridge (bad secret, unknown trunk, server down)."""

from __future__ import annotations

import asyncio
import contextlib
import socket

import pytest
from livekit import api, rtc
from livekit.protocol.models import TrackType

from tests.e2e.conftest import unique
from workflows.telephony.livekit import LiveKitTelephony
from workflows.telephony.protocol import DialFailed, DialRequest, TelephonyError

pytestmark = pytest.mark.e2e


@contextlib.asynccontextmanager
async def participant(stack, room_name: str, identity: str, *, audio: bool = False):
    """A real participant in the room, optionally publishing a microphone track."""
    token = (
        api.AccessToken(stack.api_key, stack.api_secret)
        .with_identity(identity)
        .with_name(identity.title())
        .with_grants(api.VideoGrants(room_join=True, room=room_name))
        .to_jwt()
    )
    room = rtc.Room()
    await room.connect(stack.url, token)
    try:
        if audio:
            source = rtc.AudioSource(48000, 1)
            track = rtc.LocalAudioTrack.create_audio_track("mic", source)
            await room.local_participant.publish_track(
                track, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE)
            )
            await source.capture_frame(rtc.AudioFrame.create(48000, 1, 480))  # silence
        yield room
    finally:
        await room.disconnect()


def telephony(stack, room_name: str, **changes) -> LiveKitTelephony:
    settings = dict(
        url=stack.http_url,
        api_key=stack.api_key,
        api_secret=stack.api_secret,
        room_name=room_name,
        trunk_id="ST_unused",
        request_timeout=5.0,
    )
    return LiveKitTelephony(**(settings | changes))


async def test_list_mute_remove_and_delete_on_the_real_server(stack, lk):
    room_name = unique("e2e-room")
    tel = telephony(stack, room_name)
    try:
        async with (
            participant(stack, room_name, "ada", audio=True),
            participant(stack, room_name, "grace", audio=True) as grace,
        ):

            async def both_with_audio() -> bool:
                r = await lk.room.list_participants(api.ListParticipantsRequest(room=room_name))
                return (
                    sum(any(t.type == TrackType.AUDIO for t in p.tracks) for p in r.participants)
                    == 2
                )

            async with asyncio.timeout(10):
                while not await both_with_audio():
                    await asyncio.sleep(0.2)
            listed = await tel.list_participants()
            assert sorted((p.identity, p.kind, p.muted) for p in listed) == [
                ("ada", "standard", False),
                ("grace", "standard", False),
            ]

            muted = asyncio.Event()
            grace.on("track_muted", lambda *_: muted.set())
            await tel.set_muted("grace", True)
            await asyncio.wait_for(muted.wait(), 5)  # the real server told grace's client
            assert {p.identity: p.muted for p in await tel.list_participants()} == {
                "ada": False,
                "grace": True,
            }
            # A default server refuses remote UNmute (room.enable_remote_unmute is off; LiveKit
            # Cloud has the same project setting): the product gets failed_precondition.
            with pytest.raises(TelephonyError, match="remote unmute not enabled") as refused:
                await tel.set_muted("grace", False)
            assert refused.value.kind == "unavailable"

            left = asyncio.Event()
            reasons: list[int] = []

            def on_disconnected(reason) -> None:
                reasons.append(reason)
                left.set()

            grace.on("disconnected", on_disconnected)
            await tel.hang_up("grace")
            await asyncio.wait_for(left.wait(), 5)
            assert reasons == [rtc.DisconnectReason.PARTICIPANT_REMOVED]
            await tel.hang_up("grace")  # already gone: not an error on the real server either
            assert [p.identity for p in await tel.list_participants()] == ["ada"]

            await tel.delete_room()
            await tel.delete_room()  # already gone: not an error
            rooms = await lk.room.list_rooms(api.ListRoomsRequest(names=[room_name]))
            assert list(rooms.rooms) == []
    finally:
        await tel.aclose()


async def test_mute_before_any_audio_track_is_a_clear_error(stack):
    room_name = unique("e2e-room")
    tel = telephony(stack, room_name)
    try:
        async with participant(stack, room_name, "ada"):
            with pytest.raises(TelephonyError, match="has no audio track yet"):
                await tel.set_muted("ada", True)
    finally:
        await tel.aclose()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


DIAL = DialRequest(phone_number="+14155550100", identity="leg-1", name="+1 415-555-0100")


async def failure(stack, lk, row: str) -> Exception:
    room_name = unique("e2e-room")
    await lk.room.create_room(api.CreateRoomRequest(name=room_name))
    changes: dict = {}
    if row == "wrong api secret":
        changes = {"api_secret": "x" * 40}
    elif row == "connection refused":
        changes = {"url": f"http://127.0.0.1:{_closed_port()}"}
    elif row == "unknown outbound trunk":
        changes = {"trunk_id": "ST_missing"}
    if row == "no SIP bridge":
        trunk = await lk.sip.create_outbound_trunk(
            api.CreateSIPOutboundTrunkRequest(
                trunk=api.SIPOutboundTrunkInfo(
                    name="e2e-out", address=f"{stack.ip}:5070", numbers=["+15550100000"]
                )
            )
        )
        changes = {"trunk_id": trunk.sip_trunk_id}
    tel = telephony(stack, room_name, ringing_timeout=5, **changes)
    try:
        with pytest.raises((TelephonyError, DialFailed)) as e:
            await tel.dial(DIAL)
        return e.value
    finally:
        await tel.aclose()


@pytest.mark.parametrize(
    "row, kind, detail",
    [
        ("wrong api secret", "config", "Check LIVEKIT_API_KEY / LIVEKIT_API_SECRET"),
        ("connection refused", "unavailable", "could not reach LiveKit at http://127.0.0.1:"),
        ("unknown outbound trunk", "config", "Check SIP_TRUNK_ID"),
        # A valid trunk but no livekit-sip connected to the server's Redis: the server's SIP RPC
        # finds no handler and gives up after about a second.
        (
            "no SIP bridge",
            "unavailable",
            "dial: LiveKit error unavailable (HTTP 503): "
            "twirp error unknown: no response from servers",
        ),
    ],
)
async def test_dial_failure_rows_on_the_real_server(stack, lk, row, kind, detail):
    if row == "no SIP bridge" and stack.sip_address:
        pytest.skip("this stack has a SIP bridge")
    error = await failure(stack, lk, row)
    assert isinstance(error, TelephonyError), error
    assert (error.kind, detail in error.detail) == (kind, True), error.detail
    assert stack.api_secret not in error.detail
