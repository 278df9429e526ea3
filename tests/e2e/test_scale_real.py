"""Scale-out on the real phone path (issue 24), `make scale`: a two-node stack (two
livekit-server nodes on one Redis, a SIP bridge beside each), two `start` workers with offline
speech, each registered on its own node, and bursts of real SIP calls from sipp phones that
speak a line and hang up, spread over both bridges. Skipped on a one-node stack (`make e2e`)."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections import Counter

import pytest

from tests.e2e.livekit_stack import Server, remove_line, unique, until
from tests.e2e.phones import Wait, provision_line, ring
from tests.e2e.scale import Result, Topology, burst, log_sizes, rooms_per_node, summary
from tests.e2e.workers import Worker, start_worker
from tests.support.harness import prompts
from workflows.provisioning.config import InboundTrunkSpec

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        int(os.environ.get("STACK_NODES", "1")) < 2, reason="needs a two-node stack: make scale"
    ),
]
# Calls, and at most this many at a time: what 2 cores shared with other work carry with offline
# speech (README "Running in production", `make scale`); more on a larger machine.
BURST = int(os.environ.get("SCALE_CALLS", "12"))
AT_ONCE = int(os.environ.get("SCALE_AT_ONCE", "1"))
SERVERS = ["livekit-server", "livekit-server-2"]


@pytest.fixture
async def workers(stack, line, tmp_path):
    """Worker n registered on node n, both under the line's agent name."""
    topo = Topology.from_env()
    started: list[Worker] = []
    try:
        for n, url in enumerate(topo.urls[:2]):
            server = Server(url, stack.api_key, stack.api_secret)
            started.append(
                await start_worker(
                    server, tmp_path, f"w{n + 1}", line.agent_name, line.outbound_trunk
                )
            )
        yield started
    finally:
        for w in started:
            await w.stop()


def complete(w: Worker, room: str) -> bool:
    events = w.events(room)
    return events[:1] == ["call_start"] and events[-1:] == ["call_end"]


async def logs_settle(workers: list[Worker], calls: int) -> None:
    """Wait (30 s at most) until there are `calls` call logs and each has ended: a call's
    `call_end` comes a moment after its phone's BYE. The assertions then say what is missing."""
    with contextlib.suppress(AssertionError):
        await until(
            lambda: (
                sum(len(w.rooms()) for w in workers) == calls
                and all(complete(w, room) for w in workers for room in w.rooms())
            ),
            30,
            "every call log to end",
        )


def last_reply(r: Result) -> str:
    replies = [m.split("\n", 1)[0] for m in r.call.sipp.received() if m.startswith("SIP/2.0")]
    return replies[-1] if replies else "no reply"


def why_sipp_failed(r: Result) -> str:
    """sipp's first complaint (why it aborted the call), else the end of what it printed."""
    errors = r.call.sipp.errors()
    first = next((line for line in errors.splitlines() if "Aborting" in line), None)
    return first[:300] if first else errors[-300:]


def explain(results: list[Result], workers: list[Worker]) -> str:
    lines = [
        f"{r.name} via {r.bridge}: sipp status {r.call.status}, answered {r.answered}, "
        f"greeting heard {r.greeted}, INVITE->sound {r.greeting_latency}"
        + (
            ""
            if r.answered and r.call.status == 0
            else f"; got {last_reply(r)}; sipp said {why_sipp_failed(r)}"
        )
        + (f"; BYE from the bridge at {bye:.1f}" if (bye := r.bye_at()) else "")
        for r in results
    ]
    lines += [f"worker {w.name} ended {w.endings()}" for w in workers]
    lines += [f"--- worker {w.name} ---\n{w.output[-2000:]}" for w in workers]
    return "\n".join(lines)


