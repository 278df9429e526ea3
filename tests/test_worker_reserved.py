"""Calls that arrive together at an idle worker with a call cap (WORKER_MAX_CALLS): each call
it has accepted but not yet started counts as one call, so a burst of calls is not refused.

livekit-agents 1.8.9 counts such a call as load_threshold / num_idle_processes while the worker
has no call running (0.35 with 0.7 and 2 idle processes): two calls arriving together marked an
idle worker full, and livekit-server answered the next one "no workers with sufficient
capacity" and never offered it again (the phone rang on; seen in `make scale`).
"""

from __future__ import annotations

from types import SimpleNamespace

from workflows.worker.capacity import calls_load
from workflows.worker.server import Worker


def idle_worker(load_fnc=None) -> Worker:
    """A worker as `workflows.main` starts one in `start` mode, with no call running yet and
    the framework's state for job offers set as `run` sets it."""
    worker = Worker(load_threshold=0.7, num_idle_processes=2)
    worker.load_fnc = load_fnc
    worker._devmode, worker._draining, worker._simulation = False, False, False
    worker._worker_load, worker._reserved_slots = 0.0, 0
    worker._proc_pool = SimpleNamespace(processes=[])  # warm processes, none running a job
    return worker


def test_calls_arriving_together_at_an_idle_worker_count_one_call_each():
    worker = idle_worker(calls_load(8))
    worker._reserved_slots = 7
    assert worker._is_available()  # 7 of 8 calls: a carrier's burst is taken
    worker._reserved_slots = 8
    assert not worker._is_available()  # the cap still holds


def test_without_a_call_cap_the_frameworks_estimate_is_kept():
    worker = idle_worker(lambda: 0.0)
    worker._reserved_slots = 2
    assert not worker._is_available()  # 2 x 0.7 / 2: the framework's own count
