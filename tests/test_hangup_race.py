"""Nothing is dialled once the call is ending, and a dial that completes after the end is
hung up at once: in the tools, and against the LiveKit API test server, where a
CreateSIPParticipant that arrives after DeleteRoom re-creates the room."""

import asyncio

import pytest

from agents.conference_host import ConferenceHost
from tests.support.harness import running_call, simulated_call
from tests.support.livekit_harness import ROOM, livekit_call, livekit_settings
from tests.support.livekit_server import SipOutcome
from tests.support.scripted_llm import call, dial, relay_tool_output, until
from workflows.lifecycle.ending import caller_left, settle_dials

NUMBER = "+1 415 555 0161"


async def test_a_yes_followed_by_a_hang_up_before_the_tool_runs_dials_nothing():
    state = simulated_call()
    state.caller.identity, state.caller.name = "caller", "Ada"

    def model(ctx):
        if (out := relay_tool_output(ctx)) is not None:
            return out
        text = ctx.items[-1].text_content
        if text.startswith("add"):
            return [call("read_back_number", phone_number=NUMBER)]
        caller_left(state, "CLIENT_INITIATED")  # hangs up while the model answers
        return [call("add_sip_participant", phone_number=NUMBER)]

    agent = ConferenceHost(state.prompts, state.caller)
    async with running_call(model, state=state, agent=agent) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        result = await c.session.run(user_input="yes")
        result.expect.contains_function_call_output(
            output=state.prompts.host.call_ending, is_error=True
        )
        await settle_dials(state, 2)
    assert state.telephony.dialled == []
    assert [r["rule"] for r in state.log.records if r["event"] == "policy_refusal"] == [
        "call_ending"
    ]


@pytest.mark.parametrize("policy", ["delete_room", "remove_legs"])
async def test_a_dial_that_reaches_the_server_after_delete_room_is_hung_up_at_once(server, policy):
    # The dial request is in flight when the caller hangs up: the server handles it after
    # DeleteRoom, which re-creates the room with one paid SIP leg in it.
    server.delay("CreateSIPParticipant", 0.5, times=1)
    server.uncancellable.add("CreateSIPParticipant")
    server.sip_outcomes["+14155550161"] = SipOutcome.answer(after=0.05)
    settings = livekit_settings(server, on_caller_hangup=policy)
    async with livekit_call(server, settings) as c:
        await dial(c.session, NUMBER)
        await until(lambda: server.requests_for("CreateSIPParticipant"))
        await server.disconnect_participant(ROOM, "caller", "CLIENT_INITIATED")
        await until(lambda: c.state.ending)
        await settle_dials(c.state, 5)
        [leg] = c.state.legs.values()
    sip_legs = [
        p for room in server.rooms.values() for p in room.participants.values() if p.kind == 3
    ]
    assert sip_legs == []  # nobody is left on a line, billed
    if policy == "delete_room":
        assert ROOM not in server.rooms
        assert len(server.requests_for("DeleteRoom")) == 2  # once for the end, once after
    else:
        removed = [r.identity for r in server.requests_for("RemoveParticipant")]
        assert leg.identity in removed
    assert not leg.live
    assert [r["event"] for r in c.state.log.records].count("late_answer") == 1


async def test_ending_the_call_stops_a_dial_still_ringing_without_cancelling_it(server):
    server.sip_outcomes["+14155550161"] = SipOutcome.answer(after=30)  # never answered in time
    async with livekit_call(server) as c:
        await dial(c.session, NUMBER)
        await until(lambda: any(leg.status == "ringing" for leg in c.state.legs.values()))
        await c.session.run(user_input="bye")
        await until(lambda: c.state.ending)
        await asyncio.wait_for(settle_dials(c.state, 5), 6)
    assert ROOM not in server.rooms
    assert all(not leg.live for leg in c.state.legs.values())
