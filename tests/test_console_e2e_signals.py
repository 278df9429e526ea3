"""End to end: hanging up the real console with Ctrl+C or SIGINT, in a terminal, with its output
piped, and with no terminal at all. Each leaves cleanly, exit code 0 where it has one, with the
call's end in the call log and no log lines on screen.

Every test here runs with SIGINT ignored by the test runner itself, as when pytest is started as
a background job (`make test &` in a script): the console must still get Ctrl+C."""

from __future__ import annotations

import shlex
import signal
import subprocess
import threading

import pytest

from prompts.schema import render
from tests.support.console_driver import (
    CONSOLE,
    NOISE,
    Console,
    call_log_events,
    console_env,
    default_sigint,
)
from tests.support.harness import prompts

pytestmark = pytest.mark.slow  # starts real processes or runs for seconds


@pytest.fixture(autouse=True)
def runner_ignores_sigint():
    """The runner's SIGINT is ignored, which children inherit unless they restore it."""
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    yield
    signal.signal(signal.SIGINT, before)


def test_ctrl_c_in_a_terminal_hangs_up_cleanly(tmp_path):
    p = prompts()
    with Console(tmp_path) as c:
        c.expect(p.receptionist.greeting)
        c.type("I'm Ada and I need a conference call")
        c.expect(render(p.host.greeting, caller_name="Ada"))
        c.child.sendintr()  # Ctrl+C
        c.expect("Call ended.")
        assert c.wait_exit(timeout=20) == (0, None)
    assert not NOISE.search(c.text)
    assert call_log_events(tmp_path)[-1] == "call_end"


def test_ctrl_c_with_piped_output_leaves_cleanly_and_logs_the_end(tmp_path):
    """`make run | tee log`: Ctrl+C reaches the whole pipeline; the console must not hang."""
    p = prompts()
    log_file = tmp_path / "transcript.txt"
    command = f"{shlex.join(CONSOLE)} | tee {log_file}"
    with Console(tmp_path, command=command) as c:
        c.expect(p.receptionist.greeting)
        c.type("I'm Ada and I need a conference call")
        c.expect(render(p.host.greeting, caller_name="Ada"))
        c.child.sendintr()  # Ctrl+C
        assert c.wait_exit(timeout=20) is not None, "the console hung after Ctrl+C"
    assert "call_end" in call_log_events(tmp_path)
    assert not NOISE.search(log_file.read_text())


def test_sigint_with_piped_input_and_output_exits_zero(tmp_path):
    """No terminal at all (a script or CI): SIGINT ends the call like a hang-up."""
    proc = subprocess.Popen(
        CONSOLE,
        cwd=tmp_path,
        env=console_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=default_sigint,
    )
    proc.stdin.write(b"I'm Ada and I need a conference call\n")
    proc.stdin.flush()
    # The transcript is flushed line by line: read it until the host speaks.
    greeting = render(prompts().host.greeting, caller_name="Ada").encode()
    shown = b""
    watchdog = threading.Timer(30, proc.kill)  # a call that never reaches the host fails
    watchdog.start()
    try:
        while greeting not in shown and (line := proc.stdout.readline()):
            shown += line
    finally:
        watchdog.cancel()
    assert greeting in shown, f"the call never reached the host:\n{shown.decode()}"
    proc.send_signal(signal.SIGINT)
    try:  # stdin stays open: the end of input must not be what ends the call
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("SIGINT did not end the console")
    out, err = proc.communicate(timeout=20)
    out = shown + out
    assert proc.returncode == 0, err.decode()
    assert b"Call ended." in out
    assert not NOISE.search(out.decode())
    assert "call_end" in call_log_events(tmp_path)
