"""Calls that start with the ConferenceHost, and what a test reads back from a turn: shared by
the host's feature, confirmation and dial-safety tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from livekit.agents import AgentSession, RunResult, llm

from agents.conference_host import ConferenceHost
from prompts.schema import render
from tests.support.harness import ManualTime, prompts, running_call, simulated_call
from tests.support.scripted_llm import Policy, host_model, relaying, until
from workflows.call.dial_policy import DialPolicy
from workflows.call.directory import Directory
from workflows.lifecycle.state import CallState
from workflows.rehearsal.model import OfflineDialogLLM

FAST_RINGING = {"sim_ring_delay": 0.01}  # `host_state` settings: phones ring for 0.01 s


def host_state(policy: DialPolicy | None = None, reason: str = "sync", **settings) -> CallState:
    """A simulated call whose caller (identity "caller") is Ada, about `reason`. Phones ring
    for 0.3 s and answer in 0.01 s unless `settings` say otherwise: long enough for two to
    ring at once, and for a turn to end before the "is ringing" of the dial it made."""
    state = simulated_call(**({"sim_ring_delay": 0.3, "sim_answer_delay": 0.01} | settings))
    if policy is not None:
        state.policy = policy
    state.caller.identity, state.caller.name, state.caller.reason = "caller", "Ada", reason
    return state


def start(state: CallState, model: Policy | llm.LLM = host_model):
    """Run `state`'s call with the ConferenceHost; a scripted `model` also relays tool output."""
    if not isinstance(model, llm.LLM):
        model = relaying(model)
    return running_call(model, state=state, agent=ConferenceHost(state.prompts, state.caller))


@asynccontextmanager
async def host(
    directory: Directory | None = None,
    policy: DialPolicy | None = None,
    watchdog_tick: float = 1.0,
    time: ManualTime | None = None,
    **settings,
) -> AsyncIterator[tuple[AgentSession[CallState], CallState]]:
    """A call with the ConferenceHost driven by the offline dialog model, as a rehearsal runs
    it: Ada calls about "budget". Yields the session and the call's state."""
    state = host_state(policy, reason="budget", **settings)
    if time is not None:
        time.install(state)
    if directory is not None:
        state.directory = directory
    agent = ConferenceHost(state.prompts, state.caller)
    model = OfflineDialogLLM(state.prompts, state.directory)
    async with running_call(model, state=state, agent=agent, watchdog_tick=watchdog_tick) as c:
        yield c.session, state


def messages(result: RunResult) -> list[str]:
    """What the host said in a turn."""
    return [e.item.text_content for e in result.events if e.type == "message"]


def errors(result: RunResult) -> list[str]:
    """The tool errors of a turn, as the model was told them."""
    return [
        e.item.output for e in result.events if e.type == "function_call_output" and e.item.is_error
    ]


async def say(session: AgentSession, *lines: str) -> list[str]:
    """Type lines as the caller; return what the host said to the last one."""
    for line in lines:
        result = await session.run(user_input=line)
    return messages(result)


async def two_people_on(session: AgentSession, state: CallState) -> None:
    """With the offline model: dial Dana Scully, then +1 415-555-0100, each answering."""
    await say(session, "add Dana from sales", "yes")
    # Dana's "joined" said between the next read-back and its yes would void that yes.
    await until(lambda: sum(leg.answered for leg in state.legs.values()) == 1)
    await say(session, "add +1 415 555 0100", "yes")
    await until(lambda: sum(leg.answered for leg in state.legs.values()) == 2)


def participant(who: str, *statuses: str) -> str:
    """How list_participants names someone: `statuses` are keys of the host's `status`
    phrases ("active", then "muted" for a muted participant)."""
    status = prompts().host.status
    return render(
        prompts().host.participant, who=who, status=", ".join(getattr(status, s) for s in statuses)
    )


def on_the_call(*people: tuple[str, ...], caller: str = "Ada") -> str:
    """What list_participants says with the caller and each (who, *statuses) on the call."""
    host = prompts().host
    entries = [render(host.caller_entry, caller_name=caller), *(participant(*p) for p in people)]
    return render(host.participants, list="; ".join(entries))
