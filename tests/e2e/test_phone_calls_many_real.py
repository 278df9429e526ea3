"""Many phone calls to one `dev` worker through the real SIP bridge: every one is answered.

Once a call rang unanswered and livekit-server logged `failed to send job request: no servers
available (received 1 responses)`: the worker had answered the server's claim with affinity 0,
because livekit-server offers a job only to a worker whose load is below its target (0.7), and
a `dev` worker reported the machine's CPU, which sits above that on a busy 2-core machine (a
call just ended, other programs running). A `dev` worker now reports no load
(`workflows/worker/capacity.py`); the first test makes the machine busy on purpose."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, diagnosed, start_worker
from tests.e2e.phones import Cue, ring

pytestmark = pytest.mark.e2e
SERVER_LOG = ROOT / ".stack" / "run" / "livekit-server.log"


@contextlib.contextmanager
def busy_machine():
    """Every core busy (at the lowest priority, so other work still runs first): the machine's
    CPU, which the framework's default load reads, is at 100%."""
    burners = [
        subprocess.Popen(["nice", "-n", "19", sys.executable, "-c", "while True: pass"])
        for _ in range(os.cpu_count() or 2)
    ]
    try:
        yield
    finally:
        for b in burners:
            b.kill()
            b.wait()


def no_servers(since: int) -> list[str]:
    """livekit-server's `no servers available` lines written after byte `since` of its log."""
    with SERVER_LOG.open(errors="replace") as log:
        log.seek(since)
        return [line for line in log if "no servers available" in line]


async def answered(folder: Path, stack, line, name: str) -> tuple[float, float]:
    """One short call: it must be answered and bring the greeting's first sound (the phone
    hangs up once it has heard it, or after a minute); the INVITE -> 200 OK and 200 OK -> first
    sound times."""
    call = await ring(
        folder,
        line.number,
        [Cue(lambda call: call.now_hears_sound())],
        phone_ip=stack.peer_ip,
        bridge_ip=stack.ip,
        name=name,
    )
    assert call.status == 0, f"{name}: {call.sipp.messages()[-2000:]}"
    first = call.first_sound_at()
    assert first is not None, f"{name}: the phone heard nothing"
    return call.answered_at - call.invite_at, first - call.answered_at


async def test_a_busy_machine_does_not_leave_a_phone_ringing(stack, line, tmp_path):
    worker = await start_worker(
        stack, tmp_path, AGENT_NAME=line.agent_name, SIP_TRUNK_ID=line.outbound_trunk
    )
    since = SERVER_LOG.stat().st_size
    try:
        with diagnosed(worker), busy_machine():
            await asyncio.sleep(5)  # the framework averages the CPU over 2.5 s
            await answered(tmp_path, stack, line, "busy")
    finally:
        await worker.stop()
    assert no_servers(since) == []


async def test_ten_calls_in_a_row_to_one_dev_worker_are_all_answered(stack, line, tmp_path):
    worker = await start_worker(
        stack, tmp_path, AGENT_NAME=line.agent_name, SIP_TRUNK_ID=line.outbound_trunk
    )
    since = SERVER_LOG.stat().st_size
    timings = []
    try:
        with diagnosed(worker):
            for n in range(10):
                started = time.monotonic()
                timings.append(await answered(tmp_path, stack, line, f"call{n}"))
                assert time.monotonic() - started < 30
    finally:
        await worker.stop()
    assert no_servers(since) == []
    worker_calls = worker.output.count("received job request")
    assert worker_calls == 10
    print(
        "\nINVITE -> 200 OK, 200 OK -> first sound (s):",
        [(round(a, 2), round(b, 2)) for a, b in timings],
    )
