"""A call through real agent dispatch: a real `python -m workflows.main dev` worker registered on
the real livekit-server, a caller typing into the room's text input and reading the agent's
transcription stream."""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from livekit import api, rtc
from livekit.protocol.models import ParticipantInfo

from prompts.schema import render
from tests.e2e.conftest import caller_in_room, diagnosed, start_worker, until
from tests.e2e.livekit_stack import room_gone
from tests.support.harness import prompts

pytestmark = pytest.mark.e2e


async def outbound_trunk(lk: api.LiveKitAPI, stack) -> str:
    trunk = await lk.sip.create_outbound_trunk(
        api.CreateSIPOutboundTrunkRequest(
            trunk=api.SIPOutboundTrunkInfo(
                name="e2e-out", address=f"{stack.ip}:5070", numbers=["+15550100000"]
            )
        )
    )
    return trunk.sip_trunk_id


def call_log(worker) -> list[dict]:
    [path] = list(worker.call_logs.glob("*.jsonl"))
    return [json.loads(line) for line in path.read_text().splitlines()]


def events(worker) -> list[str]:
    return [record["event"] for record in call_log(worker)]


def leaks(lines: list[str]) -> list[str]:
    return [line for line in lines if re.search(r"415\D{0,2}555\D{0,2}0100", line)]


async def listed(lk: api.LiveKitAPI, name: str) -> bool:
    return bool((await lk.room.list_rooms(api.ListRoomsRequest(names=[name]))).rooms)


async def test_a_caller_reaches_the_host_and_ends_the_call(stack, lk, tmp_path):
    p = prompts()
    worker = await start_worker(stack, tmp_path, SIP_TRUNK_ID=await outbound_trunk(lk, stack))
    try:
        with diagnosed(worker):
            async with caller_in_room(stack, lk, worker) as caller:
                await caller.hears(p.receptionist.greeting, timeout=90)
                await caller.say_and_hear(
                    "I'm Ada and I need a conference call",
                    render(p.host.greeting, caller_name="Ada"),
                )
                await caller.say_and_hear("who is on the call", p.host.just_us)

                gone = asyncio.Event()
                reasons: list[int] = []
                caller.room.on("disconnected", lambda r: (reasons.append(r), gone.set()))
                await caller.say("bye")
                await asyncio.wait_for(gone.wait(), 15)
                assert reasons == [rtc.DisconnectReason.ROOM_DELETED]  # one real DeleteRoom
                await room_gone(lk, caller.room_name, timeout=5)  # listed while it closes
            await until(lambda: "call_end" in events(worker), 15, "the call log's call_end")
            # The goodbye is said before the room goes; text-only, its transcript races the
            # DeleteRoom (README findings), so it is checked in the agent's own conversation.
            assert f'"lk.pii.text": "{p.shared.goodbye}"' in worker.output
            assert caller.heard[:3] == [
                p.receptionist.greeting,
                render(p.host.greeting, caller_name="Ada"),
                p.host.just_us,
            ]
            assert events(worker) == ["call_start", "handoff", "ending", "call_end"]
            assert [r.get("why") for r in call_log(worker) if r["event"] == "ending"] == [
                "end_call"
            ]
    finally:
        await worker.stop()


async def test_a_dial_with_no_sip_bridge_is_told_and_logged(stack, lk, tmp_path):
    """Without livekit-sip the real server answers CreateSIPParticipant with 503 "no response
    from servers": the caller hears the on-our-side failure and the call goes on."""
    if stack.sip_address:
        pytest.skip("this stack has a SIP bridge")
    p = prompts()
    who = "+1 415-555-0100"
    worker = await start_worker(stack, tmp_path, SIP_TRUNK_ID=await outbound_trunk(lk, stack))
    try:
        with diagnosed(worker):
            async with caller_in_room(stack, lk, worker) as caller:
                await caller.hears(p.receptionist.greeting, timeout=90)
                await caller.say_and_hear(
                    "I'm Ada and I need a conference call",
                    render(p.host.greeting, caller_name="Ada"),
                )
                await caller.say_and_hear("add +1 415 555 0100", render(p.host.read_back, who=who))
                await caller.say_and_hear("yes", render(p.host.dialing, who=who))
                await caller.hears(render(p.host.failed, who=who))
                await caller.say_and_hear("who is on the call", p.host.just_us)
                assert await listed(lk, caller.room_name)  # the call goes on
            await until(lambda: "call_end" in events(worker), 15, "the call log's call_end")
        assert "no response from servers" in worker.output
        product_lines = [line for line in worker.lines if "livekit.agents" not in line]
        assert leaks(product_lines) == []  # the product's own logs mask the number
        log = call_log(worker)
        assert "4155550100" not in json.dumps(log)
        [end] = [r for r in log if r["event"] == "call_end"]
        assert [leg.get("outcome") for leg in end["legs"]] == ["failed"], end
    finally:
        await worker.stop()


