"""The sessions the benchmark (`python -m tests.perf`) measures: project calls on the scripted
LLM and simulated telephony with zero delays, logged in memory only, and the floor, a plain
framework `Agent` with one trivial tool. Like a plain framework app, this module has no
`from __future__ import annotations`, so the bare tool's annotations are real objects.
"""

import time
from contextlib import AsyncExitStack

from livekit.agents import Agent, AgentSession, RunResult, function_tool, llm

from agents.conference_host import ConferenceHost
from tests.support.harness import TEST_SETTINGS
from tests.support.scripted_llm import (
    ScriptedLLM,
    _Stream,
    call,
    host_model,
    relay_tool_output,
    until,
)
from workflows.call.files import load_call_files
from workflows.lifecycle.setup import bind_session, new_call
from workflows.lifecycle.state import CallState
from workflows.telephony.protocol import DialRequest
from workflows.telephony.simulated import SimulatedTelephony

FILES = load_call_files()  # parsed once, as a worker's CallFileStore does
PROMPTS = FILES.prompts


class LeanLLM(ScriptedLLM):
    """The scripted LLM without the copy of the chat it keeps per turn for tests."""

    def chat(self, *, chat_ctx, tools=None, conn_options=None, **_):
        return _Stream(self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options)


def model(ctx: llm.ChatContext) -> list:
    """Hands off on "I'm <name>"; otherwise the tests' well-behaved host."""
    if (out := relay_tool_output(ctx)) is not None:
        return out
    text = ctx.items[-1].text_content or ""
    if text.startswith("I'm "):
        return [call("transfer_to_conference_host", caller_name=text[4:], reason="weekly sync")]
    return host_model(ctx)


class BareAgent(Agent):
    """The floor: a plain framework agent with one trivial tool."""

    def __init__(self) -> None:
        super().__init__(instructions="You tell the caller who is on the call.")

    @function_tool
    async def list_participants(self) -> str:
        """Say who is on the call right now."""
        return "On the call: you."


class StampedTelephony(SimulatedTelephony):
    """Simulated telephony that notes when each dial reaches the backend."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.entered: list[float] = []

    async def dial(self, request: DialRequest) -> object:
        self.entered.append(time.perf_counter())
        return await super().dial(request)


def new_state() -> CallState:
    """A call on zero-delay simulated telephony, logged in memory only."""
    return new_call(
        TEST_SETTINGS,
        FILES,
        "room-perf",
        lambda sink: StampedTelephony(status_sink=sink, ring_delay=0.0, answer_delay=0.0),
    )


async def open_session(
    stack: AsyncExitStack, agent: Agent, state: CallState | None
) -> AgentSession:
    """Start a text-only session on `agent` (greeting said); it stays open until `stack` closes."""
    session = AgentSession[CallState](
        llm=LeanLLM(model), userdata=state, vad=None, turn_handling={"turn_detection": None}
    )
    await stack.enter_async_context(session)
    if state is not None:
        bind_session(state, session)
        stack.push_async_callback(state.telephony.aclose)
    await session.start(agent, capture_run=True)
    return session


async def open_host(stack: AsyncExitStack) -> tuple[AgentSession, CallState]:
    """A ConferenceHost session for a caller named Ada, as after the handoff."""
    state = new_state()
    state.caller.name, state.caller.reason = "Ada", "weekly sync"
    return await open_session(stack, ConferenceHost(state.prompts, state.caller), state), state


def checked(result: RunResult, tool: str) -> RunResult:
    """Fail loudly unless the turn called `tool` without error: else timings mean nothing."""
    result.expect.contains_function_call(name=tool)
    result.expect.contains_function_call_output(is_error=False)
    return result


async def timed(session: AgentSession, text: str, tool: str) -> float:
    """Seconds for one user line through the session; the turn is checked afterwards."""
    start = time.perf_counter()
    result = await session.run(user_input=text)
    elapsed = time.perf_counter() - start
    checked(result, tool)
    return elapsed


def said(session: AgentSession) -> set[str]:
    """Every line the agent has said so far in `session`."""
    return {
        item.text_content
        for item in session.history.items
        if item.type == "message" and item.role == "assistant"
    }


async def settle(state: CallState) -> None:
    """Wait until the zero-delay dials have answered and their announcements have been said."""

    def settled() -> bool:
        answered = all(leg.answered for leg in state.legs.values()) and not state.dial_tasks
        return answered and set(state.announcements) <= said(state.session)

    await until(settled, timeout=5, every=0)


async def bare_turn(stack: AsyncExitStack) -> float:
    """A floor turn taken beside another sample: the first turn of a fresh bare session."""
    return await timed(await open_session(stack, BareAgent(), None), "who?", "list_participants")
