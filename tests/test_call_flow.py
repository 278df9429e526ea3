"""The core call, end to end through real AgentSessions: greeting, handoff, dial, list, end."""

from __future__ import annotations

import asyncio

import pytest

from agents.conference_host import ConferenceHost
from agents.receptionist import Receptionist
from prompts.schema import render
from tests.support.harness import TEST_SETTINGS, prompts, running_call
from tests.support.host_calls import host_state, on_the_call, participant, start
from tests.support.scripted_llm import call, dial, host_model, relay_tool_output, until
from workflows.telephony.protocol import DialRequest

HOST, SHARED = prompts().host, prompts().shared
GREETING = prompts().receptionist.greeting


def model(ctx):
    """A well-behaved model: relays tool results; maps a few phrases to tool calls."""
    if (out := relay_tool_output(ctx)) is not None:
        return out
    text = ctx.items[-1].text_content or ""
    if text.startswith("I'm Ada"):
        return [call("transfer_to_conference_host", caller_name="Ada", reason="budget review")]
    return host_model(ctx)


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
            output=render(prompts().receptionist.handed_over, name="Ada")
        )
        result.expect.next_event().is_agent_handoff(new_agent_type=ConferenceHost)
        greeting = result.expect.next_event().is_message(role="assistant")
        assert greeting.event().item.text_content == render(HOST.greeting, caller_name="Ada")
        result.expect.no_more_events()  # the receptionist said nothing during the handoff

        assert c.session.userdata is state_before
        assert (c.state.caller.name, c.state.caller.reason) == ("Ada", "budget review")
        host = c.session.current_agent
        assert isinstance(host, ConferenceHost)
        task = render(HOST.task, caller_name="Ada", caller_reason="budget review")
        assert task.strip() in host.instructions
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
            output=prompts().receptionist.missing_details,
            is_error=True,
        )
        assert isinstance(c.session.current_agent, Receptionist)
        assert c.state.caller.name is None


def host_call(**settings):
    """A call with the host: Ada, about a budget review; phones ring and answer in 0.02 s."""
    settings = {"sim_ring_delay": 0.02, "sim_answer_delay": 0.02} | settings
    return start(host_state(reason="budget review", **settings), model)


async def test_dial_out_sends_one_request_with_a_normalised_number_and_unique_identity():
    async with host_call() as c:
        result = await c.session.run(user_input="add (415) 555-0100")
        result.expect.next_event().is_function_call(
            name="read_back_number", arguments={"phone_number": "(415) 555-0100"}
        )
        read_back = render(HOST.read_back, who="+1 415-555-0100")
        result.expect.next_event().is_function_call_output(
            output=render(HOST.read_back_said, text=read_back)
        )
        said = result.expect.next_event().is_message(role="assistant")  # by the tool itself
        assert said.event().item.text_content == read_back
        assert c.simulated.dialled == []  # nothing is dialled before the caller confirms
        result = await c.session.run(user_input="yes")
        result.expect.next_event().is_function_call(name="add_sip_participant")
        result.expect.next_event().is_function_call_output(
            output=render(HOST.dialing, who="+1 415-555-0100")
        )
        joined = render(HOST.joined, who="+1 415-555-0100")
        await until(lambda: joined in c.state.announcements)
        [leg] = c.state.legs.values()
        assert c.simulated.dialled == [
            DialRequest(phone_number="+14155550100", identity=leg.identity, name="+1 415-555-0100")
        ]
        assert [s.status for s in leg.history] == ["dialing", "ringing", "active"]
        assert c.state.announcements == [render(HOST.ringing, who="+1 415-555-0100"), joined]

        result = await c.session.run(user_input="add +1 415 555 0100")  # already on the call
        result.expect.contains_function_call_output(
            output=render(HOST.refused.duplicate, who="+1 415-555-0100"), is_error=True
        )
        assert len(c.simulated.dialled) == 1
        await dial(c.session, "+1 415 555 0101")
        await until(lambda: len(c.simulated.dialled) == 2)
        identities = [r.identity for r in c.simulated.dialled]
        assert len(set(identities)) == 2


