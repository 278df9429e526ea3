"""End to end: the real console process in a pseudo-terminal, typed into like a person would.

Runs `python -m workflows.main console --text` with no credentials (offline dialog model and
simulated telephony) and checks what a person sees, from greeting to a clean exit.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import threading
import time
from contextlib import contextmanager

import pytest

pexpect = pytest.importorskip("pexpect")

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\r")


class Console:
    """The console process, with what it printed so far as plain text."""

    def __init__(self, cwd, **settings: str) -> None:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("LIVEKIT_", "SIP_", "AGENT_", "TELEPHONY"))}
        env.update(SIM_RING_DELAY="0.3", SIM_ANSWER_DELAY="0.3", TERM="xterm", COLUMNS="140")
        env.update(settings)
        self.child = pexpect.spawn(
            sys.executable, ["-m", "workflows.main", "console", "--text"],
            cwd=str(cwd), env=env, dimensions=(60, 140), timeout=60,
        )
        self.raw = b""
        self.seen = 0  # how much of the text earlier expectations consumed

    @property
    def text(self) -> str:
        return ANSI.sub(b"", self.raw).decode("utf-8", "replace")

    def _pump(self, wait: float) -> None:
        try:
            self.raw += self.child.read_nonblocking(65536, timeout=wait)
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass

    def expect(self, needle: str, timeout: float = 30) -> None:
        """Wait until `needle` appears after everything matched before."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.text.find(needle, self.seen)
            if found >= 0:
                self.seen = found + len(needle)
                return
            if time.monotonic() > deadline or not self.child.isalive():
                tail = self.text[self.seen:][-3000:]
                raise AssertionError(f"console never showed {needle!r}; it showed:\n{tail}")
            self._pump(0.1)

    def shows(self, needle: str, timeout: float) -> bool:
        try:
            self.expect(needle, timeout=timeout)
            return True
        except AssertionError:
            return False

    def type(self, line: str) -> None:
        """Type a line key by key, like a person, watching the prompt echo each key.

        The console reads raw keys and flushes input that arrives while it is busy rendering,
        so a key (Enter included) can be lost; a key the prompt did not echo is pressed again.
        """
        self.expect("Type to talk")
        typed = ""
        for ch in line:
            for _ in range(5):
                self.child.send(ch.encode())
                if self.shows(f"\u276f {typed + ch}\u2588", timeout=1):
                    typed += ch
                    break
            else:
                raise AssertionError(f"the console did not take {ch!r} after {typed!r}")
        for _ in range(5):
            self.child.send(b"\r")
            if self.shows("\u25cf You", timeout=2):
                self.expect(line)  # log lines from other threads may come in between
                return
        at = self.text.rfind(line)
        tail = self.text[at - 600: at + 600]
        raise AssertionError(f"the console did not take Enter after {line!r}:\n{tail}")

    def wait_exit(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while self.child.isalive() and time.monotonic() < deadline:
            try:
                self._pump(0.2)
            except pexpect.EOF:
                break
        alive = self.child.isalive()
        self.child.close(force=True)
        return None if alive else (self.child.exitstatus, self.child.signalstatus)


def test_a_whole_rehearsal_call_in_the_text_console(tmp_path):
    c = Console(tmp_path)
    try:
        c.expect("model: offline dialog model | speech: text only | telephony: simulated")
        c.expect("Hello, thanks for calling. Who am I speaking with, and how can I help today?")

        c.type("hi there")
        c.expect("May I have your name, please?")

        c.type("I'm Ada Lovelace and I need a conference call")
        c.expect("transfer_to_conference_host")
        c.expect("Handoff: Receptionist \u2192 ConferenceHost")
        c.expect("Hi Ada Lovelace, I'm your conference host.")

        c.type("please add +1 415 555 0100")
        c.expect("Just to confirm, that's +1 415-555-0100. Shall I dial it?")
        c.type("yes")
        c.expect("Dialing +1 415-555-0100 now.")
        c.expect("+1 415-555-0100 is ringing.")
        c.expect("+1 415-555-0100 has joined the call.")

        c.type("who is on the call?")
        c.expect("On the call: you, Ada Lovelace; +1 415-555-0100, connected.")

        c.type("now try (415) 555-0186")
        c.expect("Just to confirm, that's +1 415-555-0186.")
        c.type("that's right")
        c.expect("Dialing +1 415-555-0186 now.")
        c.expect("+1 415-555-0186 is busy right now.")

        c.type("that's all, goodbye")
        c.expect("end_call")
        c.expect("Thanks for calling. Goodbye!")
        c.expect("Call ended.")
        assert c.wait_exit() == (0, None)
    finally:
        if c.child.isalive():
            c.child.terminate(force=True)


@contextmanager
def server_in_a_thread():
    """The LiveKit API test server on its own event loop, for a separate console process."""
    from tests.livekit_harness import add_outbound_trunk
    from tests.livekit_server import LiveKitTestServer

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def run(coro):
        return asyncio.run_coroutine_threadsafe(coro, loop).result(10)

    server = LiveKitTestServer()
    run(server.start())

    server.trunk_id = run(add_outbound_trunk(server))
    try:
        yield server
    finally:
        run(server.stop())
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)


def test_console_sends_real_api_calls_with_telephony_livekit(tmp_path):
    from tests.livekit_server import SipOutcome

    with server_in_a_thread() as server:
        server.sip_outcomes["+14155550100"] = SipOutcome.answer(after=1.0)  # it rings first
        c = Console(tmp_path, TELEPHONY="livekit", AGENT_LLM="offline", LIVEKIT_URL=server.url,
                    LIVEKIT_API_KEY=server.api_key, LIVEKIT_API_SECRET=server.api_secret,
                    SIP_TRUNK_ID=server.trunk_id)
        try:
            c.expect(f"telephony: livekit (trunk {server.trunk_id})")
            c.expect("Hello, thanks for calling.")
            c.type("this is Grace and I need a conference call")
            c.expect("Hi Grace, I'm your conference host.")
            c.type("add +1 415 555 0100")
            c.type("yes")
            c.expect("Dialing +1 415-555-0100 now.")
            c.expect("+1 415-555-0100 has joined the call.")
            c.type("bye")
            c.expect("Call ended.")
            assert c.wait_exit() == (0, None)
        finally:
            if c.child.isalive():
                c.child.terminate(force=True)
        [dial] = server.requests_for("CreateSIPParticipant")
        assert (dial.sip_trunk_id, dial.sip_call_to) == (server.trunk_id, "+14155550100")
        assert [r.room for r in server.requests_for("DeleteRoom")] == [dial.room_name]