@pytest.mark.parametrize(
    "agent_first",
    [
        pytest.param(False, id="caller-first"),  # livekit-sip's order: README finding 4, fixed
        pytest.param(
            True,
            id="agent-first",
            marks=pytest.mark.xfail(
                strict=False,
                reason=(
                    "with offline speech (audio out), a caller who joins after the agent "
                    "sometimes never receives the host greeting's transcript; README finding 7, "
                    "not yet understood"
                ),
            ),
        ),
    ],
)
async def test_the_caller_leaving_ends_the_call_and_deletes_the_room(
    stack, lk, tmp_path, agent_first
):
    worker = await start_worker(stack, tmp_path, SIP_TRUNK_ID=await outbound_trunk(lk, stack))
    try:
        with diagnosed(worker):
            async with caller_in_room(
                stack, lk, worker, agent_first=agent_first, phone_number="+14155550123"
            ) as caller:
                # The agent reads the room's text input once it has linked to the caller.
                await caller.reaches_the_host()
                room_name = caller.room_name
                kinds = {
                    pp.identity: pp.kind
                    for pp in (
                        await lk.room.list_participants(api.ListParticipantsRequest(room=room_name))
                    ).participants
                }
                assert kinds["caller"] == ParticipantInfo.Kind.SIP
            # The caller hung up (left the room): ON_CALLER_HANGUP=delete_room ends it for all.
            await room_gone(lk, room_name, timeout=10)  # empty rooms linger 20 s
            await until(lambda: "call_end" in events(worker), 15, "the call log's call_end")
        assert events(worker)[:2] == ["call_start", "caller_joined"]
        assert [r["reason"] for r in call_log(worker) if r["event"] == "caller_left"] == [
            "CLIENT_INITIATED"
        ]
        assert "4155550123" not in json.dumps(call_log(worker))  # masked in the call log
    finally:
        await worker.stop()


async def test_an_unknown_trunk_is_a_setup_problem_told_once(stack, lk, tmp_path):
    p = prompts()
    worker = await start_worker(stack, tmp_path, SIP_TRUNK_ID="ST_missing")
    try:
        with diagnosed(worker):
            async with caller_in_room(stack, lk, worker) as caller:
                await caller.hears(p.receptionist.greeting, timeout=90)
                await caller.say_and_hear(
                    "I'm Ada and I need a conference call",
                    render(p.host.greeting, caller_name="Ada"),
                )
                who = "+1 415-555-0100"
                await caller.say_and_hear("add +1 415 555 0100", render(p.host.read_back, who=who))
                await caller.say_and_hear("yes", p.host.config_error)
        assert "DIAL-OUT MISCONFIGURED" in worker.output
        assert "Check SIP_TRUNK_ID" in worker.output
    finally:
        await worker.stop()


async def test_a_dev_worker_never_logs_a_number_in_full(stack, lk, tmp_path):
    p = prompts()
    worker = await start_worker(stack, tmp_path, SIP_TRUNK_ID=await outbound_trunk(lk, stack))
    try:
        with diagnosed(worker):
            async with caller_in_room(stack, lk, worker) as caller:
                await caller.hears(p.receptionist.greeting, timeout=90)
                await caller.say_and_hear(
                    "I'm Ada and I need a conference call",
                    render(p.host.greeting, caller_name="Ada"),
                )
                await caller.say_and_hear(
                    "add +1 415 555 0100", render(p.host.read_back, who="+1 415-555-0100")
                )
    finally:
        await worker.stop()
    assert leaks(worker.lines) == []
