"""`AGENT_TTS=espeak`: a livekit-agents TTS that speaks with Debian's espeak-ng, on this machine.

espeak-ng writes a WAV stream (22.05 kHz mono) to stdout as it synthesizes; each chunk is
resampled to the telephony rate (16 kHz by default) and pushed to the framework's AudioEmitter
at once, so the first audio leaves before the sentence is finished. The text goes in on stdin,
never on the command line, so no text can be read as an option.

Bounded, whatever the text: espeak-ng reads every character as text (its input markup is taken
out, see `speakable`), at most `MAX_TEXT` characters per synthesis, and an espeak-ng that stops
writing for `STALL_TIMEOUT` seconds, or takes over `SYNTHESIS_TIMEOUT` in all, is killed and the
sentence ends there (the session carries on).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import struct

from livekit import rtc
from livekit.agents import APIConnectionError, APIConnectOptions, tts, utils
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS

log = logging.getLogger("workflows.speech")
EXECUTABLE = "espeak-ng"
MAX_TEXT = 1000  # characters per synthesis (about a minute of speech); a sentence is ~100
STALL_TIMEOUT = 5.0  # seconds espeak-ng may go without writing (it writes every few ms)
SYNTHESIS_TIMEOUT = 20.0  # seconds for one synthesis (MAX_TEXT takes well under one)
_READ_SIZE = 2048  # bytes: ~46 ms of espeak-ng's 22.05 kHz output
# What espeak-ng would not read as text: control characters (\x01 starts an embedded command
# that changes the voice, speed, pitch or volume) and the private-use area (its SSML escapes).
_NOT_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\ue000-\uf8ff]")


class EspeakTTS(tts.TTS):
    """Speech from espeak-ng, streamed as 16-bit mono PCM at `sample_rate` (16000 or 8000)."""

    def __init__(
        self,
        *,
        voice: str = "en-us",
        words_per_minute: int = 165,
        sample_rate: int = 16000,
        executable: str = EXECUTABLE,
        stall_timeout: float = STALL_TIMEOUT,
        synthesis_timeout: float = SYNTHESIS_TIMEOUT,
    ) -> None:
        if sample_rate not in (8000, 16000):
            raise ValueError(f"sample_rate must be 8000 or 16000, not {sample_rate}")
        super().__init__(
            capabilities=tts.TTSCapabilities(streaming=False),
            sample_rate=sample_rate,
            num_channels=1,
        )
        self._voice = voice
        self._wpm = words_per_minute
        self._executable = executable
        self._stall_timeout = stall_timeout
        self._synthesis_timeout = synthesis_timeout

    @property
    def model(self) -> str:
        return self._voice

    @property
    def provider(self) -> str:
        return EXECUTABLE

    def command(self) -> list[str]:
        return [
            self._executable,
            "--stdout",
            "--stdin",
            "-b",
            "1",
            "-v",
            self._voice,
            "-s",
            str(self._wpm),
        ]

    def synthesize(
        self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS
    ) -> tts.ChunkedStream:
        return _EspeakStream(tts=self, input_text=text, conn_options=conn_options)


class _EspeakStream(tts.ChunkedStream):
    _tts: EspeakTTS

    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        output_emitter.initialize(
            request_id=utils.shortuuid(),
            sample_rate=self._tts.sample_rate,
            num_channels=1,
            mime_type="audio/pcm",
            frame_size_ms=20,
        )
        try:
            proc = await asyncio.create_subprocess_exec(
                *self._tts.command(),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
        except OSError as e:
            raise APIConnectionError(
                f"cannot run {self._tts.command()[0]} ({e.strerror}): install it with "
                "`sudo apt-get install espeak-ng`",
                retryable=False,
            ) from None
        deadline = asyncio.get_running_loop().time() + self._tts._synthesis_timeout

        async def bounded(step):  # a stuck espeak-ng must not hold up the call's speech
            left = min(self._tts._stall_timeout, deadline - asyncio.get_running_loop().time())
            try:
                return await asyncio.wait_for(step, max(left, 0))
            except TimeoutError:
                raise APIConnectionError(
                    f"espeak-ng stopped writing (bounds: {self._tts._stall_timeout:g} s "
                    f"silent, {self._tts._synthesis_timeout:g} s in all): killed",
                    retryable=False,
                ) from None

        try:
            assert proc.stdin and proc.stdout and proc.stderr
            proc.stdin.write(speakable(self.input_text).encode("utf-8", "replace") + b"\n")
            proc.stdin.close()
            rate, channels = await bounded(_read_wav_header(proc.stdout))
            if channels != 1:
                raise APIConnectionError(f"espeak-ng wrote {channels} channels, expected 1")
            resampler = rtc.AudioResampler(
                rate,
                self._tts.sample_rate,
                num_channels=1,
                quality=rtc.AudioResamplerQuality.MEDIUM,
            )
            leftover = b""
            while chunk := await bounded(proc.stdout.read(_READ_SIZE)):
                chunk, leftover = _whole_samples(leftover + chunk)
                if chunk:
                    frame = rtc.AudioFrame(chunk, rate, 1, len(chunk) // 2)
                    for out in resampler.push(frame):
                        output_emitter.push(bytes(out.data))
            for out in resampler.flush():
                output_emitter.push(bytes(out.data))
            if await bounded(proc.wait()) != 0:
                error = (await bounded(proc.stderr.read())).decode(errors="replace").strip()
                raise APIConnectionError(f"espeak-ng failed ({proc.returncode}): {error}")
        finally:
            if proc.returncode is None:  # stuck, or cancelled (the caller talked over it)
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                # never let a lost exit status hold up the cancellation
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(proc.wait(), 2)
        output_emitter.flush()


def speakable(text: str, limit: int = MAX_TEXT) -> str:
    """`text` as espeak-ng should say it: every character read as text, at most `limit` of
    them. espeak-ng interprets some input even without SSML (which is off): `[[...]]` as
    phonemes and control characters as embedded commands; brackets become parentheses and
    those characters spaces. A longer text is cut at a space, with a warning."""
    text = _NOT_TEXT.sub(" ", text.replace("[", "(").replace("]", ")"))
    if len(text) > limit:
        log.warning("text to speak cut from %d to %d characters", len(text), limit)
        cut = text.rfind(" ", 0, limit + 1)
        text = text[: cut if cut > limit // 2 else limit]
    return text


def _whole_samples(data: bytes) -> tuple[bytes, bytes]:
    """Split 16-bit PCM into whole samples and the odd byte left over."""
    cut = len(data) - len(data) % 2
    return data[:cut], data[cut:]


async def _read_wav_header(stream: asyncio.StreamReader) -> tuple[int, int]:
    """Read a RIFF/WAVE header up to the start of its data; return (sample rate, channels)."""
    try:
        riff = await stream.readexactly(12)
        if riff[:4] != b"RIFF" or riff[8:12] != b"WAVE":
            raise APIConnectionError("espeak-ng did not write a WAV stream")
        rate = channels = 0
        while True:
            kind, size = struct.unpack("<4sI", await stream.readexactly(8))
            if kind == b"data":
                break
            body = await stream.readexactly(size + size % 2)
            if kind == b"fmt ":
                _, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
                if bits != 16:
                    raise APIConnectionError(f"espeak-ng wrote {bits}-bit audio, expected 16")
    except asyncio.IncompleteReadError:
        raise APIConnectionError("espeak-ng ended before any audio") from None
    if not rate:
        raise APIConnectionError("espeak-ng's WAV stream has no format chunk")
    return rate, channels
