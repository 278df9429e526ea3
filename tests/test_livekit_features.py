"""The host's features against the LiveKit API test server: the exact requests for
extensions, remove, mute, transfers, warm transfer, DTMF and voicemail hang-up."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace

import pytest

from tests.harness import voicemail_detector
from tests.livekit_harness import ROOM, livekit_call, livekit_settings
from tests.livekit_server import SipOutcome
from tests.scripted_llm import call, dial, host_model, relay_tool_output, until
from workflows.call.settings import Settings, SettingsError


def heard(c) -> list[str]:
    return c.state.announcements


def model(ctx):
    """host_model plus the feature tools, by the first word of the caller's line."""
    if (out := relay_tool_output(ctx)) is not None:
        return out
    text = ctx.items[-1].text_content or ""
    verb, _, rest = text.partition(" ")
    if verb == "remove":
        return [call("remove_participant", who=rest)]
    if verb in ("mute", "unmute"):
        return [call("mute_participant", who=rest, muted=verb == "mute")]
    if verb == "press":
        return [call("send_digits", digits=rest)]
    if verb in ("transfer", "warm"):
        purpose = "transfer" if verb == "transfer" else "warm_transfer"
        return [call("read_back_number", phone_number=rest, purpose=purpose)]
    if text == "yes":  # act on what was read back, as a well-behaved model would
        purpose = next(
            json.loads(i.arguments).get("purpose", "add")
            for i in reversed(ctx.items)
            if i.type == "function_call" and i.name == "read_back_number"
        )
        if purpose == "transfer":
            return [call("transfer_call")]
        if purpose == "warm_transfer":
            return [call("warm_transfer")]
    return host_model(ctx)


async def joined(c, number: str) -> None:
    await dial(c.session, number)
    await until(
        lambda: any(
            leg.answered for leg in c.state.legs.values() if leg.phone_number.endswith(number[-4:])
        )
    )


async def test_an_extension_rides_on_the_dial_request(server):
    async with livekit_call(server, model=model) as c:
        await dial(c.session, "+1 415 555 0100 ext 204")
        await until(lambda: server.requests_for("CreateSIPParticipant"))
        [request] = server.requests_for("CreateSIPParticipant")
        assert (request.sip_call_to, request.dtmf) == ("+14155550100", "w204")


async def test_remove_sends_remove_participant_and_is_announced_once(server):
    async with livekit_call(server, model=model) as c:
        await joined(c, "+1 415 555 0100")
        result = await c.session.run(user_input="remove 0100")
        result.expect.contains_function_call_output(
            output="+1 415-555-0100 has been removed from the call."
        )
        [leg] = c.state.legs.values()
        assert [r.identity for r in server.requests_for("RemoveParticipant")] == [leg.identity]
        await asyncio.sleep(0.05)
        assert "+1 415-555-0100 has been removed from the call." not in heard(c)
        assert leg.identity not in server.rooms[ROOM].participants


async def test_mute_and_unmute_change_the_published_track(server):
    async with livekit_call(server, model=model) as c:
        await joined(c, "+1 415 555 0100")
        [leg] = c.state.legs.values()
        result = await c.session.run(user_input="mute 0100")
        result.expect.contains_function_call_output(output="I've muted +1 415-555-0100.")
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
            output="On the call: you, Ada; +1 415-555-0100, connected, muted."
        )
        await c.session.run(user_input="unmute everyone")
        assert not server.rooms[ROOM].participants[leg.identity].tracks[0].muted


async def test_cold_transfer_sends_transfer_sip_participant_then_cleans_up(server):
    async with livekit_call(server, model=model) as c:
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
    async with livekit_call(server, model=model) as c:
        await c.session.run(user_input="transfer +1 415 555 0123")
        result = await c.session.run(user_input="yes")
        result.expect.contains_function_call_output(
            output="The transfer to +1 415-555-0123 didn't go through, so you're still with me.",
            is_error=True,
        )
        assert not c.state.ending
        assert "caller" in server.rooms[ROOM].participants


async def test_warm_transfer_dials_introduces_and_leaves_the_room_up(server):
    async with livekit_call(server, model=model) as c:
        closed = asyncio.Event()
        c.session.on("close", lambda _: closed.set())
        await c.session.run(user_input="warm +1 415 555 0144")
        result = await c.session.run(user_input="yes")
        said = [e.item.text_content for e in result.events if e.type == "message"]
        assert said[-1] == (
            "You're now connected with +1 415-555-0144. I'll leave you to it. Goodbye!"
        )
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
    async with livekit_call(server, model=model, rtc_room=room) as c:
        await joined(c, "+1 415 555 0100")  # keys need someone dialled in to hear them
        result = await c.session.run(user_input="press 1*#")
        result.expect.contains_function_call_output(output="I've pressed 1 * #.")
    assert room.local_participant.sent == [(1, "1"), (10, "*"), (11, "#")]


async def test_dtmf_without_a_connected_room_is_reported(server):
    async with livekit_call(server, model=model) as c:
        await joined(c, "+1 415 555 0100")
        result = await c.session.run(user_input="press 1")
        result.expect.contains_function_call_output(
            output="I couldn't reach the menu because of a problem on our side. We can try "
            "again in a moment.",
            is_error=True,
        )


async def test_a_voicemail_verdict_hangs_up_the_leg_on_the_server(server):
    settings = replace(livekit_settings(server), voicemail_action="hang_up")
    async with livekit_call(server, settings, model=model) as c:
        c.state.detect_voicemail = voicemail_detector("machine")
        await dial(c.session, "+1 415 555 0100")
        await until(lambda: c.state.legs and not c.state.live_legs())
        [leg] = c.state.legs.values()
        assert [r.identity for r in server.requests_for("RemoveParticipant")] == [leg.identity]
        assert heard(c)[-1] == "+1 415-555-0100 went to voicemail, so I hung up that line."


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
