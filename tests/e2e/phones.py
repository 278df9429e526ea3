"""Phone calls through the real SIP bridge: a number provisioned with the product's own
`python -m workflows.provision`, a sipp phone that rings it, the RTP it receives captured and
decoded, and what it heard compared with the agent's lines as espeak-ng speaks them.

Used by the SIP e2e tests and by `make call` (tests/e2e/call.py); nothing here needs pytest.
"""

from __future__ import annotations

import asyncio
import audioop
import functools
import io
import os
import socket
import subprocess
import sys
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tests.e2e import rtp
from tests.e2e.capture import Capture, CaptureError
from tests.e2e.livekit_stack import ROOT
from tests.e2e.sipp import Cue, Ending, Key, Say, Sipp, Wait, caller_scenario, run_sipp
from workflows.speech.espeak import EspeakTTS

__all__ = [
    "Cue",
    "Key",
    "Line",
    "PhoneCall",
    "Say",
    "Wait",
    "answered_or_failed",
    "provision_line",
    "ring",
]
HEARD = 0.85  # envelope correlation above which a stretch of audio is taken as that line
SIP_PORT = 5060


@dataclass(frozen=True)
class Line:
    """A number provisioned on the stack: calls to it reach the agent named `agent_name`;
    dial-outs leave through `outbound_trunk` to `callee_address`."""

    number: str
    agent_name: str
    outbound_trunk: str
    callee_address: str


