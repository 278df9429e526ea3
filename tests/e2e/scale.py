"""Scale-out on the real phone path (issue 24): bursts of real SIP calls from sipp phones,
spread over the SIP bridges of a multi-node stack (`make stack NODES=2`) and answered by
`start` workers, each registered on its own livekit-server node.

Every phone's traffic is captured once for the whole burst (tcpdump in the namespace, SIP and
the bridges' RTP ports only) and read back per call: when it was answered, the first sound it
heard, whether that sound is the receptionist's greeting, whether the far end sent a BYE, and
how fast the agent answered its spoken line. Nothing here needs pytest: the e2e test
(test_scale_real.py) and the failure drills (scale_drills.py) share it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import re
import statistics
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tests.e2e import rtp
from tests.e2e.capture import Capture, CaptureError
from tests.e2e.latency import caller_done
from tests.e2e.livekit_stack import ROOT
from tests.e2e.phones import HEARD, PhoneCall, Say, Wait, _envelope, agent_voice
from tests.e2e.sipp import caller_scenario, run_sipp

ADA = "hi i'm ada i need a conference call"
GREETING_SECONDS = 10.0  # the receptionist's greeting (5.4 s in espeak-ng), late on a busy machine
PHONE_SIDE = "udp and (port 5060 or portrange 10000-11999)"  # SIP, and every bridge's RTP
RUN = ROOT / ".stack" / "run"


@dataclass(frozen=True)
class Topology:
    """The stack's nodes as .stack/stack.env lists them (node 1 first)."""

    urls: list[str]
    sip_addresses: list[str]
    peer_ip: str

    @classmethod
    def from_env(cls) -> Topology:
        e = os.environ
        urls = e.get("STACK_NODE_URLS", e["LIVEKIT_URL"]).split()
        sips = e.get("STACK_SIP_ADDRESSES", e["SIP_ADDRESS"]).split()
        return cls(urls, sips, e["STACK_PEER_IP"])


@dataclass
class Result:
    """One call of a burst, as its phone lived it."""

    name: str
    bridge: str  # the SIP address the phone called
    call: PhoneCall
    placed_at: float  # monotonic, when the phone started
    greeting: str
    ended_at: float = 0.0  # monotonic, when the phone's call was over

    @property
    def answered(self) -> bool:
        return any(p.startswith("SIP/2.0 200") for p in self.call.sipp.received())

    @property
    def greeted(self) -> bool:
        """The phone heard the receptionist's greeting (pieces_heard: at most one second of it
        lost or broken)."""
        return self.answered and heard(self.call.heard(), self.greeting)

    @property
    def greeted_whole(self) -> bool:
        """...every second of it, as phones.where_said matches a line."""
        return self.answered and self.call.said(self.greeting) is not None

    @property
    def greeting_latency(self) -> float | None:
        """INVITE -> the first sound the phone heard."""
        first = self.call.first_sound_at() if self.answered else None
        return None if first is None else first - self.call.invite_at

    @property
    def turn_latency(self) -> float | None:
        """The phone's spoken line ended -> the first sound of the agent's reply."""
        if not self.answered:
            return None
        done = caller_done(self.call)
        reply = (
            None
            if done is None
            else rtp.first_sound([r for r in self.call.rtp() if r.time > done + 0.3])
        )
        return None if reply is None or done is None else reply - done

    @property
    def bye_from_bridge(self) -> bool:
        return bool(self.call.sipp.received("BYE"))

    def bye_at(self) -> float | None:
        """When the bridge's BYE reached the phone (capture time), if it sent one."""
        return self._first_bye(to_phone=True)

    def hung_up_at(self) -> float | None:
        """When the phone sent its own BYE (capture time)."""
        return self._first_bye(to_phone=False)

    def _first_bye(self, to_phone: bool) -> float | None:
        with contextlib.suppress(CaptureError):  # no BYE that way
            return self.call._sip("BYE", to_phone=to_phone).time
        return None

    def last_sound_at(self) -> float | None:
        loud = [
            r.time
            for r in self.call.rtp()
            if r.payload_type == rtp.PCMU
            and rtp.audioop.rms(rtp.audioop.ulaw2lin(r.payload, 2), 2) > 300
        ]
        return loud[-1] if loud else None


PIECE = 100  # 10 ms windows: a line is matched one second at a time
SLACK = (50, 250)  # windows a piece may come before / after where the last one ended
FIRST_SLACK = (200, 250)  # ...the first piece, around where the whole line fits best


def _scores(heard: np.ndarray, ref: np.ndarray, lo: int, hi: int) -> tuple[float, int]:
    """The best correlation of the contour `ref` with a stretch of `heard` starting between
    `lo` and `hi`, and where that stretch starts (as phones.where_said)."""
    lo, hi = max(0, lo), min(len(heard) - len(ref), hi)
    if hi < lo:
        return -1.0, lo
    w = np.lib.stride_tricks.sliding_window_view(heard[lo : hi + len(ref)], len(ref))
    w = w - w.mean(1, keepdims=True)
    r = ref - ref.mean()
    scores = (w @ r) / (np.sqrt((w * w).sum(1) * (r * r).sum()) + 1e-9)
    best = int(np.argmax(scores))
    return float(scores[best]), lo + best