@pytest.mark.parametrize(
    "spoken, reason",
    [
        ("12", HOST.number_problems.too_short),
        ("call my mum", HOST.number_problems.signs),
        ("+1 415 555 01000000000", HOST.number_problems.too_long),
        ("+1 123 456 7890", HOST.number_problems.invalid),
        ("", HOST.number_problems.empty),
    ],
)
async def test_invalid_number_is_never_dialled_and_the_model_is_told_what_to_ask(spoken, reason):
    async with host_call() as c:
        result = await c.session.run(user_input=f"add {spoken}")
        result.expect.next_event().is_function_call(name="read_back_number")
        result.expect.next_event().is_function_call_output(
            output=render(HOST.invalid_number, text=spoken, reason=reason),
            is_error=True,
        )
        await asyncio.sleep(0.05)
        assert c.simulated.dialled == []
        assert c.state.legs == {}


async def test_list_participants_reports_each_dialled_person_with_status():
    async with host_call(sim_answer_delay=5) as c:
        result = await c.session.run(user_input="who is on?")
        result.expect.next_event().is_function_call(name="list_participants")
        result.expect.next_event().is_function_call_output(output=HOST.just_us)
        await dial(c.session, "+1 415 555 0100")
        await until(lambda: any(leg.status == "ringing" for leg in c.state.legs.values()))
        result = await c.session.run(user_input="who is on?")
        result.expect.next_event().is_function_call(name="list_participants")
        result.expect.next_event().is_function_call_output(
            output=on_the_call(("+1 415-555-0100", "ringing"))
        )


async def test_end_call_says_goodbye_before_deleting_the_room_exactly_once():
    order: list[str] = []
    async with host_call() as c:
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
        assert SHARED.already_ending in outputs
        await until(lambda: c.simulated.deleted >= 1)
        await asyncio.sleep(0.05)
        assert order == [f"said: {SHARED.goodbye}", "delete_room"]
        assert c.simulated.deleted == 1
        assert c.state.ending


async def test_receptionist_can_end_the_call_too():
    async with running_call(model) as c:
        await c.session.run(user_input="bye")
        await until(lambda: c.simulated.deleted == 1)
        assert isinstance(c.session.current_agent, Receptionist)


async def test_get_call_state_reports_caller_and_dialled_legs():
    async with host_call() as c:
        await dial(c.session, "+1 415 555 0186")  # rehearses busy
        await until(lambda: c.state.live_legs() == [])
        c.state.clock = lambda: c.state.started_at + 90  # the call's clock, not the wall's
        result = await c.session.run(user_input="status?")
        output = result.expect[1].event().item.output
        summary = render(
            SHARED.state_summary,
            caller="Ada",
            reason="budget review",
            participants=participant("+1 415-555-0186", "never_answered"),
            minutes=1.5,
        )
        assert output == summary


async def test_get_call_state_says_hung_up_only_for_a_leg_that_answered():
    """A busy leg "never answered": read as "hung up", "did Bernadette pick up?" got a yes."""
    async with host_call() as c:
        await dial(c.session, "+1 415 555 0129")  # rehearses answering
        await until(lambda: [leg.status for leg in c.state.legs.values()] == ["active"])
        (leg,) = c.state.legs.values()
        await c.state.telephony.hang_up(leg.identity)
        await until(lambda: c.state.live_legs() == [])
        result = await c.session.run(user_input="status?")
        output = result.expect[1].event().item.output
        assert participant("+1 415-555-0129", "hangup") in output
        assert HOST.status.never_answered not in output


def test_settings_are_frozen_and_hide_the_secret():
    settings = TEST_SETTINGS.__class__(mode="dev", livekit_api_secret="s3cr3t-value")
    assert "s3cr3t-value" not in repr(settings)
    assert "s3cr3t-value" not in settings.banner()
    with pytest.raises(AttributeError):
        settings.llm = "x"  # type: ignore[misc]


async def test_a_caller_who_gave_no_name_or_reason_is_greeted_and_summarised_in_the_prompt_words():
    state = host_state()
    state.caller.name = state.caller.reason = None
    async with start(state, model) as c:
        result = await c.session.run(user_input="status?")
        said = [i for i in c.session.history.items if i.type == "message"]
        greeting = said[0].text_content
        output = result.expect[1].event().item.output
    assert greeting == render(HOST.greeting, caller_name=HOST.greeting_unnamed)
    summary = render(
        SHARED.state_summary,
        caller=SHARED.not_known,
        reason=SHARED.not_known,
        participants=SHARED.nobody_dialled,
        minutes="|",
    )
    assert output.startswith(summary.split("|")[0])
