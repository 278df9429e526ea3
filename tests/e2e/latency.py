"""How fast a phone call is answered and answered back, on the real path (README "Verified
against the real stack"): sipp phones ring a `dev` worker through livekit-sip, one call after
another; times come from the phone's own capture (INVITE, 200 OK, the first sound it hears,
the end of its caller line) and the worker's log (job request, process ready, room joined).

    make stack; set -a; . .stack/stack.env; set +a
    $STACK_EXEC .venv/bin/python -m tests.e2e.latency --calls 10 [--idle 1] [--bare]

--bare measures the framework's floor instead: a worker that only greets with the same TTS
(tests/e2e/bare_agent.py), no caller line.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import platform
import statistics
import sys
import tempfile
from pathlib import Path

from tests.e2e import rtp
from tests.e2e.livekit_stack import ROOT, Server
from tests.e2e.phones import Say, Wait, provision_line, ring
from tests.e2e.workers import WorkerProcess, spawn

ADA = "hi i'm ada i need a conference call"
MARKS = {  # worker log line -> the moment it marks
    "received job request": "job",
    "no warmed process available": "cold",
    "process initialized": "process",
    "RoomIO linked to participant": "joined",
}


def log_time(line: str) -> float | None:
    try:
        stamp = datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
    except ValueError:
        return None
    return stamp.replace(tzinfo=datetime.UTC).timestamp()


def marks(lines: list[str]) -> list[dict[str, float]]:
    """Per call (in order), the time of each MARKS line. A call that found a warm process has
    no "process" mark (the process initialized then is the next idle one)."""
    calls: list[dict[str, float]] = []
    for line in lines:
        for text, mark in MARKS.items():
            if text in line and (t := log_time(line)) is not None:
                if mark == "job":
                    calls.append({})
                if not calls or mark in calls[-1]:
                    continue
                if mark != "process" or "cold" in calls[-1]:
                    calls[-1][mark] = t
    return calls


def caller_done(call, threshold: int = 300) -> float | None:
    """When the phone's caller line ended: its last loud packet to the bridge."""
    sent = [
        r
        for r in rtp.rtp_to(call.packets, *_bridge_media(call))
        if r.payload_type == rtp.PCMU
        and rtp.audioop.rms(rtp.audioop.ulaw2lin(r.payload, 2), 2) > threshold
    ]
    return sent[-1].time if sent else None


def _bridge_media(call) -> tuple[str, int]:
    ok = call._sip("SIP/2.0 200", True, having=b"INVITE")  # the answer to the INVITE
    sdp = ok.payload.decode(errors="replace")
    ip = sdp.split("c=IN IP4 ", 1)[1].split()[0]
    return ip, int(sdp.split("m=audio ", 1)[1].split()[0])


async def measure(args: argparse.Namespace) -> dict[str, list[float]]:
    e = os.environ
    server = Server.from_env()
    work = Path(tempfile.mkdtemp(prefix="latency-"))
    agent = "latency-bare" if args.bare else "latency-agent"
    number = "+14155550187" if args.bare else "+14155550188"
    line = await provision_line(work, number, agent, f"{e['STACK_PEER_IP']}:5070")
    extra = {"WORKER_IDLE_PROCESSES": str(args.idle)} if args.idle is not None else {}
    if args.bare:
        env = {
            **e,
            "AGENT_NAME": agent,
            "PYTHONUNBUFFERED": "1",
            "BARE_IDLE_PROCESSES": str(args.idle or 0),
        }
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.e2e.bare_agent", "dev", cwd=ROOT, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    else:
        proc = await spawn("dev", server, agent, work / "logs", SIP_TRUNK_ID=line.outbound_trunk,
                           AGENT_LLM="", AGENT_STT="", AGENT_TTS="", **extra)  # fmt: skip
    worker = WorkerProcess(proc, work / "logs")
    said = work / "ada.wav"
    length = rtp.phone_wav(said, ADA)
    steps = [Wait(2.5)] if args.bare else [Wait(7), Say(said, length + 0.3), Wait(8)]
    found: dict[str, list[float]] = {}
    try:
        await worker.wait_registered(90)
        await asyncio.sleep(3)  # idle processes warm up
        calls = []
        for n in range(args.calls):
            call = await ring(work, line.number, steps, phone_ip=e["STACK_PEER_IP"],
                              bridge_ip=e["STACK_IP"], name=f"call{n}")  # fmt: skip
            calls.append(call)
            await asyncio.sleep(args.gap)
    finally:
        await worker.stop()
        (work / "worker.log").write_text(worker.output)
    for call, m in zip(calls, marks(worker.lines), strict=False):
        first = call.first_sound_at()
        row = {
            "INVITE -> 200 OK": call.answered_at - call.invite_at,
            "200 OK -> first greeting sound": (first or 0) - call.answered_at,
            "INVITE -> first greeting sound": (first or 0) - call.invite_at,
            "  INVITE -> job request (bridge, room, dispatch)": m["job"] - call.invite_at,
            "  job request -> process ready (cold start)": m.get("process", m["job"]) - m["job"],
            "  process ready -> caller linked (connect, session)": m["joined"]
            - m.get("process", m["job"]),
            "  caller linked -> 200 OK (first TTS audio, track, bridge)": call.answered_at
            - m["joined"],
        }
        done = None if args.bare else caller_done(call)
        if done is not None:
            after = [r.time for r in call.rtp() if r.time > done + 0.3]
            reply = rtp.first_sound([r for r in call.rtp() if r.time > done + 0.3])
            if reply is not None and after:
                row["caller stops speaking -> first agent sound"] = reply - done
        for k, v in row.items():
            found.setdefault(k, []).append(v)
    print(f"work files: {work}", file=sys.stderr)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10)
    parser.add_argument("--gap", type=float, default=2.0, help="seconds between calls")
    parser.add_argument("--idle", type=int, default=None, help="WORKER_IDLE_PROCESSES")
    parser.add_argument("--bare", action="store_true", help="the framework's floor")
    args = parser.parse_args()
    found = asyncio.run(measure(args))
    who = "bare framework worker (greeting only)" if args.bare else "product dev worker"
    default = "the framework's default (0 in dev)" if args.bare else "the default (1 in dev)"
    idle = default if args.idle is None else str(args.idle)
    print(
        f"{who}, offline speech, {args.calls} calls in a row, idle processes {idle}\n"
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    )
    print(f"{'interval (s)':62} {'p50':>6} {'p90':>6} {'min':>6} {'max':>6}")
    for k, v in found.items():
        v = sorted(v)
        p90 = v[min(len(v) - 1, round(0.9 * (len(v) - 1)))]
        print(f"{k:62} {statistics.median(v):6.2f} {p90:6.2f} {v[0]:6.2f} {v[-1]:6.2f}")


if __name__ == "__main__":
    main()
