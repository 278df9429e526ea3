"""The real console process in a pseudo-terminal, typed into like a person would: `python -m
workflows.main console --text` with no credentials (offline dialog model and simulated
telephony), what it printed so far as plain text, and what must never reach the person's screen.
Used by the tests/test_console_e2e*.py modules."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import time

import pytest

from workflows.call.settings import PROMPTS_DIR

pexpect = pytest.importorskip("pexpect")

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\r")
ROOT = PROMPTS_DIR.parent
CONSOLE = [sys.executable, "-m", "workflows.main", "console", "--text"]
# What must never reach the person's screen: log records, metrics, framework banners.
NOISE = re.compile(
    r"\b(?:DEBUG|INFO|WARNING|ERROR|CRITICAL)\b|llm_ttft|Deprecated|deprecated"
    r"|LIVEKIT_INFERENCE_URL|turn-detector|Traceback|\d\d:\d\d:\d\d\.\d{3}"
)


def default_sigint() -> None:
    """In the console's process before it starts: Ctrl+C and SIGINT reach it as from a
    terminal, even when the test runner itself ignores SIGINT (started as a background job,
    `cmd &` in a script), which a child would otherwise inherit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def console_env(**settings: str) -> dict[str, str]:
    """The console's environment: none of the developer's own settings, quick simulated
    ringing and answering, a wide terminal; `settings` added."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LIVEKIT_", "SIP_", "AGENT_", "TELEPHONY", "LOG_"))
    }
    env.update(
        SIM_RING_DELAY="0.3",
        SIM_ANSWER_DELAY="0.3",
        TERM="xterm",
        COLUMNS="140",
        PYTHONPATH=str(ROOT),
    )
    env.update(settings)
    return env


class Console:
    """The console process, with what it printed so far as plain text."""

    def __init__(self, cwd, command: str | None = None, **settings: str) -> None:
        # With `command`, through a shell, e.g. with its output piped.
        program, args = ("/bin/sh", ["-c", command]) if command else (CONSOLE[0], CONSOLE[1:])
        self.child = pexpect.spawn(
            program,
            args,
            cwd=str(cwd),
            env=console_env(**settings),
            dimensions=(60, 140),
            timeout=60,
            preexec_fn=default_sigint,
        )
        self.raw = b""
        self.seen = 0  # how much of the text earlier expectations consumed

    def __enter__(self) -> Console:
        return self

    def __exit__(self, *exc) -> None:
        """Whatever happened, no console is left running."""
        if self.child.isalive():
            self.child.terminate(force=True)

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
                self._pump(0.2)
                tail = self.text[self.seen :][-3000:]
                raise AssertionError(f"console never showed {needle!r}; it showed:\n{tail}")
            self._pump(0.1)

    def type(self, line: str) -> None:
        """Wait for the prompt, then type a line and press Enter."""
        self.expect("You: ")
        self.child.sendline(line)
        self.expect(line)

    def wait_exit(self, timeout: float = 30):
        deadline = time.monotonic() + timeout
        while self.child.isalive() and time.monotonic() < deadline:
            self._pump(0.2)
        self._pump(0.2)
        alive = self.child.isalive()
        self.child.close(force=True)
        return None if alive else (self.child.exitstatus, self.child.signalstatus)


def agent_lines(text: str) -> list[str]:
    return [line.split("Agent: ", 1)[1].strip() for line in text.splitlines() if "Agent: " in line]


def call_log_events(cwd) -> list[str]:
    [path] = list((cwd / "call-logs").glob("*.jsonl"))
    return [json.loads(line)["event"] for line in path.read_text().splitlines()]
