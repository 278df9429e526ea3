"""Benchmark (not a test): what this project's own code adds to a turn, a handoff, a call, a dial.

`python -m tests.perf [--quick]` prints one table. Everything runs in this process on the
scripted LLM (zero latency), text-only sessions and simulated telephony with zero delays, with
the call log in memory only, so what is left is the framework plus this project's code. The
floor is a plain `Agent` with one trivial tool on the same LLM and session options; project and
bare turns alternate so machine noise hits both. Like a plain framework app, this module has no
`from __future__ import annotations`, so the bare tool's annotations are real objects.
"""

import argparse
import asyncio
import gc
import os
import platform
import shutil
import statistics
import tempfile
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from livekit.agents import Agent, AgentSession, RunResult, function_tool, llm

from agents.conference_host import ConferenceHost
from agents.receptionist import Receptionist
from prompts.loader import render
from tests.harness import TEST_SETTINGS
from tests.scripted_llm import ScriptedLLM, _Stream, call, host_model, relay_tool_output
from workflows.call.files import CallFileStore, load_call_files
from workflows.call.settings import DIAL_POLICY_FILE, PROMPTS_DIR
from workflows.lifecycle.setup import bind_session, new_call
from workflows.lifecycle.state import CallState
from workflows.telephony.protocol import DialRequest
from workflows.telephony.simulated import SimulatedTelephony

FILES = load_call_files()  # parsed once, as a worker's CallFileStore does
PROMPTS = FILES.prompts
FULL = {
    "rounds": 30,
    "turns": 20,
    "handoffs": 100,
    "dials": 100,
    "reloads": 500,
    "calls": (1, 50, 200, 500),
}
QUICK = {"rounds": 3, "turns": 10, "handoffs": 10, "dials": 8, "reloads": 50, "calls": (1, 50)}


class LeanLLM(ScriptedLLM):
    """The scripted LLM without the copy of the chat it keeps per turn for tests."""

    def chat(self, *, chat_ctx, tools=None, conn_options=None, **_):
        return _Stream(self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options)


def model(ctx: llm.ChatContext) -> list:
    """Hands off on "I'm <name>"; otherwise the tests' well-behaved host."""
    if (out := relay_tool_output(ctx)) is not None:
        return out
    text = ctx.items[-1].text_content or ""
    if text.startswith("I'm "):
        return [call("transfer_to_conference_host", caller_name=text[4:], reason="weekly sync")]
    return host_model(ctx)


class BareAgent(Agent):
    """The floor: a plain framework agent with one trivial tool."""

    def __init__(self) -> None:
        super().__init__(instructions="You tell the caller who is on the call.")

    @function_tool
    async def list_participants(self) -> str:
        """Say who is on the call right now."""
        return "On the call: you."


