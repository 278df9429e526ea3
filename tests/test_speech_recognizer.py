"""Offline speech in: pocketsphinx on the product's grammar hears caller lines made at test time
by espeak-ng and sent through a telephone line (8 kHz, mu-law), like a real call."""

from __future__ import annotations

import numpy as np
import pytest
import pytest_asyncio
from livekit import rtc
from livekit.agents import stt

from tests.speech_bench import PHONE_RATE, phone_line, word_errors
from tests.support.harness import files
from workflows.rehearsal.nlu import understand
from workflows.speech.grammar import normalise, project_vocabulary
from workflows.speech.pocketsphinx import PocketSphinxSTT

pytestmark = pytest.mark.asyncio(loop_scope="module")  # one decoder process for the module


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def recognizer():
    recognizer = PocketSphinxSTT(project_vocabulary(files().directory))
    yield recognizer
    await recognizer.aclose()


@pytest.mark.parametrize(
    "line, reading",
    [
        ("Who is on the call?", {"action": "list"}),
        ("Mute Fox Mulder.", {"action": "mute", "target": "fox mulder"}),
        ("Goodbye.", {"goodbye": True}),
        ("Thanks, that helps a lot.", {"action": None, "goodbye": False}),  # small talk
        ("How was the trip?", {"action": None, "goodbye": False}),
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
    if "confirm" not in reading:  # a yes or no may come back as another word of its list
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


async def test_recognizer_loaded_in_the_background_by_prewarm_recognizes():
    fresh = PocketSphinxSTT(project_vocabulary(files().directory))
    fresh.prewarm()  # returns at once; the first recognition waits for the load if need be
    event = await fresh.recognize([phone_line("Goodbye.")])
    await fresh.aclose()
    assert event.alternatives[0].text == "goodbye"


async def test_a_long_utterance_is_recognized_from_its_start():
    line = np.frombuffer(phone_line("Who is on the call?").data, dtype=np.int16)
    rambling = np.tile(line, 1 + int(3 * PHONE_RATE / len(line)))  # past a 2 s limit
    capped = PocketSphinxSTT(project_vocabulary(files().directory), max_utterance=2)
    event = await capped.recognize(
        [rtc.AudioFrame(rambling.tobytes(), PHONE_RATE, 1, len(rambling))]
    )
    await capped.aclose()
    assert event.alternatives[0].text.startswith("who is on the call")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def answering():
    """The recognizer while a read-back waits for the caller's answer."""
    recognizer = PocketSphinxSTT(project_vocabulary(files().directory), answering=lambda: True)
    yield recognizer
    await recognizer.aclose()


@pytest.mark.parametrize(
    "line",
    [
        *("Yes please.", "Yes.", "Yep.", "No.", "That's right.", "Cancel.", "No thanks."),
        # out of the grammar: the whole grammar makes commands of these ("can you add zero
        # three", "add oh one thirteen one eight")
        *("Can you hear me?", "The weather is nice today.", "Hmm."),
    ],
)
async def test_a_short_reply_to_a_read_back_is_never_heard_as_a_command(answering, line):
    heard = (await answering.recognize([phone_line(line)])).alternatives[0].text
    reading = understand(heard)
    assert not (reading.action or reading.target), heard
    meant = understand(line).confirm
    if meant is None:  # not an answer: never heard as a yes
        assert not reading.confirm, heard
    else:  # an answer: never heard as the opposite
        assert reading.confirm in (None, meant), heard


@pytest.mark.parametrize("noise", ["hiss", "breath", "hum"])
async def test_noise_is_heard_as_nothing(recognizer, noise):
    rng = np.random.default_rng(7)
    n = PHONE_RATE
    samples = {
        "hiss": rng.normal(0, 2000, n),
        "breath": np.convolve(rng.normal(0, 3000, n), np.ones(40) / 40, "same"),
        "hum": 3000 * np.sin(np.arange(n) * 2 * np.pi * 120 / PHONE_RATE),
    }[noise].astype(np.int16)
    frame = rtc.AudioFrame(samples.tobytes(), PHONE_RATE, 1, n)
    assert (await recognizer.recognize([frame])).alternatives[0].text == ""
