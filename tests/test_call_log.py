"""The durable call log: every event as one JSON line, flushed at once, numbers masked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from agents.receptionist import Receptionist
from tests.support.harness import running_call, simulated_call
from tests.support.scripted_llm import call, dial, host_model, relay_tool_output, until
from workflows.call.log import CallLog
from workflows.call.phone import show_full_numbers


def model(ctx):
    if (out := relay_tool_output(ctx)) is not None:
        return out
    if (ctx.items[-1].text_content or "").startswith("I'm Ada"):
        return [call("transfer_to_conference_host", caller_name="Ada", reason="budget")]
    return host_model(ctx)


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


async def a_whole_call(tmp_path: Path, **settings) -> Path:
    state = simulated_call(
        call_log_dir=tmp_path,
        sim_ring_delay=0.01,
        sim_answer_delay=0.01,
        livekit_api_secret="SECRET-never-logged",
        **settings,
    )
    async with running_call(model, state=state, agent=Receptionist(state.prompts)) as c:
        await c.session.run(user_input="I'm Ada")
        await dial(c.session, "+1 415 555 0186")  # busy
        # Its announcements would close the next read-back.
        await until(lambda: state.legs and not any(leg.live for leg in state.legs.values()), 3)
        await dial(c.session, "+1 415 555 0100")  # joins
        await c.session.run(user_input="add +1 900 555 0100")  # refused by policy
        await c.session.run(user_input="add 12")  # not a number
        await until(lambda: len([leg for leg in state.legs.values() if leg.outcome]) >= 2, 3)
        state.clock = lambda: state.started_at + 75  # the call's clock, not the wall's
        await c.session.run(user_input="bye")
    [path] = tmp_path.glob("*.jsonl")
    return path


async def test_every_call_event_is_logged_in_order(tmp_path):
    records = read(await a_whole_call(tmp_path))
    events = [r["event"] for r in records]
    assert events[0] == "call_start" and events[-1] == "call_end"
    assert events.index("handoff") < events.index("read_back") < events.index("dial")
    assert events.count("dial") == 2
    assert [r["outcome"] for r in records if r["event"] == "dial_failed"] == ["busy"]
    statuses = [(r["identity"], r["status"]) for r in records if r["event"] == "status"]
    joined_leg = next(r["identity"] for r in records if r["event"] == "dial")
    assert (joined_leg, "ringing") in statuses
    assert [r["rule"] for r in records if r["event"] == "policy_refusal"] == [
        "denied_prefix",
        "invalid_number",
    ]
    assert [r["tool"] for r in records if r["event"] == "tool_error"] == [
        "read_back_number",
        "read_back_number",
    ]
    handoff = records[events.index("handoff")]
    assert (handoff["from_agent"], handoff["to_agent"]) == ("receptionist", "conference_host")
    end = records[-1]
    assert end["reason"] == "user_initiated"
    assert end["duration_s"] == 75
    assert {leg["outcome"] for leg in end["legs"]} == {"busy", "hung_up"}
    assert isinstance(end["usage"], list)
    assert all(r["ts"] >= records[0]["ts"] for r in records)


async def test_numbers_are_masked_and_secrets_never_written(tmp_path):
    text = (await a_whole_call(tmp_path)).read_text()
    for number in ("4155550186", "4155550100", "9005550100"):
        assert number not in text
    assert "+1********86" in text
    assert "SECRET-never-logged" not in text


async def test_full_numbers_can_be_shown_for_debugging(tmp_path):
    show_full_numbers(True)
    try:
        text = (await a_whole_call(tmp_path)).read_text()
    finally:
        show_full_numbers(False)
    assert "+14155550186" in text


@pytest.mark.slow  # a real process
def test_a_killed_worker_loses_nothing_already_logged(tmp_path):
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from workflows.call.log import CallLog\n"
        "log = CallLog(Path(sys.argv[1]), 'room-1')\n"
        "for i in range(3):\n"
        "    log.write('status', n=i)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], timeout=30)
    assert result.returncode == -signal.SIGKILL
    [path] = tmp_path.glob("*.jsonl")
    assert [r["n"] for r in read(path)] == [0, 1, 2]


def test_a_log_that_cannot_be_written_does_not_break_the_call(tmp_path, caplog):
    log = CallLog(tmp_path, "room-1")
    log._file.close()  # e.g. the disk went away
    log.write("status", n=1)
    assert log.records[-1]["n"] == 1
    assert "call log write failed" in caplog.text


@pytest.mark.parametrize("room", ["../../etc/passwd", "a/b c"])
def test_room_names_cannot_escape_the_log_directory(tmp_path, room):
    log = CallLog(tmp_path, room)
    log.write("call_start")
    log.close()
    assert log.path.parent == tmp_path
    assert os.listdir(tmp_path) == [log.path.name]
