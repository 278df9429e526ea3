"""Offline speech in, bounded: a long or stuck decoding never holds up the call. The decoder
runs in a process of its own (a stand-in decoder here: tests/support/fake_sphinx.py, on the
product's own child loop); the real one: test_speech_recognizer.py."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import numpy as np
import psutil
import pytest
from livekit import rtc

from workflows.speech.grammar import Vocabulary
from workflows.speech.pocketsphinx import MAX_UTTERANCE, PocketSphinxSTT
from workflows.speech.sphinx_process import SAMPLE_RATE, SphinxProcess

VOCAB = Vocabulary(caller_names=("Ada",))


def fake(mode: str, **options) -> PocketSphinxSTT:
    command = (sys.executable, "-m", "tests.support.fake_sphinx", mode)
    return PocketSphinxSTT(VOCAB, command=command, **options)


def loud(seconds: float, rate: int = SAMPLE_RATE) -> rtc.AudioFrame:
    """A steady tone: speech as far as the silence trimming can tell."""
    t = np.arange(int(seconds * rate)) / rate
    samples = (8000 * np.sin(2 * np.pi * 440 * t)).astype(np.int16)
    return rtc.AudioFrame(samples.tobytes(), rate, 1, len(samples))


async def heard(recognizer: PocketSphinxSTT, frame: rtc.AudioFrame) -> str:
    """What the recognizer heard; a recognition that never ends fails the test."""
    event = await asyncio.wait_for(recognizer.recognize([frame]), 20)
    return event.alternatives[0].text


async def test_a_slow_decoding_never_holds_up_the_calls_event_loop():
    """The stand-in takes 2 s over a 20 s utterance, keeping its own process's GIL the whole
    time as pocketsphinx does; the call's loop meanwhile goes round as usual."""
    recognizer = fake("slow", max_utterance=20)
    await recognizer.start()  # loaded, as prewarm does before the caller speaks
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    beat = asyncio.create_task(heartbeat())
    try:
        assert await heard(recognizer, loud(20)) == "goodbye"
    finally:
        beat.cancel()
        await recognizer.aclose()
    assert ticks >= 20  # about 200 on an idle machine; none if the decoder held this loop


async def test_only_the_first_seconds_of_a_long_utterance_are_decoded(caplog):
    recognizer = fake("length")
    try:
        decoded = int(await heard(recognizer, loud(60)))
    finally:
        await recognizer.aclose()
    assert decoded == int(MAX_UTTERANCE * SAMPLE_RATE) * 2
    assert "caller utterance of 60 s: only its first 15 s are recognized" in caplog.text


def test_an_utterance_within_the_limit_is_decoded_whole():
    pcm = bytes(loud(MAX_UTTERANCE - 1).data)
    assert len(PocketSphinxSTT(VOCAB).speech(pcm)) == len(pcm)


async def test_a_decoder_that_never_answers_is_killed_and_the_utterance_not_heard(caplog):
    recognizer = fake("hang", decode_timeout=0.5)
    try:
        first = await recognizer._process.start()
        assert await heard(recognizer, loud(1)) == ""
        assert "speech recognition took over 0 s: restarting it" in caplog.text
        await asyncio.wait_for(first.wait(), 10)  # killed, not left decoding
        second = await recognizer._process.start()  # the next utterance gets a new one
        assert second.pid != first.pid
    finally:
        await recognizer.aclose()


async def test_a_decoder_that_dies_means_not_heard_not_a_failed_call(caplog):
    recognizer = fake("exit")
    try:
        assert await heard(recognizer, loud(1)) == ""
    finally:
        await recognizer.aclose()
    assert "speech recognition failed (the decoder process ended" in caplog.text


async def test_the_decoder_process_ends_when_the_call_process_closes_its_input():
    recognizer = fake("length")
    proc = await recognizer._process.start()
    proc.stdin.close()  # as when the call's process is gone
    assert await asyncio.wait_for(proc.wait(), 10) == 0
    await recognizer.aclose()


async def test_ctrl_c_meant_for_the_call_does_not_stop_the_decoder():
    """In the voice console Ctrl+C reaches every process of the terminal's group."""
    recognizer = fake("length")
    try:
        proc = await recognizer._process.start()
        os.kill(proc.pid, signal.SIGINT)
        assert await heard(recognizer, loud(1)) != ""
        assert psutil.pid_exists(proc.pid) and proc.returncode is None
    finally:
        await recognizer.aclose()


async def test_a_decoder_that_never_gets_ready_is_killed_not_kept():
    command = (sys.executable, "-m", "tests.support.fake_sphinx", "stuck-loading")
    process = SphinxProcess(lambda: {}, command=command, load_timeout=0.5)
    with pytest.raises(EOFError, match="no decoder after"):
        await process.start()
    stragglers = [
        p for p in psutil.Process().children() if "stuck-loading" in " ".join(p.cmdline())
    ]
    assert not [p for p in stragglers if p.status() != psutil.STATUS_ZOMBIE]
    assert process._proc is None  # the next utterance starts a new one


async def test_while_a_read_back_waits_the_answer_grammar_hears_the_utterance():
    waiting = [False]
    recognizer = fake("search", answering=lambda: waiting[0])
    try:
        assert await heard(recognizer, loud(1)) == "caller"
        waiting[0] = True
        assert await heard(recognizer, loud(1)) == "answer"
    finally:
        await recognizer.aclose()
