"""Many workers sharing the calls through LiveKit's own dispatch (issue 15, item 4): two real
`start`-mode workers with production settings and offline speech, one agent name, the real
livekit-server. No SIP bridge on this machine: a call is a room with a test participant
standing in for the caller, and the agent dispatched to it by name."""

from __future__ import annotations

import asyncio

import pytest

from prompts.schema import render
from tests.e2e.conftest import agent_joined
from tests.e2e.workers import (
    Server,
    Worker,
    call,
    calls_hung_up,
    outbound_trunk,
    start_worker,
    unique,
    until,
)
from tests.support.harness import prompts

pytestmark = pytest.mark.e2e
BURST = 10  # calls
BURST_INTERVAL = 1.0  # seconds between two calls of the burst
GREETING_TIMEOUT = 90  # seconds to hear the whole greeting once the agent is in the room
# Seconds for the agent to join a call of the burst: each job starts a process, and ten of them
# on 2 cores shared with other work queue up (the tenth joined after 90 s on a loaded machine).
JOINS_WITHIN = 300


def taken_by(workers: list[Worker], room: str) -> list[str]:
    return [w.name for w in workers if room in w.rooms()]


def complete(worker: Worker, room: str) -> bool:
    events = worker.events(room)
    return bool(events) and events[0] == "call_start" and events[-1] == "call_end"


@pytest.fixture
def server(stack) -> Server:
    return Server(stack.url, stack.api_key, stack.api_secret)


@pytest.fixture
async def two_workers(server, lk, tmp_path):
    agent_name = unique("workers-agent")
    trunk = await outbound_trunk(lk)
    workers: list[Worker] = []
    try:
        for name in ("w1", "w2"):
            workers.append(await start_worker(server, tmp_path, name, agent_name, trunk))
        yield agent_name, workers
    finally:
        for w in workers:
            await w.stop()


async def say_bye_and_wait_for_the_end(caller, workers: list[Worker]) -> None:
    p = prompts()
    await caller.say_and_hear("bye", p.shared.goodbye, timeout=30)
    await until(
        lambda: any(complete(w, caller.room_name) for w in workers),
        30,
        f"call_end in {caller.room_name}'s call log",
    )


async def test_a_burst_of_calls_is_answered_and_spread_over_both_workers(server, lk, two_workers):
    p = prompts()
    agent_name, workers = two_workers
    assert [await w.healthy() for w in workers] == [True, True]  # each its own health port
    try:
        async with calls_hung_up() as callers:
            for _ in range(BURST):  # at a set rate, as calls arrive at a switchboard
                callers.append(await call(server, lk, agent_name))
                await asyncio.sleep(BURST_INTERVAL)

            async def greeted(caller) -> None:  # once its agent is in: no shared head start
                await agent_joined(lk, caller.room_name, JOINS_WITHIN)
                await caller.hears(p.receptionist.greeting, GREETING_TIMEOUT)

            await asyncio.gather(*(greeted(c) for c in callers))
            owners = {c.room_name: taken_by(workers, c.room_name) for c in callers}
            assert all(len(o) == 1 for o in owners.values()), owners  # each call, one worker
            per_worker = {w.name: sum(o == [w.name] for o in owners.values()) for w in workers}
            assert sum(per_worker.values()) == BURST
            assert all(n > 0 for n in per_worker.values()), per_worker  # spread over both
            await asyncio.gather(*(say_bye_and_wait_for_the_end(c, workers) for c in callers))
        for c in callers:
            [w] = [w for w in workers if c.room_name in w.rooms()]
            assert w.events(c.room_name)[0] == "call_start"
            assert w.events(c.room_name)[-1] == "call_end"
            assert p.receptionist.greeting in c.heard
    except AssertionError as e:
        raise AssertionError(f"{e}\n{tails(workers)}") from None


async def test_a_stopped_worker_lets_its_call_finish_and_new_calls_go_to_the_other(
    server, lk, two_workers
):
    p = prompts()
    agent_name, workers = two_workers
    try:
        async with calls_hung_up() as callers:
            first = await call(server, lk, agent_name)
            callers.append(first)
            await first.hears(p.receptionist.greeting, GREETING_TIMEOUT)
            [stopped] = [w for w in workers if first.room_name in w.rooms()]
            [other] = [w for w in workers if w is not stopped]

            stopped.terminate()  # SIGTERM, as an orchestrator scaling down does
            await until(lambda: "draining worker" in stopped.output, 15, "the worker to drain")
            later = []
            for _ in range(4):
                later.append(await call(server, lk, agent_name))
                callers.append(later[-1])
            await asyncio.gather(
                *(c.hears(p.receptionist.greeting, GREETING_TIMEOUT) for c in later)
            )
            assert [taken_by(workers, c.room_name) for c in later] == [[other.name]] * 4

            # The call in progress on the stopped worker goes on: the caller still talks to it.
            assert stopped.proc.returncode is None
            await first.say_and_hear(
                "I'm Ada and I need a conference call",
                render(p.host.greeting, caller_name="Ada"),
                timeout=30,
            )
            await say_bye_and_wait_for_the_end(first, workers)
            # Its last call over, the stopped worker exits by itself, cleanly.
            await asyncio.wait_for(stopped.proc.wait(), 60)
            assert stopped.proc.returncode == 0
            assert stopped.events(first.room_name) == [
                "call_start",
                "handoff",
                "ending",
                "call_end",
            ]
            await asyncio.gather(*(say_bye_and_wait_for_the_end(c, workers) for c in later))
        assert all(complete(other, c.room_name) for c in later)
        assert other.proc.returncode is None  # the other worker still takes calls
    except AssertionError as e:
        raise AssertionError(f"{e}\n{tails(workers)}") from None


def tails(workers: list[Worker]) -> str:
    return "\n".join(f"--- worker {w.name} output ---\n{w.output[-3000:]}" for w in workers)
