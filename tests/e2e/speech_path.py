"""Caller lines through the path a phone uses, for the speech benchmark (`python -m
tests.speech_bench --phone`, inside the stack: `$STACK_EXEC`).

A sipp phone rings a number provisioned with `python -m workflows.provision` and plays each line
as 8 kHz PCMU (espeak-ng's voice), through livekit-sip (PCMU -> Opus 48 kHz) to a real `dev`
worker with offline speech; what the worker heard is its own transcript of the caller, read
from the room like any participant can (`lk.transcription` streams sent on the caller's
behalf), each put with the line being said when it came.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

from livekit import api, rtc
from livekit.rtc.data_stream import StreamError

from tests.e2e import rtp
from tests.e2e.livekit_stack import Server, call_room, remove_line, unique
from tests.e2e.phones import Say, Wait, provision_line, ring
from tests.e2e.workers import WorkerProcess, spawn

NUMBER = "+14155550188"  # the number the benchmark's phone calls
GREETING = 6.0  # seconds on the line before the first caller line (the greeting plays)
GAP = 2.5  # seconds of line silence after each caller line: the turn ends, words come back
LATE = 1.0  # seconds after the next line starts that words may still belong to this one
PER_CALL = 8  # caller lines per phone call


async def hear(texts: Sequence[str], env: dict[str, str] | None = None) -> list[str]:
    """What the agent heard of each line in `texts` (in order) on phone calls through the
    stack; `env` adds worker settings."""
    server = Server.from_env()
    peer, bridge = os.environ.get("STACK_PEER_IP", ""), os.environ.get("STACK_IP", "")
    if not (peer and bridge):
        raise SystemExit("STACK_PEER_IP / STACK_IP not set: run it inside the stack")
    work = Path(tempfile.mkdtemp(prefix="speech-path-"))
    agent_name = unique("speech-bench")
    async with server.client() as lk:
        await remove_line(lk, "speech-bench")  # a run stopped half-way left its number taken
    line = await provision_line(work, NUMBER, agent_name, f"{peer}:5070")
    logs = work / "call-logs"
    worker = WorkerProcess(
        await spawn("dev", server, agent_name, logs, SIP_TRUNK_ID=line.outbound_trunk, **env or {}),
        logs,
    )
    heard: list[str] = []
    try:
        await worker.wait_registered(90)
        async with server.client() as lk:
            while len(heard) < len(texts):  # a line heard as a goodbye ends its call early:
                batch = texts[len(heard) : len(heard) + PER_CALL]  # the rest go on a new one
                folder = work / f"call-{len(heard)}"
                heard += await _one_call(lk, server, folder, batch, peer, bridge)
    finally:
        await worker.stop()
        (work / "worker.log").write_text(worker.output)
        async with server.client() as lk:
            await remove_line(lk, agent_name)
    return heard


async def _one_call(
    lk: api.LiveKitAPI, server: Server, folder: Path, texts: Sequence[str], peer: str, bridge: str
) -> list[str]:
    folder.mkdir(parents=True)
    steps: list[Say | Wait] = [Wait(GREETING)]
    starts, t = [], GREETING
    for i, text in enumerate(texts):
        wav = folder / f"line-{i}.ulaw"
        seconds = rtp.phone_wav(wav, text)
        steps.append(Say(wav, seconds + GAP))
        starts.append(t)
        t += seconds + GAP
    answered = asyncio.Event()
    phone = asyncio.create_task(
        ring(
            folder, NUMBER, [*steps, Wait(1.0)], phone_ip=peer, bridge_ip=bridge, answered=answered
        )
    )
    try:
        await asyncio.wait_for(answered.wait(), 60)
        began = time.monotonic()
        async with _transcripts(server, await call_room(lk)) as said:
            call = await phone
    finally:
        phone.cancel()
    lines: list[list[str]] = [[] for _ in texts]
    for when, words in said:
        i = max(0, sum(1 for s in starts if s <= when - began - LATE) - 1)
        lines[i].append(words)
    heard = [" ".join(w).strip() for w in lines]
    # The agent's BYE (a line heard as a goodbye): the lines not yet said are not counted.
    byes = [p.time for p in call.packets if p.dport == call.sipp.port and p.payload[:3] == b"BYE"]
    if byes:
        ended = byes[0] - call.answered_at
        return heard[: max(1, sum(1 for s in starts if s < ended))]
    return heard


@contextlib.asynccontextmanager
async def _transcripts(server: Server, room_name: str) -> AsyncIterator[list[tuple[float, str]]]:
    """A listener in the call's room: the caller's words as the agent transcribed them, with
    when each arrived (time.monotonic())."""
    token = (
        api.AccessToken(server.api_key, server.api_secret)
        .with_identity(unique("bench-listener"))
        .with_grants(api.VideoGrants(room_join=True, room=room_name, can_publish=False))
        .to_jwt()
    )
    room = rtc.Room()
    said: list[tuple[float, str]] = []
    tasks: set[asyncio.Task] = set()

    def on_stream(reader: rtc.TextStreamReader, sender: str) -> None:
        agent = room.remote_participants.get(sender)
        if agent is not None and agent.kind == rtc.ParticipantKind.PARTICIPANT_KIND_AGENT:
            return  # the agent's own lines
        if reader.info.attributes.get("lk.transcription_final") != "true":
            return  # the same words are sent again as final

        async def read() -> None:
            with contextlib.suppress(StreamError):
                text = (await reader.read_all()).strip()
                if text:
                    said.append((time.monotonic(), text))

        task = asyncio.create_task(read())
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    room.register_text_stream_handler("lk.transcription", on_stream)
    await room.connect(server.url, token, rtc.RoomOptions(auto_subscribe=False))
    try:
        yield said
    finally:
        await asyncio.sleep(0.5)
        await room.disconnect()
