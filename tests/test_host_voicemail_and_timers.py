"""Voicemail on a dialled leg, and the call's time limits (MAX_CALL_DURATION, IDLE_TIMEOUT),
through the host's real tools and the offline dialog model on simulated telephony. The
timers run on a ManualTime clock: no test waits for them for real."""

from __future__ import annotations

import asyncio

import pytest

from prompts.schema import render
from tests.support.harness import ManualTime, prompts, voicemail_detector
from tests.support.host_calls import host, say
from tests.support.scripted_llm import until

HOST = prompts().host
TIMEOUTS = prompts().shared.timeouts


# ---------------------------------------------------------------------------- voicemail


@pytest.mark.parametrize(
    "action, heard_last",
    [
        ("hang_up", render(HOST.voicemail.hung_up, who="+1 415-555-0177")),
        ("leave_message", render(HOST.voicemail.left_message, who="+1 415-555-0177")),
    ],
)
async def test_voicemail_is_told_to_the_caller_and_the_leg_hung_up(action, heard_last):
    async with host(voicemail_action=action) as (session, state):
        await say(session, "add +1 415 555 0177", "yes")
        await until(lambda: state.announcements and state.announcements[-1] == heard_last)
        [leg] = state.legs.values()
        assert (leg.status, leg.outcome) == ("hangup", "voicemail")
        message = render(HOST.voicemail.message, caller_name="Ada")
        assert (message in state.announcements) == (action == "leave_message")
        assert render(HOST.hung_up, who="+1 415-555-0177") not in state.announcements


async def test_a_voicemail_detector_verdict_hangs_up_a_leg_that_answered():
    async with host() as (session, state):
        state.detect_voicemail = voicemail_detector("machine")
        await say(session, "add +1 415 555 0100", "yes")
        await until(lambda: state.live_legs() == [] and state.legs)
        [leg] = state.legs.values()
        assert leg.outcome == "voicemail"


async def test_voicemail_detection_starts_before_the_dial_for_each_leg_at_once():
    """As the framework's AMD example does: listening begins before the dial request is
    sent, so no word of the greeting is lost; two legs ringing together each get their own."""
    async with host(sim_answer_delay=0.05) as (session, state):
        started: list[tuple[str, int]] = []
        backend = state.telephony.inner
        state.detect_voicemail = voicemail_detector("human", backend, started)
        await say(session, "add +1 415 555 0100", "yes")
        await say(session, "add +1 415 555 0101", "yes")
        await until(lambda: len([leg for leg in state.legs.values() if leg.answered]) == 2)
    first, second = state.legs
    assert started == [(first, 0), (second, 1)]  # each before its own request went out


# ---------------------------------------------------------------------- duration and idle


def said(session) -> list[str]:
    return [
        item.text_content
        for item in session.history.items
        if item.type == "message" and item.role == "assistant"
    ]


async def test_max_call_duration_ends_the_call_politely():
    time = ManualTime()
    async with host(max_call_duration=60, time=time) as (session, state):
        closed = asyncio.Event()
        session.on("close", lambda _: closed.set())
        await time.advance(59)
        assert not state.ending
        await time.advance(1)
        await asyncio.wait_for(closed.wait(), 5)
        assert state.telephony.deleted == 1
        assert [r["kind"] for r in state.log.records if r["event"] == "timeout"] == [
            "max_call_duration"
        ]
        assert said(session)[-1] == TIMEOUTS.max_duration


async def test_an_idle_caller_is_asked_then_the_call_ends():
    time = ManualTime()
    async with host(idle_timeout=30, time=time) as (session, state):
        closed = asyncio.Event()
        session.on("close", lambda _: closed.set())
        await time.advance(29)
        assert TIMEOUTS.idle_warning not in state.announcements
        await time.advance(1)
        await until(lambda: TIMEOUTS.idle_warning in state.announcements)
        await time.advance(15)  # half the idle timeout again, with no answer
        await asyncio.wait_for(closed.wait(), 5)
        assert [r["kind"] for r in state.log.records if r["event"] == "timeout"] == [
            "idle_warning",
            "idle",
        ]
        assert said(session)[-1] == TIMEOUTS.idle_end


async def test_answering_the_idle_warning_keeps_the_call():
    time = ManualTime()
    async with host(idle_timeout=30, time=time) as (session, state):
        await time.advance(30)
        await until(lambda: TIMEOUTS.idle_warning in state.announcements)
        await time.advance(5)
        await say(session, "yes, still here")
        await time.advance(20)
        assert not state.ending


async def test_silence_while_people_talk_to_each_other_is_not_idle():
    time = ManualTime()
    async with host(idle_timeout=30, time=time) as (session, state):
        await say(session, "add +1 415 555 0100", "yes")
        await until(lambda: any(leg.answered for leg in state.legs.values()))
        for _ in range(4):
            await time.advance(30)
        assert not state.ending
        assert TIMEOUTS.idle_warning not in state.announcements
