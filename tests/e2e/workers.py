"""Production workers on the real stack (issue 15, item 4): real `python -m workflows.main start`
processes with offline speech and the capacity settings, and callers that join a room, get the
agent dispatched by name and talk to it through the room's text input.

Used by tests/e2e/test_workers_real.py and by the capacity measurement (tests/e2e/capacity.py),
so nothing here depends on pytest fixtures. Every address is on loopback inside the stack's
network namespace (the tests and the script run there through STACK_EXEC).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import signal
import socket
import string
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from livekit import api, rtc
from livekit.rtc.data_stream import StreamError

ROOT = Path(__file__).resolve().parents[2]
TOPIC_CHAT = "lk.chat"  # livekit.agents.types.TOPIC_CHAT: the room's text input
TOPIC_TRANSCRIPTION = "lk.transcription"  # ...TOPIC_TRANSCRIPTION: the agent's replies
SILENCE_RATE = 16000  # Hz, the caller's microphone
# Production settings for the workers under test. The framework's own load is the machine's
# CPU: on 2 cores shared with other programs it sits at 1.0 and the worker refuses every call.
# A call cap (WORKER_MAX_CALLS) is what a shared machine needs; 0.7 is livekit-server's own
# dispatch target, the threshold that goes with it.
PRODUCTION = {
    "WORKER_MAX_CALLS": "8",
    "WORKER_LOAD_THRESHOLD": "0.7",
    "WORKER_IDLE_PROCESSES": "2",
    "WORKER_DRAIN_TIMEOUT": "120",
}


@dataclass(frozen=True)
class Server:
    """Where the livekit-server is and its keys (from the stack's settings)."""

    url: str
    api_key: str
    api_secret: str = field(repr=False)

    @classmethod
    def from_env(cls) -> Server:
        e = os.environ
        missing = [
            k for k in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET") if not e.get(k)
        ]
        if missing:
            raise SystemExit(
                f"{', '.join(missing)} not set: run inside the stack (make stack; "
                "see README 'Running in production')"
            )
        return cls(e["LIVEKIT_URL"], e["LIVEKIT_API_KEY"], e["LIVEKIT_API_SECRET"])

    @property
    def http_url(self) -> str:
        return self.url.replace("ws://", "http://", 1)

    def client(self) -> api.LiveKitAPI:
        return api.LiveKitAPI(self.http_url, self.api_key, self.api_secret)


def unique(prefix: str) -> str:
    """A fresh name with letters only: the logs' number masking leaves it readable."""
    return f"{prefix}-{''.join(random.choices(string.ascii_lowercase, k=10))}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def until(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll a cheap in-memory predicate (fed by events) until it holds, or fail with `what`."""
    try:
        async with asyncio.timeout(timeout):
            while not predicate():
                await asyncio.sleep(0.05)
    except TimeoutError:
        raise AssertionError(f"timed out after {timeout} s waiting for {what}") from None


async def outbound_trunk(lk: api.LiveKitAPI) -> str:
    """TELEPHONY=livekit needs a trunk id; no call here dials (there is no SIP bridge)."""
    trunk = await lk.sip.create_outbound_trunk(
        api.CreateSIPOutboundTrunkRequest(
            trunk=api.SIPOutboundTrunkInfo(
                name=unique("workers-out"), address="127.0.0.1:5070", numbers=["+15550100000"]
            )
        )
    )
    return trunk.sip_trunk_id


# ------------------------------------------------------------------------------------ worker
class WorkerProcess:
    """A real `python -m workflows.main` worker process: its output kept for assertions, its
    registration noticed, and nothing of its process group left behind by `stop`."""

    def __init__(self, proc: asyncio.subprocess.Process, call_logs: Path):
        self.proc = proc
        self.call_logs = call_logs
        self.lines: list[str] = []
        self.registered = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        async for raw in self.proc.stdout:
            line = raw.decode(errors="replace").rstrip()
            self.lines.append(line)
            if "registered worker" in line:
                self.registered.set()

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    async def stop(self, grace: float = 15) -> None:
        """Clean-up: the worker and every job process of its group end, whatever happened."""
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.proc.wait(), grace)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        await self.proc.wait()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._reader, 5)


class Worker(WorkerProcess):
    """A real `start`-mode worker: its own call log folder (which calls it took), its own
    health port."""

    def __init__(self, name: str, proc: asyncio.subprocess.Process, call_logs: Path, port: int):
        super().__init__(proc, call_logs)
        self.name = name
        self.health_port = port

    def rooms(self) -> set[str]:
        """The rooms whose calls this worker took (one call log file each)."""
        return {
            room
            for path in self.call_logs.glob("*.jsonl")
            for room in [call_log_room(path)]
            if room
        }

    def call_log(self, room: str) -> list[dict]:
        [path] = [p for p in self.call_logs.glob("*.jsonl") if call_log_room(p) == room]
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]

    def events(self, room: str) -> list[str]:
        return [r["event"] for r in self.call_log(room)] if room in self.rooms() else []

    async def healthy(self) -> bool:
        url = f"http://127.0.0.1:{self.health_port}/"
        async with aiohttp.ClientSession() as http, http.get(url) as r:
            return r.status == 200

    def terminate(self) -> None:
        """What an orchestrator does to stop a worker: SIGTERM to its main process only."""
        os.kill(self.proc.pid, signal.SIGTERM)


