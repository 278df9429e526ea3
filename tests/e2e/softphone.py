"""A real softphone, baresip from Debian, calling the local agent: it plays a WAV as its
microphone and records what it hears. The README's "Call your local agent from a softphone"
uses the same configuration; `make e2e` runs it (tests/e2e/test_softphone_real.py)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from pathlib import Path

from tests.e2e import rtp

CONFIG = """\
sip_listen      {ip}:{port}
audio_source    aufile,{folder}/say.wav
audio_player    aufile,{folder}/heard.wav
audio_alert     aufile,{folder}/alert.wav
module_path     /usr/lib/baresip/modules
module          g711.so
module          aufile.so
module          sndfile.so
snd_path        {folder}/snd
module_app      account.so
module_app      menu.so
"""


def configure(
    folder: Path, ip: str, port: int, say: str, seconds: float, after: float = 8.0
) -> None:
    """baresip's config folder: listen at ip:port, no registration, G.711 only; the microphone
    is `after` seconds of silence (the greeting), `say` spoken by espeak-ng, then silence to
    `seconds`; what it hears is written under snd/ (sndfile's *-dec.wav)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "snd").mkdir(exist_ok=True)
    (folder / "config").write_text(CONFIG.format(ip=ip, port=port, folder=folder))
    (folder / "accounts").write_text(f"<sip:phone@{ip}>;regint=0\n")
    speech = b"\0\0" * int(after * rtp.PHONE_RATE) + (rtp.spoken(say) if say else b"")
    pad = max(0, int(seconds * rtp.PHONE_RATE) - len(speech) // 2)
    rtp.write_wav(folder / "say.wav", speech + b"\0\0" * pad)
    rtp.write_wav(folder / "alert.wav", b"\0\0" * rtp.PHONE_RATE)


def command(folder: Path, number: str, sip_address: str, seconds: float) -> list[str]:
    return [
        "baresip",
        "-f",
        str(folder),
        "-e",
        f"/dial sip:{number}@{sip_address}",
        "-t",
        str(int(seconds)),
    ]


async def call(
    folder: Path, number: str, sip_address: str, *, ip: str, say: str, seconds: float = 30
) -> bytes:
    """Call `number` at the bridge with baresip, saying `say`; what it heard (8 kHz PCM)."""
    port = 5200
    configure(folder, ip, port, say, seconds - 4)
    proc = await asyncio.create_subprocess_exec(
        *command(folder, number, sip_address, seconds),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), seconds + 20)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    (folder / "baresip.log").write_bytes(out)
    heard = sorted((folder / "snd").glob("*-dec.wav"))
    if not heard:
        raise AssertionError(f"baresip recorded nothing:\n{out.decode(errors='replace')[-3000:]}")
    return read_wav(heard[-1])


def read_wav(path: Path) -> bytes:
    """A WAV's 16-bit mono samples at 8 kHz (resampled if baresip wrote another rate)."""
    import audioop
    import wave

    with wave.open(str(path)) as w:
        rate, width, channels = w.getframerate(), w.getsampwidth(), w.getnchannels()
        pcm = w.readframes(w.getnframes())
    if channels == 2:
        pcm = audioop.tomono(pcm, width, 0.5, 0.5)
    if width != 2:
        pcm = audioop.lin2lin(pcm, width, 2)
    if rate != rtp.PHONE_RATE:
        pcm = audioop.ratecv(pcm, 2, 1, rate, rtp.PHONE_RATE, None)[0]
    return pcm
