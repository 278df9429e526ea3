"""`AGENT_STT=pocketsphinx`: a livekit-agents STT on PyPI pocketsphinx, limited to a grammar.

The recognizer only hears the phrases of `workflows/speech/grammar.py` (the product's own
vocabulary), with the English acoustic model inside the pocketsphinx wheel: nothing is
downloaded. It recognizes whole utterances; the framework wraps it in `stt.StreamAdapter` with
the session's VAD (silero), which cuts the caller's audio into utterances. Decoding runs in a
thread so the call's event loop never waits on it.
"""

from __future__ import annotations

import asyncio
import logging
import threading

import numpy as np
from livekit import rtc
from livekit.agents import APIConnectOptions, stt, utils
from livekit.agents.types import NOT_GIVEN, NotGivenOr
from livekit.agents.utils import AudioBuffer

from workflows.speech.grammar import Grammar, Vocabulary, build_grammar

log = logging.getLogger("workflows.speech")
SAMPLE_RATE = 16000  # the rate of the English model in the wheel
# Words the product uses that the wheel's dictionary lacks, in its phone set.
EXTRA_WORDS = {"unmute": "AH N M Y UW T", "helpdesk": "HH EH L P D EH S K"}
_SEARCH = "caller"
_HISS = 30.0  # RMS of the noise floor added to every utterance
_QUIET = 100  # RMS of 16-bit samples below which a 10 ms window is not speech (-50 dBFS)


class PocketSphinxSTT(stt.STT):
    """Grammar-limited speech recognition on this machine (rehearsal grade)."""

    def __init__(self, vocab: Vocabulary) -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=False, interim_results=False))
        self._vocab = vocab
        self._decoder = None
        self._grammar: Grammar | None = None
        self._lock = threading.Lock()  # one decoder, one utterance at a time

    @property
    def model(self) -> str:
        return "en-us+grammar"

    @property
    def provider(self) -> str:
        return "pocketsphinx"

    @property
    def grammar(self) -> Grammar:
        """The grammar in use (loading the decoder on first use)."""
        self._load_locked()
        assert self._grammar is not None
        return self._grammar

    def prewarm(self) -> None:
        """Load the decoder in the background; the framework calls this as the agent starts,
        so the caller's first line does not wait for the model."""
        threading.Thread(target=self._load_locked, name="pocketsphinx-load", daemon=True).start()

    def _load_locked(self) -> None:
        with self._lock:
            self._load()

    def _load(self) -> None:
        if self._decoder is not None:
            return
        from pocketsphinx import Decoder

        decoder = Decoder(samprate=SAMPLE_RATE, lm=None, loglevel="FATAL", remove_noise=False)
        for word, phones in EXTRA_WORDS.items():
            if decoder.lookup_word(word) is None:
                decoder.add_word(word, phones, False)
        grammar = build_grammar(self._vocab, known=lambda w: decoder.lookup_word(w) is not None)
        if grammar.dropped:
            log.warning(
                "left out of the speech grammar, not in pocketsphinx's dictionary: %s",
                ", ".join(grammar.dropped),
            )
        decoder.add_jsgf_string(_SEARCH, grammar.jsgf)
        decoder.activate_search(_SEARCH)
        self._decoder, self._grammar = decoder, grammar

    def recognize_pcm(self, pcm: bytes) -> str:
        """The words in 16-bit mono PCM at 16 kHz ("" when nothing in the grammar fits)."""
        speech = trim_silence(pcm)
        if not speech:
            return ""
        with self._lock:
            self._load()
            decoder = self._decoder
            decoder.reinit_feat()  # each utterance on its own: no drift from the last one
            decoder.start_utt()
            decoder.process_raw(with_noise_floor(speech), full_utt=True)
            decoder.end_utt()
            hyp = decoder.hyp()
        return hyp.hypstr.strip() if hyp else ""

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions,
    ) -> stt.SpeechEvent:
        pcm = to_model_rate(utils.merge_frames(buffer))
        text = await asyncio.to_thread(self.recognize_pcm, pcm)
        return stt.SpeechEvent(
            type=stt.SpeechEventType.FINAL_TRANSCRIPT,
            request_id=utils.shortuuid(),
            alternatives=[stt.SpeechData(language="en", text=text, confidence=1.0 if text else 0)],
        )


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
