"""The core call, end to end through real AgentSessions: greeting, handoff, dial, list, end."""

from __future__ import annotations

import asyncio

import pytest

from agents.conference_host import ConferenceHost
from agents.receptionist import Receptionist
from prompts.schema import render
from tests.harness import TEST_SETTINGS, running_call, simulated_call
from tests.scripted_llm import call, dial, host_model, relay_tool_output
from workflows.telephony.protocol import DialRequest

GREETING = "Hello, thanks for calling. Who am I speaking with, and how can I help today?"


def model(ctx):
    """A well-behaved model: relays tool results; maps a few phrases to tool calls."""
    if (out := relay_tool_output(ctx)) is not None:
        return out
    text = ctx.items[-1].text_content or ""
    if text.startswith("I'm Ada"):
        return [call("transfer_to_conference_host", caller_name="Ada", reason="budget review")]
    return host_model(ctx)


async def settle(c, predicate, timeout=2.0):
    """Wait until background dial tasks make `predicate()` true."""
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


async def test_receptionist_greets_the_caller_on_entry():
    async with running_call(model) as c:
        c.greeting.expect.next_event().is_agent_handoff(new_agent_type=Receptionist)
        msg = c.greeting.expect.next_event().is_message(role="assistant")
        assert msg.event().item.text_content == GREETING
        c.greeting.expect.no_more_events()


async def test_handoff_carries_call_state_and_conversation_to_the_host():
    async with running_call(model) as c:
        state_before = c.session.userdata
        result = await c.session.run(user_input="I'm Ada, I need a budget review call")

        result.expect.next_event().is_function_call(
            name="transfer_to_conference_host",
            arguments={"caller_name": "Ada", "reason": "budget review"},
        )
        result.expect.next_event().is_function_call_output(
            output="Ada is now with the conference host."
        )
        result.expect.next_event().is_agent_handoff(new_agent_type=ConferenceHost)
        greeting = result.expect.next_event().is_message(role="assistant")
        assert greeting.event().item.text_content == (
            "Hi Ada, I'm your conference host. Who would you like to bring into the call?"
        )
        result.expect.no_more_events()  # the receptionist said nothing during the handoff

        assert c.session.userdata is state_before
        assert (c.state.caller.name, c.state.caller.reason) == ("Ada", "budget review")
        host = c.session.current_agent
        assert isinstance(host, ConferenceHost)
        assert "The caller is Ada. They called about: budget review." in host.instructions
        carried = [i.text_content for i in host.chat_ctx.items if i.type == "message"]
        assert GREETING in carried
        assert "I'm Ada, I need a budget review call" in carried


@pytest.mark.parametrize("name, reason", [("  ", "budget"), ("Ada", "   ")])
async def test_handoff_without_name_or_reason_is_refused(name, reason):
    def early(ctx):
        if (out := relay_tool_output(ctx)) is not None:
            return out
        return [call("transfer_to_conference_host", caller_name=name, reason=reason)]

    async with running_call(early) as c:
        result = await c.session.run(user_input="hello")
        result.expect.next_event().is_function_call(name="transfer_to_conference_host")
        result.expect.next_event().is_function_call_output(
            output="Ask the caller for their name and what they need before transferring.",
            is_error=True,
        )
        assert isinstance(c.session.current_agent, Receptionist)
        assert c.state.caller.name is None


async def host_call(policy=model, state=None):
    state = state or simulated_call(sim_ring_delay=0.02, sim_answer_delay=0.02)
    state.caller.name, state.caller.reason = "Ada", "budget review"
    return running_call(policy, state=state, agent=ConferenceHost(state.prompts, state.caller))


async def test_dial_out_sends_one_request_with_a_normalised_number_and_unique_identity():
    async with await host_call() as c:
        result = await c.session.run(user_input="add (415) 555-0100")
        result.expect.next_event().is_function_call(
            name="read_back_number", arguments={"phone_number": "(415) 555-0100"}
        )
        read_back = render(c.state.prompts.host.read_back, who="+1 415-555-0100")
        result.expect.next_event().is_function_call_output(
            output=render(c.state.prompts.host.read_back_said, text=read_back)
        )
        said = result.expect.next_event().is_message(role="assistant")  # by the tool itself
        assert said.event().item.text_content == read_back
        assert c.simulated.dialled == []  # nothing is dialled before the caller confirms
        result = await c.session.run(user_input="yes")
        result.expect.next_event().is_function_call(name="add_sip_participant")
        result.expect.next_event().is_function_call_output(
            output="Dialing +1 415-555-0100 now. I'll let you know when they pick up."
        )
        await settle(c, lambda: "+1 415-555-0100 has joined the call." in c.state.announcements)
        [leg] = c.state.legs.values()
        assert c.simulated.dialled == [
            DialRequest(phone_number="+14155550100", identity=leg.identity, name="+1 415-555-0100")
        ]
        assert [s.status for s in leg.history] == ["dialing", "ringing", "active"]
        assert c.state.announcements == [
            "+1 415-555-0100 is ringing.",
            "+1 415-555-0100 has joined the call.",
        ]

        result = await c.session.run(user_input="add +1 415 555 0100")  # already on the call
        result.expect.contains_function_call_output(
            output="+1 415-555-0100 is already on the call or being dialed.", is_error=True
        )
        assert len(c.simulated.dialled) == 1
        await dial(c.session, "+1 415 555 0101")
        await settle(c, lambda: len(c.simulated.dialled) == 2)
        identities = [r.identity for r in c.simulated.dialled]
        assert len(set(identities)) == 2


