"""How busy a worker says it is, so LiveKit's dispatch spreads calls over workers, and the
worker's capacity and health options."""

from __future__ import annotations

from dataclasses import dataclass

from livekit.agents import AgentServer

from workflows.call.settings import Settings

# livekit-server offers a job only to workers whose load is below its `agents.target_load`
# (0.7 unless configured; LiveKit Cloud likewise), whatever the worker's own threshold says.
SERVER_TARGET_LOAD = 0.7


@dataclass(frozen=True)
class CallsLoad:
    """A worker's load from its calls: SERVER_TARGET_LOAD at `max_calls` calls, so the server
    stops offering calls exactly there (the framework asks before each job offer and every few
    seconds). `per_call` is what one call adds (`Worker` counts a call accepted but not yet
    running with it)."""

    max_calls: int

    @property
    def per_call(self) -> float:
        return SERVER_TARGET_LOAD / self.max_calls

    def __call__(self, worker: AgentServer) -> float:
        return min(self.per_call * len(worker.active_jobs), 1.0)


def calls_load(max_calls: int) -> CallsLoad:
    return CallsLoad(max_calls)


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


def worker_options(
    settings: Settings, shutdown_process_timeout: float
) -> dict[str, float | int | str]:
    """`AgentServer` options for this worker: the capacity and health settings that are set,
    and how long a job's shutdown may take. `dev` keeps one job process warm (the framework's
    `dev` keeps none, so each call waited 0.3-4 s for a process to start)."""
    options: dict[str, float | int | str] = {"shutdown_process_timeout": shutdown_process_timeout}
    idle = settings.worker_idle_processes
    for name, value in (
        ("load_threshold", settings.worker_load_threshold),
        ("num_idle_processes", 1 if idle is None and settings.mode == "dev" else idle),
        ("drain_timeout", settings.worker_drain_timeout),
        ("port", settings.worker_health_port),
        ("host", settings.worker_health_host),
        ("max_retry", settings.worker_connect_retries),
    ):
        if value is not None:
            options[name] = value
    return options
