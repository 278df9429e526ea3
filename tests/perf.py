"""Benchmark (not a test): what this project's own code adds to a turn, a handoff, a call, a dial.

`python -m tests.perf [--quick]` prints one table. Everything runs in this process on the
scripted LLM (zero latency), text-only sessions and simulated telephony with zero delays, with
the call log in memory only, so what is left is the framework plus this project's code. The
floor is a plain `Agent` with one trivial tool on the same LLM and session options; project and
bare turns alternate so machine noise hits both. The sessions are in tests/perf_sessions.py, the
timed samples in tests/perf_samples.py, the memory measurement in tests/perf_memory.py; this
module runs them and prints the report.
"""

import argparse
import asyncio
import os
import platform
import statistics
import time
from importlib.metadata import version

from tests.perf_hearing import hearing_lines
from tests.perf_memory import memory_batches, memory_lines
from tests.perf_nlu import nlu_samples
from tests.perf_samples import dial_samples, handoff_samples, reload_samples, turn_samples

FULL = {
    "rounds": 30,
    "turns": 20,
    "handoffs": 100,
    "dials": 100,
    "reloads": 500,
    "calls": (1, 50, 200, 500),
    "lines": 30,
    "hearing_seconds": 30.0,  # a participant's talk transcribed (offline speech)
}
QUICK = {
    "rounds": 3,
    "turns": 10,
    "handoffs": 10,
    "dials": 8,
    "reloads": 50,
    "calls": (1, 50),
    "lines": 5,
}


def row(label: str, samples: list[float], unit: str = "ms", note: str = "") -> str:
    """One fixed-width line: median, 90th percentile, sample count, note."""
    scale = {"ms": 1e3, "µs": 1e6}[unit]
    p50, p90 = statistics.median(samples), statistics.quantiles(samples, n=10)[-1]
    values = f"{p50 * scale:>8.2f} {unit}{p90 * scale:>9.2f} {unit}{len(samples):>6}"
    return f"{label:<46}{values}  {note}".rstrip()


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
    nlu_worst, nlu_over = nlu_samples(plan["lines"])
    ratio = statistics.median(project) / statistics.median(bare)
    handoff = statistics.median(handoffs) / statistics.median(handoff_floor)
    dial = statistics.median(dials) / statistics.median(dial_floor)
    lines, per_call = memory_lines(batches)
    most, turned = plan["calls"][-1], sum(b.turned for b in batches["project"])
    seconds = plan.get("hearing_seconds")  # needs espeak-ng and pocketsphinx: full run only
    hearing = (
        await hearing_lines(seconds) if seconds else ["hearing a participant: --quick skips it"]
    )
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
            row("offline NLU: worst hostile line at the cap", nlu_worst),
            row("offline NLU: 25 KB line (over the cap)", nlu_over, "µs"),
            f"overhead ratio: {ratio:.2f}",
            "",
            *hearing,
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
