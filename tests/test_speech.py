"""Offline speech: espeak-ng TTS, pocketsphinx STT on the product's grammar, and the settings
that choose them. Caller audio is made at test time by espeak-ng and sent through a telephone
line (8 kHz, mu-law), like a real call."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import numpy as np
import pytest
from livekit import rtc
from livekit.agents import APIConnectionError, stt

from prompts.schema import render
from tests.harness import files, prompts
from tests.speech_bench import PHONE_RATE, phone_line, word_errors
from workflows.call.settings import Settings, SettingsError
from workflows.rehearsal.nlu import understand
from workflows.speech.espeak import EspeakTTS
from workflows.speech.grammar import (
    CALLER_NAMES,
    DIGITS,
    NO_WORDS,
    YES_WORDS,
    Vocabulary,
    build_grammar,
    normalise,
    project_vocabulary,
)
from workflows.speech.pocketsphinx import PocketSphinxSTT
from workflows.worker.pipeline import build_stt, build_tts


def _rms(frames: list[rtc.AudioFrame]) -> float:
    samples = np.concatenate([np.frombuffer(f.data, dtype=np.int16) for f in frames])
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))


# --------------------------------------------------------------------------- espeak-ng TTS
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


# --------------------------------------------------------------------------- grammar
def test_grammar_holds_the_products_vocabulary():
    vocab = project_vocabulary(files().directory, ("Ada", "Sam"), ("yes", "sounds good"), ("nope",))
    jsgf = build_grammar(vocab).jsgf
    for phrase in [
        "dana scully",
        "mulder",
        "sales desk",
        "help desk",
        "ada",
        "sam",
        "sounds good",
        "nope",
        "who is on the call",
        "goodbye",
        "remove",
        "mute",
        "add",
        "call",
        "dial",
        "this is",
        "i'm",
        "extension",
        "press",
        "star",
        *DIGITS,
    ]:
        assert phrase in jsgf, phrase
    assert "sarah" not in jsgf  # the given names replace the built-in list


def test_grammar_leaves_out_words_the_dictionary_cannot_say():
    vocab = Vocabulary(caller_names=("Ada", "Xyzzy"), contact_names=("Dana Qwrtz",))
    grammar = build_grammar(vocab, known=lambda word: "xyzzy" not in word and "qwrtz" not in word)
    assert grammar.dropped == ("xyzzy", "dana qwrtz")
    assert "xyzzy" not in grammar.jsgf and "ada" in grammar.jsgf


def test_default_word_lists_are_in_the_recognizers_dictionary():
    recognizer = PocketSphinxSTT(project_vocabulary(files().directory))
    assert recognizer.grammar.dropped == ()  # "unmute" and "helpdesk" get pronunciations
    for phrase in (*YES_WORDS, *NO_WORDS, *CALLER_NAMES, "unmute", "helpdesk"):
        assert normalise(phrase) in recognizer.grammar.jsgf


# --------------------------------------------------------------------------- recognizer
@pytest.fixture(scope="module")
def recognizer() -> PocketSphinxSTT:
    return PocketSphinxSTT(project_vocabulary(files().directory))


@pytest.mark.parametrize(
    "line, reading",
    [
        ("Who is on the call?", {"action": "list"}),
        ("Mute Fox Mulder.", {"action": "mute", "target": "fox mulder"}),
        ("Goodbye.", {"goodbye": True}),
        ("No.", {"confirm": False}),
        (
            "Dial plus one four one five five five five zero one four two.",
            {"action": "add", "phone_number": "+14155550142"},
        ),
    ],
)
async def test_recognizer_hears_caller_lines_through_a_phone_line(recognizer, line, reading):
    audio = phone_line(line)
    assert audio.sample_rate == PHONE_RATE
    event = await recognizer.recognize([audio])
    assert event.type == stt.SpeechEventType.FINAL_TRANSCRIPT
    heard = event.alternatives[0].text
    assert word_errors(normalise(line), heard) == 0, heard
    understood = understand(heard)
    for field, value in reading.items():
        got = getattr(understood, field)
        assert (got.lower() if isinstance(got, str) else got) == value, (heard, understood)


async def test_recognizer_hears_nothing_in_silence(recognizer):
    silence = rtc.AudioFrame(b"\0\0" * PHONE_RATE, PHONE_RATE, 1, PHONE_RATE)
    event = await recognizer.recognize([silence])
    assert event.alternatives[0].text == ""


async def test_framework_stream_adapter_with_vad_turns_speech_into_a_transcript(recognizer):
    """How AgentSession runs a non-streaming STT: VAD cuts utterances, the STT reads each."""
    from livekit.plugins import silero

    adapter = stt.StreamAdapter(stt=recognizer, vad=silero.VAD.load())
    line = phone_line("Who is on the call?")
    quiet = rtc.AudioFrame(b"\0\0" * PHONE_RATE, PHONE_RATE, 1, PHONE_RATE)
    finals = []
    async with adapter.stream() as stream:
        for frame in (quiet, line, quiet):
            step = PHONE_RATE // 50  # 20 ms frames, as RTP delivers them
            data = np.frombuffer(frame.data, dtype=np.int16)
            for i in range(0, len(data), step):
                chunk = data[i : i + step].tobytes()
                stream.push_frame(rtc.AudioFrame(chunk, PHONE_RATE, 1, len(chunk) // 2))
        stream.end_input()
        async for event in stream:
            if event.type == stt.SpeechEventType.FINAL_TRANSCRIPT:
                finals.append(event.alternatives[0].text)
    assert finals == ["who is on the call"]


# --------------------------------------------------------------------------- settings, models
CREDS = {
    "LIVEKIT_URL": "ws://127.0.0.1:7880",
    "LIVEKIT_API_KEY": "k",
    "LIVEKIT_API_SECRET": "s",
    "SIP_TRUNK_ID": "ST_1",
}
OFFLINE_SPEECH = {"AGENT_TTS": "espeak", "AGENT_STT": "pocketsphinx"}


def test_offline_speech_needs_no_livekit_credentials_in_the_console():
    s = Settings.from_env(OFFLINE_SPEECH, mode="console")
    assert (s.llm, s.stt, s.tts) == ("offline", "pocketsphinx", "espeak")
    assert "STT pocketsphinx, TTS espeak" in s.banner()
    assert isinstance(build_tts(s), EspeakTTS)
    assert isinstance(build_stt(s, files()), PocketSphinxSTT)


@pytest.mark.parametrize("mode", ["dev", "start"])
def test_workers_with_offline_speech_and_model_start(mode):
    s = Settings.from_env({**CREDS, **OFFLINE_SPEECH, "AGENT_LLM": "offline"}, mode=mode)
    assert (s.stt, s.tts) == ("pocketsphinx", "espeak")


@pytest.mark.parametrize("mode", ["dev", "start"])
@pytest.mark.parametrize(
    "speech, named",
    [
        ({}, "AGENT_STT=offline and AGENT_TTS=offline are text only"),
        ({"AGENT_TTS": "espeak"}, "AGENT_STT=offline is text only"),
        ({"AGENT_STT": "pocketsphinx", "AGENT_TTS": "offline"}, "AGENT_TTS=offline is text only"),
    ],
)
def test_workers_refuse_text_only_speech_and_say_why_and_what_to_set(mode, speech, named):
    with pytest.raises(SettingsError) as info:
        Settings.from_env({**CREDS, "AGENT_LLM": "offline", **speech}, mode=mode)
    message = str(info.value)
    assert f"`{mode}` needs speech, but {named}" in message
    assert "answers a phone call only once the agent publishes audio" in message
    assert "leaves every caller ringing" in message
    assert "AGENT_TTS=espeak AGENT_STT=pocketsphinx" in message


def test_console_keeps_text_only():
    s = Settings.from_env({}, mode="console")
    assert (s.stt, s.tts) == ("offline", "offline")


def test_espeak_must_be_installed_to_be_chosen(monkeypatch):
    import workflows.call.settings as settings_module

    monkeypatch.setattr(settings_module.shutil, "which", lambda name: None)
    with pytest.raises(SettingsError, match="AGENT_TTS=espeak needs espeak-ng.*apt-get install"):
        Settings.from_env(OFFLINE_SPEECH, mode="console")


def test_caller_names_are_configurable_and_checked():
    s = Settings.from_env(
        {**OFFLINE_SPEECH, "SPEECH_CALLER_NAMES": "Zoe, Mary-Jane"}, mode="console"
    )
    assert s.speech_caller_names == ("Zoe", "Mary-Jane")
    assert "zoe" in build_stt(s, files()).grammar.jsgf
    with pytest.raises(SettingsError, match="SPEECH_CALLER_NAMES is a comma-separated list"):
        Settings.from_env({"SPEECH_CALLER_NAMES": "Zoe, 42"}, mode="console")


def test_dev_worker_with_text_only_speech_exits_at_start_up(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEKIT_", "SIP_", "AGENT_"))}
    env.update({**CREDS, "AGENT_LLM": "offline"})
    result = subprocess.run(
        [sys.executable, "-m", "workflows.main", "dev"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "cannot start: `dev` needs speech" in result.stderr
    assert "AGENT_TTS=espeak AGENT_STT=pocketsphinx" in result.stderr


async def test_recognizer_loaded_in_the_background_by_prewarm_recognizes():
    fresh = PocketSphinxSTT(project_vocabulary(files().directory))
    fresh.prewarm()  # returns at once; the first recognition waits for the load if need be
    event = await fresh.recognize([phone_line("Goodbye.")])
    assert event.alternatives[0].text == "goodbye"


def test_grammar_uses_the_confirmation_words_of_the_prompts():
    words = prompts().confirmation
    recognizer = build_stt(Settings(mode="console", stt="pocketsphinx"), files())
    jsgf = recognizer.grammar.jsgf
    yes_rule = next(line for line in jsgf.splitlines() if line.startswith("<yes> ="))
    no_rule = next(line for line in jsgf.splitlines() if line.startswith("<no> ="))
    said = set(recognizer.grammar.dropped)
    assert {normalise(w) for w in words.yes} - said <= set(yes_rule[8:-1].split(" | "))
    assert {normalise(w) for w in words.no} - said <= set(no_rule[7:-1].split(" | "))


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


def test_names_the_recognizer_cannot_say_are_logged_not_fatal(caplog):
    recognizer = PocketSphinxSTT(Vocabulary(caller_names=("Ada", "Xqzzyv")))
    assert recognizer.grammar.dropped == ("xqzzyv",)
    assert "not in pocketsphinx's dictionary: xqzzyv" in caplog.text


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
