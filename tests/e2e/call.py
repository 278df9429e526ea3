"""`make call`: ring the local agent from a scripted phone and keep what the phone heard.

Inside the stack's namespace (make call runs it there): provisions a number for AGENT_NAME with
`python -m workflows.provision`, starts a `dev` worker for it (unless --own-worker: yours is
already running under AGENT_NAME), rings it from a sipp phone that says --say after the
greeting, saves the decoded audio the phone received as a WAV and tells which of the agent's
lines it heard, and how fast.

    make call SAY="hi i'm ada i need a conference call"
    $STACK_EXEC .venv/bin/python -m tests.e2e.call --help
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from pathlib import Path

from prompts.schema import render
from tests.e2e import rtp
from tests.e2e.livekit_stack import ROOT, Server
from tests.e2e.phones import HEARD, Say, Wait, provision_line, ring, where_said
from tests.e2e.workers import WorkerProcess, spawn
from workflows.call.files import load_call_files

NUMBER = "+14155550199"  # the local stack's number for these calls


def agent_lines(caller_name: str) -> dict[str, str]:
    p = load_call_files().prompts
    return {
        "receptionist greeting": render(p.receptionist.greeting),
        f"host greeting for {caller_name}": render(p.host.greeting, caller_name=caller_name),
        "goodbye": render(p.shared.goodbye),
    }


async def main(args: argparse.Namespace) -> int:
    env = os.environ
    server = Server.from_env()
    peer, bridge = env.get("STACK_PEER_IP", ""), env.get("STACK_IP", "")
    if not (peer and bridge):
        raise SystemExit("STACK_PEER_IP / STACK_IP not set: run it with `make call`")
    agent_name = env.get("AGENT_NAME") or "conference-receptionist"
    work = Path(tempfile.mkdtemp(prefix="local-call-"))
    line = await provision_line(work, NUMBER, agent_name, f"{peer}:5070")
    worker = None
    if not args.own_worker:
        worker = WorkerProcess(
            await spawn(
                "dev",
                server,
                agent_name,
                work / "call-logs",
                SIP_TRUNK_ID=line.outbound_trunk,
                AGENT_LLM=env.get("AGENT_LLM", ""),  # unset: the worker chooses (offline here)
                AGENT_STT=env.get("AGENT_STT", ""),
                AGENT_TTS=env.get("AGENT_TTS", ""),
            ),
            work / "call-logs",
        )
        await worker.wait_registered(90)
    try:
        said = work / "say.wav"
        length = rtp.phone_wav(said, args.say) if args.say else 0.0
        steps = [Wait(args.wait), Say(said, length + 0.3)] if args.say else []
        print(f"calling {NUMBER} at {env.get('SIP_ADDRESS')} (agent {agent_name!r}) ...")
        call = await ring(
            work, NUMBER, [*steps, Wait(args.seconds)], phone_ip=peer, bridge_ip=bridge
        )
    finally:
        if worker is not None:
            await worker.stop()
            (work / "worker.log").write_text(worker.output)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    heard = call.heard()
    rtp.write_wav(out, heard)
    first = call.first_sound_at()
    print(f"answered: INVITE -> 200 OK {call.answered_at - call.invite_at:.2f} s")
    if first is not None:
        print(f"first sound at the phone {first - call.answered_at:.2f} s after the answer")
    for name, text in agent_lines(args.name).items():
        score, at = where_said(heard, text)
        if score >= HEARD:
            print(f"heard the {name} at {at:.1f} s: {text!r}")
    print(f"what the phone heard: {out} ({len(heard) / 2 / rtp.PHONE_RATE:.1f} s)")
    print(f"SIP messages, capture and worker log: {work}")
    return 0 if call.status == 0 else 1


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--say", default="hi i'm ada i need a conference call")
    parser.add_argument("--name", default="Ada", help="the caller's name in --say")
    parser.add_argument("--wait", type=float, default=8, help="seconds before speaking")
    parser.add_argument("--seconds", type=float, default=10, help="seconds on the line after")
    parser.add_argument("--out", default=str(ROOT / "call-recordings" / "heard.wav"))
    parser.add_argument(
        "--own-worker", action="store_true", help="call the worker you run under AGENT_NAME"
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(parse())))
