"""`AGENT_TTS=espeak`: a livekit-agents TTS that speaks with Debian's espeak-ng, on this machine.

espeak-ng writes a WAV stream (22.05 kHz mono) to stdout as it synthesizes; each chunk is
resampled to the telephony rate (16 kHz by default) and pushed to the framework's AudioEmitter
at once, so the first audio leaves before the sentence is finished. The text goes in on stdin,
never on the command line, so no text can be read as an option.
"""

from __future__ import annotations

import asyncio
import contextlib
import struct

from livekit import rtc
from livekit.agents import APIConnectionError, APIConnectOptions, tts, utils
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS

EXECUTABLE = "espeak-ng"
_READ_SIZE = 2048  # bytes: ~46 ms of espeak-ng's 22.05 kHz output


class EspeakTTS(tts.TTS):
    """Speech from espeak-ng, streamed as 16-bit mono PCM at `sample_rate` (16000 or 8000)."""

    def __init__(
        self,
        *,
        voice: str = "en-us",
        words_per_minute: int = 165,
        sample_rate: int = 16000,
        executable: str = EXECUTABLE,
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
        try:
            assert proc.stdin and proc.stdout and proc.stderr
            proc.stdin.write(self.input_text.encode("utf-8") + b"\n")
            proc.stdin.close()
            rate, channels = await _read_wav_header(proc.stdout)
            if channels != 1:
                raise APIConnectionError(f"espeak-ng wrote {channels} channels, expected 1")
            resampler = rtc.AudioResampler(
                rate,
                self._tts.sample_rate,
                num_channels=1,
                quality=rtc.AudioResamplerQuality.MEDIUM,
            )
            leftover = b""
            while chunk := await proc.stdout.read(_READ_SIZE):
                chunk, leftover = _whole_samples(leftover + chunk)
                if chunk:
                    frame = rtc.AudioFrame(chunk, rate, 1, len(chunk) // 2)
                    for out in resampler.push(frame):
                        output_emitter.push(bytes(out.data))
            for out in resampler.flush():
                output_emitter.push(bytes(out.data))
            if await proc.wait() != 0:
                error = (await proc.stderr.read()).decode(errors="replace").strip()
                raise APIConnectionError(f"espeak-ng failed ({proc.returncode}): {error}")
        finally:
            if proc.returncode is None:  # cancelled (the caller talked over the agent)
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                # never let a lost exit status hold up the cancellation
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(proc.wait(), 2)
        output_emitter.flush()


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
