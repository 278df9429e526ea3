"""The offline dialog model drives the real agents and tools, in plain varied English."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest

from agents.conference_host import ConferenceHost
from agents.receptionist import Receptionist
from prompts.schema import render
from tests.support.harness import prompts, running_call, simulated_call
from tests.support.scripted_llm import until
from workflows.rehearsal.model import OfflineDialogLLM
from workflows.rehearsal.receptionist_turns import is_a_name

HOST, OFFLINE = prompts().host, prompts().offline
SPOKEN = "+1 415-555-0100"  # how the host reads +14155550100 back


@asynccontextmanager
async def offline_call(agent_cls=Receptionist, **settings):
    state = simulated_call(**({"sim_ring_delay": 0.3, "sim_answer_delay": 0.01} | settings))
    if agent_cls is ConferenceHost:
        state.caller.name, state.caller.reason = "Ada", "a conference call"
        agent = ConferenceHost(state.prompts, state.caller)
    else:
        agent = Receptionist(state.prompts)
    async with running_call(
        OfflineDialogLLM(state.prompts, state.directory), state=state, agent=agent
    ) as c:
        yield c.session, state


def said(result) -> list[str]:
    return [e.item.text_content for e in result.events if e.type == "message"]


def tool_calls(result) -> list[tuple[str, str]]:
    return [(e.item.name, e.item.arguments) for e in result.events if e.type == "function_call"]


@pytest.mark.parametrize(
    "lines, name, reason",
    [
        (["Hi, I'm Ada and I'd like to set up a conference call"], "Ada", None),
        (
            ["hello", "My name is Grace Hopper", "I need to get my team on a call"],
            "Grace Hopper",
            None,
        ),
        (["This is Bob from Acme, calling about the Q3 budget"], "Bob", "the Q3 budget"),
        (["good morning", "Ada", "I want a conference with my colleagues"], "Ada", None),
        (
            ["hi", "Linus Torvalds", "weekly sync with the kernel team"],
            "Linus Torvalds",
            "weekly sync with the kernel team",
        ),
        (["I need a conference call please", "call me Ada"], "Ada", None),
    ],
)
async def test_receptionist_learns_name_and_need_then_hands_over(lines, name, reason):
    async with offline_call() as (session, state):
        for line in lines:
            result = await session.run(user_input=line)
        result.expect.contains_function_call(name="transfer_to_conference_host")
        assert isinstance(session.current_agent, ConferenceHost)
        assert state.caller.name == name
        if reason:
            assert state.caller.reason == reason
        assert said(result)[-1].startswith(render(HOST.greeting, caller_name=name))


@pytest.mark.parametrize(
    "line, reply",
    [
        ("hello there", OFFLINE.ask_name),
        ("I'd like a conference call", OFFLINE.ask_name),
        ("I'm Ada", render(OFFLINE.ask_reason, name="Ada")),
        ("what can you do?", f"{OFFLINE.help} {OFFLINE.ask_name}"),  # answered, then the name
        ("purple monkey dishwasher", OFFLINE.receptionist_not_understood),
        ("what's the capital of France?", OFFLINE.receptionist_not_understood),
    ],
)
async def test_receptionist_asks_for_what_is_missing(line, reply):
    async with offline_call() as (session, _):
        result = await session.run(user_input=line)
        assert said(result) == [reply]
        assert isinstance(session.current_agent, Receptionist)


@pytest.mark.parametrize(
    "line, dialled",
    [
        ("please add +1 415 555 0100", "+14155550100"),
        ("can you call (415) 555-0100", "+14155550100"),
        ("dial 415.555.0100 for me", "+14155550100"),
        ("bring in four one five five five five zero one zero zero", "+14155550100"),
        ("conference in 1-415-555-0100", "+14155550100"),
        ("415-555-0100", "+14155550100"),
    ],
)
async def test_host_dials_numbers_written_in_the_usual_ways(line, dialled):
    async with offline_call(ConferenceHost) as (session, state):
        result = await session.run(user_input=line)
        assert [name for name, _ in tool_calls(result)] == ["read_back_number"]
        assert said(result)[-1] == render(HOST.read_back, who=SPOKEN)
        result = await session.run(user_input="yes please")
        assert [name for name, _ in tool_calls(result)] == ["add_sip_participant"]
        # ringing may be announced within the turn on a busy machine
        assert render(HOST.dialing, who=SPOKEN) in said(result)
        await until(lambda: state.telephony.dialled)
        assert [r.phone_number for r in state.telephony.dialled] == [dialled]


async def test_host_takes_a_correction_after_the_read_back():
    async with offline_call(ConferenceHost) as (session, state):
        await session.run(user_input="add +1 415 555 0100")
        result = await session.run(user_input="no, that's wrong")
        assert said(result) == [OFFLINE.wrong_number]
        result = await session.run(user_input="it's +1 415 555 0101")
        assert said(result) == [render(HOST.read_back, who="+1 415-555-0101")]
        await session.run(user_input="correct")
        await until(lambda: state.telephony.dialled)
        assert [r.phone_number for r in state.telephony.dialled] == ["+14155550101"]


async def test_host_asks_for_a_number_when_none_was_given():
    async with offline_call(ConferenceHost) as (session, state):
        result = await session.run(user_input="I'd like to add someone to the call")
        assert said(result) == [OFFLINE.ask_number]
        result = await session.run(user_input="it's 415 555 0100")
        assert [name for name, _ in tool_calls(result)] == ["read_back_number"]


async def test_host_lists_participants_and_reports_a_busy_line():
    async with offline_call(ConferenceHost) as (session, state):
        for number in ("+1 415 555 0100", "+1 415 555 0186"):
            await session.run(user_input=f"add {number}")
            await session.run(user_input="yes")
        await until(lambda: len(state.announcements) >= 4)
        assert render(HOST.busy, who="+1 415-555-0186") in state.announcements
        result = await session.run(user_input="who's on the call?")
        entries = [
            render(HOST.caller_entry, caller_name="Ada"),
            render(HOST.participant, who=SPOKEN, status=HOST.status.active),
        ]
        assert said(result) == [render(HOST.participants, list="; ".join(entries))]


@pytest.mark.parametrize(
    "line", ["bye", "that's all, thanks, goodbye", "please hang up", "end the call", "I have to go"]
)
async def test_goodbye_ends_the_call_from_either_agent(line):
    for agent in (Receptionist, ConferenceHost):
        async with offline_call(agent) as (session, state):
            result = await session.run(user_input=line)
            assert [name for name, _ in tool_calls(result)] == ["end_call"]
            assert said(result) == [prompts().shared.goodbye]
            await until(lambda: state.telephony.deleted == 1)


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("tell me a joke", OFFLINE.host_not_understood),
        ("what's the weather like?", OFFLINE.answers.cannot_tell),  # honestly: it can't tell
        ("asdfgh", OFFLINE.host_not_understood),
        ("write me a poem", OFFLINE.host_not_understood),
    ],
)
async def test_host_does_not_pretend_to_be_a_general_model(line, answer):
    async with offline_call(ConferenceHost) as (session, state):
        result = await session.run(user_input=line)
        assert said(result) == [answer]
        assert tool_calls(result) == []


async def test_invalid_number_is_explained_and_nothing_dialled():
    async with offline_call(ConferenceHost) as (session, state):
        result = await session.run(user_input="add 555 0100 99")
        assert [name for name, _ in tool_calls(result)] == ["read_back_number"]
        reason = HOST.number_problems.invalid
        assert said(result) == [render(HOST.invalid_number, text="555010099", reason=reason)]
        assert state.telephony.dialled == []


@pytest.mark.parametrize(
    "text, is_name",
    [
        ("yep", False),
        ("yeah sure", False),
        ("um okay", False),
        ("good morning", False),
        ("hello", False),
        ("no thanks", False),
        ("Sam Lee", True),
        ("Siobhán O'Brien-Smith", True),
        ("Yolanda", True),
    ],
)
def test_a_name_is_never_a_yes_word_filler_or_greeting(text, is_name):
    assert is_a_name(text, prompts()) is is_name


@pytest.mark.parametrize("agent_cls", [Receptionist, ConferenceHost])
async def test_a_line_longer_than_the_model_reads_gets_a_clear_reply_and_no_action(agent_cls):
    from workflows.rehearsal.nlu import MAX_LINE_CHARS

    line = ("add +1 415 555 0100 and " * MAX_LINE_CHARS)[: MAX_LINE_CHARS + 1]
    async with offline_call(agent_cls) as (session, state):
        result = await session.run(user_input=line)
        assert said(result) == [OFFLINE.too_long]
        assert tool_calls(result) == []
        result = await session.run(user_input=line[:MAX_LINE_CHARS])  # at the cap: read
        assert said(result) != [OFFLINE.too_long]


async def test_a_no_to_the_number_asked_again_still_reads_back_the_one_added_to_it():
    """ "yes, and also add B" asks about A again; "no" drops A, and B is still read back."""
    async with offline_call(ConferenceHost) as (session, state):
        await session.run(user_input="add 415 555 0142")
        await session.run(user_input="yes, and also add 415 555 0143")
        result = await session.run(user_input="no")
        assert said(result) == [render(HOST.read_back, who="+1 415-555-0143")]
        await session.run(user_input="yes")
        await until(lambda: state.telephony.dialled)
        assert [r.phone_number for r in state.telephony.dialled] == ["+14155550143"]


async def test_a_correction_after_a_read_back_is_read_back_without_asking_again():
    """ "make it 415 555 0143 instead" replaces the first: only the new one is asked about,
    and the caller hears the first was not dialled."""
    async with offline_call(ConferenceHost) as (session, state):
        await session.run(user_input="add 415 555 0142")
        result = await session.run(user_input="yes, make it 415 555 0143 instead")
        not_dialled = render(HOST.not_dialled, who="+1 415-555-0142")
        assert said(result) == [f"{not_dialled} {render(HOST.read_back, who='+1 415-555-0143')}"]