async def provision_line(config_dir: Path, number: str, agent_name: str, callee: str) -> Line:
    """`python -m workflows.provision` with its own description file, as a user runs it: an
    inbound trunk for `number`, a dispatch rule to `agent_name`, an outbound trunk to
    `callee` (host:port)."""
    config = config_dir / "provision.yaml"
    config.write_text(
        f"inbound_trunk:\n  name: {agent_name}-in\n"
        f'dispatch_rule:\n  name: {agent_name}-rule\n  room_prefix: "call-"\n'
        f"outbound_trunk:\n  create: true\n  name: {agent_name}-out\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIP_")}
    env |= {
        "AGENT_NAME": agent_name,
        "SIP_INBOUND_NUMBER": number,
        "SIP_OUTBOUND_ADDRESS": callee,
        "SIP_OUTBOUND_NUMBER": "+14155550111",
    }
    args = [sys.executable, "-m", "workflows.provision", "--config", str(config)]
    done = await asyncio.to_thread(
        subprocess.run, args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    if done.returncode != 0:
        raise RuntimeError(f"provisioning failed: {done.stdout}{done.stderr}")
    [trunk] = [w for line in done.stdout.splitlines() for w in line.split() if "SIP_TRUNK_ID=" in w]
    return Line(number, agent_name, trunk.split("=", 1)[1], callee)


@functools.cache
def agent_voice(text: str) -> bytes:
    """`text` as the agent's espeak-ng TTS speaks it, at the phone's 8 kHz."""
    wav = subprocess.run(EspeakTTS().command(), input=text.encode(), capture_output=True).stdout
    with wave.open(io.BytesIO(wav)) as w:
        rate, pcm = w.getframerate(), w.readframes(w.getnframes())
    return audioop.ratecv(pcm, 2, 1, rate, rtp.PHONE_RATE, None)[0]


def _envelope(pcm: bytes) -> np.ndarray:
    a = np.frombuffer(pcm, np.int16).astype(float)
    n = len(a) // 80  # 10 ms windows
    return np.log10(np.sqrt((a[: n * 80].reshape(n, 80) ** 2).mean(1)) + 100)


def where_said(heard: bytes, text: str) -> tuple[float, float]:
    """How well the loudness contour of `text`, spoken by the agent's voice, matches the best
    stretch of `heard` (correlation, -1..1), and where that stretch starts (seconds). The right
    line scores about 0.95 through the bridge; other lines of the product stay below 0.7."""
    h, ref = _envelope(heard), _envelope(agent_voice(text))
    if len(h) <= len(ref):
        return -1.0, 0.0
    windows = np.lib.stride_tricks.sliding_window_view(h, len(ref))
    w = windows - windows.mean(1, keepdims=True)
    r = ref - ref.mean()
    scores = (w @ r) / (np.sqrt((w * w).sum(1) * (r * r).sum()) + 1e-9)
    best = int(np.argmax(scores))
    return float(scores[best]), best / 100


@dataclass
class PhoneCall:
    """One call from a sipp phone: its SIP messages, and the audio it received, decoded."""

    sipp: Sipp
    capture: Capture
    phone_ip: str
    status: int | None = None
    packets: list[rtp.Packet] = field(default_factory=list)

    def analyse(self) -> None:
        self.packets = self.capture.packets()

    def _sip(self, start: str, to_phone: bool, having: bytes = b"") -> rtp.Packet:
        """The first SIP message to (or from) the phone starting with `start` (and holding
        `having`); a capture without it fails plainly, with what tcpdump said."""
        for p in self.packets:
            port = p.dport if to_phone else p.sport
            if port == self.sipp.port and p.payload.startswith(start.encode()):
                if having in p.payload:
                    return p
        way = "to" if to_phone else "from"
        raise self.capture.failed(
            f"no {start!r} {way} the phone (port {self.sipp.port}) among its "
            f"{len(self.packets)} packets"
        )

    @property
    def invite_at(self) -> float:
        return self._sip("INVITE", to_phone=False).time

    @property
    def answered_at(self) -> float:
        return self._sip("SIP/2.0 200", True, having=b"INVITE").time

    @property
    def media_port(self) -> int:
        invite = self._sip("INVITE", to_phone=False).payload.decode(errors="replace")
        return int(invite.split("m=audio ", 1)[1].split()[0])

    def rtp(self) -> list[rtp.Rtp]:
        return rtp.rtp_to(self.packets, self.phone_ip, self.media_port)

    def heard(self) -> bytes:
        return rtp.decoded(self.rtp())

    def first_sound_at(self) -> float | None:
        return rtp.first_sound(self.rtp())

    def said(self, text: str) -> float | None:
        """When (seconds from the first packet) the phone heard `text`; None if it did not."""
        score, at = where_said(self.heard(), text)
        return at if score >= HEARD else None

    def now_hears(self, text: str) -> bool:
        """Whether the phone has heard `text` by now (its capture read as it is written)."""
        return self._now(lambda: self.said(text) is not None)

    def now_hears_sound(self) -> bool:
        """Whether the phone has heard any sound by now (the greeting's first, say)."""
        return self._now(lambda: self.first_sound_at() is not None)

    def _now(self, heard: Callable[[], bool]) -> bool:
        self.analyse()
        try:
            return heard()
        except CaptureError:  # its INVITE not written yet
            return False


async def ring(
    folder: Path,
    number: str,
    steps: list[Say | Wait | Key | Cue],
    *,
    phone_ip: str,
    bridge_ip: str,
    ending: Ending = "hang_up",
    within: float = 60,
    name: str = "caller",
    answered: asyncio.Event | None = None,
) -> PhoneCall:
    """Call `number` from a sipp phone at `phone_ip`, play `steps`, end the call as `ending`
    says (`caller_scenario`), and return the call with what the phone heard. `answered` is set
    once the 200 OK has arrived; each `Cue` holds the phone until its condition holds."""
    silence = folder / "silence.wav"
    rtp.phone_wav(silence, silence=1.0)
    scenario = caller_scenario(steps, silence, ending, within)
    cues = [s for s in steps if isinstance(s, Cue)]
    async with Capture(folder / f"{name}.pcap", "udp") as capture:
        sipp = await run_sipp(
            folder, name, scenario, ip=phone_ip, target=f"{bridge_ip}:{SIP_PORT}", service=number
        )
        call = PhoneCall(sipp, capture, phone_ip)
        watches = [asyncio.create_task(_answered(sipp, answered))] if answered else []
        watches += [asyncio.create_task(_cue(call, cues))] if cues else []
        try:
            budget = sum(getattr(s, "seconds", getattr(s, "within", 1.0)) for s in steps)
            call.status = await sipp.finished(budget + within + 60)
        finally:
            await sipp.stop()
            for watch in watches:
                watch.cancel()
        for watch in watches:  # a watch that failed says why
            if watch.done() and not watch.cancelled() and watch.exception():
                raise watch.exception()
    call.analyse()
    rtp.write_wav(folder / f"{name}-heard.wav", call.heard())
    return call


async def answered_or_failed(phone: asyncio.Task, answered: asyncio.Event, within: float) -> None:
    """Wait for the 200 OK to `phone` (a `ring` task); if it failed first, its own error."""
    waiting = asyncio.ensure_future(answered.wait())
    try:
        await asyncio.wait({phone, waiting}, timeout=within, return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiting.cancel()
    if not answered.is_set() and phone.done():  # the phone's exception, or what sipp said
        sipp = phone.result().sipp
        raise AssertionError(f"unanswered: {sipp.errors()[-2000:]}{sipp.messages()[-2000:]}")
    assert answered.is_set(), f"the phone's call was not answered in {within} s"


async def _answered(sipp: Sipp, answered: asyncio.Event) -> None:
    while not any(m.startswith("SIP/2.0 200") and "INVITE" in m for m in sipp.received()):
        await asyncio.sleep(0.1)
    answered.set()


async def _cue(call: PhoneCall, cues: list[Cue]) -> None:
    """For the n-th cue, once its condition holds and the phone has logged that it waits for
    it, an INFO inside the call (as from the bridge: its tag, or the phone's BYE would carry
    ours), sent again only if the phone has not received it in 5 s."""
    sipp = call.sipp

    def header(message: str, name: str) -> str:
        return next(h for h in message.splitlines() if h.lower().startswith(f"{name}:"))

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((call.phone_ip, 0))
        here = f"{call.phone_ip}:{sock.getsockname()[1]}"
        for n, cue in enumerate(cues, 1):
            while not (cue.until(call) and f"waiting for cue {n}\n" in sipp.logs()):
                await asyncio.sleep(0.25)
            # The first of each: either may have been sent again.
            invite = next(m for w, m in sipp.trace_messages() if w == "sent" and m[:6] == "INVITE")
            ok = next(m for m in sipp.received("SIP/2.0 200") if "INVITE" in header(m, "cseq"))
            info = (
                f"INFO sip:phone@{call.phone_ip}:{sipp.port} SIP/2.0\r\n"
                f"Via: SIP/2.0/UDP {here};branch=z9hG4bK-cue-{n}\r\n"
                f"From:{header(ok, 'to').split(':', 1)[1]}\r\n"
                f"To:{header(invite, 'from').split(':', 1)[1]}\r\n"
                f"{header(invite, 'call-id')}\r\nCSeq: {n} INFO\r\nMax-Forwards: 70\r\n"
                "Content-Length: 0\r\n\r\n"
            )
            while len(sipp.received("INFO")) < n:
                sock.sendto(info.encode(), (call.phone_ip, sipp.port))
                for _ in range(50):
                    await asyncio.sleep(0.1)
                    if len(sipp.received("INFO")) >= n:
                        break
