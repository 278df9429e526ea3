"""Cancel means hang up: a phone still dialling or ringing is hung up by remove_participant on
both backends, the dial it ends says nothing more, and the caller hears it was called off."""

from __future__ import annotations

import asyncio

import pytest

from agents.conference_host import ConferenceHost
from prompts.schema import render
from tests.support.harness import prompts, running_call, simulated_call
from tests.support.livekit_harness import ROOM, livekit_call
from tests.support.livekit_server import SipOutcome
from tests.support.scripted_llm import dial, feature_model, until
from workflows.call.legs import Leg
from workflows.lifecycle import events
from workflows.telephony.protocol import DialFailed, DialRequest
from workflows.telephony.simulated import SimulatedTelephony

HOST = prompts().host
LONG_RING = "+1 415 555 0187"  # rings for 30 s in the simulated backend
SPOKEN = "+1 415-555-0187"
# Everything a dial that ends without the callee joining could say about it.
GONE = ("busy", "no_answer", "declined", "unknown_number", "failed", "hung_up", "removed")


def _leg_news(state, who: str) -> list[str]:
    return [a for a in state.announcements if who in a]


@pytest.mark.parametrize("status", ["dialing", "ringing"])
async def test_the_simulated_backend_ends_a_dial_hung_up_before_the_answer(status):
    """The dial returns at once (a 487, as a SIP CANCEL gives), and the phone is gone."""
    reported: list[tuple[str, str]] = []
    sim = SimulatedTelephony(
        status_sink=lambda identity, s, _detail: reported.append((identity, s)),
        ring_delay=60.0 if status == "dialing" else 0.0,
        answer_delay=60.0,
    )
    dial_task = asyncio.create_task(sim.dial(DialRequest("+14155550100", "leg-a", "A")))
    await until(lambda: ("leg-a", status) in reported)
    await sim.hang_up("leg-a")
    with pytest.raises(DialFailed) as failed:
        await asyncio.wait_for(dial_task, 1.0)
    assert failed.value.sip_status == 487
    assert [p.identity for p in await sim.list_participants()] == ["caller"]
    assert reported[-1] == ("leg-a", "hangup")
    assert ("leg-a", "active") not in reported


async def test_a_room_deleted_while_a_phone_rings_ends_that_dial():
    reported: list[tuple[str, str]] = []
    sim = SimulatedTelephony(
        status_sink=lambda identity, s, _detail: reported.append((identity, s)),
        ring_delay=0.0,
        answer_delay=60.0,
    )
    dial_task = asyncio.create_task(sim.dial(DialRequest("+14155550100", "leg-a", "A")))
    await until(lambda: ("leg-a", "ringing") in reported)
    await sim.delete_room()
    with pytest.raises(DialFailed):
        await asyncio.wait_for(dial_task, 1.0)
    assert await sim.list_participants() == []


def _host_call():
    state = simulated_call()
    state.caller.identity, state.caller.name = "caller", "Ada"
    return state, ConferenceHost(state.prompts, state.caller)


async def test_removing_a_ringing_leg_calls_it_off_and_the_dial_says_nothing_more():
    state, agent = _host_call()
    async with running_call(feature_model, state=state, agent=agent) as c:
        await c.session.run(user_input=f"add {LONG_RING}")
        await c.session.run(user_input="yes")
        await until(lambda: any(leg.status == "ringing" for leg in state.legs.values()))
        result = await c.session.run(user_input="remove 0187")
        result.expect.contains_function_call_output(
            output=render(HOST.controls.cancelled, who=SPOKEN)
        )
        await until(lambda: not state.dial_tasks)  # the dial ended with the hang-up
        [leg] = state.legs.values()
    assert (leg.live, leg.outcome) == (False, "removed")
    said = _leg_news(state, SPOKEN)
    assert said == [render(HOST.ringing, who=SPOKEN)]  # nothing after the hang-up
    assert not any(render(getattr(HOST, key), who=SPOKEN) in said for key in GONE)
    assert "dial_called_off" in [r["event"] for r in state.log.records]


async def test_removing_someone_who_answered_still_says_removed():
    state, agent = _host_call()
    async with running_call(feature_model, state=state, agent=agent) as c:
        await dial(c.session, "+1 415 555 0100")
        await until(lambda: any(leg.answered for leg in state.legs.values()))
        result = await c.session.run(user_input="remove 0100")
        result.expect.contains_function_call_output(
            output=render(HOST.removed, who="+1 415-555-0100")
        )


async def test_a_dial_that_fails_on_its_own_is_still_announced():
    """The called-off rule is only for legs the host hung up: a busy line is still told."""
    state, agent = _host_call()
    async with running_call(feature_model, state=state, agent=agent) as c:
        await dial(c.session, "+1 415 555 0186")
        await until(lambda: not state.dial_tasks)
    assert render(HOST.busy, who="+1 415-555-0186") in state.announcements


def test_a_failure_after_the_host_called_the_leg_off_keeps_it_called_off():
    state = simulated_call()
    leg = Leg(identity="sip-a", phone_number="+14155550100", name="A", status="ringing")
    state.legs[leg.identity] = leg
    state.hanging_up[leg.identity] = "removed"  # remove_participant is hanging it up
    events.leg_failed(state, leg, "failed", "dial: LiveKit error canceled")
    assert (leg.live, leg.outcome, state.announcements) == (False, "removed", [])


async def test_removing_a_ringing_leg_on_livekit_sends_remove_participant_and_ends_the_dial(
    server,
):
    """RemoveParticipant on a ringing SIP participant: the server cancels the call, the
    CreateSIPParticipant still waiting returns an error, and the dial ends quietly."""
    server.sip_outcomes["+14155550187"] = SipOutcome.answer(after=30)  # would ring on
    async with livekit_call(server, model=feature_model) as c:
        await c.session.run(user_input=f"add {LONG_RING}")
        await c.session.run(user_input="yes")
        await until(lambda: any(leg.status == "ringing" for leg in c.state.legs.values()))
        result = await c.session.run(user_input="remove 0187")
        result.expect.contains_function_call_output(
            output=render(HOST.controls.cancelled, who=SPOKEN)
        )
        await asyncio.wait_for(until(lambda: not c.state.dial_tasks), 5)
        [leg] = c.state.legs.values()
        await asyncio.sleep(0.05)  # any late room event has arrived
    assert [r.identity for r in server.requests_for("RemoveParticipant")] == [leg.identity]
    assert leg.identity not in server.rooms[ROOM].participants
    assert (leg.live, leg.outcome) == (False, "removed")
    assert _leg_news(c.state, SPOKEN) == [render(HOST.ringing, who=SPOKEN)]
