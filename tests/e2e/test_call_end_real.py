"""When the agent's part of a call is over, its job ends and it leaves the room: the people
still in it stay (ON_CALLER_HANGUP=remove_legs, as after a warm transfer), with nothing left
listening to them. On the real livekit-server, through real dispatch."""

from __future__ import annotations

import asyncio

import pytest
from livekit import api, rtc

from tests.e2e.conftest import caller_in_room, diagnosed, start_worker

pytestmark = pytest.mark.e2e


async def test_the_agent_leaves_the_room_when_its_part_is_over(stack, lk, tmp_path):
    worker = await start_worker(
        stack, tmp_path, SIP_TRUNK_ID="ST_unused", ON_CALLER_HANGUP="remove_legs"
    )
    try:
        with diagnosed(worker):
            async with caller_in_room(stack, lk, worker, phone_number="+14155550123") as caller:
                await caller.reaches_the_host()
                room_name = caller.room_name
                # Someone else stays in the room once the caller has gone.
                token = (
                    api.AccessToken(stack.api_key, stack.api_secret)
                    .with_identity("colleague")
                    .with_grants(api.VideoGrants(room_join=True, room=room_name))
                    .to_jwt()
                )
                colleague = rtc.Room()
                agent_left = asyncio.Event()

                @colleague.on("participant_disconnected")
                def _left(pp: rtc.RemoteParticipant) -> None:
                    if pp.kind == rtc.ParticipantKind.PARTICIPANT_KIND_AGENT:
                        agent_left.set()

                await colleague.connect(stack.url, token)
                kinds = [pp.kind for pp in colleague.remote_participants.values()]
                assert rtc.ParticipantKind.PARTICIPANT_KIND_AGENT in kinds
            # The caller hung up: nobody dialled to hang up, the room stays for the colleague,
            # and the agent, whose part is over, leaves it.
            try:
                await asyncio.wait_for(agent_left.wait(), 20)
                listed = await lk.room.list_participants(
                    api.ListParticipantsRequest(room=room_name)
                )
                assert [pp.identity for pp in listed.participants] == ["colleague"]
            finally:
                await colleague.disconnect()
    finally:
        await worker.stop()
