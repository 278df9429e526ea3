"""The worker process: livekit-agents' AgentServer, telling an orchestrator the truth."""

from __future__ import annotations

from livekit.agents import AgentServer


class Worker(AgentServer):
    """livekit-agents' AgentServer with two fixes an orchestrator needs (livekit-agents 1.8):

    - Health: its `GET /` answers 200 from start-up until its last attempt to reach LiveKit is
      spent (16 by default, about two minutes), registered or not. Here it answers 503
      whenever the worker is not registered: before its first registration, while it
      reconnects after losing LiveKit, and in the console (which never registers).
    - Failure: its CLI logs a failed run (LiveKit unreachable, the health port taken) and exits
      0. `stopped_by` keeps what stopped `run`, so `workflows.main` exits non-zero.
    """

    def __init__(self, **options) -> None:
        self.stopped_by: BaseException | None = None
        super().__init__(**options)

    async def run(self, *, devmode: bool = False, unregistered: bool = False) -> None:
        try:
            await super().run(devmode=devmode, unregistered=unregistered)
        except Exception as e:
            self.stopped_by = e
            raise

    @property
    def registered(self) -> bool:
        """Registered with LiveKit now: it has a worker id from the server and is not
        connecting again (the framework sets `_connecting` at each attempt until the server
        answers it)."""
        return self.id != "unregistered" and not self._connecting and not self._closed

    def _get_effective_load(self) -> float:
        """The load the worker answers job offers with, calls accepted but not yet running
        (reserved) included. The framework counts each of those as load_threshold /
        num_idle_processes while the worker has no call running: with 0.7 and 2 idle processes,
        two calls arriving together mark an idle worker full, and livekit-server refuses a third
        arriving then with "no workers with sufficient capacity", never retried (seen in
        `make scale`: the phone rang on). With a call cap (`CallsLoad`), one counts as a call."""
        per_call = getattr(self.load_fnc, "per_call", None)
        if per_call is None:
            return super()._get_effective_load()
        return self._worker_load + self._reserved_slots * per_call

    # The framework's health check answers 503 while `_connection_failed` is true (AgentServer
    # .run, livekit-agents 1.8.9), which it sets only after its last attempt. Read through this
    # property, it is true whenever the worker is not registered (after the last attempt too).
    @property
    def _connection_failed(self) -> bool:
        return not self.registered

    @_connection_failed.setter
    def _connection_failed(self, value: bool) -> None:
        pass  # the framework's own setting adds nothing: it comes when not registered
