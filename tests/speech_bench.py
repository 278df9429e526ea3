"""Offline speech measured: espeak-ng and an offline recognizer (pocketsphinx, --stt whisper).

`python -m tests.speech_bench`.

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

import psutil
from livekit import rtc

from prompts.schema import render
from tests.speech_corpus import KINDS, LINES
from workflows.call.files import load_call_files
from workflows.call.settings import LOCAL_STT, POCKETSPHINX, Settings
from workflows.rehearsal.nlu import understand
from workflows.speech.espeak import EspeakTTS
from workflows.speech.grammar import DIGITS, TEENS, TENS, normalise

PHONE_RATE = 8000


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


_UNITS = ("", *DIGITS[1:])


def spoken(text: str) -> str:
    """A transcript in the corpus's words (`normalise`), its numerals said as callers say
    them: "44" -> "forty four", "0199" -> "zero one nine nine". Whisper writes digits."""
    words = []
    for word in normalise(text).split():
        if not word.isdigit():
            words.append(word)
        elif len(word) == 1 or word[0] == "0" or len(word) > 2:
            words += [DIGITS[int(d)] for d in word]
        elif word[0] == "1":
            words.append(TEENS[int(word[1])])
        else:
            words += [TENS[int(word[0]) - 2], *([_UNITS[int(word[1])]] if word[1] != "0" else [])]
    return " ".join(words)


def cpu_seconds() -> float:
    """CPU time of this process and its children (pocketsphinx's decoder process) so far."""
    me = psutil.Process()
    times = [me.cpu_times()] + [c.cpu_times() for c in me.children(recursive=True)]
    return sum(t.user + t.system for t in times)


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


def report(path: str, heard: list[str], answers: set[str], *, show: bool = False) -> None:
    """The table of one path: per kind of line, words right, exact lines, numbers exactly
    right, short replies heard as a command (a yes or no of `answers` is none: "connect" is a
    yes to a read-back), meaning kept."""
    print(f"\n{path}")
    head = ("n", "words", "exact", "numbers", "command", "meant")
    print(f"{'lines':10} " + " ".join(f"{h:>7}" for h in head))
    total = [0, 0, 0, 0]
    for kind in KINDS:
        rows = [(line, h) for line, h in zip(LINES, heard, strict=True) if line.kind == kind]
        words = sum(len(normalise(line.text).split()) for line, _ in rows)
        errors = sum(word_errors(normalise(line.text), h) for line, h in rows)
        exact = sum(normalise(line.text) == h for line, h in rows)
        numbers = sum(understand(h).phone_number == line.number for line, h in rows)
        command = sum(is_command(h) and h not in answers for _, h in rows)
        meant = sum(meaning(h) == meaning(line.text) for line, h in rows)
        has_number = any(line.number for line, _ in rows)
        n = len(rows)
        cells = (
            n,
            f"{100 * (words - errors) / words:.0f}%",
            f"{exact}/{n}",
            f"{numbers}/{n}" if has_number else "",
            f"{command}/{n}" if kind == "short" else "",
            f"{meant}/{n}",
        )
        print(f"{kind:10} " + " ".join(f"{c:>7}" for c in cells))
        total = [total[0] + len(rows), total[1] + words, total[2] + errors, total[3] + exact]
        for line, h in rows if show else ():
            print(f"    {line.text:62} -> {h}")
    n, words, errors, exact = total
    print(f"{'all':10} {n:>7} {100 * (words - errors) / words:>6.0f}% {f'{exact}/{n}':>7}")


def conversation_order() -> list[int]:
    """The lines (their indexes) in the order a phone says them: names first, then each
    request followed by a short reply (heard while its read-back waits, as on a call), then
    the commands, goodbyes last (they end the call)."""
    kinds = {kind: [i for i, line in enumerate(LINES) if line.kind == kind] for kind in KINDS}
    requests = kinds["directory"] + kinds["digits"] + kinds["grouped"]
    shorts = list(kinds["short"])
    paired = [i for r in requests for i in (r, *([shorts.pop(0)] if shorts else []))]
    return kinds["names"] + paired + shorts + kinds["commands"]


def is_command(heard: str) -> bool:
    """Whether the offline dialog model would act on `heard` as a request: an action, a
    number or someone to call."""
    r = understand(heard)
    return bool(r.action or r.phone_number or r.target)


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
    speech = b"".join(bytes(phone_line(text).data) for text in [line.text for line in LINES[:15]])
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
    parser.add_argument(
        "--phone", action="store_true", help="also through the real stack (inside it: make stack)"
    )
    parser.add_argument("--show", action="store_true", help="print every line as heard")
    parser.add_argument(
        "--stt", choices=LOCAL_STT, default=POCKETSPHINX, help="the offline recognizer"
    )
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

    answering = [False]  # a short reply answers a read-back, as on a call (conversation_order)
    stt = build_stt(Settings(mode="console", stt=args.stt), files, lambda: answering[0])
    start = time.perf_counter()
    await stt.start()  # the model (pocketsphinx: grammar, decoder process), as prewarm does
    print(f"\nSTT {args.stt} started in {time.perf_counter() - start:.2f}s")
    texts = [line.text for line in LINES]
    direct, took = [], []
    audio = [phone_line(line.text) for line in LINES]
    cpu = cpu_seconds()
    for line, frame in zip(LINES, audio, strict=True):
        answering[0] = line.kind == "short"
        start = time.perf_counter()
        event = await stt.recognize([frame])
        took.append(time.perf_counter() - start)
        direct.append(spoken(event.alternatives[0].text))
    cpu = (cpu_seconds() - cpu) / sum(frame.duration for frame in audio)
    paths = {"direct WAV (8 kHz mu-law into the recognizer)": direct}
    if args.phone:
        from tests.e2e.speech_path import hear

        order = conversation_order()
        heard = await hear([texts[i] for i in order], {"AGENT_STT": args.stt})
        by_line = dict(zip(order, heard, strict=True))
        paths["phone (sipp PCMU -> livekit-sip -> Opus -> the agent)"] = [
            spoken(by_line[i]) for i in range(len(texts))
        ]
    print(
        f"\nSTT {stt.provider} {stt.model}, {len(texts)} caller lines by espeak-ng; "
        f"{min(took):.2f}-{max(took):.2f} s per line after the utterance (direct), "
        f"median {statistics.median(took):.2f} s; decoding took {cpu:.2f} CPU seconds per "
        "second of caller speech"
    )
    answers = {normalise(w) for w in (*prompts.confirmation.yes, *prompts.confirmation.no)}
    for name, heard in paths.items():
        report(name, heard, answers, show=args.show)
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