def call_log_room(path: Path) -> str | None:
    """The room of a call log file: its call_start record says it."""
    try:
        first = path.read_text().split("\n", 1)[0]
        return json.loads(first).get("room") if first.strip() else None
    except (OSError, ValueError):
        return None


async def start_worker(
    server: Server, folder: Path, name: str, agent_name: str, trunk_id: str, **env: str
) -> Worker:
    """A worker in `start` mode with production settings and offline speech, registered."""
    call_logs = folder / f"{name}-call-logs"
    port = free_port()
    full_env = {
        **os.environ,
        "LIVEKIT_URL": server.url,
        "LIVEKIT_API_KEY": server.api_key,
        "LIVEKIT_API_SECRET": server.api_secret,
        "AGENT_LLM": "offline",
        "AGENT_STT": "pocketsphinx",
        "AGENT_TTS": "espeak",
        "TELEPHONY": "livekit",
        "SIP_TRUNK_ID": trunk_id,
        "AGENT_NAME": agent_name,
        "CALL_LOG_DIR": str(call_logs),
        "LOG_PHONE_NUMBERS": "masked",
        "WORKER_HEALTH_PORT": str(port),
        "PYTHONUNBUFFERED": "1",
        **PRODUCTION,
        **env,
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "workflows.main",
        "start",
        cwd=ROOT,
        env=full_env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        stdin=asyncio.subprocess.DEVNULL,
        start_new_session=True,
    )
    worker = Worker(name, proc, call_logs, port)
    try:
        await asyncio.wait_for(worker.registered.wait(), 90)
    except TimeoutError:
        await worker.stop()
        raise AssertionError(
            f"worker {name} did not register in 90 s:\n{worker.output[-4000:]}"
        ) from None
    return worker


# ------------------------------------------------------------------------------------ caller
class Caller:
    """The test participant standing in for a phone caller: types lines into the room's text
    input and reads the agent's transcription stream."""

    def __init__(self, room: rtc.Room, room_name: str):
        self.room = room
        self.room_name = room_name
        self.heard: list[str] = []
        self.started: list[float] = []  # when each agent line began (its stream opened)
        self._tasks: set[asyncio.Task] = set()
        room.register_text_stream_handler(TOPIC_TRANSCRIPTION, self._on_transcription)

    def _on_transcription(self, reader: rtc.TextStreamReader, participant_identity: str) -> None:
        self.started.append(time.monotonic())  # the agent began to speak this line

        async def read() -> None:
            try:
                text = await reader.read_all()
            except StreamError:  # the call ended while the agent spoke
                return
            if text.strip():
                self.heard.append(text.strip())

        task = asyncio.create_task(read())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def publish_silence(self) -> None:
        """A microphone track carrying silence, as a phone line does between words: the agent
        runs its voice activity detection and recognizer on it for the whole call."""
        source = rtc.AudioSource(SILENCE_RATE, 1)
        track = rtc.LocalAudioTrack.create_audio_track("mic", source)
        await self.room.local_participant.publish_track(
            track, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE)
        )
        frame = rtc.AudioFrame.create(SILENCE_RATE, 1, SILENCE_RATE // 50)  # 20 ms of zeros

        async def feed() -> None:  # capture_frame waits while the source's buffer is full
            while True:
                await source.capture_frame(frame)

        task = asyncio.create_task(feed())
        self._tasks.add(task)

    async def say(self, text: str) -> None:
        await self.room.local_participant.send_text(text, topic=TOPIC_CHAT)

    async def hears(self, text: str, timeout: float, after: int = 0) -> None:
        """Wait until `text` is heard (among lines heard from index `after` on)."""
        await until(
            lambda: text in self.heard[after:],
            timeout,
            f"{self.room_name}: the caller to hear {text!r}; heard: {self.heard!r}",
        )

    async def say_and_hear(self, line: str, reply: str, timeout: float) -> None:
        mark = len(self.heard)
        await self.say(line)
        await self.hears(reply, timeout, after=mark)


async def call(server: Server, lk: api.LiveKitAPI, agent_name: str) -> Caller:
    """A new call: the caller joins a new room, then the agent is dispatched to it by name
    (LiveKit's dispatch picks the worker). Hang up with `hang_up`."""
    room_name = unique("call")
    token = (
        api.AccessToken(server.api_key, server.api_secret)
        .with_identity("caller")
        .with_name("Ada")
        .with_grants(api.VideoGrants(room_join=True, room=room_name))
        .to_jwt()
    )
    room = rtc.Room()
    caller = Caller(room, room_name)
    await room.connect(server.url, token)
    await lk.agent_dispatch.create_dispatch(
        api.CreateAgentDispatchRequest(agent_name=agent_name, room=room_name)
    )
    return caller


async def hang_up(caller: Caller) -> None:
    for task in list(caller._tasks):
        task.cancel()
    await caller.room.disconnect()


@contextlib.asynccontextmanager
async def calls_hung_up() -> AsyncIterator[list[Caller]]:
    """A list to put callers in; each one is disconnected on the way out, whatever happened."""
    callers: list[Caller] = []
    try:
        yield callers
    finally:
        for c in callers:
            with contextlib.suppress(Exception):
                await hang_up(c)
