"""The receptionist's greeting waits until the SIP bridge has answered the caller's phone.

livekit-sip joins an inbound caller to the room with `sip.callStatus` ringing and answers the
phone (200 OK, then `active`) only after it subscribed to the agent's track: words the agent
says before that never reach the phone (`make scale` lost the greeting's first word this way).
"""

from __future__ import annotations

import asyncio
import logging

from livekit.agents import AgentSession

from agents.receptionist import Receptionist
from tests.support.fake_room import STANDARD, FakeRoom
from tests.support.harness import ManualTime, prompts, simulated_call
from tests.support.scripted_llm import ScriptedLLM
from workflows.lifecycle.room import ANSWER_WAIT, adopt_present, attach_room
from workflows.lifecycle.setup import bind_session
from workflows.lifecycle.state import CallState

GREETING = prompts().receptionist.greeting
CALLER = "sip_caller"


def said(session: AgentSession) -> list[str]:
    return [
        i.text_content or ""
        for i in session.history.items
        if i.type == "message" and i.role == "assistant"
    ]


async def settle() -> None:
    """Let every task that can run, run (the session starts, on_enter begins)."""
    for _ in range(50):
        await asyncio.sleep(0)


async def greeting_start(joined: dict[str, str] | None, kind=None):
    """A call whose caller is already in the room (`joined`: their attributes; None: nobody)
    when the receptionist starts; returns the state, the room, the session and its start."""
    state = simulated_call()
    time = ManualTime()
    time.install(state)
    room = FakeRoom()
    if joined is not None:
        room.join(CALLER, **({"kind": kind} if kind is not None else {}), **joined)
    attach_room(room, state)
    adopt_present(room, state)
    session = AgentSession[CallState](
        llm=ScriptedLLM(lambda ctx: []),
        userdata=state,
        vad=None,
        turn_handling={"turn_detection": None},
    )
    bind_session(state, session)
    start = asyncio.ensure_future(session.start(Receptionist(state.prompts), capture_run=True))
    await settle()
    return state, room, session, start, time


async def test_the_greeting_waits_for_the_bridge_to_answer_a_ringing_caller():
    state, room, session, start, _ = await greeting_start(
        {"sip.callStatus": "ringing", "sip.phoneNumber": "+14155550123"}
    )
    try:
        assert GREETING not in said(session)
        # Someone else's phone answered (a leg, another bridge participant) is not the caller's.
        room.join("sip_other", **{"sip.callStatus": "ringing"})
        room.set_attributes("sip_other", **{"sip.callStatus": "active"})
        await settle()
        assert not start.done() and GREETING not in said(session)
        room.set_attributes(CALLER, **{"sip.callStatus": "active"})
        await asyncio.wait_for(start, 5)
        assert said(session) == [GREETING]
        assert "caller_not_answered" not in [r["event"] for r in state.log.records]
    finally:
        await session.aclose()


async def test_a_caller_never_answered_hears_the_greeting_after_the_wait_logged(caplog):
    state, _, session, start, time = await greeting_start({"sip.callStatus": "ringing"})
    try:
        with caplog.at_level(logging.WARNING, logger="call"):
            await time.advance(ANSWER_WAIT - 0.5)
            await settle()
            assert not start.done() and GREETING not in said(session)
            await time.advance(0.5)
            await asyncio.wait_for(start, 5)
        assert said(session) == [GREETING]
        assert "still not answered by the SIP bridge" in caplog.text
        [record] = [r for r in state.log.records if r["event"] == "caller_not_answered"]
        assert record["waited"] == ANSWER_WAIT
    finally:
        await session.aclose()


async def test_a_caller_who_hangs_up_while_ringing_ends_the_wait():
    _, room, session, start, _ = await greeting_start({"sip.callStatus": "ringing"})
    try:
        room.set_attributes(CALLER, **{"sip.callStatus": "hangup"})
        await settle()
        assert start.done() or GREETING in said(session)
    finally:
        await session.aclose()


async def test_an_answered_caller_or_a_room_without_a_phone_is_greeted_at_once():
    for joined, kind in (
        ({"sip.callStatus": "active"}, None),  # answered before the agent joined
        ({}, None),  # a bridge that gives no status
        (None, None),  # nobody in the room yet
        ({"sip.callStatus": "ringing"}, STANDARD),  # not a phone at all
    ):
        _, _, session, start, _ = await greeting_start(joined, kind)
        try:
            await asyncio.wait_for(start, 5)
            assert said(session) == [GREETING], joined
        finally:
            await session.aclose()
