"""A burst of real SIP calls over two `start` workers on a multi-node stack, with an optional
failure during it, measured from the phones' side (README "Running in production", several
nodes). Inside a stack started with `make stack NODES=2`:

    set -a; . .stack/stack.env; set +a
    $STACK_EXEC .venv/bin/python -m tests.e2e.scale_drills [--calls 30] [--at-once 6]
        [--workers 2] [--fail none|sigterm|sigkill|node|redis] [--at 8] [--delay 0] [--hold 8]

--fail happens --delay s after call number --at (0-based) is placed: `sigterm` stops worker 1 as an
orchestrator does, `sigkill` kills worker 1's whole process group, `node` stops
livekit-server-2 (node 2; its bridge stays up), `redis` restarts Redis (empty: the stack's Redis
keeps nothing on disk). Prints one line per call and the totals, with the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.e2e.livekit_stack import ROOT, Server, unique
from tests.e2e.phones import provision_line
from tests.e2e.scale import Result, Topology, burst, log_sizes, rooms_per_node, summary
from tests.e2e.workers import Worker, start_worker
from tests.support.harness import prompts


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its live descendants, each with its reaped children's (the
    job processes are the forkserver's children, and it reaps them)."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                stats[int(entry.name)] = (int(fields[1]), sum(map(int, fields[11:15])))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += stats.get(p, (0, 0))[1]
        todo += [child for child, (parent, _) in stats.items() if parent == p]
    return total / os.sysconf("SC_CLK_TCK")


def stack(*args: str) -> None:
    """tests/stack/stack.py stop/start NAME, from inside the namespace."""
    subprocess.run([sys.executable, str(ROOT / "tests/stack/stack.py"), *args], check=True)


async def fleet(folder: Path, count: int, agent: str, trunk: str, topo: Topology) -> list[Worker]:
    """`count` start workers, worker n on node n (round robin), each its own log folder."""
    return [
        await start_worker(
            Server(topo.urls[n % len(topo.urls)], *server_keys()), folder, f"w{n + 1}", agent, trunk
        )
        for n in range(count)
    ]


def server_keys() -> tuple[str, str]:
    return os.environ["LIVEKIT_API_KEY"], os.environ["LIVEKIT_API_SECRET"]


def report(results: list[Result], workers: list[Worker], failed_at: float | None) -> None:
    for r in results:
        g, t = r.greeting_latency, r.turn_latency
        bye, last, own = r.bye_at(), r.last_sound_at(), r.hung_up_at()
        print(
            f"{r.name} via {r.bridge}: status {r.call.status}, answered {r.answered}, "
            f"greeting heard {r.greeted} (whole {r.greeted_whole}), INVITE->sound "
            f"{g and round(g, 2)}, turn {t and round(t, 2)}, BYE from bridge {r.bye_from_bridge}"
            + (f" {bye - (failed_at or bye):+.1f} s after the failure" if bye and failed_at else "")
            + (f", last agent sound {last - failed_at:+.1f} s" if last and failed_at else "")
            + (f", phone hung up {own - failed_at:+.1f} s" if own and failed_at else "")
        )
    print(
        f"# greeting heard in {sum(r.greeted for r in results)} of {len(results)} calls "
        f"(whole: {sum(r.greeted_whole for r in results)}); " + summary(results)
    )
    for w in workers:
        logs = [f.read_text().splitlines() for f in w.call_logs.glob("*.jsonl")]
        ended = sum(bool(lines) and '"call_end"' in lines[-1] for lines in logs)
        ghosts = w.ghosts()
        print(
            f"# worker {w.name}: {len(logs)} call logs ({len(w.rooms())} rooms), {ended} end "
            f"with call_end; {len(ghosts)} jobs no caller joined {ghosts}; ended by the agent "
            f"{w.endings()}"
        )


async def main_async(args: argparse.Namespace) -> int:
    topo = Topology.from_env()
    folder = Path(tempfile.mkdtemp(prefix="scale-"))
    agent = unique("scale-agent")
    number = f"+1415555{random.randrange(10_000):04d}"  # a number belongs to one trunk: fresh
    line = await provision_line(folder, number, agent, f"{topo.peer_ip}:5070")
    workers = await fleet(folder, args.workers, agent, line.outbound_trunk, topo)
    servers = [f"livekit-server{'' if n == 0 else f'-{n + 1}'}" for n in range(len(topo.urls))]
    since = log_sizes(servers)
    failed_at: list[float] = []

    async def during(n: int) -> None:
        if n != args.at or args.fail == "none":
            return
        await asyncio.sleep(args.delay)
        failed_at.append(time.time())
        print(f"# {args.fail} after call {n} was placed", flush=True)
        if args.fail == "sigterm":
            workers[0].terminate()
        elif args.fail == "sigkill":
            os.killpg(workers[0].proc.pid, 9)
        elif args.fail == "node":
            await asyncio.to_thread(stack, "stop", servers[-1])
        elif args.fail == "redis":
            await asyncio.to_thread(stack, "start", "redis")

    await asyncio.sleep(5)  # the idle job processes warm up
    cpu0 = sum(cpu_seconds(w.proc.pid) for w in workers)
    print(f"# {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}, load {os.getloadavg()}")
    started = time.monotonic()
    try:
        results = await burst(
            folder / "calls",
            number,
            topo,
            prompts().receptionist.greeting,
            calls=args.calls,
            at_once=args.at_once,
            hold=args.hold,
            during=during,
        )
        elapsed = time.monotonic() - started
        cpu = sum(cpu_seconds(w.proc.pid) for w in workers if w.proc.returncode is None) - cpu0
        await asyncio.sleep(3)  # the last call logs
    finally:
        for w in workers:
            await w.stop()
            (folder / f"{w.name}.log").write_text(w.output)
        if failed_at and args.fail == "node":  # the next drill gets the whole stack
            await asyncio.to_thread(stack, "start", servers[-1])
    report(results, workers, failed_at[0] if failed_at else None)
    per_node = rooms_per_node(servers, since)
    print("# rooms per node: " + ", ".join(f"{k} {len(v)}" for k, v in per_node.items()))
    held = sum(r.ended_at - r.placed_at for r in results)  # call-seconds
    print(
        f"# {len(results)} calls in {elapsed:.0f} s, {args.at_once} at a time; workers' CPU "
        f"{cpu:.0f} s: {cpu / len(results):.1f} s per call, {cpu / held:.3f} cores per call in "
        f"progress, {cpu / elapsed:.2f} cores on average; load after "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; files {folder}"
    )
    return 0 if all(r.greeted for r in results) else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=30)
    parser.add_argument("--at-once", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--fail", default="none", choices=["none", "sigterm", "sigkill", "node", "redis"]
    )
    parser.add_argument(
        "--at", type=int, default=8, help="the failure comes once this call is placed"
    )
    parser.add_argument("--delay", type=float, default=0.0, help="...and this many seconds")
    parser.add_argument(
        "--hold", type=float, default=8.0, help="seconds a phone listens after its line"
    )
    sys.exit(asyncio.run(main_async(parser.parse_args())))


if __name__ == "__main__":
    main()
