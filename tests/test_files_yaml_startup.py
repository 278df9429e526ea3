"""Start-up, a real process: `python -m workflows.main console` refuses a broken or hostile
YAML file with exit code 2 and the file, line and reason, before its banner; never a traceback
or a hang. The cases are in tests/support/broken_yaml.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import broken_yaml
from tests.support.broken_yaml import CASES, ROOT

pytestmark = pytest.mark.slow  # starts real processes or runs for seconds

files = broken_yaml.files  # the fixture


def start_console(files: dict[str, Path], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEKIT_", "SIP_", "AGENT_"))}
    env.update(
        PROMPTS_DIR=str(files["prompts"]),
        DIAL_POLICY_FILE=str(files["policy"]),
        DIRECTORY_FILE=str(files["directory"]),
        PYTHONPATH=str(ROOT),
    )
    return subprocess.run(
        [sys.executable, "-m", "workflows.main", "console"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


STARTUP = [
    "a key without its colon, before a blank line and comments",
    "duplicate policy key (last would win)",
    "non-UTF-8 byte in a prompt",
    "flow nesting deeper than the cap",
    "100,000 levels of nesting (must not be slow)",
]


@pytest.mark.parametrize("case", STARTUP)
def test_start_up_refuses_a_broken_file_with_exit_2(files, case, tmp_path):
    name, edit, line, reason = CASES[case]
    path = files[name]
    text = path.read_text()
    path.write_bytes(edit(text))

    result = start_console(files, tmp_path)

    assert result.returncode == 2, result.stderr[-2000:]
    assert f"cannot start: {path}:{line(text)}: {reason(text)}" in result.stderr
    assert "Traceback" not in result.stderr
    assert "agent 'conference-receptionist'" not in result.stderr  # stopped before the banner


def test_start_up_refuses_a_fifo_policy_instead_of_hanging(files, tmp_path):
    files["policy"].unlink()
    os.mkfifo(files["policy"])

    result = start_console(files, tmp_path)  # a hang fails on the timeout

    assert result.returncode == 2, result.stderr[-2000:]
    assert f"cannot start: {files['policy']}: not a regular file" in result.stderr
