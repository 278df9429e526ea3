"""How busy a worker says it is, so LiveKit's dispatch spreads calls over workers."""

from __future__ import annotations

from livekit.agents import AgentServer

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
