"""Offline speech out: espeak-ng speaks the agent's lines at the telephony rate, streamed in
small frames and sentence by sentence, and stops when the caller talks over it. The recognizer:
test_speech_recognizer.py; its grammar: test_speech_grammar.py; the settings that choose them:
test_speech_settings.py."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
from livekit import rtc
from livekit.agents import APIConnectionError

from prompts.schema import render
from tests.support.harness import prompts
from workflows.speech.espeak import EspeakTTS


def _rms(frames: list[rtc.AudioFrame]) -> float:
    samples = np.concatenate([np.frombuffer(f.data, dtype=np.int16) for f in frames])
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))


@pytest.mark.parametrize("rate", [16000, 8000])
async def test_tts_streams_speech_at_the_telephony_rate(rate):
    text = render(prompts().host.read_back, who="+1 415-555-0100")
    frames = [ev.frame async for ev in EspeakTTS(sample_rate=rate).synthesize(text)]
    assert {(f.sample_rate, f.num_channels) for f in frames} == {(rate, 1)}
    assert sum(f.duration for f in frames) > 2.0  # a whole sentence, not a blip
    assert _rms(frames) > 500  # speech, not silence
    # streamed in small frames (20 ms) rather than one buffer at the end
    assert len(frames) > 50 and max(f.duration for f in frames) <= 0.05


async def test_tts_reads_text_that_looks_like_an_option_as_text():
    frames = [ev.frame async for ev in EspeakTTS().synthesize("--version -v xx")]
    assert _rms(frames) > 500


async def test_tts_without_espeak_ng_says_how_to_install_it():
    tts = EspeakTTS(executable="/nonexistent/espeak-ng")
    with pytest.raises(APIConnectionError, match="apt-get install espeak-ng"):
        await tts.synthesize("hello").collect()


def test_tts_refuses_a_rate_a_phone_line_does_not_use():
    with pytest.raises(ValueError, match="8000 or 16000"):
        EspeakTTS(sample_rate=44100)


async def test_framework_stream_adapter_speaks_a_streamed_reply_sentence_by_sentence():
    """How AgentSession runs a non-streaming TTS: the reply's text, pushed as it streams in,
    is cut into sentences and each is synthesized by espeak-ng."""
    from livekit.agents import tts as agents_tts

    adapter = agents_tts.StreamAdapter(tts=EspeakTTS())
    frames = []
    async with adapter.stream() as stream:
        first, second = render(prompts().host.read_back, who="+1 415-555-0100").split(". ", 1)
        stream.push_text(first + ". ")
        stream.push_text(second)
        stream.end_input()
        async for event in stream:
            frames.append(event.frame)
    assert {f.sample_rate for f in frames} == {16000}
    assert sum(f.duration for f in frames) > 2.0 and _rms(frames) > 500


async def test_interrupted_speech_stops_espeak_ng():
    """A caller who talks over the agent cancels the synthesis: no espeak-ng is left running."""
    import psutil

    me = psutil.Process()
    stream = EspeakTTS().synthesize(" ".join([render(prompts().receptionist.greeting)] * 20))
    async for _ in stream:
        break  # the first frame is out while espeak-ng is still speaking
    running = [p for p in me.children() if p.name() == "espeak-ng"]
    assert running
    await asyncio.wait_for(stream.aclose(), 10)
    assert not [p for p in running if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
