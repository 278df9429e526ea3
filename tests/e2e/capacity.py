"""How many concurrent calls ONE production worker holds on this machine with offline speech.

    make stack
    set -a; . .stack/stack.env; set +a
    $STACK_EXEC .venv/bin/python -m tests.e2e.capacity [--max 30] [--step 1] [--budget 5]
        [--no-silence]

One real `python -m workflows.main start` worker (AGENT_LLM=offline, AGENT_STT=pocketsphinx,
AGENT_TTS=espeak, WORKER_LOAD_THRESHOLD=1.0, WORKER_IDLE_PROCESSES=2, WORKER_MAX_CALLS=--max so
the cap never refuses a call) on the stack's livekit-server. Calls are added `--step` at a time
and kept open; every caller publishes a microphone track of silence (the agent's voice activity
detection and recognizer run on it, as on a phone line). At each level:
- each new call's greeting must begin within `--budget` seconds of its dispatch;
- then every held call types one line at once (a new call: its name and wish, answered by the
  conference host; an older call: "who is on the call") and each reply must begin within
  `--budget` seconds and be the right line.
The figure is the highest level where all of that held. Prints one line per level and a summary
(date, machine, settings) to paste into the README.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from prompts.schema import render
from tests.e2e.workers import (
    PRODUCTION,
    Caller,
    Server,
    call,
    hang_up,
    outbound_trunk,
    start_worker,
    unique,
    until,
)
from tests.support.harness import prompts

REPLY_DONE = 60  # seconds for a whole line to be heard once it began (it is spoken in real time)
HANDOFF_LINE = "I'm Ada and I need a conference call"
QUESTION = "who is on the call"


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{platform.node()}: {os.cpu_count()} cores ({model}), {mem_kb // 1024 // 1024} GiB, "
        f"Linux {platform.release()}, load average before the run {load}"
    )


async def begins(caller: Caller, mark: int, budget: float, what: str) -> float:
    """Seconds until the agent's next line (after `mark` lines) began; fails past `budget`."""
    t0 = time.monotonic()
    await until(lambda: len(caller.started) > mark, budget, f"{caller.room_name}: {what}")
    return caller.started[mark] - t0


async def new_call(
    server, lk, agent_name: str, budget: float, greeting: str, silence: bool
) -> tuple[Caller, float]:
    t0 = time.monotonic()
    caller = await call(server, lk, agent_name)
    if silence:
        await caller.publish_silence()
    await until(
        lambda: len(caller.started) > 0, budget, f"{caller.room_name}: the greeting to begin"
    )
    latency = caller.started[0] - t0
    await caller.hears(greeting, REPLY_DONE)
    return caller, latency


async def ask(caller: Caller, line: str, reply: str, budget: float) -> float:
    mark, heard = len(caller.started), len(caller.heard)
    await caller.say(line)
    latency = await begins(caller, mark, budget, f"the reply to {line!r} to begin")
    await caller.hears(reply, REPLY_DONE, after=heard)
    return latency


async def measure(args: argparse.Namespace) -> int:
    server = Server.from_env()
    p = prompts()
    host_greeting = render(p.host.greeting, caller_name="Ada")
    settings = {**PRODUCTION, "WORKER_MAX_CALLS": str(args.max)}
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {machine()}")
    print(f"# callers {'publish silence' if args.silence else 'publish no audio'}")
    print(
        "# worker: start mode, AGENT_LLM=offline AGENT_STT=pocketsphinx AGENT_TTS=espeak "
        + " ".join(f"{k}={v}" for k, v in settings.items())
    )
    held = 0
    callers: list[Caller] = []
    async with server.client() as lk:
        trunk = await outbound_trunk(lk)
        with tempfile.TemporaryDirectory() as folder:
            agent_name = unique("capacity")
            worker = await start_worker(
                server, Path(folder), "capacity", agent_name, trunk, **settings
            )
            idle = int(settings["WORKER_IDLE_PROCESSES"])  # warm, as a worker in service is
            await until(
                lambda: worker.output.count("process initialized") >= idle,
                120,
                "the idle job processes to start",
            )
            try:
                while len(callers) + args.step <= args.max:
                    level = len(callers) + args.step
                    try:
                        fresh = await asyncio.gather(
                            *(
                                new_call(
                                    server,
                                    lk,
                                    agent_name,
                                    args.budget,
                                    p.receptionist.greeting,
                                    args.silence,
                                )
                                for _ in range(args.step)
                            )
                        )
                        greet = max(latency for _, latency in fresh)
                        new = [c for c, _ in fresh]
                        replies = await asyncio.gather(
                            *(ask(c, HANDOFF_LINE, host_greeting, args.budget) for c in new),
                            *(ask(c, QUESTION, p.host.just_us, args.budget) for c in callers),
                        )
                    except AssertionError as e:
                        print(f"{level:3d} calls: FAILED: {str(e)[:300]}", flush=True)
                        Path(args.worker_log).write_text(worker.output)
                        print(f"# the worker's output: {args.worker_log}")
                        break
                    callers += new
                    held = level
                    print(
                        f"{level:3d} calls: greeting began within {greet:.2f} s, "
                        f"replies began within {max(replies):.2f} s",
                        flush=True,
                    )
            finally:
                for c in callers:
                    await hang_up(c)
                await worker.stop()
    print(
        f"# one worker held {held} concurrent calls (each greeting and reply began within "
        f"{args.budget:g} s); step {args.step}, ramp limit {args.max}"
    )
    return 0 if held else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max", type=int, default=30, help="stop the ramp at this many calls")
    parser.add_argument("--step", type=int, default=1, help="calls added per level")
    parser.add_argument(
        "--budget",
        type=float,
        default=5.0,
        help="seconds within which a greeting or reply must begin",
    )
    parser.add_argument(
        "--no-silence",
        dest="silence",
        action="store_false",
        help="callers publish no microphone track (text only, for comparison)",
    )
    parser.add_argument(
        "--worker-log",
        default="capacity-worker.log",
        help="where the worker's output goes if a level fails",
    )
    sys.exit(asyncio.run(measure(parser.parse_args())))


if __name__ == "__main__":
    main()
