"""Production workers on the real stack (issue 15, item 4): real `python -m workflows.main start`
processes with offline speech and the capacity settings. The callers that join a room, get the
agent dispatched by name and talk to it through the room's text input are in callers.py, the
server's address, names and `until` in livekit_stack.py; both are re-exported here.

Used by tests/e2e/test_workers_real.py and by the capacity measurement (tests/e2e/capacity.py),
so nothing here depends on pytest fixtures; the e2e fixtures (conftest.py) start their `dev`
workers with `WorkerProcess` and `spawn` too. Every address is on loopback inside the stack's
network namespace (the tests and the script run there through STACK_EXEC).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
from pathlib import Path

import aiohttp

from tests.e2e.callers import Caller, call, calls_hung_up, hang_up
from tests.e2e.livekit_stack import ROOT, Server, outbound_trunk, unique, until
from tests.support.ports import free_port

# The callers and the server's helpers, for test_workers_real.py and capacity.py.
__all__ = [
    "PRODUCTION",
    "Caller",
    "Server",
    "Worker",
    "WorkerProcess",
    "call",
    "calls_hung_up",
    "hang_up",
    "outbound_trunk",
    "start_worker",
    "unique",
    "until",
]

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

    async def wait_registered(self, timeout: float, who: str = "worker") -> None:
        """Wait until the worker has registered with the server; else stop it and fail, showing
        its last output."""
        try:
            await asyncio.wait_for(self.registered.wait(), timeout)
        except TimeoutError:
            await self.stop()
            raise AssertionError(
                f"{who} did not register in {timeout} s:\n{self.output[-4000:]}"
            ) from None


async def spawn(
    mode: str, server: Server, agent_name: str, call_logs: Path, **env: str
) -> asyncio.subprocess.Process:
    """`python -m workflows.main <mode>` on `server`, in a process group of its own: the offline
    model and speech, LiveKit telephony, its own call log folder and numbers masked in its
    logs; `env` adds settings or overrides these."""
    full_env = {
        **os.environ,
        "LIVEKIT_URL": server.url,
        "LIVEKIT_API_KEY": server.api_key,
        "LIVEKIT_API_SECRET": server.api_secret,
        # `dev` refuses text-only speech (a SIP bridge answers only once audio is published):
        # offline speech, while the test caller still types into lk.chat and reads lk.transcription.
        "AGENT_LLM": "offline",
        "AGENT_STT": "pocketsphinx",
        "AGENT_TTS": "espeak",
        "TELEPHONY": "livekit",
        "AGENT_NAME": agent_name,
        "CALL_LOG_DIR": str(call_logs),
        "LOG_PHONE_NUMBERS": "masked",
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "workflows.main",
        mode,
        cwd=ROOT,
        env=full_env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        stdin=asyncio.subprocess.DEVNULL,
        start_new_session=True,
    )


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
        """The log of the call in `room`: the one its caller joined. A room may also hold a
        log with no caller (`ghosts`): when the livekit-server node hosting a call stops, the
        agent's reconnection re-creates the room on another node, and LiveKit dispatches the
        agent into it once more (README "Several nodes, bridges and workers")."""
        logs = [
            read_call_log(p) for p in self.call_logs.glob("*.jsonl") if call_log_room(p) == room
        ]
        calls = [log for log in logs if joined(log)] or logs
        if len(calls) != 1:
            raise AssertionError(f"worker {self.name}: {len(calls)} call logs for room {room}")
        return calls[0]

    def ghosts(self) -> list[str]:
        """The rooms where this worker ran a job that no caller ever joined."""
        logs = [read_call_log(p) for p in self.call_logs.glob("*.jsonl")]
        return [log[0].get("room", "?") for log in logs if log and not joined(log)]

    def endings(self) -> list[str]:
        """Why and when this worker ended each call it did not end for its caller leaving (the
        agent's goodbye, a timeout, an error): what a phone that got the bridge's BYE lived."""
        found = []
        for path in sorted(self.call_logs.glob("*.jsonl")):
            log = read_call_log(path)
            for r in log:
                if r.get("event") == "ending" and r.get("why") != "caller left":
                    found.append(f"{log[0].get('room', '?')} at {r['ts']:.1f}: {r.get('why')}")
        return found

    def events(self, room: str) -> list[str]:
        return [r["event"] for r in self.call_log(room)] if room in self.rooms() else []

    async def healthy(self) -> bool:
        url = f"http://127.0.0.1:{self.health_port}/"
        async with aiohttp.ClientSession() as http, http.get(url) as r:
            return r.status == 200

    def terminate(self) -> None:
        """What an orchestrator does to stop a worker: SIGTERM to its main process only."""
        os.kill(self.proc.pid, signal.SIGTERM)


def read_call_log(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def joined(log: list[dict]) -> bool:
    return any(r.get("event") == "caller_joined" for r in log)


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
    settings = {"SIP_TRUNK_ID": trunk_id, "WORKER_HEALTH_PORT": str(port), **PRODUCTION, **env}
    proc = await spawn("start", server, agent_name, call_logs, **settings)
    worker = Worker(name, proc, call_logs, port)
    await worker.wait_registered(90, who=f"worker {name}")
    return worker
