"""Calls on the LiveKit path against the Twirp test server, with room events bridged to a
fake rtc room the way a connected agent would receive them."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import replace

from livekit import api

from agents.conference_host import ConferenceHost
from tests.support.fake_room import FakeRoom
from tests.support.harness import files, running_call
from tests.support.livekit_server import LiveKitTestServer
from tests.support.scripted_llm import host_model
from workflows.call.settings import Settings
from workflows.lifecycle.room import attach_room
from workflows.lifecycle.setup import new_call
from workflows.telephony.livekit import LiveKitTelephony

ROOM = "call-room-1"


async def add_outbound_trunk(server: LiveKitTestServer) -> str:
    """Create the outbound trunk dial-outs use, through the real client; return its ID."""
    async with api.LiveKitAPI(server.url, server.api_key, server.api_secret) as lk:
        trunk = await lk.sip.create_outbound_trunk(
            api.CreateSIPOutboundTrunkRequest(
                trunk=api.SIPOutboundTrunkInfo(
                    name="out", address="sip.example.com", numbers=["+15550100000"]
                )
            )
        )
    return trunk.sip_trunk_id


def livekit_settings(server, **changes) -> Settings:
    settings = Settings(
        mode="dev",
        telephony="livekit",
        livekit_url=server.url,
        livekit_api_key=server.api_key,
        livekit_api_secret=server.api_secret,
        sip_trunk_id=server.trunk_id,
        sip_ringing_timeout=20,
        sip_max_call_duration=1800,
    )
    return replace(settings, **changes)


def bridge(server: LiveKitTestServer, room: FakeRoom) -> None:
    """Mirror the server's participant events onto the agent's room, as rtc would deliver."""

    def on_event(kind, room_name, participant, extra):
        if room_name != room.name:
            return
        if kind == "joined":
            room.join(participant.identity, kind=participant.kind, **dict(participant.attributes))
        elif kind == "attributes_changed" and participant.identity in room.remote_participants:
            room.set_attributes(participant.identity, **extra["changed"])
        elif kind == "left" and participant.identity in room.remote_participants:
            room.leave(participant.identity, extra["reason"])

    server.on_participant_event(on_event)


@asynccontextmanager
async def livekit_call(
    server, settings=None, request_timeout=10.0, model=host_model, rtc_room=None
):
    settings = settings or livekit_settings(server)

    def telephony(sink):
        return LiveKitTelephony(
            url=settings.livekit_url,
            api_key=settings.livekit_api_key,
            api_secret=settings.livekit_api_secret,
            room_name=ROOM,
            trunk_id=settings.sip_trunk_id,
            ringing_timeout=settings.sip_ringing_timeout,
            max_call_duration=settings.sip_max_call_duration,
            request_timeout=request_timeout,
            room=rtc_room,
        )

    state = new_call(settings, files(), ROOM, make_telephony=telephony)
    state.caller.name, state.caller.reason = "Ada", "budget review"
    state.caller.identity = "caller"
    room = FakeRoom(ROOM)
    attach_room(room, state)
    bridge(server, room)
    await server.add_participant(ROOM, "caller", kind=3, attributes={"sip.phoneNumber": "+1"})
    agent = ConferenceHost(state.prompts, state.caller)
    async with running_call(model, state=state, agent=agent) as c:
        c.room = room
        yield c
