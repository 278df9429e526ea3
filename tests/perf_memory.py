"""The benchmark's memory measurement: project and bare calls opened side by side and kept open,
the resident memory each batch added, and the report's lines about it."""

import asyncio
import gc
import statistics
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass

from livekit.agents import AgentSession

from agents.receptionist import Receptionist
from tests.perf_sessions import BareAgent, new_state, open_session, timed


def rss() -> int:
    """This process's resident memory in bytes, after a full collection."""
    gc.collect()
    with open("/proc/self/status") as status:
        return int(next(x for x in status if x.startswith("VmRSS:")).split()[1]) * 1024


@dataclass
class Batch:
    """Calls opened to reach `calls` open at once."""

    calls: int
    start: float  # mean seconds to start one call: state, session, greeting said
    grown: int  # bytes of RSS the batch added, its first turns included
    turned: int  # calls of the batch whose first turn went as expected


async def open_call(stack: AsyncExitStack, project: bool) -> tuple[AgentSession, str, str]:
    """A new call, with the line and tool of its first turn: the handoff, or the bare tool."""
    if not project:
        return await open_session(stack, BareAgent(), None), "who?", "list_participants"
    state = new_state()
    session = await open_session(stack, Receptionist(state.prompts), state)
    return session, "I'm Caller", "transfer_to_conference_host"


async def grow(stack: AsyncExitStack, project: bool, have: int, count: int) -> Batch:
    """Open calls one by one from `have` to `count`, then all new ones take a turn at once."""
    before, starts, batch = rss(), [], []
    for _ in range(count - have):
        start = time.perf_counter()
        batch.append(await open_call(stack, project))
        starts.append(time.perf_counter() - start)
    turns = await asyncio.gather(*(timed(s, line, tool) for s, line, tool in batch))
    return Batch(count, statistics.mean(starts), rss() - before, len(turns))


async def memory_batches(counts: tuple[int, ...]) -> dict[str, list[Batch]]:
    """Project and bare calls grow side by side and all stay open, so no batch reuses memory
    another freed. One call of each kind is opened and closed first (lazy imports)."""
    for project in (True, False):
        async with AsyncExitStack() as stack:
            await grow(stack, project, 0, 1)
    batches: dict[str, list[Batch]] = {"project": [], "bare": []}
    async with AsyncExitStack() as stack:
        for have, count in zip((0, *counts), counts, strict=False):
            for kind, found in batches.items():
                found.append(await grow(stack, kind == "project", have, count))
    return batches


def memory_lines(batches: dict[str, list[Batch]]) -> tuple[list[str], dict[str, float]]:
    """A line per number of open calls, and MB per additional call over the last batch."""
    lines = ["calls open   start ms project / bare   MB per call project / bare   did a turn"]
    grown, turned = {"project": 0, "bare": 0}, {"project": 0, "bare": 0}
    for p, b in zip(batches["project"], batches["bare"], strict=True):
        for kind, batch in (("project", p), ("bare", b)):
            grown[kind], turned[kind] = grown[kind] + batch.grown, turned[kind] + batch.turned
        mb = {kind: grown[kind] / p.calls / 1e6 for kind in grown}
        lines.append(
            f"{p.calls:>10}{p.start * 1e3:>13.2f} / {b.start * 1e3:<11.2f}"
            f"{mb['project']:>17.3f} / {mb['bare']:<10.3f}"
            f"{turned['project']:>4} / {turned['bare']}"
        )
    added = {
        kind: found[-1].grown / (found[-1].calls - (found[-2].calls if found[1:] else 0))
        for kind, found in batches.items()
    }
    return lines, {kind: grown / 1e6 for kind, grown in added.items()}
