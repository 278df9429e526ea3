"""`AGENT_STT=pocketsphinx`: a livekit-agents STT on PyPI pocketsphinx, limited to a grammar.

The recognizer only hears the phrases of `workflows/speech/grammar.py` (the product's own
vocabulary), with the English acoustic model inside the pocketsphinx wheel: nothing is
downloaded. It recognizes whole utterances; the framework wraps it in `stt.StreamAdapter` with
the session's VAD (silero), which cuts the caller's audio into utterances.

Bounded: the first `MAX_UTTERANCE` seconds of an utterance's speech are recognized (the rest is
not heard, and a warning says so), by a decoder in a process of its own
(`workflows/speech/sphinx_process.py`), so the call's event loop never waits on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
from collections.abc import Callable

import numpy as np
from livekit import rtc
from livekit.agents import APIConnectOptions, stt, utils
from livekit.agents.types import NOT_GIVEN, NotGivenOr
from livekit.agents.utils import AudioBuffer

from workflows.speech.grammar import Grammar, Vocabulary, build_grammar
from workflows.speech.sphinx_process import (
    ANSWER,
    COMMAND,
    DECODE_TIMEOUT,
    LINE,
    SAMPLE_RATE,
    SphinxProcess,
)

log = logging.getLogger("workflows.speech")
MAX_UTTERANCE = 15.0  # seconds of speech recognized per utterance; a request takes about 5
# Words the product uses that the wheel's dictionary lacks, in its phone set.
EXTRA_WORDS = {
    "unmute": "AH N M Y UW T",
    "helpdesk": "HH EH L P D EH S K",
    "genau": "G AH N AW",  # German "exactly", a yes word of prompts/confirmation.yaml
    "aight": "AY T",  # slang "alright", a yes word of prompts/confirmation.yaml
    # The host's name (prompts/conference_host.yaml) as espeak-ng and British English say it
    # ("AH-va"); the dictionary has only "AY-va". Without it "Ava, who is on the call?" was
    # heard as "i would like a call".
    "ava(2)": "AA V AH",
}
_HISS = 30.0  # RMS of the noise floor added to every utterance
_QUIET = 100  # RMS of 16-bit samples below which a 10 ms window is not speech (-50 dBFS)


class PocketSphinxSTT(stt.STT):
    """Grammar-limited speech recognition on this machine (rehearsal grade)."""

    def __init__(
        self,
        vocab: Vocabulary,
        *,
        max_utterance: float = MAX_UTTERANCE,
        command: tuple[str, ...] = COMMAND,
        decode_timeout: float = DECODE_TIMEOUT,
        answering: Callable[[], bool] | None = None,
    ) -> None:
        """`answering` says whether a read-back is waiting for the caller's answer: then an
        utterance is heard with the answer grammar only (yes, no, a corrected number)."""
        super().__init__(capabilities=stt.STTCapabilities(streaming=False, interim_results=False))
        self._vocab = vocab
        self._answering = answering
        self._max_utterance = max_utterance
        self._process = SphinxProcess(self._setup, command=command, decode_timeout=decode_timeout)

    @property
    def model(self) -> str:
        return "en-us+grammar"

    @property
    def provider(self) -> str:
        return "pocketsphinx"

    @functools.cached_property
    def grammar(self) -> Grammar:
        """The grammar in use: the vocabulary's phrases whose words the dictionary can say."""
        wanted: set[str] = set()
        build_grammar(self._vocab, known=lambda w: wanted.add(w) is None)  # collects the words
        said = _dictionary_words(wanted) | EXTRA_WORDS.keys()
        grammar = build_grammar(self._vocab, known=said.__contains__)
        if grammar.dropped:
            log.warning(
                "left out of the speech grammar, not in pocketsphinx's dictionary: %s",
                ", ".join(grammar.dropped),
            )
        return grammar

    def _setup(self) -> dict:
        return {"jsgf": self.grammar.jsgf, "answer": self.grammar.answer, "words": EXTRA_WORDS}

    def prewarm(self) -> None:
        """Start the decoder in the background; the framework calls this as the agent starts,
        so the caller's first line does not wait for the model."""
        with contextlib.suppress(RuntimeError):  # no event loop: the first line starts it
            self._prewarm = asyncio.get_running_loop().create_task(self.start())

    async def start(self) -> None:
        """Start the decoder process now if it is not running (logged, not raised, if it
        fails: the next utterance tries again)."""
        try:
            await self._process.start()
        except (OSError, EOFError) as e:
            log.warning("speech recognition could not start: %s", e)

    async def aclose(self) -> None:
        """Stop the decoder process (it also ends by itself when this process goes)."""
        await self._process.aclose()

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions,
    ) -> stt.SpeechEvent:
        frame = utils.merge_frames(buffer)
        speech = await asyncio.to_thread(lambda: self.speech(to_model_rate(frame)))
        text = ""
        if speech:
            answer = self._answering is not None and self._answering()
            text = await self._process.recognize(speech, ANSWER if answer else LINE)
        return final_transcript(text)

    def speech(self, pcm: bytes) -> bytes:
        """What of an utterance (16 kHz PCM) the decoder gets: its speech without the quiet
        around it, at most `max_utterance` seconds of it, over a faint noise floor."""
        speech = capped_speech(pcm, self._max_utterance)
        return with_noise_floor(speech) if speech else b""


