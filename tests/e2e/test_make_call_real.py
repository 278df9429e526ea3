"""`make call` (tests/e2e/call.py): a newcomer rings the local agent from a scripted phone and
gets what the phone heard as a WAV, and which of the agent's lines were in it."""

from __future__ import annotations

import asyncio
import sys
import wave

import pytest

from prompts.schema import render
from tests.e2e.conftest import ROOT
from tests.support.harness import prompts

pytestmark = pytest.mark.e2e


async def test_make_call_rings_the_agent_and_saves_what_the_phone_heard(stack, tmp_path):
    out = tmp_path / "heard.wav"
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.e2e.call",
        "--out",
        str(out),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    stdout, _ = await asyncio.wait_for(proc.communicate(), 150)
    text = stdout.decode(errors="replace")
    assert proc.returncode == 0, text[-3000:]
    greeting = render(prompts().receptionist.greeting)
    assert "heard the receptionist greeting at" in text and greeting in text, text[-2000:]
    assert "heard the host greeting for Ada" in text, text[-2000:]
    with wave.open(str(out)) as w:
        assert (w.getframerate(), w.getnchannels()) == (8000, 1)
        assert w.getnframes() > 8000 * 10  # the call, not a stub
