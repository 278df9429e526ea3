"""Nothing is dialled once the call is ending, and a dial that completes after the end is
hung up at once: in the tools, and against the LiveKit API test server, where a
CreateSIPParticipant that arrives after DeleteRoom re-creates the room."""

import asyncio
from dataclasses import replace

import pytest

from agents.conference_host import ConferenceHost
from prompts.schema import render
from tests.support.gates import Gate, gated_call, gated_detector
from tests.support.harness import TEST_SETTINGS, prompts, running_call, simulated_call
from tests.support.livekit_harness import ROOM, livekit_call, livekit_settings
from tests.support.livekit_server import SipOutcome
from tests.support.scripted_llm import call, dial, relay_tool_output, until
from workflows.lifecycle import events
from workflows.lifecycle.dialing import start_dial
from workflows.lifecycle.ending import caller_left, end_call_once, settle_dials
from workflows.telephony.protocol import TelephonyError

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
    refusals = [r for r in state.log.records if r["event"] == "policy_refusal"]
    assert [(r["rule"], r["number"]) for r in refusals] == [("call_ending", "")]  # no number


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


# ------------------------------------------------ a dial, at every await on its way


def ending_records(state, event: str) -> list[dict]:
    return [r for r in state.log.records if r["event"] == event]


async def test_the_call_ending_while_the_detector_starts_dials_nothing():
    state = gated_call()
    started = Gate()
    state.detect_voicemail = gated_detector("human", start=started)
    leg = start_dial(state, "+14155550161", "Dana", "")
    await started.entered.wait()  # listening is starting; the dial comes next
    caller_left(state, "CLIENT_INITIATED")
    started.open()
    await settle_dials(state, 2)
    assert state.telephony.dialled == []
    assert (leg.live, leg.outcome) == (False, "failed")
    assert leg.failure == "the call ended before dialing"
    assert [r["action"] for r in ending_records(state, "policy_refusal")] == ["dial"]


async def test_a_dial_whose_call_ended_before_its_task_ran_starts_no_detector():
    state = gated_call()
    started: list[str] = []
    detector = gated_detector("human")

    def listen(identity):
        started.append(identity)
        return detector(identity)

    state.detect_voicemail = listen
    leg = start_dial(state, "+14155550161", "Dana", "")
    caller_left(state, "CLIENT_INITIATED")  # before the dial task's first step
    await settle_dials(state, 2)
    assert (started, state.telephony.dialled, leg.failure) == (
        [],
        [],
        "the call ended before dialing",
    )


async def test_a_dial_answered_while_the_call_ends_is_hung_up_and_the_room_deleted_again():
    answered = Gate()
    state = gated_call(answered)
    # A verdict still to come (AMD may listen for 15 s) is not waited for.
    state.detect_voicemail = gated_detector("human", verdict=Gate())
    leg = start_dial(state, "+14155550161", "Dana", "")
    await answered.entered.wait()  # the callee answered; the request has not returned yet
    await caller_left(state, "CLIENT_INITIATED")  # DeleteRoom
    answered.open()
    await settle_dials(state, 1)
    # On a LiveKit server the late answer re-created the room: it is deleted once more.
    assert state.telephony.deleted == 2
    assert [r["identity"] for r in ending_records(state, "late_answer")] == [leg.identity]
    assert (leg.live, leg.failure) == (False, "answered after the call ended")


async def test_a_leg_answered_while_its_answer_is_screened_is_hung_up_when_the_call_ends():
    # The host leaves the room as it is (a warm transfer): a leg still being screened
    # would stay on, billed, with nobody to talk to.
    state = gated_call()
    judged = Gate()
    state.detect_voicemail = gated_detector("human", verdict=judged)
    leg = start_dial(state, "+14155550161", "Dana", "")
    await judged.entered.wait()
    assert leg.answered and leg.live
    end_call_once(state, None, "warm transfer", hang_up="nobody")
    judged.open()
    await settle_dials(state, 2)
    assert state.telephony.hung_up == [leg.identity]
    assert (leg.live, leg.failure) == (False, "answered after the call ended")
    assert render(prompts().host.joined, who="Dana") not in state.announcements


async def test_a_voicemail_whose_message_outlasts_the_call_is_still_hung_up(monkeypatch):
    state = gated_call(settings=replace(TEST_SETTINGS, voicemail_action="leave_message"))
    state.detect_voicemail = gated_detector("machine")
    speaking = Gate()
    monkeypatch.setattr(events, "speak", lambda state, text: speaking.wait())
    leg = start_dial(state, "+14155550161", "Dana", "")
    await speaking.entered.wait()  # the message is being left on the machine
    end_call_once(state, None, "warm transfer", hang_up="nobody")
    speaking.open()
    await settle_dials(state, 2)
    assert state.telephony.hung_up == [leg.identity]  # by the ending's own hang-up
    assert (leg.live, leg.failure) == (False, "answered after the call ended")


async def test_on_a_livekit_server_a_hang_up_while_the_detector_starts_sends_no_dial(server):
    # Before: the dial went out after DeleteRoom and re-created the room with a paid leg.
    server.sip_outcomes["+14155550161"] = SipOutcome.answer(after=0.05)
    started = Gate()
    async with livekit_call(server) as c:
        c.state.detect_voicemail = gated_detector("human", start=started)
        await dial(c.session, NUMBER)
        await started.entered.wait()
        await server.disconnect_participant(ROOM, "caller", "CLIENT_INITIATED")
        await until(lambda: c.state.ending and server.requests_for("DeleteRoom"))
        started.open()
        await settle_dials(c.state, 5)
    assert server.requests_for("CreateSIPParticipant") == []
    assert ROOM not in server.rooms


def failing_hang_up(state):
    async def fail(identity):
        raise TelephonyError("unavailable", "remove: server down")

    state.telephony.inner.inner.hang_up = fail


async def test_a_late_answer_whose_hang_up_fails_is_not_recorded_as_hung_up():
    answered = Gate()
    state = gated_call(answered)
    leg = start_dial(state, "+14155550161", "Dana", "")
    await answered.entered.wait()
    end_call_once(state, None, "warm transfer", hang_up="nobody")
    failing_hang_up(state)
    answered.open()
    await settle_dials(state, 1)
    assert leg.live  # still on the line as far as anyone can tell: never said to be gone
    assert [r["what"] for r in ending_records(state, "hang_up_failed")] == [
        f"hang up {leg.identity}"
    ]


async def test_a_voicemail_whose_hang_up_fails_is_not_said_to_be_hung_up():
    state = gated_call()
    state.detect_voicemail = gated_detector("machine")
    failing_hang_up(state)
    leg = start_dial(state, "+14155550161", "Dana", "")
    await settle_dials(state, 1)
    assert leg.live and leg.outcome == "joined"
    assert state.announcements[-1] == render(prompts().host.failed, who="Dana")
    assert render(prompts().host.voicemail.hung_up, who="Dana") not in state.announcements
    assert [r["what"] for r in ending_records(state, "hang_up_failed")] == [
        f"hang up {leg.identity}"
    ]
