"""The load a worker reports to livekit-server, which offers a call only to a worker whose load
is below its target (0.7): a `dev` worker reports none, so a busy machine never leaves a phone
ringing unanswered; WORKER_MAX_CALLS makes it the worker's share of its calls. And a `dev`
worker keeps a job process warm, so a call is answered without waiting for one to start."""

from __future__ import annotations

from types import SimpleNamespace

from workflows.call.settings import Settings
from workflows.worker.capacity import SERVER_TARGET_LOAD, worker_load, worker_options

LOCAL = {
    "LIVEKIT_URL": "ws://127.0.0.1:7880",
    "LIVEKIT_API_KEY": "k",
    "LIVEKIT_API_SECRET": "s",
    "SIP_TRUNK_ID": "ST_1",
}


def test_a_dev_worker_reports_no_load_however_busy_it_is():
    load = worker_load(Settings.from_env(LOCAL, mode="dev"))
    assert load is not None  # never the framework's: the machine's CPU
    assert load(SimpleNamespace(active_jobs=[object()] * 5)) == 0.0 < SERVER_TARGET_LOAD


def test_a_call_cap_sets_the_load_in_dev_and_start_alike():
    for mode in ("dev", "start"):
        load = worker_load(Settings.from_env({**LOCAL, "WORKER_MAX_CALLS": "2"}, mode=mode))
        assert load is not None
        assert load(SimpleNamespace(active_jobs=[object()] * 2)) == SERVER_TARGET_LOAD


def test_a_start_worker_without_a_cap_keeps_the_frameworks_load():
    assert worker_load(Settings.from_env(LOCAL, mode="start")) is None


def test_a_dev_worker_keeps_one_job_process_warm_unless_told_otherwise():
    def idle(mode: str, **env: str):
        options = worker_options(Settings.from_env({**LOCAL, **env}, mode=mode), 10)
        return options.get("num_idle_processes")

    assert idle("dev") == 1  # a call does not wait for a process to start
    assert idle("dev", WORKER_IDLE_PROCESSES="0") == 0
    assert idle("start") is None  # the framework's own (one per core)
    assert idle("start", WORKER_IDLE_PROCESSES="3") == 3
