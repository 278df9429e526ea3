"""A job whose room nobody joins ends after NOBODY_WAIT on the call's clock, freeing its
worker's call slot: the bridge made the room for an INVITE that then went (seen after a Redis
restart: each such job held a slot for the 7.5-minute idle timeout). A caller, SIP or not,
keeps the call; another agent in the room does not count as someone."""

from __future__ import annotations

import asyncio

import pytest
from livekit import rtc
from livekit.agents import AgentSession

from agents.receptionist import Receptionist
from tests.support.fake_room import STANDARD, FakeRoom
from tests.support.harness import ManualTime, simulated_call
from tests.support.scripted_llm import ScriptedLLM, until
from workflows.lifecycle.room import NOBODY_WAIT, adopt_present, attach_room, end_if_nobody_comes
from workflows.lifecycle.setup import bind_session
from workflows.lifecycle.state import CallState

AGENT = rtc.ParticipantKind.PARTICIPANT_KIND_AGENT


async def waited(joins: list[dict], ending: bool = False) -> tuple[CallState, list[str]]:
    """Start a call in a room `joins` join (identity and kind each), let NOBODY_WAIT pass
    (the call begun to end before, if `ending`): the state, and the reasons the call's log
    gives for ending it."""
    state, time, room = simulated_call(), ManualTime(), FakeRoom()
    time.install(state)
    for join in joins:
        room.join(**join)
    attach_room(room, state)
    adopt_present(room, state)
    session = AgentSession[CallState](
        llm=ScriptedLLM(lambda ctx: []), userdata=state, vad=None, turn_handling={}
    )
    bind_session(state, session)
    watch = end_if_nobody_comes(room, state, session)
    await session.start(Receptionist(state.prompts))
    state.ending = ending
    try:
        await time.advance(NOBODY_WAIT - 1)
        assert state.ending == ending  # not before the wait is over
        await time.advance(1)
        await until(lambda: watch.done())
    finally:
        await session.aclose()
    return state, [r["why"] for r in state.log.records if r["event"] == "ending"]


async def test_a_room_nobody_joins_ends_after_the_wait_logged():
    state, endings = await waited([])
    assert endings == ["nobody joined"]
    assert {"event": "timeout", "kind": "nobody_joined", "waited": NOBODY_WAIT}.items() <= [
        r for r in state.log.records if r["event"] == "timeout"
    ][0].items()
    assert state.telephony.inner.inner.deleted == 1  # the room went with the call


async def test_another_agent_is_not_someone():
    _, endings = await waited([{"identity": "agent-2", "kind": AGENT}])
    assert endings == ["nobody joined"]


async def test_a_call_already_ending_is_left_to_its_ending():
    state, endings = await waited([], ending=True)
    assert endings == []
    assert not [r for r in state.log.records if r["event"] == "timeout"]


@pytest.mark.parametrize("kind", [None, STANDARD], ids=["sip caller", "standard participant"])
async def test_a_caller_in_the_room_keeps_the_call(kind):
    join = {"identity": "caller-1"} | ({"kind": kind} if kind is not None else {})
    state, endings = await waited([join])
    assert endings == [] and not state.ending


async def test_the_wait_ends_with_the_session():
    state, room = simulated_call(), FakeRoom()
    session = AgentSession[CallState](
        llm=ScriptedLLM(lambda ctx: []), userdata=state, vad=None, turn_handling={}
    )
    watch = end_if_nobody_comes(room, state, session)
    await session.start(Receptionist(state.prompts))
    await session.aclose()
    await asyncio.sleep(0)
    assert watch.cancelled()