async def test_a_burst_of_phone_calls_is_answered_over_two_nodes_and_two_workers(
    stack, line, workers, tmp_path
):
    greeting = prompts().receptionist.greeting
    since = log_sizes(SERVERS)
    load = os.getloadavg()
    results = await burst(
        tmp_path / "calls", line.number, Topology.from_env(), greeting, calls=BURST, at_once=AT_ONCE
    )
    await logs_settle(workers, BURST)
    try:
        # Every phone: answered, its own BYE answered (nothing left ringing).
        assert [r.name for r in results if r.call.status != 0 or not r.answered] == []
        # Every call: one call log, on one worker, from call_start to call_end; both took calls.
        per_worker = {w.name: len(w.rooms()) for w in workers}
        assert sum(per_worker.values()) == BURST, per_worker
        assert all(n > 0 for n in per_worker.values()), per_worker
        assert [room for w in workers for room in w.rooms() if not complete(w, room)] == []
        # Both bridges answered calls, and both nodes hosted rooms.
        per_bridge = Counter(r.bridge for r in results if r.answered)
        assert len(per_bridge) == 2, per_bridge
        per_node = {name: len(rooms) for name, rooms in rooms_per_node(SERVERS, since).items()}
        assert all(n > 0 for n in per_node.values()) and sum(per_node.values()) == BURST, per_node
        # And every phone heard the greeting (at most one second of it lost or broken).
        assert [r.name for r in results if not r.greeted] == []
    except AssertionError as e:
        raise AssertionError(f"{e}\n{explain(results, workers)}") from None
    print(
        f"\n{BURST} calls, {AT_ONCE} at a time; per worker {per_worker}, per bridge "
        f"{dict(per_bridge)}, rooms per node {per_node}; greeting heard whole in "
        f"{sum(r.greeted_whole for r in results)}; {summary(results)}; load before "
        f"{load[0]:.1f}, after {os.getloadavg()[0]:.1f}"
    )


async def test_a_worker_stopped_during_a_burst_drains_and_no_call_is_lost(
    stack, line, workers, tmp_path
):
    greeting = prompts().receptionist.greeting
    chosen: list[Worker] = []

    async def stop_a_busy_worker(n: int) -> None:
        """Once the first calls are placed: SIGTERM, as an orchestrator scaling down sends, to
        the first worker that has a call."""
        if n == AT_ONCE - 1:
            await until(lambda: any(w.rooms() for w in workers), 60, "a worker with a call")
            chosen.append(next(w for w in workers if w.rooms()))
            chosen[0].terminate()

    results = await burst(
        tmp_path / "calls",
        line.number,
        Topology.from_env(),
        greeting,
        calls=12,
        at_once=AT_ONCE,
        during=stop_a_busy_worker,
    )
    stopped = chosen[0]
    [other] = [w for w in workers if w is not stopped]
    await logs_settle(workers, 12)
    try:
        assert [r.name for r in results if r.call.status != 0 or not r.answered] == []
        # The stopped worker took no call once it was draining, finished every call it had...
        assert stopped.rooms(), "the stopped worker had no call to drain"
        after = stopped.output.split("draining worker", 1)
        assert len(after) == 2 and "received job request" not in after[1]
        assert [room for room in stopped.rooms() if not complete(stopped, room)] == []
        # ...then exited by itself, cleanly; the other took the rest.
        assert await asyncio.wait_for(stopped.proc.wait(), 150) == 0
        assert len(stopped.rooms()) + len(other.rooms()) == 12
        assert [room for room in other.rooms() if not complete(other, room)] == []
        assert [r.name for r in results if not r.greeted] == []
    except AssertionError as e:
        raise AssertionError(f"{e}\n{explain(results, workers)}") from None
    print(
        f"\nSIGTERM once call {AT_ONCE - 1} was placed: the stopped worker finished its "
        f"{len(stopped.rooms())} calls and exited 0; the other took {len(other.rooms())}"
    )


async def test_a_call_no_worker_takes_hears_busy_after_the_ringing_timeout(stack, lk, tmp_path):
    """No worker registered under the line's agent name (none started, or every one gone): the
    bridge rings the phone for the inbound trunk's ringing_timeout (`python -m
    workflows.provision`, provision.yaml), then answers 486, instead of LiveKit's 3 minutes."""
    agent_name = unique("nobody")
    ringing = InboundTrunkSpec.model_fields["ringing_timeout"].default
    try:
        await provision_line(tmp_path, "+14155550134", agent_name, f"{stack.peer_ip}:5070")
        call = await ring(
            tmp_path, "+14155550134", [Wait(1)], phone_ip=stack.peer_ip,
            bridge_ip=stack.ip, within=ringing + 30,
        )  # fmt: skip
    finally:
        await remove_line(lk, agent_name)
    final = call._sip("SIP/2.0 4", to_phone=True)
    assert final.payload.startswith(b"SIP/2.0 486"), final.payload[:40]
    assert ringing - 1 <= final.time - call.invite_at <= ringing + 5
    print(f"\nno worker: 486 after {final.time - call.invite_at:.1f} s of ringing")