def _dictionary_words(wanted: set[str]) -> set[str]:
    """Which of `wanted` the English dictionary in the pocketsphinx wheel can say."""
    from pocketsphinx import get_model_path

    path = os.path.join(get_model_path(), "en-us", "cmudict-en-us.dict")
    with open(path, encoding="utf-8") as dictionary:
        # "word phones", or "word(2) phones" for another pronunciation
        return {w for line in dictionary if (w := line.split(" ", 1)[0].split("(")[0]) in wanted}


def to_model_rate(frame: rtc.AudioFrame) -> bytes:
    """16-bit mono PCM at the model's rate, from a frame of any rate and channel count."""
    samples = np.frombuffer(frame.data, dtype=np.int16)
    if frame.num_channels > 1:
        samples = samples.reshape(-1, frame.num_channels).mean(axis=1).astype(np.int16)
    if frame.sample_rate == SAMPLE_RATE:
        return samples.tobytes()
    resampler = rtc.AudioResampler(
        frame.sample_rate, SAMPLE_RATE, num_channels=1, quality=rtc.AudioResamplerQuality.HIGH
    )
    mono = rtc.AudioFrame(samples.tobytes(), frame.sample_rate, 1, len(samples))
    return b"".join(bytes(f.data) for f in [*resampler.push(mono), *resampler.flush()])


def with_noise_floor(pcm: bytes) -> bytes:
    """Add a faint, fixed hiss (-60 dBFS) like a phone line's: the model was trained on
    recordings, and digital silence (exact zeros between words) derails its features."""
    samples = np.frombuffer(pcm, dtype=np.int16).astype(np.float64)
    hiss = np.random.default_rng(0).normal(0.0, _HISS, len(samples))
    return np.clip(samples + hiss, -32768, 32767).astype(np.int16).tobytes()


def final_transcript(text: str) -> stt.SpeechEvent:
    """What a whole-utterance recognizer hands the framework: `text` ("" when nothing was
    heard, with no confidence)."""
    return stt.SpeechEvent(
        type=stt.SpeechEventType.FINAL_TRANSCRIPT,
        request_id=utils.shortuuid(),
        alternatives=[stt.SpeechData(language="en", text=text, confidence=1.0 if text else 0)],
    )


def capped_speech(pcm: bytes, max_utterance: float) -> bytes:
    """The speech of an utterance (16 kHz PCM) without the quiet around it, at most
    `max_utterance` seconds of it (a longer one is logged)."""
    speech = trim_silence(pcm)
    limit = int(max_utterance * SAMPLE_RATE) * 2
    if len(speech) > limit:
        log.warning(
            "caller utterance of %.0f s: only its first %.0f s are recognized",
            len(speech) / 2 / SAMPLE_RATE,
            max_utterance,
        )
        speech = speech[:limit]
    return speech


def trim_silence(pcm: bytes, *, margin: float = 0.05) -> bytes:
    """Cut the quiet before and after the speech in 16 kHz PCM, keeping `margin` seconds.
    The VAD hands over utterances with silence around them, which the grammar search reads
    as words."""
    samples = np.frombuffer(pcm, dtype=np.int16)
    window = SAMPLE_RATE // 100  # 10 ms
    count = len(samples) // window
    if count == 0:
        return pcm
    energy = np.sqrt(
        np.mean(samples[: count * window].reshape(count, window).astype(np.float64) ** 2, axis=1)
    )
    loud = np.flatnonzero(energy > max(_QUIET, 0.1 * energy.max()))
    if len(loud) == 0:
        return b""
    keep = int(margin * 100)
    start = max(0, loud[0] - keep) * window
    end = min(count, loud[-1] + 1 + keep) * window
    return samples[start:end].tobytes()
