"""The host's features against the LiveKit API test server: the exact requests for
extensions, remove, mute, transfers, warm transfer, DTMF and voicemail hang-up."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from prompts.schema import render
from tests.support.harness import prompts, voicemail_detector
from tests.support.host_calls import on_the_call
from tests.support.livekit_harness import ROOM, livekit_call, livekit_settings
from tests.support.livekit_server import SipOutcome
from tests.support.scripted_llm import dial, feature_model, until
from workflows.call.settings import Settings, SettingsError

HOST = prompts().host


async def joined(c, number: str) -> None:
    await dial(c.session, number)
    await until(
        lambda: any(
            leg.answered for leg in c.state.legs.values() if leg.phone_number.endswith(number[-4:])
        )
    )


async def test_an_extension_rides_on_the_dial_request(server):
    async with livekit_call(server, model=feature_model) as c:
        await dial(c.session, "+1 415 555 0100 ext 204")
        await until(lambda: server.requests_for("CreateSIPParticipant"))
        [request] = server.requests_for("CreateSIPParticipant")
        assert (request.sip_call_to, request.dtmf) == ("+14155550100", "w204")


async def test_remove_sends_remove_participant_and_is_announced_once(server):
    async with livekit_call(server, model=feature_model) as c:
        await joined(c, "+1 415 555 0100")
        result = await c.session.run(user_input="remove 0100")
        removed = render(HOST.removed, who="+1 415-555-0100")
        result.expect.contains_function_call_output(output=removed)
        [leg] = c.state.legs.values()
        assert [r.identity for r in server.requests_for("RemoveParticipant")] == [leg.identity]
        await asyncio.sleep(0.05)
        assert removed not in c.state.announcements
        assert leg.identity not in server.rooms[ROOM].participants


async def test_mute_and_unmute_change_the_published_track(server):
    async with livekit_call(server, model=feature_model) as c:
        await joined(c, "+1 415 555 0100")
        [leg] = c.state.legs.values()
        result = await c.session.run(user_input="mute 0100")
        result.expect.contains_function_call_output(
            output=render(HOST.controls.muted, who="+1 415-555-0100")
        )
        [track] = server.rooms[ROOM].participants[leg.identity].tracks
        [mute] = server.requests_for("MutePublishedTrack")
        assert (mute.room, mute.identity, mute.track_sid, mute.muted) == (
            ROOM,
            leg.identity,
            track.sid,
            True,
        )
        assert track.muted
        result = await c.session.run(user_input="who?")
        result.expect.contains_function_call_output(
            output=on_the_call(("+1 415-555-0100", "active", "muted"))
        )
        await c.session.run(user_input="unmute everyone")
        assert not server.rooms[ROOM].participants[leg.identity].tracks[0].muted


async def test_cold_transfer_sends_transfer_sip_participant_then_cleans_up(server):
    async with livekit_call(server, model=feature_model) as c:
        closed = asyncio.Event()
        c.session.on("close", lambda _: closed.set())
        await joined(c, "+1 415 555 0100")
        await c.session.run(user_input="transfer +1 415 555 0123")
        result = await c.session.run(user_input="yes")
        result.expect.contains_function_call(name="transfer_call")
        await asyncio.wait_for(closed.wait(), 5)
        [transfer] = server.requests_for("TransferSIPParticipant")
        assert (transfer.participant_identity, transfer.room_name, transfer.transfer_to) == (
            "caller",
            ROOM,
            "tel:+14155550123",
        )
        granted = [r.claims for r in server.requests if r.method == "TransferSIPParticipant"]
        assert granted[0].video.room_admin and granted[0].sip.call
        assert ROOM not in server.rooms  # the legs left behind were hung up


async def test_a_busy_transfer_target_keeps_the_caller(server):
    server.sip_outcomes["+14155550123"] = SipOutcome.fail(486)
    async with livekit_call(server, model=feature_model) as c:
        await c.session.run(user_input="transfer +1 415 555 0123")
        result = await c.session.run(user_input="yes")
        result.expect.contains_function_call_output(
            output=render(HOST.transfer.failed, who="+1 415-555-0123"),
            is_error=True,
        )
        assert not c.state.ending
        assert "caller" in server.rooms[ROOM].participants


async def test_warm_transfer_dials_introduces_and_leaves_the_room_up(server):
    async with livekit_call(server, model=feature_model) as c:
        closed = asyncio.Event()
        c.session.on("close", lambda _: closed.set())
        await c.session.run(user_input="warm +1 415 555 0144")
        result = await c.session.run(user_input="yes")
        said = [e.item.text_content for e in result.events if e.type == "message"]
        assert said[-1] == render(HOST.transfer.handed_over, who="+1 415-555-0144")
        await asyncio.wait_for(closed.wait(), 5)
        [dialled] = server.requests_for("CreateSIPParticipant")
        assert dialled.sip_call_to == "+14155550144"
        assert server.requests_for("DeleteRoom") == []
        assert {"caller", dialled.participant_identity} <= set(server.rooms[ROOM].participants)


class RecordingParticipant:
    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []

    async def publish_dtmf(self, *, code: int, digit: str) -> None:
        self.sent.append((code, digit))


class RecordingRoom:
    def __init__(self) -> None:
        self.local_participant = RecordingParticipant()


async def test_keys_are_published_as_dtmf_from_the_agent(server, monkeypatch):
    monkeypatch.setattr("workflows.telephony.livekit.DEFAULT_DTMF_PUBLISH_DELAY", 0.01)
    room = RecordingRoom()
    async with livekit_call(server, model=feature_model, rtc_room=room) as c:
        await joined(c, "+1 415 555 0100")  # keys need someone dialled in to hear them
        result = await c.session.run(user_input="press 1*#")
        result.expect.contains_function_call_output(
            output=render(HOST.controls.digits_sent, digits="1 * #")
        )
    assert room.local_participant.sent == [(1, "1"), (10, "*"), (11, "#")]


async def test_dtmf_without_a_connected_room_is_reported(server):
    async with livekit_call(server, model=feature_model) as c:
        await joined(c, "+1 415 555 0100")
        result = await c.session.run(user_input="press 1")
        result.expect.contains_function_call_output(
            output=HOST.controls.keys_failed,
            is_error=True,
        )


async def test_a_voicemail_verdict_hangs_up_the_leg_on_the_server(server):
    settings = replace(livekit_settings(server), voicemail_action="hang_up")
    async with livekit_call(server, settings, model=feature_model) as c:
        c.state.detect_voicemail = voicemail_detector("machine")
        await dial(c.session, "+1 415 555 0100")
        await until(lambda: c.state.legs and not c.state.live_legs())
        [leg] = c.state.legs.values()
        assert [r.identity for r in server.requests_for("RemoveParticipant")] == [leg.identity]
        assert c.state.announcements[-1] == render(HOST.voicemail.hung_up, who="+1 415-555-0100")


def test_private_warm_transfer_needs_livekit_cloud():
    env = {
        "WARM_TRANSFER": "private",
        "LIVEKIT_URL": "wss://my.example.com",
        "LIVEKIT_API_KEY": "k",
        "LIVEKIT_API_SECRET": "s",
    }
    with pytest.raises(SettingsError, match="WARM_TRANSFER=private needs LiveKit Cloud"):
        Settings.from_env(env, mode="console")
    cloud = env | {"LIVEKIT_URL": "wss://p.livekit.cloud"}
    assert Settings.from_env(cloud, mode="console").warm_transfer == "private"
