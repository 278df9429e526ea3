"""End to end: the real console process in a pseudo-terminal, typed into like a person would.

Runs `python -m workflows.main console --text` with no credentials (offline dialog model and
simulated telephony) and checks the transcript a person sees, from greeting to a clean exit:
no log lines, no warnings, no line said twice, and a clean exit with piped output.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
import threading
import time
from contextlib import contextmanager

import pytest

from tests.harness import prompts
from workflows.call.settings import PROMPTS_DIR

pexpect = pytest.importorskip("pexpect")

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\r")
ROOT = PROMPTS_DIR.parent
# What must never reach the person's screen: log records, metrics, framework banners.
NOISE = re.compile(
    r"\b(?:DEBUG|INFO|WARNING|ERROR|CRITICAL)\b|llm_ttft|Deprecated|deprecated"
    r"|LIVEKIT_INFERENCE_URL|turn-detector|Traceback|\d\d:\d\d:\d\d\.\d{3}"
)


def _env(**settings: str) -> dict[str, str]:
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
        args = ["-m", "workflows.main", "console", "--text"]
        if command:  # through a shell, e.g. with its output piped
            self.child = pexpect.spawn(
                "/bin/sh",
                ["-c", command],
                cwd=str(cwd),
                env=_env(**settings),
                dimensions=(60, 140),
                timeout=60,
            )
        else:
            self.child = pexpect.spawn(
                sys.executable,
                args,
                cwd=str(cwd),
                env=_env(**settings),
                dimensions=(60, 140),
                timeout=60,
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


def test_a_whole_rehearsal_call_reads_like_a_call(tmp_path):
    host, offline = prompts().host, prompts().offline
    c = Console(tmp_path)
    try:
        c.expect("model: offline dialog model | speech: text only | telephony: simulated")
        c.expect("Logs: ")
        c.expect(prompts().receptionist.greeting)

        c.type("hi there")
        c.expect(offline.ask_name)
        c.type("I'm Ada Lovelace and I need a conference call")
        c.expect("[transfer_to_conference_host]")
        c.expect("handed over: receptionist -> conference_host")
        c.expect("Hi Ada Lovelace, I'm your conference host.")

        c.type("please add +1 415 555 0100")
        c.expect("[read_back_number]")
        c.expect("Just to confirm, that's +1 415-555-0100. Shall I dial it?")
        c.type("yes")
        c.expect("[add_sip_participant]")
        c.expect("Dialing +1 415-555-0100 now.")
        c.expect("+1 415-555-0100 is ringing.")
        c.expect("+1 415-555-0100 has joined the call.")

        c.type("who is on the call?")
        c.expect("On the call: you, Ada Lovelace; +1 415-555-0100, connected.")

        c.type("that's all, goodbye")
        c.expect(prompts().shared.goodbye)
        c.expect("Call ended.")
        assert c.wait_exit() == (0, None)
    finally:
        if c.child.isalive():
            c.child.terminate(force=True)
    shown = c.text
    assert not NOISE.search(shown), NOISE.search(shown)
    said = agent_lines(shown)
    assert len(said) == len(set(said)), f"a line was shown twice: {said}"
    assert said.count(host.joined.replace("$who", "+1 415-555-0100")) == 1
    assert "call_end" in call_log_events(tmp_path)
    log_path = re.search(r"Logs: (\S+)", shown).group(1)
    logged = open(log_path, encoding="utf-8").read()
    assert "handing" in logged and "4155550100" not in logged and "555-0100" not in logged


def test_lines_typed_while_the_agent_talks_are_not_lost(tmp_path):
    c = Console(tmp_path)
    try:
        c.expect("You: ")
        # Typed in one go, before the agent has answered the first line.
        c.child.send("hello\r\nmy name is Grace Hopper\r\nI need to get my team on a call\r\n")
        c.expect(prompts().offline.ask_name)
        c.expect("Thanks, Grace Hopper.")
        c.expect("Hi Grace Hopper, I'm your conference host.")
        c.type("bye")
        c.expect("Call ended.")
        assert c.wait_exit() == (0, None)
    finally:
        if c.child.isalive():
            c.child.terminate(force=True)


def test_ctrl_c_in_a_terminal_hangs_up_cleanly(tmp_path):
    c = Console(tmp_path)
    try:
        c.expect(prompts().receptionist.greeting)
        c.type("I'm Ada and I need a conference call")
        c.expect("Hi Ada, I'm your conference host.")
        c.child.sendintr()  # Ctrl+C
        c.expect("Call ended.")
        assert c.wait_exit(timeout=20) == (0, None)
    finally:
        if c.child.isalive():
            c.child.terminate(force=True)
    assert not NOISE.search(c.text)
    assert call_log_events(tmp_path)[-1] == "call_end"


def test_ctrl_c_with_piped_output_leaves_cleanly_and_logs_the_end(tmp_path):
    """`make run | tee log`: Ctrl+C reaches the whole pipeline; the console must not hang."""
    log_file = tmp_path / "transcript.txt"
    c = Console(
        tmp_path, command=f"{sys.executable} -m workflows.main console --text | tee {log_file}"
    )
    try:
        c.expect(prompts().receptionist.greeting)
        c.type("I'm Ada and I need a conference call")
        c.expect("Hi Ada, I'm your conference host.")
        c.child.sendintr()  # Ctrl+C
        assert c.wait_exit(timeout=20) is not None, "the console hung after Ctrl+C"
    finally:
        if c.child.isalive():
            c.child.terminate(force=True)
    assert "call_end" in call_log_events(tmp_path)
    assert not NOISE.search(log_file.read_text())


def test_sigint_with_piped_input_and_output_exits_zero(tmp_path):
    """No terminal at all (a script or CI): SIGINT ends the call like a hang-up."""
    import subprocess

    proc = subprocess.Popen(
        [sys.executable, "-m", "workflows.main", "console", "--text"],
        cwd=tmp_path,
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdin.write(b"I'm Ada and I need a conference call\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 30
    while not (tmp_path / "call-logs").exists() or "handoff" not in " ".join(
        _events_or_empty(tmp_path)
    ):
        assert time.monotonic() < deadline, "the call never reached the host"
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err.decode()
    assert b"Call ended." in out
    assert not NOISE.search(out.decode())
    assert "call_end" in call_log_events(tmp_path)


def _events_or_empty(cwd) -> list[str]:
    try:
        return call_log_events(cwd)
    except (ValueError, json.JSONDecodeError):
        return []


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
        c = Console(
            tmp_path,
            TELEPHONY="livekit",
            AGENT_LLM="offline",
            LIVEKIT_URL=server.url,
            LIVEKIT_API_KEY=server.api_key,
            LIVEKIT_API_SECRET=server.api_secret,
            SIP_TRUNK_ID=server.trunk_id,
        )
        try:
            c.expect(f"telephony: livekit (trunk {server.trunk_id})")
            c.expect("Hello, thanks for calling.")
            c.type("this is Grace and I need a conference call")
            c.expect("Hi Grace, I'm your conference host.")
            c.type("add +1 415 555 0100")
            c.expect("Shall I dial it?")
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


def test_readme_first_screen_says_what_to_type_then_lists_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first, two = readme.index("## Try it"), readme.index("## Two commands")
    assert first < two < readme.index("\n## ", two + 3)
    block = readme[two:].split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.splitlines()] == ["make run", "make test"]
    sample = readme[first:two]
    assert prompts().receptionist.greeting in sample and "  You: " in sample
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for moved in ("## How a call flows", "## Layout"):
        assert moved not in readme and moved in architecture
