"""How busy a worker says it is, so LiveKit's dispatch spreads calls over workers."""

from __future__ import annotations

from livekit.agents import AgentServer

from workflows.call.settings import Settings

# livekit-server offers a job only to workers whose load is below its `agents.target_load`
# (0.7 unless configured; LiveKit Cloud likewise), whatever the worker's own threshold says.
SERVER_TARGET_LOAD = 0.7


def calls_load(max_calls: int):
    """A worker's load from its calls: SERVER_TARGET_LOAD at WORKER_MAX_CALLS calls, so the
    server stops offering calls exactly there (the framework asks before each job offer and
    every few seconds)."""

    def load(worker: AgentServer) -> float:
        return min(SERVER_TARGET_LOAD * len(worker.active_jobs) / max_calls, 1.0)

    return load


def idle_load(worker: AgentServer) -> float:
    """A `dev` worker's load: none. The framework's `dev` takes every job it is offered (its
    own threshold is infinite), but by default it reports the machine's CPU, and livekit-server
    offers a job only to a worker below its target load: on a busy machine (2 cores, a call
    just ended) the server answered `no servers available (received 1 responses)` and the
    phone rang unanswered."""
    return 0.0


def worker_load(settings: Settings):
    """The load function this worker reports with (None: the framework's, the machine's CPU):
    its share of WORKER_MAX_CALLS when set, otherwise none at all in `dev`."""
    if settings.worker_max_calls is not None:
        return calls_load(settings.worker_max_calls)
    return idle_load if settings.mode == "dev" else None
