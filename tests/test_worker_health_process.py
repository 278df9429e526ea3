"""The real `python -m workflows.main start` process, whose health and exit status an
orchestrator reads: with LiveKit unreachable (a closed port on loopback) its health endpoint never
answers 200 and it exits non-zero once it gives up; with its health port taken it exits non-zero
at once. Fast tests of the same rules in this process: test_worker_health.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import psutil
import pytest

from tests.support.ports import free_port
from workflows.call.settings import PROMPTS_DIR
from workflows.main import WORKER_FAILED

pytestmark = pytest.mark.slow  # starts real worker processes (seconds each)


def start(tmp_path, **settings: str) -> subprocess.Popen:
    """A `start` worker with offline speech, pointed at a LiveKit nobody answers for."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LIVEKIT_", "SIP_", "AGENT_", "TELEPHONY", "WORKER_", "LOG_"))
    }
    env.update(
        LIVEKIT_URL=f"ws://127.0.0.1:{free_port()}",  # closed: every connection is refused
        LIVEKIT_API_KEY="devkey",
        LIVEKIT_API_SECRET="s" * 32,
        AGENT_LLM="offline",
        AGENT_STT="pocketsphinx",
        AGENT_TTS="espeak",
        TELEPHONY="simulated",
        CALL_LOG_DIR=str(tmp_path / "call-logs"),
        WORKER_IDLE_PROCESSES="0",
        WORKER_HEALTH_HOST="127.0.0.1",
        PYTHONPATH=str(PROMPTS_DIR.parent),
        **settings,
    )
    return subprocess.Popen(
        [sys.executable, "-m", "workflows.main", "start"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def health(port: int) -> int | None:
    """The status `GET /` answers, or None while nothing listens."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return None


def test_a_worker_that_cannot_reach_livekit_is_unhealthy_then_exits_non_zero(tmp_path):
    port = free_port()
    worker = start(tmp_path, WORKER_HEALTH_PORT=str(port), WORKER_CONNECT_RETRIES="2")
    answers = []
    try:
        deadline = time.monotonic() + 60
        while worker.poll() is None and time.monotonic() < deadline:
            if (status := health(port)) is not None:
                answers.append(status)
                listening = {
                    c.laddr
                    for c in psutil.Process(worker.pid).net_connections()
                    if c.status == psutil.CONN_LISTEN
                }
                assert ("127.0.0.1", port) in listening  # WORKER_HEALTH_HOST, not every address
            time.sleep(0.2)
        assert worker.poll() is not None, "the worker kept trying for over a minute"
    finally:
        worker.kill()
        _, err = worker.communicate(timeout=20)
    assert answers and set(answers) == {503}  # asked while it tried, never 200
    assert worker.returncode == WORKER_FAILED, err.decode()[-2000:]
    assert b"worker stopped: failed to connect to livekit after 2 attempts" in err


def test_a_worker_whose_health_port_is_taken_exits_non_zero(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        worker = start(tmp_path, WORKER_HEALTH_PORT=str(port))
        try:
            _, err = worker.communicate(timeout=60)
        finally:
            worker.kill()
    assert worker.returncode == WORKER_FAILED, err.decode()[-2000:]
    assert b"worker stopped:" in err and b"address already in use" in err
