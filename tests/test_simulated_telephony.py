"""Simulated telephony: realistic status sequences and every rehearsed failure."""

from __future__ import annotations

import asyncio

import pytest

from prompts.schema import render
from tests.support.harness import prompts, simulated_call
from tests.support.scripted_llm import until
from workflows.call.legs import Leg
from workflows.lifecycle.dialing import _dial
from workflows.telephony.protocol import DialRequest
from workflows.telephony.simulated import RESERVED_NUMBERS, Rehearsal

HOST = prompts().host


async def dial(number: str):
    state = simulated_call(sim_ring_delay=0.01, sim_answer_delay=0.01)
    leg = Leg(identity="sip-1", phone_number=number, name=number)
    state.legs[leg.identity] = leg
    await _dial(state, leg, DialRequest(number, leg.identity, number))
    return state, leg


@pytest.mark.parametrize(
    "number, outcome, heard, failure, reason",
    [
        (
            "+14155550186",
            "busy",
            render(HOST.busy, who="+14155550186"),
            "SIP 486 Busy Here",
            "USER_REJECTED",
        ),
        (
            "+14155550180",
            "no_answer",
            render(HOST.no_answer, who="+14155550180"),
            "SIP 480 Temporarily Unavailable",
            "USER_UNAVAILABLE",
        ),
        (
            "+14155550108",
            "no_answer",
            render(HOST.no_answer, who="+14155550108"),
            "SIP 408 Request Timeout (ringing timeout)",
            "USER_UNAVAILABLE",
        ),
        (
            "+14155550103",
            "declined",
            render(HOST.declined, who="+14155550103"),
            "SIP 603 Decline",
            "USER_REJECTED",
        ),
        (
            "+14155550104",
            "unknown_number",
            render(HOST.unknown_number, who="+14155550104"),
            "SIP 404 Not Found",
            "SIP_TRUNK_FAILURE",
        ),
    ],
)
async def test_reserved_numbers_rehearse_each_failure(number, outcome, heard, failure, reason):
    state, leg = await dial(number)
    assert [c.status for c in leg.history] == ["dialing", "ringing", "hangup"]
    assert (leg.outcome, leg.failure, leg.answered) == (outcome, failure, False)
    assert leg.history[-1].detail == reason  # what the room reported
    assert state.announcements[0] == render(HOST.ringing, who=number)
    assert state.announcements[-1] == heard
    assert [p.kind for p in await state.telephony.list_participants()] == ["standard"]


async def test_any_other_number_answers_after_ringing():
    state, leg = await dial("+14155550100")
    assert [c.status for c in leg.history] == ["dialing", "ringing", "active"]
    assert leg.outcome == "joined"
    assert state.announcements == [
        render(HOST.ringing, who="+14155550100"),
        render(HOST.joined, who="+14155550100"),
    ]
    [sip] = [p for p in await state.telephony.list_participants() if p.kind == "sip"]
    assert (sip.identity, sip.call_status) == ("sip-1", "active")


async def test_callee_who_hangs_up_after_answering_is_reported(monkeypatch):
    number = "+14155550199"
    monkeypatch.setitem(
        RESERVED_NUMBERS, number, Rehearsal(None, "answers, then hangs up", hang_up_after=0.02)
    )
    state, leg = await dial(number)
    assert leg.status == "active"
    await until(lambda: not leg.live)
    assert [c.status for c in leg.history] == ["dialing", "ringing", "active", "hangup"]
    assert leg.outcome == "hung_up"
    assert state.announcements[-1] == render(HOST.hung_up, who="+14155550199")


async def test_ringing_delay_is_configurable():
    state = simulated_call(sim_ring_delay=0.3, sim_answer_delay=0.01)
    leg = Leg(identity="sip-1", phone_number="+14155550100", name="x")
    state.legs[leg.identity] = leg
    task = asyncio.create_task(_dial(state, leg, DialRequest("+14155550100", "sip-1", "x")))
    await asyncio.sleep(0.15)
    assert leg.status == "dialing"
    await task
    assert leg.status == "active"
