"""Offline speech out: espeak-ng speaks the agent's lines at the telephony rate, streamed in
small frames and sentence by sentence, and stops when the caller talks over it. The recognizer:
test_speech_recognizer.py; its grammar: test_speech_grammar.py; the settings that choose them:
test_speech_settings.py."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import wave

import numpy as np
import pytest
from livekit import rtc
from livekit.agents import APIConnectionError
from livekit.agents.voice import io

from prompts.schema import render
from tests.support.harness import prompts
from workflows.speech.espeak import MAX_TEXT, EspeakTTS


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


def _fake_espeak(tmp_path, script: str) -> str:
    """An executable standing in for espeak-ng: `script` in sh, with $DIR a folder holding
    `tone.wav` (0.2 s of a tone, espeak-ng's format)."""
    t = np.arange(int(0.2 * 22050)) / 22050
    tone = (8000 * np.sin(2 * np.pi * 440 * t)).astype(np.int16)
    with wave.open(str(tmp_path / "tone.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(tone.tobytes())
    path = tmp_path / "espeak-ng"
    path.write_text(f"#!/bin/sh\nDIR={tmp_path}\n{script}\n")
    path.chmod(0o755)
    return str(path)


async def test_tts_gives_espeak_ng_only_text_to_read(tmp_path):
    """espeak-ng reads [[...]] as phonemes and \\x01 as an embedded command (voice, speed,
    volume) even without SSML: neither reaches it, and nothing breaks the encoding."""
    recorder = _fake_espeak(tmp_path, 'cat > "$DIR/said"; cat "$DIR/tone.wav"')
    text = "Call [[h@'loU]] now\x0120S, \x01V\ue000 ok]]\nbye \ud800"
    await EspeakTTS(executable=recorder).synthesize(text).collect()
    said = (tmp_path / "said").read_bytes().decode("utf-8")  # valid UTF-8
    assert "[[" not in said and "]]" not in said
    assert not [c for c in said[:-1] if ord(c) < 32 or 0x7F <= ord(c) <= 0x9F]
    assert "\ue000" not in said and said.endswith("\n")
    assert said.split() == "Call ((h@'loU)) now 20S, V ok)) bye ?".split()


async def test_tts_markup_is_read_aloud_not_obeyed():
    """The real espeak-ng: `[[h@'loU]]` obeyed is a short "hello"; read as text it is
    spelled out, several times as long."""
    obeyed = subprocess.run(
        ["espeak-ng", "--stdout", "--stdin"], input=b"[[h@'loU]]", capture_output=True
    ).stdout
    obeyed_seconds = (len(obeyed) - 44) / 2 / 22050
    frames = [ev.frame async for ev in EspeakTTS().synthesize("[[h@'loU]]")]
    assert sum(f.duration for f in frames) > 2 * obeyed_seconds


async def test_tts_text_is_cut_at_a_space_past_the_limit(tmp_path, caplog):
    recorder = _fake_espeak(tmp_path, 'cat > "$DIR/said"; cat "$DIR/tone.wav"')
    words = " ".join(f"word{i}" for i in range(2000))
    await EspeakTTS(executable=recorder).synthesize(words).collect()
    said = (tmp_path / "said").read_text()
    assert len(said) <= MAX_TEXT + 1 and words.startswith(said.rstrip("\n"))
    assert said.rstrip("\n").split()[-1] in words.split()  # a whole word
    assert f"text to speak cut from {len(words)} to {MAX_TEXT} characters" in caplog.text
    assert "word0" not in caplog.text  # what was said is not logged


@pytest.mark.parametrize(
    "stuck",
    [
        "exec sleep 600",  # before any audio
        'cat "$DIR/tone.wav"; exec sleep 600',  # in the middle
    ],
)
async def test_a_stuck_espeak_ng_is_killed_and_the_sentence_ends(tmp_path, stuck):
    import psutil

    tts = EspeakTTS(executable=_fake_espeak(tmp_path, stuck), stall_timeout=0.3)
    with pytest.raises(APIConnectionError, match="espeak-ng stopped writing"):
        await asyncio.wait_for(tts.synthesize("hello").collect(), 10)
    assert not [p for p in psutil.Process().children() if p.name() == "sleep"]


async def test_an_espeak_ng_that_never_finishes_is_killed_at_the_overall_bound(tmp_path):
    import psutil

    trickle = f'cat "$DIR/tone.wav"; exec {sys.executable} -c "{_TRICKLE}"'
    tts = EspeakTTS(
        executable=_fake_espeak(tmp_path, trickle), stall_timeout=5, synthesis_timeout=1
    )
    with pytest.raises(APIConnectionError, match="espeak-ng stopped writing"):
        await asyncio.wait_for(tts.synthesize("hello").collect(), 10)
    assert not [p for p in psutil.Process().children() if "python" in p.name()]


# two bytes of silence every 0.1 s, forever: never silent for long, never done
_TRICKLE = (
    "import sys, time\n"
    "while True: sys.stdout.buffer.write(bytes(2)); sys.stdout.flush(); time.sleep(0.1)"
)


class _Speaker(io.AudioOutput):
    """A caller's ear: plays whatever it is given at once."""

    def __init__(self) -> None:
        super().__init__(label="speaker", capabilities=io.AudioOutputCapabilities(pause=False))
        self.segment: float | None = None

    async def capture_frame(self, frame: rtc.AudioFrame) -> None:
        await super().capture_frame(frame)
        self.segment = (self.segment or 0.0) + frame.duration

    def flush(self) -> None:
        super().flush()
        if self.segment is not None:
            self.on_playback_finished(playback_position=self.segment, interrupted=False)
        self.segment = None

    def clear_buffer(self) -> None:
        if self.segment is not None:
            self.on_playback_finished(playback_position=self.segment, interrupted=True)
        self.segment = None


async def test_a_stuck_espeak_ng_ends_the_agents_line_and_the_call_goes_on(tmp_path):
    """The goodbye of a call whose espeak-ng hangs: the line ends at the bound (the ending can
    then go on), the session stays open."""
    from livekit.agents import Agent, AgentSession

    stuck = EspeakTTS(executable=_fake_espeak(tmp_path, "exec sleep 600"), stall_timeout=0.3)
    async with AgentSession(tts=stuck) as session:
        closed = []
        session.on("close", closed.append)
        session.output.audio = _Speaker()
        await session.start(Agent(instructions="Say goodbye."))
        line = session.say(prompts().shared.goodbye)
        await asyncio.wait_for(line.wait_for_playout(), 10)
        assert line.done() and not closed
