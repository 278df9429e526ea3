"""The pocketsphinx decoder in a process of its own, so decoding never holds up a call.

pocketsphinx keeps Python's GIL for the whole of a decoder call, so in the call's process, even
in a thread, decoding froze the call's event loop (its audio, timers and replies) for as long as
it took: seconds for a long utterance. Here a child process owns the decoder
(`python -m workflows.speech.sphinx_process`); the call's process sends it each utterance and
awaits the words, within a time bound after which the child is killed and the utterance counts
as not heard (the next one starts a new child). A child whose parent is gone reads the end of
its input and exits.

Messages both ways are a 4-byte big-endian length and a body. To the child: the set-up as JSON
(`{"jsgf": ..., "answer": ..., "words": {word: phones}}`), then one utterance per message: a
byte naming the grammar to hear it with (`LINE` or `ANSWER`), then 16-bit mono PCM at 16 kHz.
From the child: b"ready" once the decoder is loaded, then the words heard in each
utterance, in order. Only the standard library and pocketsphinx are imported in the child.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import logging
import os
import signal
import struct
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger("workflows.speech")
SAMPLE_RATE = 16000  # the rate of the English model in the wheel
COMMAND = (sys.executable, "-m", "workflows.speech.sphinx_process")
LOAD_TIMEOUT = 60.0  # seconds for a child to start and load the model
DECODE_TIMEOUT = 30.0  # seconds for one utterance (at most MAX_UTTERANCE of speech: ~1 s)
LINE, ANSWER = b"L", b"A"  # every caller line / only answers to a read-back
_SEARCHES = {LINE: "caller", ANSWER: "answer"}
# The decoder's odds of silence between words (pocketsphinx's default: 0.005). Higher, the
# quiet and line noise at the end of an utterance is heard as silence rather than as one more
# digit ("... nine nine" -> "... nine nine eight"): on the speech benchmark's lines, 5 of 16
# numbers right instead of 3 (direct path).
SILENCE_ODDS = 0.5
_HEADER = struct.Struct(">I")


class SphinxProcess:
    """The call's side: one child process at a time, started on first use."""

    def __init__(
        self,
        setup: Callable[[], dict],
        *,
        command: tuple[str, ...] = COMMAND,
        load_timeout: float = LOAD_TIMEOUT,
        decode_timeout: float = DECODE_TIMEOUT,
    ) -> None:
        self._setup = setup  # the set-up message, built (in a thread) when a child starts
        self._command = command
        self._load_timeout = load_timeout
        self._decode_timeout = decode_timeout
        self._proc: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task | None = None
        # one per utterance sent, in order: its words, or None if the child ended first
        self._waiting: collections.deque[asyncio.Future[str | None]] = collections.deque()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._starting = asyncio.Lock()

    async def recognize(self, pcm: bytes, grammar: bytes = LINE) -> str:
        """The words in one utterance, heard with `grammar` (LINE or ANSWER); "" when the
        child fails or runs out of time."""
        try:
            proc = await self.start()
            assert proc.stdin is not None
            words = asyncio.get_running_loop().create_future()
            self._waiting.append(words)
            proc.stdin.write(_HEADER.pack(len(pcm) + 1) + grammar + pcm)
            await proc.stdin.drain()
            # shielded: if this wait ends early, the reader still takes the child's reply
            heard = await asyncio.wait_for(asyncio.shield(words), self._decode_timeout)
            if heard is not None:
                return heard
            log.warning("speech recognition failed (the decoder process ended): restarting it")
        except TimeoutError:
            log.warning("speech recognition took over %.0f s: restarting it", self._decode_timeout)
        except (OSError, EOFError) as e:
            log.warning("speech recognition failed (%s): restarting it", e or type(e).__name__)
        await self.aclose()
        return ""

    async def start(self) -> asyncio.subprocess.Process:
        """The running child, started and loaded if need be."""
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # a child's pipes belong to the loop that started it
            self.kill()
            self._loop, self._starting = loop, asyncio.Lock()
        async with self._starting:
            if self._proc is not None and self._proc.returncode is None:
                return self._proc
            setup = json.dumps(await asyncio.to_thread(self._setup)).encode()
            root = str(Path(__file__).resolve().parents[2])  # where `workflows` is
            path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
            proc = await asyncio.create_subprocess_exec(
                *self._command,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                env={**os.environ, "PYTHONPATH": path},
            )
            assert proc.stdin is not None and proc.stdout is not None
            try:
                proc.stdin.write(_HEADER.pack(len(setup)) + setup)
                ready = await asyncio.wait_for(_receive(proc.stdout), self._load_timeout)
                if ready != b"ready":
                    raise EOFError("the decoder process did not start")
            except BaseException as e:  # a child that is not ready is no use: never kept
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                await asyncio.shield(proc.wait())
                if isinstance(e, TimeoutError):
                    raise EOFError(f"no decoder after {self._load_timeout:.0f} s") from None
                raise
            self._proc = proc
            self._reader = asyncio.create_task(self._read_replies(proc))
            return proc

    async def _read_replies(self, proc: asyncio.subprocess.Process) -> None:
        """Hand each reply to the utterance that is owed it (in order)."""
        assert proc.stdout is not None
        try:
            while True:
                reply = (await _receive(proc.stdout)).decode("utf-8", "replace")
                if self._waiting and not (words := self._waiting.popleft()).done():
                    words.set_result(reply)
        except (EOFError, OSError):
            self._not_heard()

    async def aclose(self) -> None:
        """Stop the child and wait for it to go (a later utterance starts another)."""
        proc = self._proc
        self.kill()
        if proc is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(proc.wait(), 5)

    def kill(self) -> None:
        """Stop the child now, without waiting."""
        with contextlib.suppress(RuntimeError):  # RuntimeError: its loop is closed
            if self._reader is not None:
                self._reader.cancel()
            self._not_heard()
        if self._proc is not None and self._proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._proc.pid, signal.SIGKILL)
        self._waiting.clear()
        self._proc = self._reader = None

    def _not_heard(self) -> None:
        """The utterances still owed words get none: the child is gone."""
        while self._waiting:
            if not (words := self._waiting.popleft()).done():
                words.set_result(None)


