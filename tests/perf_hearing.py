"""The benchmark's cost of hearing a participant (issue 23, item 6): CPU per transcribed
participant with offline speech (silero VAD cutting turns for pocketsphinx, through
`workflows/lifecycle/listening.py`), as a fraction of one core per second of their audio.

A participant talks without pause to anyone but the host: the caller lines of
tests/speech_bench.py spoken by espeak-ng through a phone line, a second of silence after
each. Their audio is fed as fast as it is taken (not in real time), so CPU seconds over audio
seconds is the share of a core one participant costs; the decoder process is counted too.
"""

from __future__ import annotations

import asyncio

import psutil
from livekit import rtc

from tests.speech_bench import PHONE_RATE, phone_line
from tests.speech_corpus import LINES
from tests.support.host_calls import host_state, start
from workflows.call.legs import Leg
from workflows.call.settings import Settings
from workflows.lifecycle.listening import SAMPLE_RATE, Listeners

FRAME_MS = 20


def participant_audio(seconds: float) -> list[rtc.AudioFrame]:
    """`seconds` of one participant talking, in 20 ms frames at the listeners' rate."""
    silence = b"\0\0" * PHONE_RATE
    said = b"".join(
        bytes(phone_line(text).data) + silence for text in (line.text for line in LINES)
    )
    size = int(seconds * PHONE_RATE) * 2
    pcm = (said * (size // len(said) + 1))[:size]
    resampler = rtc.AudioResampler(PHONE_RATE, SAMPLE_RATE, num_channels=1)
    frames = resampler.push(rtc.AudioFrame(pcm, PHONE_RATE, 1, size // 2)) + resampler.flush()
    pcm16 = b"".join(bytes(f.data) for f in frames)
    step = SAMPLE_RATE * FRAME_MS // 1000 * 2
    return [
        rtc.AudioFrame(pcm16[i : i + step], SAMPLE_RATE, 1, step // 2)
        for i in range(0, len(pcm16) - step + 1, step)
    ]


def _cpu_seconds() -> float:
    """CPU time of this process and its children (the decoder process) so far."""
    me = psutil.Process()
    times = [me.cpu_times()] + [c.cpu_times() for c in me.children(recursive=True)]
    return sum(t.user + t.system for t in times)


async def cpu_per_participant(seconds: float, participants: int = 1) -> tuple[float, float]:
    """(CPU share of one core per participant, transcripts heard) for `participants`
    talking `seconds` each at once."""
    from livekit.plugins import silero

    from workflows.worker.pipeline import build_stt

    recognizer = build_stt(Settings(mode="console", stt="pocketsphinx"))
    await recognizer.start()
    detector = silero.VAD.load()
    audio = participant_audio(seconds)
    state = host_state()
    async with start(state, lambda ctx: ["ok"]):
        for n in range(participants):
            state.legs[f"leg-{n}"] = Leg(
                f"leg-{n}", "+14155550142", f"P{n}", "active", answered=True
            )

        async def frames(_track):
            for frame in audio:
                yield frame
                await asyncio.sleep(0)

        listeners = Listeners(state, recognizer, detector, participants, frames=frames)
        before = _cpu_seconds()
        for n in range(participants):
            listeners.listen(f"leg-{n}", f"track-{n}")
        while listeners.heard():
            await asyncio.sleep(0.05)
        used = _cpu_seconds() - before
    await recognizer.aclose()
    return used / (seconds * participants), len(state.spoken_by) / participants


async def hearing_lines(seconds: float) -> list[str]:
    """The benchmark's lines: one participant alone, and two at once."""
    lines = []
    for n in (1, 2):
        share, heard = await cpu_per_participant(seconds, n)
        lines.append(
            f"hearing a participant, offline speech ({n} at once): {share * 100:.1f}% of a core "
            f"each over {seconds:.0f} s of their talk ({heard:.0f} turns heard each)"
        )
    return lines
