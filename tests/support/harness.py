"""Run real AgentSessions with a scripted LLM and simulated telephony, no room, no audio."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from livekit.agents import AgentSession, RunResult, llm

from agents.receptionist import Receptionist
from prompts.loader import Prompts
from tests.support.scripted_llm import Policy, ScriptedLLM
from workflows.call.files import CallFiles, load_call_files
from workflows.call.settings import PROMPTS_DIR, Settings
from workflows.lifecycle.setup import bind_session, new_call
from workflows.lifecycle.state import CallState
from workflows.telephony.protocol import AnsweredBy, Telephony
from workflows.telephony.simulated import SimulatedTelephony

TEST_SETTINGS = Settings(mode="console", sim_ring_delay=0.0, sim_answer_delay=0.0)


@cache
def files() -> CallFiles:
    """The prompts, dial policy and directory, parsed once for the whole test run (they are
    immutable): the shipped ones, or edited copies named by PROMPTS_DIR, DIAL_POLICY_FILE and
    DIRECTORY_FILE, as the worker reads them. tests/test_edited_files.py runs tests that way,
    to show that editing a prompt or the directory breaks none of them."""
    return load_call_files(**_edited_paths())


def _edited_paths() -> dict[str, Path]:
    names = {"prompts_dir": "PROMPTS_DIR", "policy_file": "DIAL_POLICY_FILE"}
    names["directory_file"] = "DIRECTORY_FILE"
    return {arg: Path(os.environ[name]) for arg, name in names.items() if os.environ.get(name)}


def prompts_dir() -> Path:
    """The folder the test run's prompts come from (see `files`)."""
    return _edited_paths().get("prompts_dir", PROMPTS_DIR)


def prompts() -> Prompts:
    """The shipped prompts: expected phrases are rendered from them, never copied."""
    return files().prompts


def simulated_call(settings: Settings = TEST_SETTINGS, **changes) -> CallState:
    """A call on simulated telephony with instant ringing and answering."""
    settings = replace(settings, **changes) if changes else settings
    return new_call(settings, files(), "room-test")


@dataclass
class Call:
    session: AgentSession[CallState]
    state: CallState
    llm: llm.LLM
    greeting: RunResult

    @property
    def telephony(self) -> Telephony:
        return self.state.telephony

    @property
    def simulated(self) -> SimulatedTelephony:
        backend = self.state.telephony  # unguarded, unbounded
        while not isinstance(backend, SimulatedTelephony) and hasattr(backend, "inner"):
            backend = backend.inner
        assert isinstance(backend, SimulatedTelephony)
        return backend


def voicemail_detector(
    answer: AnsweredBy, backend=None, started: list[tuple[str, int]] | None = None
):
    """A `CallState.detect_voicemail` whose verdict is `answer`. Each leg it starts listening
    to is recorded in `started`, with how many dials `backend` (a simulated telephony) had
    been sent by then."""

    @asynccontextmanager
    async def listen(identity: str):
        if started is not None:
            started.append((identity, len(backend.dialled)))

        async def verdict() -> AnsweredBy:
            return answer

        yield verdict

    return listen


@dataclass
class ManualTime:
    """`CallState.clock` and `CallState.sleep` that move only when the test calls `advance`:
    timers are tested in milliseconds, without real waits."""

    now: float = 1000.0
    _moved: asyncio.Event = field(default_factory=asyncio.Event)

    def install(self, state: CallState) -> None:
        state.clock, state.sleep = self.clock, self.sleep
        state.started_at = state.last_heard = self.now

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        wake_at = self.now + seconds
        while self.now < wake_at:
            await self._moved.wait()

    async def advance(self, seconds: float) -> None:
        """Move time on and let every sleeper that is due run."""
        self.now += seconds
        moved, self._moved = self._moved, asyncio.Event()
        moved.set()
        for _ in range(10):
            await asyncio.sleep(0)


@asynccontextmanager
async def running_call(
    policy: Policy | llm.LLM,
    state: CallState | None = None,
    agent=None,
    watchdog_tick: float = 0.25,
) -> AsyncIterator[Call]:
    """Start a session on `agent` (default: a Receptionist) and yield it after the greeting.

    `policy` scripts a ScriptedLLM, or is a model itself (e.g. the offline dialog model).
    """
    state = state or simulated_call()
    model = policy if isinstance(policy, llm.LLM) else ScriptedLLM(policy)
    async with AgentSession[CallState](
        llm=model, userdata=state, vad=None, turn_handling={"turn_detection": None}
    ) as session:
        bind_session(state, session, watchdog_tick)
        greeting = await session.start(agent or Receptionist(state.prompts), capture_run=True)
        yield Call(session=session, state=state, llm=model, greeting=greeting)
    await state.telephony.aclose()