async def _receive(stream: asyncio.StreamReader) -> bytes:
    try:
        (size,) = _HEADER.unpack(await stream.readexactly(_HEADER.size))
        return await stream.readexactly(size)
    except asyncio.IncompleteReadError:
        raise EOFError("end of output") from None


# --- the child -------------------------------------------------------------------------------


def load(setup: dict):
    """A pocketsphinx decoder with the set-up's grammars and extra words."""
    from pocketsphinx import Decoder

    # bestpath: no lattice search after the grammar search; it grew faster than the utterance
    # (60 s of speech took minutes) and heard no better on the product's grammar.
    params = _feature_params()
    try:
        decoder = Decoder(
            samprate=SAMPLE_RATE,
            lm=None,
            loglevel="FATAL",
            bestpath=False,
            silprob=SILENCE_ODDS,
            featparams=params,
        )
    finally:
        os.unlink(params)  # read once the decoder is made
    for word, phones in setup["words"].items():
        if decoder.lookup_word(word) is None:
            decoder.add_word(word, phones, False)
    decoder.add_jsgf_string(_SEARCHES[LINE], setup["jsgf"])
    decoder.add_jsgf_string(_SEARCHES[ANSWER], setup.get("answer") or setup["jsgf"])
    return decoder


def _feature_params() -> str:
    """The model's feature settings with its noise removal off (each utterance gets a fixed
    noise floor instead, `with_noise_floor`). Given to the decoder as a file: the model's own
    feat.params overrides the same settings given as arguments."""
    import tempfile

    from pocketsphinx import get_model_path

    model = os.path.join(get_model_path(), "en-us", "en-us", "feat.params")
    with open(model, encoding="utf-8") as f:
        params = f.read().replace("-remove_noise yes", "-remove_noise no")
    with tempfile.NamedTemporaryFile("w", suffix=".params", delete=False) as f:
        f.write(params)
    return f.name


def decode(decoder, message: bytes) -> str:
    """The words in one utterance (a grammar byte, then PCM), normalised over all of it; each
    utterance on its own."""
    grammar, pcm = message[:1], message[1:]
    decoder.activate_search(_SEARCHES.get(grammar, _SEARCHES[LINE]))
    decoder.reinit_feat()
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr.strip() if hyp else ""


def main(make_decoder: Callable[[dict], object] = load) -> None:
    """The child: load, say ready, then one reply per utterance until the input ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the call, which stops us
    stdin = sys.stdin.buffer
    out = os.fdopen(os.dup(1), "wb")  # the replies' own copy of stdout;
    os.dup2(2, 1)  # anything else printed goes to stderr
    setup = _read(stdin)
    if setup is None:
        return
    decoder = make_decoder(json.loads(setup))
    _write(out, b"ready")
    while (pcm := _read(stdin)) is not None:
        _write(out, decode(decoder, pcm).encode())


def _read(stream: BinaryIO) -> bytes | None:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    body = stream.read(size)
    return body if len(body) == size else None


def _write(stream: BinaryIO, body: bytes) -> None:
    stream.write(_HEADER.pack(len(body)) + body)
    stream.flush()


if __name__ == "__main__":
    main()
