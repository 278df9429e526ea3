"""Real phone calls into the agent: a sipp phone rings a number provisioned with the product's
own `python -m workflows.provision`, through livekit-sip to a `dev` worker with offline speech.
What the phone hears is its captured RTP, decoded, compared with the agent's lines."""

from __future__ import annotations

import asyncio
import json

import pytest

from prompts.schema import render
from tests.e2e import rtp
from tests.e2e.conftest import diagnosed, start_worker, until
from tests.e2e.livekit_stack import call_room, room_gone
from tests.e2e.phones import Cue, Say, answered_or_failed, ring
from tests.support.harness import prompts

pytestmark = pytest.mark.e2e
ADA = "hi i'm ada i need a conference call"


def call_log(worker) -> list[dict]:
    [path] = list(worker.call_logs.glob("*.jsonl"))
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def events(worker) -> list[str]:
    try:
        return [r["event"] for r in call_log(worker)]
    except ValueError:  # no call log yet
        return []


async def during(call, answered: asyncio.Event, then):
    """Run the phone call; once it is answered, run `then` beside it; both results."""
    phone = asyncio.create_task(call)
    try:
        await answered_or_failed(phone, answered, 90)
        found = await then
    except BaseException:
        phone.cancel()
        raise
    return await phone, found


async def test_a_phone_call_is_answered_greeted_heard_handed_off_and_ended(
    stack, lk, line, tmp_path
):
    p = prompts()
    # No model settings (empty is unset): on a server that is not LiveKit Cloud the worker
    # chooses the offline model and speech by itself.
    worker = await start_worker(
        stack,
        tmp_path,
        AGENT_NAME=line.agent_name,
        SIP_TRUNK_ID=line.outbound_trunk,
        AGENT_LLM="",
        AGENT_STT="",
        AGENT_TTS="",
    )
    assert "model: offline dialog model | speech: STT pocketsphinx, TTS espeak" in worker.output
    request = tmp_path / "ada.wav"
    length = rtp.phone_wav(request, ADA)
    greeting = render(p.receptionist.greeting)
    host_greeting = render(p.host.greeting, caller_name="Ada")
    try:
        with diagnosed(worker):
            answered = asyncio.Event()
            # The phone talks once it has heard the greeting, and hangs up once it has heard
            # the host: what it heard, not a head start a loaded machine can overrun.
            phone = ring(
                tmp_path,
                line.number,
                [
                    Cue(lambda call: call.now_hears(greeting)),
                    Say(request, length + 0.3),
                    Cue(lambda call: call.now_hears(host_greeting)),
                ],
                phone_ip=stack.peer_ip,
                bridge_ip=stack.ip,
                answered=answered,
            )
            call, room = await during(phone, answered, call_room(lk))
            assert call.status == 0, call.sipp.messages()[-3000:]
            greeted = call.said(greeting)
            host = call.said(host_greeting)
            assert greeted is not None, "the phone did not hear the receptionist's greeting"
            assert host is not None and host > greeted, "the phone did not hear the host"
            # The phone's BYE ends the call: the call log closes and the room goes.
            await until(lambda: "call_end" in events(worker), 20, "the call log's call_end")
            assert [e for e in events(worker) if e in ("handoff", "call_end")] == [
                "handoff",
                "call_end",
            ]
            assert room.startswith("call-_+15105550123_")  # the dispatch rule's room
            await room_gone(lk, room)
    finally:
        await worker.stop()
    assert "livekit-nc" not in worker.output  # no noise cancellation off LiveKit Cloud
    assert "room session transport is closed" not in worker.output


async def test_the_agent_says_goodbye_and_the_phone_gets_bye(stack, lk, line, tmp_path):
    p = prompts()
    worker = await start_worker(
        stack, tmp_path, AGENT_NAME=line.agent_name, SIP_TRUNK_ID=line.outbound_trunk
    )
    bye = tmp_path / "bye.wav"
    length = rtp.phone_wav(bye, "goodbye")
    greeting = render(p.receptionist.greeting)
    try:
        with diagnosed(worker):
            answered = asyncio.Event()
            phone = ring(
                tmp_path,
                line.number,
                [Cue(lambda call: call.now_hears(greeting)), Say(bye, length + 0.3)],
                phone_ip=stack.peer_ip,
                bridge_ip=stack.ip,
                ending="await_bye",
                within=60,
                answered=answered,
            )
            call, room = await during(phone, answered, call_room(lk))
            assert call.status == 0, call.sipp.messages()[-3000:]  # the BYE came, answered
            assert call.sipp.received("BYE")
            assert call.said(render(p.shared.goodbye)) is not None
            await until(lambda: "call_end" in events(worker), 20, "the call log's call_end")
            await room_gone(lk, room)
    finally:
        await worker.stop()
    assert "room session transport is closed" not in worker.output
    assert "livekit-nc" not in worker.output  # no noise cancellation off LiveKit Cloud