@pytest.mark.parametrize(
    "spoken, reason",
    [
        ("12", "it is too short to be a phone number"),
        ("call my mum", "a phone number can only contain digits, spaces and + ( ) - ."),
        ("+1 415 555 01000000000", "it is too long to be a phone number"),
        ("+1 123 456 7890", "it is not a valid phone number for its country"),
        ("", "no phone number was given"),
    ],
)
async def test_invalid_number_is_never_dialled_and_the_model_is_told_what_to_ask(spoken, reason):
    async with await host_call() as c:
        result = await c.session.run(user_input=f"add {spoken}")
        result.expect.next_event().is_function_call(name="read_back_number")
        result.expect.next_event().is_function_call_output(
            output=f'I couldn\'t use "{spoken}" as a phone number: {reason}. Could you tell me '
            "the full number, including the area code?",
            is_error=True,
        )
        await asyncio.sleep(0.05)
        assert c.simulated.dialled == []
        assert c.state.legs == {}


async def test_list_participants_reports_each_dialled_person_with_status():
    state = simulated_call(sim_ring_delay=0.02, sim_answer_delay=5)
    async with await host_call(state=state) as c:
        result = await c.session.run(user_input="who is on?")
        result.expect.next_event().is_function_call(name="list_participants")
        result.expect.next_event().is_function_call_output(
            output="It's just you and me on the call right now."
        )
        await dial(c.session, "+1 415 555 0100")
        await settle(c, lambda: any(leg.status == "ringing" for leg in c.state.legs.values()))
        result = await c.session.run(user_input="who is on?")
        result.expect.next_event().is_function_call(name="list_participants")
        result.expect.next_event().is_function_call_output(
            output="On the call: you, Ada; +1 415-555-0100, ringing."
        )


async def test_end_call_says_goodbye_before_deleting_the_room_exactly_once():
    order: list[str] = []
    async with await host_call() as c:
        real_delete = c.simulated.delete_room

        async def delete_room():
            order.append("delete_room")
            await real_delete()

        c.simulated.delete_room = delete_room
        c.session.on(
            "conversation_item_added",
            lambda ev: (
                order.append(f"said: {ev.item.text_content}")
                if ev.item.type == "message" and ev.item.role == "assistant"
                else None
            ),
        )
        result = await c.session.run(user_input="bye bye")  # the model calls end_call twice
        outputs = [e.item.output for e in result.events if e.type == "function_call_output"]
        assert "The call is already ending. Say nothing more." in outputs
        await settle(c, lambda: c.simulated.deleted >= 1)
        await asyncio.sleep(0.05)
        assert order == ["said: Thanks for calling. Goodbye!", "delete_room"]
        assert c.simulated.deleted == 1
        assert c.state.ending


async def test_receptionist_can_end_the_call_too():
    async with running_call(model) as c:
        await c.session.run(user_input="bye")
        await settle(c, lambda: c.simulated.deleted == 1)
        assert isinstance(c.session.current_agent, Receptionist)


async def test_get_call_state_reports_caller_and_dialled_legs():
    async with await host_call() as c:
        await dial(c.session, "+1 415 555 0186")  # rehearses busy
        await settle(c, lambda: c.state.live_legs() == [])
        result = await c.session.run(user_input="status?")
        output = result.expect[1].event().item.output
        assert output.startswith(
            "Caller: Ada. Reason: budget review. On the call: +1 415-555-0186, hung up."
        )


def test_settings_are_frozen_and_hide_the_secret():
    settings = TEST_SETTINGS.__class__(mode="dev", livekit_api_secret="s3cr3t-value")
    assert "s3cr3t-value" not in repr(settings)
    assert "s3cr3t-value" not in settings.banner()
    with pytest.raises(AttributeError):
        settings.llm = "x"  # type: ignore[misc]
