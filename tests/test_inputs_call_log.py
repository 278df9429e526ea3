"""A call log that cannot be written never breaks a call: a bad directory, a full disk at the
call's start or in its middle. The failure is logged once; the records stay in memory."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.support.harness import running_call, simulated_call
from tests.support.scripted_llm import dial, host_model
from workflows.call.log import CallLog

FULL_DISK = Path("/dev/full")  # every write fails with ENOSPC, like a full disk


def _log_errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_directory_that_is_a_file_leaves_the_log_in_memory(tmp_path, caplog):
    not_a_dir = tmp_path / "calls"
    not_a_dir.write_text("")
    log = CallLog(not_a_dir / "more", "room-1")  # what a read-only or bogus path gives too
    log.write("call_start", room="room-1")
    log.write("call_end")
    log.close()
    assert [r["event"] for r in log.records] == ["call_start", "call_end"]
    [error] = _log_errors(caplog)
    assert "open failed" in error and "kept in memory" in error


@pytest.fixture
def full_disk(monkeypatch):
    """Every call log file opens, then refuses every byte."""
    real_open = Path.open

    def open_full(self, mode="r", *args, **kwargs):
        if self.suffix == ".jsonl":
            return real_open(FULL_DISK, mode, *args, **kwargs)
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_full)


@pytest.mark.skipif(not FULL_DISK.exists(), reason="needs /dev/full")
async def test_a_full_disk_at_call_start_is_logged_once_and_the_call_goes_on(
    full_disk, tmp_path, caplog
):
    state = simulated_call(call_log_dir=tmp_path, sim_ring_delay=0.01, sim_answer_delay=0.01)
    async with running_call(host_model, state=state) as c:
        await c.session.run(user_input="hello")
    events = [r["event"] for r in state.log.records]
    assert events[0] == "call_start" and events[-1] == "call_end"  # the close handler ran
    [error] = _log_errors(caplog)  # once, and no handler raised
    assert "write failed" in error


@pytest.mark.skipif(not FULL_DISK.exists(), reason="needs /dev/full")
async def test_a_disk_that_fills_up_during_the_call_loses_nothing_in_memory(
    tmp_path, caplog, monkeypatch
):
    state = simulated_call(call_log_dir=tmp_path, sim_ring_delay=0.01, sim_answer_delay=0.01)
    path = state.log.path
    async with running_call(host_model, state=state) as c:
        monkeypatch.setattr(state.log, "_file", FULL_DISK.open("a"))  # the disk fills up now
        await dial(c.session, "+1 415 555 0100")
    assert [r["event"] for r in state.log.records][-1] == "call_end"
    [error] = [e for e in _log_errors(caplog) if "call log" in e]  # once, not per record
    assert "write failed" in error and str(path) in error
    assert path.read_text().count("\n") >= 1  # what was written before stays
