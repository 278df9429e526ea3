"""Offline speech, measured: `python -m tests.speech_bench` (espeak-ng and pocketsphinx).

Prints the TTS's time to first audio and the recognizer's word accuracy on fixed caller lines
spoken by espeak-ng and sent through a telephone line (8 kHz, G.711 mu-law), with date and
machine. `phone_line` is also what the speech tests use to make caller audio.
"""

from __future__ import annotations

import argparse
import asyncio
import audioop  # deprecated in 3.11, still the standard library's G.711 codec until 3.13
import datetime
import io
import os
import platform
import statistics
import subprocess
import time
import wave

from livekit import rtc

from prompts.schema import render
from workflows.call.files import load_call_files
from workflows.call.settings import Settings
from workflows.rehearsal.nlu import understand
from workflows.speech.espeak import EspeakTTS
from workflows.speech.grammar import normalise

PHONE_RATE = 8000
# What a caller says, as it would be written; the recognizer should return these words.
CALLER_LINES = (
    "Hi, I'm Ada.",
    "This is Sam.",
    "I'd like a conference call.",
    "Please add four one five five five five zero one zero zero.",
    "Yes.",
    "No.",
    "Who is on the call?",
    "Remove Dana.",
    "Mute Fox Mulder.",
    "Call the sales desk.",
    "Add Dana Scully.",
    "That's right.",
    "Dial plus one four one five five five five zero one four two.",
    "Transfer me to support.",
    "Goodbye.",
)


def phone_line(text: str, *, voice: str = "en-us") -> rtc.AudioFrame:
    """`text` spoken by espeak-ng as heard through a phone: 8 kHz, mu-law encoded and decoded."""
    wav = subprocess.run(
        ["espeak-ng", "--stdout", "--stdin", "-v", voice],
        input=text.encode(),
        capture_output=True,
        check=True,
    ).stdout
    with wave.open(io.BytesIO(wav)) as w:
        rate, pcm = w.getframerate(), w.readframes(w.getnframes())
    resampler = rtc.AudioResampler(
        rate, PHONE_RATE, num_channels=1, quality=rtc.AudioResamplerQuality.HIGH
    )
    frames = resampler.push(rtc.AudioFrame(pcm, rate, 1, len(pcm) // 2)) + resampler.flush()
    narrow = b"".join(bytes(f.data) for f in frames)
    heard = audioop.ulaw2lin(audioop.lin2ulaw(narrow, 2), 2)
    return rtc.AudioFrame(heard, PHONE_RATE, 1, len(heard) // 2)


def meaning(text: str) -> tuple:
    """What the offline dialog model reads in a line (case aside)."""
    r = understand(text)
    fields = (r.greeting, r.name, r.action, r.phone_number, r.target, r.confirm, r.goodbye)
    return tuple(f.lower() if isinstance(f, str) else f for f in fields)


def word_errors(expected: str, heard: str) -> int:
    """Word-level edit distance (substitutions, insertions, deletions)."""
    ref, hyp = expected.split(), heard.split()
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


async def first_audio(tts: EspeakTTS, text: str) -> tuple[float, float, float]:
    """(seconds to the first frame, seconds to the last, seconds of audio)."""
    start = time.perf_counter()
    first, audio = 0.0, 0.0
    async for event in tts.synthesize(text):
        first = first or time.perf_counter() - start
        audio += event.frame.duration
    return first, time.perf_counter() - start, audio


async def loop_stall(stt, seconds: float) -> tuple[float, float]:
    """(seconds to recognize, longest event-loop stall meanwhile) for an utterance of
    `seconds` made of the caller lines end to end, as a caller who does not stop talking."""
    speech = b"".join(bytes(phone_line(text).data) for text in CALLER_LINES)
    size = int(seconds * PHONE_RATE) * 2
    pcm = (speech * (size // len(speech) + 1))[:size]
    frame = rtc.AudioFrame(pcm, PHONE_RATE, 1, size // 2)
    stall, done = 0.0, False

    async def heartbeat() -> None:
        nonlocal stall
        while not done:
            start = time.perf_counter()
            await asyncio.sleep(0.001)
            stall = max(stall, time.perf_counter() - start - 0.001)

    beat = asyncio.create_task(heartbeat())
    start = time.perf_counter()
    await stt.recognize([frame])
    took, done = time.perf_counter() - start, True
    await beat
    return took, stall


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="TTS runs per line (default 5)")
    args = parser.parse_args()
    from workflows.worker.pipeline import build_stt

    print(
        f"Offline speech, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    files = load_call_files()
    prompts = files.prompts
    tts = EspeakTTS()
    lines = [
        render(prompts.receptionist.greeting),
        render(prompts.host.read_back, who="+1 415-555-0100"),
    ]
    print(f"\nTTS espeak-ng at {tts.sample_rate} Hz: time to first audio (median of {args.runs})")
    print(f"{'line':60} {'first':>8} {'done':>8} {'audio':>7}")
    for text in lines:
        runs = [await first_audio(tts, text) for _ in range(args.runs)]
        first, done, audio = (statistics.median(r[i] for r in runs) for i in range(3))
        print(f"{text[:60]:60} {first * 1000:6.0f}ms {done * 1000:6.0f}ms {audio:6.2f}s")

    stt = build_stt(Settings(mode="console", stt="pocketsphinx"), files)
    start = time.perf_counter()
    await stt.start()  # the grammar and the decoder process, as prewarm does at call start
    print(
        f"\nSTT grammar ({len(stt.grammar.jsgf)} characters) and decoder process started in "
        f"{time.perf_counter() - start:.2f}s"
    )
    print("STT pocketsphinx + product grammar, caller lines by espeak-ng through 8 kHz mu-law")
    print(f"{'caller said':62} {'recognized':54} {'errors':>6} {'meaning':>7} {'time':>6}")
    words = errors = exact = kept = 0
    for text in CALLER_LINES:
        audio = phone_line(text)
        start = time.perf_counter()
        event = await stt.recognize([audio])
        took = time.perf_counter() - start
        heard, expected = event.alternatives[0].text, normalise(text)
        wrong = word_errors(expected, heard)
        same = meaning(heard) == meaning(text)
        words, errors, exact = words + len(expected.split()), errors + wrong, exact + (wrong == 0)
        kept += same
        print(f"{text:62} {heard[:54]:54} {wrong:6} {'kept' if same else 'LOST':>7} {took:5.2f}s")
    print(
        f"\nword accuracy {100 * (words - errors) / words:.0f}% ({words - errors} of {words} "
        f"words, errors counted as edits); exact lines {exact} of {len(CALLER_LINES)}; "
        f"meaning kept (the offline dialog model reads the same request) {kept} of "
        f"{len(CALLER_LINES)}"
    )
    print("\nA caller who does not stop talking (the lines above end to end), while the call's")
    print("event loop goes on; only the first 15 s of speech are recognized")
    for seconds in (5, 20, 60):
        took, stall = await loop_stall(stt, seconds)
        print(
            f"{seconds:3d} s utterance: recognized in {took:5.2f}s, longest loop stall "
            f"{stall * 1000:4.0f} ms"
        )
    await stt.aclose()


if __name__ == "__main__":
    asyncio.run(main())