class StampedTelephony(SimulatedTelephony):
    """Simulated telephony that notes when each dial reaches the backend."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.entered: list[float] = []

    async def dial(self, request: DialRequest) -> object:
        self.entered.append(time.perf_counter())
        return await super().dial(request)


def new_state() -> CallState:
    """A call on zero-delay simulated telephony, logged in memory only."""
    return new_call(
        TEST_SETTINGS,
        FILES,
        "room-perf",
        lambda sink: StampedTelephony(status_sink=sink, ring_delay=0.0, answer_delay=0.0),
    )


async def open_session(
    stack: AsyncExitStack, agent: Agent, state: CallState | None
) -> AgentSession:
    """Start a text-only session on `agent` (greeting said); it stays open until `stack` closes."""
    session = AgentSession[CallState](
        llm=LeanLLM(model), userdata=state, vad=None, turn_handling={"turn_detection": None}
    )
    await stack.enter_async_context(session)
    if state is not None:
        bind_session(state, session)
        stack.push_async_callback(state.telephony.aclose)
    await session.start(agent, capture_run=True)
    return session


async def open_host(stack: AsyncExitStack) -> tuple[AgentSession, CallState]:
    """A ConferenceHost session for a caller named Ada, as after the handoff."""
    state = new_state()
    state.caller.name, state.caller.reason = "Ada", "weekly sync"
    return await open_session(stack, ConferenceHost(state.prompts, state.caller), state), state


def checked(result: RunResult, tool: str) -> RunResult:
    """Fail loudly unless the turn called `tool` without error: else timings mean nothing."""
    result.expect.contains_function_call(name=tool)
    result.expect.contains_function_call_output(is_error=False)
    return result


async def timed(session: AgentSession, text: str, tool: str) -> float:
    """Seconds for one user line through the session; the turn is checked afterwards."""
    start = time.perf_counter()
    result = await session.run(user_input=text)
    elapsed = time.perf_counter() - start
    checked(result, tool)
    return elapsed


async def settle(state: CallState) -> None:
    """Let zero-delay dials answer and their announcements be said."""
    async with asyncio.timeout(5):
        while not all(leg.answered for leg in state.legs.values()):
            await asyncio.sleep(0)
    await asyncio.sleep(0.001)


async def turn_samples(rounds: int, turns: int) -> tuple[list[float], list[float]]:
    """Project and bare tool turns, taking turns to go first; round 0 is a warm-up. Fresh
    sessions each round keep both histories short and alike."""
    samples: dict[str, list[float]] = {"project": [], "bare": []}
    for r in range(rounds + 1):
        async with AsyncExitStack() as stack:
            host, state = await open_host(stack)
            await host.run(user_input=f"add +1 415 555 {2000 + r}")  # one person on the call
            await host.run(user_input="yes")
            await settle(state)
            sessions = {"project": host, "bare": await open_session(stack, BareAgent(), None)}
            for _ in range(3):  # about as long a history as the host's
                await sessions["bare"].run(user_input="who?")
            for i in range(turns):
                for kind in ("project", "bare") if (r + i) % 2 else ("bare", "project"):
                    elapsed = await timed(sessions[kind], "who?", "list_participants")
                    samples[kind].extend([elapsed] if r else [])
    return samples["project"], samples["bare"]


async def bare_turn(stack: AsyncExitStack) -> float:
    """A floor turn taken beside another sample: the first turn of a fresh bare session."""
    return await timed(await open_session(stack, BareAgent(), None), "who?", "list_participants")


async def handoff_samples(n: int) -> tuple[list[float], list[float]]:
    """From the user line "I'm Ada" (-> transfer_to_conference_host) to the host's greeting,
    each beside a bare turn."""
    greeting = render(PROMPTS.host.greeting, caller_name="Ada")
    samples: list[float] = []
    floor: list[float] = []
    for i in range(n + 1):  # the first is a warm-up
        async with AsyncExitStack() as stack:
            state = new_state()
            session = await open_session(stack, Receptionist(state.prompts), state)
            said: list[float] = []
            session.on(
                "conversation_item_added",
                lambda e, said=said: said.extend(
                    [time.perf_counter()]
                    if e.item.type == "message" and e.item.text_content == greeting
                    else []
                ),
            )
            start = time.perf_counter()
            checked(await session.run(user_input="I'm Ada"), "transfer_to_conference_host")
            if i:
                samples.append(said[0] - start)
                floor.append(await bare_turn(stack))
    return samples, floor


async def dial_samples(n: int) -> tuple[list[float], list[float]]:
    """From "yes" after a read-back to the backend's dial() being entered, each beside a bare
    turn; 4 dials a call."""
    samples: list[float] = []
    floor: list[float] = []
    while len(samples) <= n:  # the first is a warm-up
        async with AsyncExitStack() as stack:
            host, state = await open_host(stack)
            entered = state.telephony.entered  # type: ignore[attr-defined]
            for k in range(4):
                await host.run(user_input=f"add +1 415 555 {3000 + k}")
                start = time.perf_counter()
                checked(await host.run(user_input="yes"), "add_sip_participant")
                while len(entered) <= k:
                    await asyncio.sleep(0)
                samples.append(entered[k] - start)
                floor.append(await bare_turn(stack))
                await settle(state)
    return samples[1 : n + 1], floor[1 : n + 1]


def reload_samples(unchanged: int, changed: int) -> tuple[list[float], list[float]]:
    """`CallFileStore.load()` on a copy of the prompts: unchanged (a stat per file), and after
    one file was touched (everything parsed again)."""
    same, parsed = [], []
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "prompts"
        shutil.copytree(PROMPTS_DIR, directory, ignore=shutil.ignore_patterns("*.py", "__*"))
        store = CallFileStore(directory, Path(shutil.copy(DIAL_POLICY_FILE, tmp)))
        current, edited = store.load(), directory / "conference_host.yaml"
        for i in range(unchanged + changed):
            if i >= unchanged:
                mtime = edited.stat().st_mtime_ns + 1_000_000
                os.utime(edited, ns=(mtime, mtime))
            start = time.perf_counter()
            prompts = store.load()
            (same if i < unchanged else parsed).append(time.perf_counter() - start)
            assert (prompts is current) == (i < unchanged), "reloaded when it should not, or not"
            current = prompts
    return same, parsed


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


def row(label: str, samples: list[float], unit: str = "ms", note: str = "") -> str:
    """One fixed-width line: median, 90th percentile, sample count, note."""
    scale = {"ms": 1e3, "µs": 1e6}[unit]
    p50, p90 = statistics.median(samples), statistics.quantiles(samples, n=10)[-1]
    values = f"{p50 * scale:>8.2f} {unit}{p90 * scale:>9.2f} {unit}{len(samples):>6}"
    return f"{label:<46}{values}  {note}".rstrip()


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


def machine() -> str:
    with open("/proc/cpuinfo") as cpuinfo:
        cpu = next(
            (x.split(":", 1)[1].strip() for x in cpuinfo if x.startswith("model name")),
            platform.processor() or "unknown CPU",
        )
    return (
        f"machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, livekit-agents {version('livekit-agents')}"
    )


async def measure(plan: dict) -> str:
    """Run every measurement, memory first (before other phases free memory), and report."""
    batches = await memory_batches(plan["calls"])
    project, bare = await turn_samples(plan["rounds"], plan["turns"])
    handoffs, handoff_floor = await handoff_samples(plan["handoffs"])
    dials, dial_floor = await dial_samples(plan["dials"])
    same, parsed = reload_samples(plan["reloads"], plan["reloads"] // 10)
    ratio = statistics.median(project) / statistics.median(bare)
    handoff = statistics.median(handoffs) / statistics.median(handoff_floor)
    dial = statistics.median(dials) / statistics.median(dial_floor)
    lines, per_call = memory_lines(batches)
    most, turned = plan["calls"][-1], sum(b.turned for b in batches["project"])
    return "\n".join(
        [
            "Conference receptionist, own cost: scripted LLM (zero latency), text only, "
            "simulated telephony (zero delays), call log in memory",
            f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
            machine(),
            "",
            f"{'metric':<46}{'p50':>11}{'p90':>12}{'n':>6}",
            row("tool turn, project (host: list_participants)", project),
            row("tool turn, bare Agent + 1 trivial tool (floor)", bare),
            row(
                'handoff: "I\'m Ada" -> host greeting said',
                handoffs,
                note=f"{handoff:.2f} bare turns (taken beside it)",
            ),
            row(
                'dial-out: "yes" -> backend dial() entered',
                dials,
                note=f"{dial:.2f} bare turns (taken beside it)",
            ),
            row("prompt reload, unchanged (a stat per file)", same, "µs"),
            row("prompt reload, one file changed (parse)", parsed),
            f"overhead ratio: {ratio:.2f}",
            "",
            *lines,
            f"MB per additional call ({plan['calls'][-2]} -> {most} open): "
            f"project {per_call['project']:.3f}, bare {per_call['bare']:.3f}",
            "",
            f"targets: overhead ratio {ratio:.2f} <= 1.10: {_met(ratio <= 1.10)}; "
            f"MB per additional call {per_call['project']:.3f} <= 2: "
            f"{_met(per_call['project'] <= 2)}"
            f"; handoff {handoff:.2f} <= 2 bare turns: {_met(handoff <= 2)}; "
            f"{turned}/{most} concurrent calls did a turn: {_met(turned == most)}",
        ]
    )


def _met(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def run(quick: bool = False) -> str:
    """The whole benchmark in this process; `quick` is a smoke run (fewer turns, 1 and 50 calls)."""
    return asyncio.run(measure(QUICK if quick else FULL))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.perf", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a fast smoke run")
    print(run(parser.parse_args().quick))


if __name__ == "__main__":
    main()
