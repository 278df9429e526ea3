"""A caller who speaks before their side hears the agent (their subscription to its track still
on the way, as on a loaded machine) cuts the receptionist's first words; the agent must still
be heard for the rest of the call. Before workflows/worker/room_audio.py, livekit-agents 1.8.9
went mute for good here: the host's greeting was recorded as said, and nothing was heard."""

from __future__ import annotations

import asyncio

import pytest
from livekit import api, rtc

from prompts.schema import render
from tests.e2e.conftest import Caller, diagnosed, start_worker, unique, until
from tests.support.harness import prompts

pytestmark = pytest.mark.e2e
GREETING_UNDER_WAY = 1.0  # seconds after its track is published: the greeting waits to play
LISTENS_AFTER = 0.6  # seconds between the caller's first words and their side subscribing


async def test_a_caller_who_talks_before_hearing_the_agent_hears_the_host(stack, lk, tmp_path):
    worker = await start_worker(stack, tmp_path, SIP_TRUNK_ID="ST_unused")
    room_name = unique("e2e-room")
    token = (
        api.AccessToken(stack.api_key, stack.api_secret)
        .with_identity("caller")
        .with_name("Ada")
        .with_grants(api.VideoGrants(room_join=True, room=room_name))
        .with_kind("sip")
        .with_attributes({"sip.phoneNumber": "+14155550123", "sip.callStatus": "active"})
        .to_jwt()
    )
    room = rtc.Room()
    caller = Caller(room, room_name, worker)
    published: list[rtc.RemoteTrackPublication] = []
    room.on("track_published", lambda publication, _participant: published.append(publication))
    try:
        with diagnosed(worker):
            await room.connect(stack.url, token, rtc.RoomOptions(auto_subscribe=False))
            await lk.agent_dispatch.create_dispatch(
                api.CreateAgentDispatchRequest(agent_name=worker.agent_name, room=room_name)
            )
            await until(lambda: "RoomIO linked to participant" in worker.output, 90, "the link")
            await until(lambda: published, 30, "the agent's audio track")
            # The receptionist's greeting is waiting for a listener: the caller talks over it.
            await asyncio.sleep(GREETING_UNDER_WAY)
            await caller.say("I'm Ada and I need a conference call")
            await asyncio.sleep(LISTENS_AFTER)
            for publication in published:
                publication.set_subscribed(True)
            await caller.hears(render(prompts().host.greeting, caller_name="Ada"), timeout=20)
    finally:
        await room.disconnect()
        await worker.stop()