@functools.lru_cache
def _voice(text: str) -> np.ndarray:
    return _envelope(agent_voice(text))


def pieces_heard(heard: bytes, text: str) -> tuple[int, int]:
    """How many one-second pieces of `text`, in the agent's voice, the phone heard in order,
    and of how many: the line is placed where its whole contour fits best, then each piece is
    looked for from where the last one ended (a stall of the agent's audio pushes the rest
    later; a lost or broken stretch costs the pieces it covers)."""
    h, ref = _envelope(heard), _voice(text)
    pieces = [ref[i : i + PIECE] for i in range(0, len(ref) - PIECE // 2, PIECE)]
    if len(h) <= len(ref):
        return 0, len(pieces)
    expected = _scores(h, ref, 0, len(h))[1]
    found = 0
    for n, piece in enumerate(pieces):
        before, after = FIRST_SLACK if n == 0 else SLACK
        score, at = _scores(h, piece, expected - before, expected + after)
        found += score >= HEARD
        expected = at + PIECE if score >= HEARD else expected + PIECE
    return found, len(pieces)


def heard(audio: bytes, text: str) -> bool:
    """The phone heard `text`: every one-second piece of it but at most one, in order."""
    found, pieces = pieces_heard(audio, text)
    return found >= pieces - 1


def caller_steps(folder: Path, hold: float = 8.0) -> list[Say | Wait]:
    """Listen to the greeting, say the caller's line, listen `hold` s to the reply."""
    said = folder / "ada.wav"
    length = rtp.phone_wav(said, ADA)
    return [Wait(GREETING_SECONDS), Say(said, length + 0.3), Wait(hold)]


async def burst(
    folder: Path,
    number: str,
    topology: Topology,
    greeting: str,
    *,
    calls: int,
    at_once: int,
    hold: float = 8.0,
    ending: str = "hang_up",
    during: Callable[[int], Awaitable[None]] | None = None,
) -> list[Result]:
    """`calls` phone calls to `number`, at most `at_once` at a time, each to the next bridge in
    turn (as a carrier spreads calls over a trunk's addresses); `during(n)` runs once the n-th
    call is placed (0-based, the failure drills). Returns every call, analysed."""
    folder.mkdir(parents=True, exist_ok=True)
    silence = folder / "silence.wav"
    rtp.phone_wav(silence, silence=1.0)
    steps = caller_steps(folder, hold)
    scenario = caller_scenario(steps, silence, ending, within=hold + 60)
    budget = sum(s.seconds for s in steps) + hold + 180
    slots = asyncio.Semaphore(at_once)
    loop = asyncio.get_running_loop()

    async def one(n: int, capture: Capture) -> Result:
        bridge = topology.sip_addresses[n % len(topology.sip_addresses)]
        try:
            sipp = await run_sipp(
                folder, f"call{n:02d}", scenario, ip=topology.peer_ip, target=bridge, service=number
            )
            result = Result(
                f"call{n:02d}",
                bridge,
                PhoneCall(sipp, capture, topology.peer_ip),
                loop.time(),
                greeting,
            )
            if during is not None:
                asyncio.get_running_loop().create_task(during(n))
            try:
                result.call.status = await sipp.finished(budget)
            finally:
                await sipp.stop()
                result.ended_at = loop.time()
            return result
        finally:
            slots.release()

    async with Capture(folder / "burst.pcap", PHONE_SIDE) as capture:
        tasks = []
        for n in range(calls):
            await slots.acquire()
            tasks.append(asyncio.create_task(one(n, capture)))
        results = await asyncio.gather(*tasks)
    packets = capture.packets()
    for r in results:
        ports = {r.call.sipp.port}
        r.call.packets = [p for p in packets if p.sport in ports or p.dport in ports]
        if r.call.packets and r.answered:
            media = r.call.media_port
            r.call.packets = [p for p in packets if {p.sport, p.dport} & {r.call.sipp.port, media}]
    return results


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(results: list[Result]) -> str:
    """p50/p95 of the greeting and turn latencies, in seconds, as one line."""
    greet = [g for r in results if (g := r.greeting_latency) is not None]
    turn = [t for r in results if (t := r.turn_latency) is not None]
    parts = []
    for what, values in (("INVITE -> first greeting sound", greet), ("turn", turn)):
        if values:
            parts.append(
                f"{what}: p50 {statistics.median(values):.2f} s, p95 "
                f"{percentile(values, 0.95):.2f} s, max {max(values):.2f} s (n={len(values)})"
            )
    return "; ".join(parts)


ROOM_STARTED = re.compile(r'"room": "(call-[^"]+)"')


def rooms_per_node(servers: list[str], since: dict[str, int]) -> dict[str, set[str]]:
    """The call rooms each livekit-server node hosted, from its log after byte `since[name]`:
    a node logs the rooms it runs (a room lives on one node; the others relay to it)."""
    found = {}
    for name in servers:
        with (RUN / f"{name}.log").open(errors="replace") as log:
            log.seek(since.get(name, 0))
            found[name] = {
                m.group(1)
                for line in log
                if "starting" in line and (m := ROOM_STARTED.search(line))
            }
    return found


def log_sizes(servers: list[str]) -> dict[str, int]:
    return {name: (RUN / f"{name}.log").stat().st_size for name in servers}
