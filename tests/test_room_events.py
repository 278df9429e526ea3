"""Room events (as the rtc SDK emits them) feed SIP call status into state, log and caller."""

from __future__ import annotations

import asyncio
import logging

import pytest

from agents.conference_host import ConferenceHost
from prompts.schema import render
from tests.support.fake_room import STANDARD, FakeRoom
from tests.support.harness import prompts, running_call, simulated_call
from tests.support.scripted_llm import relay_tool_output
from workflows.call.legs import Leg
from workflows.lifecycle import events
from workflows.lifecycle.room import adopt_present, attach_room

HOST = prompts().host
WHO = "+1 415-555-0100"  # the leg's name


def call_with_leg(**settings):
    state = simulated_call(**settings)
    leg = Leg(identity="sip-abc", phone_number="+14155550100", name=WHO)
    state.legs[leg.identity] = leg
    room = FakeRoom()
    attach_room(room, state)
    return state, leg, room


def test_inbound_sip_caller_is_recorded_with_a_masked_log(caplog):
    state, _, room = call_with_leg()
    with caplog.at_level(logging.INFO, logger="call"):
        room.join("sip_caller", **{"sip.phoneNumber": "+14155550123", "sip.ruleID": "SDR_1"})
    assert state.caller.identity == "sip_caller"
    assert state.caller.phone_number == "+14155550123"
    assert "+1********23" in caplog.text
    assert "4155550123" not in caplog.text


async def test_a_caller_already_in_the_room_when_the_agent_connects_is_recorded():
    # livekit-sip creates the room and joins the caller before the agent is dispatched: the
    # agent gets no participant_connected for them (seen on a real livekit-server).
    state = simulated_call()
    room = FakeRoom()
    room.join("sip_caller", **{"sip.phoneNumber": "+14155550123"})  # before the agent
    attach_room(room, state)
    adopt_present(room, state)
    assert state.caller.identity == "sip_caller"
    assert [r["event"] for r in state.log.records].count("caller_joined") == 1
    room.leave("sip_caller", "CLIENT_INITIATED")  # and hanging up ends the conference
    assert state.ending
    await state.wind_down


def test_non_sip_participants_are_ignored():
    state, _, room = call_with_leg()
    room.join("browser-user", kind=STANDARD)
    assert state.caller.identity is None


def test_call_status_attributes_drive_the_leg_and_the_announcements(caplog):
    state, leg, room = call_with_leg()
    with caplog.at_level(logging.INFO, logger="call"):
        room.join("sip-abc", **{"sip.callStatus": "dialing", "sip.callID": "SCL_1"})
        room.set_attributes("sip-abc", **{"sip.callStatus": "ringing"})
        room.set_attributes("sip-abc", **{"sip.callStatus": "automation"})
        room.set_attributes("sip-abc", **{"sip.callStatus": "active"})
        room.set_attributes("sip-abc", **{"sip.callStatus": "active", "other": "x"})
    assert [c.status for c in leg.history] == ["dialing", "ringing", "automation", "active"]
    assert leg.outcome == "joined"
    assert state.announcements == [render(HOST.ringing, who=WHO), render(HOST.joined, who=WHO)]
    assert "leg sip-abc (+1********00) -> automation" in caplog.text
    assert "leg sip-abc joined the room (call SCL_1)" in caplog.text
    assert leg.sip == {"sip.callStatus": "active", "sip.callID": "SCL_1"}


def test_unknown_status_values_are_ignored():
    state, leg, room = call_with_leg()
    room.join("sip-abc", **{"sip.callStatus": "dialing"})
    room.set_attributes("sip-abc", **{"sip.callStatus": "teleporting"})
    assert leg.status == "dialing"


@pytest.mark.parametrize(
    "reason, outcome, heard",
    [
        ("CLIENT_INITIATED", "hung_up", render(HOST.hung_up, who=WHO)),
        ("PARTICIPANT_REMOVED", "removed", render(HOST.removed, who=WHO)),
    ],
)
def test_answered_leg_leaving_is_announced_with_its_reason(reason, outcome, heard):
    state, leg, room = call_with_leg()
    room.join("sip-abc", **{"sip.callStatus": "active"})
    room.leave("sip-abc", reason)
    assert (leg.status, leg.outcome) == ("hangup", outcome)
    assert leg.history[-1].detail == reason
    assert state.announcements[-1] == heard


def test_unanswered_leg_leaving_waits_for_the_dial_result_to_explain():
    state, leg, room = call_with_leg()
    room.join("sip-abc", **{"sip.callStatus": "ringing"})
    room.leave("sip-abc", "USER_REJECTED")
    assert leg.status == "hangup"
    assert leg.history[-1].detail == "USER_REJECTED"
    assert state.announcements == [render(HOST.ringing, who=WHO)]
    events.leg_failed(state, leg, "busy", "SIP 486 Busy Here")
    assert state.announcements[-1] == render(HOST.busy, who=WHO)


@pytest.mark.parametrize(
    "policy, deleted, removed", [("delete_room", 1, []), ("remove_legs", 0, ["sip-abc"])]
)
async def test_caller_hanging_up_ends_the_conference(policy, deleted, removed):
    state, leg, room = call_with_leg(on_caller_hangup=policy)
    state.caller.name = "Ada"
    hung_up: list[str] = []
    sim = state.telephony.inner  # below the guard, which the ending's hang-ups pass
    real_hang_up = sim.hang_up

    async def hang_up(identity):
        hung_up.append(identity)
        await real_hang_up(identity)

    sim.hang_up = hang_up
    agent = ConferenceHost(state.prompts, state.caller)
    async with running_call(
        lambda ctx: relay_tool_output(ctx) or [], state=state, agent=agent
    ) as c:
        closed = asyncio.Event()
        c.session.on("close", lambda ev: closed.set())
        room.join("caller-1", **{"sip.phoneNumber": "+14155550123"})
        room.join("sip-abc", **{"sip.callStatus": "active"})
        room.leave("caller-1", "CLIENT_INITIATED")
        await asyncio.wait_for(closed.wait(), 5)
        assert state.ending
        assert sim.deleted == deleted
        assert hung_up == removed
