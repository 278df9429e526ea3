"""The caller's small talk with the others on the call, without a greeting or a name ("thanks,
that helps a lot", "how was the trip?"), gets no reply and no tool call (issue 23, item 2):
the model replies with only the aside marker, which the host's `llm_node` never speaks; the
caller's requests without the host's name still act."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import replace

import pytest

from agents.conference_host import ConferenceHost
from prompts.schema import render
from tests.support.harness import prompts, running_call
from tests.support.host_calls import FAST_RINGING, host, host_state, say
from tests.support.scripted_llm import until
from workflows.call.addressing import may_be_aside, puts_a_question
from workflows.rehearsal.model import OfflineDialogLLM
from workflows.rehearsal.voices import say_as, spoken_by

MARKER = prompts().host.asides.marker
NO_RINGING = {"sim_ring_delay": 0.0, "sim_answer_delay": 0.0}
PLAIN_READ_BACK = "Just to confirm, that's $who. Say yes to dial it."
TALK = [  # the caller's lines carry no name; Dana's are typed as the console takes them
    "how was the trip?",
    "Dana: Long, but worth it.",
    "ha, same here",
    "Dana: Did you see the numbers for March?",
    "yeah, I saw them this morning",
    "Dana: Sales are up nine percent.",
    "thanks, that helps a lot",
    "Dana: Should we bring in the Denver office?",
    "maybe next week, not today",
    "Dana: Fair enough.",
    "did you get my email about the budget?",
    "Dana: I did, I'll reply tonight.",
    "sounds good to me",
    "Dana: Are you free on Thursday?",
    "Thursday works, after lunch",
    "Dana: Great, I'll send an invite.",
    "perfect, thanks so much",
    "Dana: No problem at all.",
    "let me check my notes",
    "Dana: Take your time.",
]


# The rule, pure: who may go unanswered.


def test_with_someone_else_on_a_line_not_for_the_host_may_go_unanswered():
    assert may_be_aside("thanks, that helps a lot", ["Ava"], others_on=True, question_pending=False)


def test_alone_with_the_host_the_caller_is_always_answered():
    assert not may_be_aside(
        "thanks, that helps a lot", ["Ava"], others_on=False, question_pending=False
    )


@pytest.mark.parametrize("line", ["Ava, how are you?", "how are you, Ava?", "hey host, hi"])
def test_a_line_said_to_the_host_is_answered(line):
    assert not may_be_aside(line, ["Ava"], others_on=True, question_pending=False)


def test_a_line_that_may_answer_the_hosts_question_is_answered():
    assert not may_be_aside("same here", ["Ava"], others_on=True, question_pending=True)


@pytest.mark.parametrize(
    ("line", "asks"),
    [
        ("Which one do you mean?", True),
        ('I read this back: "Shall I dial it?"', True),
        ("Dana Scully has joined the call.", False),
        ("Say yes or press 1 to dial it.", False),
    ],
)
def test_a_host_line_puts_a_question_when_it_ends_with_one(line, asks):
    assert puts_a_question(line) is asks


# The rehearsal session: the offline model, the real agent, tools and llm_node.


async def test_twenty_lines_between_the_caller_and_dana_get_no_reply_and_no_tool_call():
    async with host(sim_ring_delay=0.0, sim_answer_delay=0.0) as (session, state):
        await say(session, "add Dana Scully", "yes")
        await until(lambda: any(leg.answered for leg in state.live_legs()))
        before = _items(session)
        for line in TALK:
            leg, said = spoken_by(state, line)
            if leg is not None:
                await say_as(state, leg, said)
            else:
                assert await say(session, line) == [], line
        new = _items(session)[len(before) :]
        assert [i for i in new if i.type != "message" or i.role != "user"] == []
        callers = [line for line in TALK if spoken_by(state, line)[0] is None]
        assert [i.text_content for i in new] == callers  # kept as context
        assert _events(state).count("caller_aside") == len(callers) == 10
        assert MARKER not in "".join(state.announcements)


async def test_the_callers_requests_without_the_hosts_name_still_act():
    async with host(sim_ring_delay=0.0, sim_answer_delay=0.0) as (session, state):
        await say(session, "add Dana Scully", "yes")
        await until(lambda: any(leg.answered for leg in state.live_legs()))
        await say(session, "thanks, that helps a lot")
        for line, tool in [
            ("mute Dana", "mute_participant"),
            ("who's on?", "list_participants"),
            ("add Fox Mulder", "look_up_contact"),
            ("yes", "add_sip_participant"),
        ]:
            assert await say(session, line) != [], line
            assert _last_tool(session) == tool, line
        assert "caller_aside" in _events(state)
        await until(lambda: any(leg.name == "Fox Mulder" for leg in state.live_legs()))


@pytest.mark.parametrize(
    "line", ["Ava, how are you?", "how are you, Ava?", "Ava, how's it going?", "how r u doing ava?"]
)
async def test_offline_a_line_naming_the_host_keeps_the_help(line):
    async with host(sim_ring_delay=0.0, sim_answer_delay=0.0) as (session, state):
        await say(session, "add Dana Scully", "yes")
        await until(lambda: any(leg.answered for leg in state.live_legs()))
        assert await say(session, line) == [prompts().offline.host_not_understood]
        assert "caller_aside" not in _events(state)


async def test_offline_a_line_naming_someone_on_the_call_is_not_taken_for_small_talk():
    async with host(sim_ring_delay=0.0, sim_answer_delay=0.0) as (session, state):
        await say(session, "add Dana Scully", "yes")
        await until(lambda: any(leg.answered for leg in state.live_legs()))
        assert await say(session, "Dana's been great") == [prompts().offline.host_not_understood]


@pytest.mark.parametrize(
    "line",
    [
        "both Danas still hangin' round?",  # a contact's name, in the plural (the ninth tester)
        "is Mulder's line still open?",  # a contact not on the call, possessive
        "His name is Rahul, please note it",  # the caller names someone for the host
        "her name is Aoife",
    ],
)
async def test_offline_a_line_naming_a_contact_or_giving_a_name_is_for_the_host(line):
    async with host(sim_ring_delay=0.0, sim_answer_delay=0.0) as (session, state):
        await say(session, "add 415 555 0166", "yes")
        await until(lambda: any(leg.answered for leg in state.live_legs()))
        assert await say(session, line) != []
        assert "caller_aside" not in _events(state)


async def test_offline_without_anyone_else_on_small_talk_is_answered():
    async with host() as (session, state):
        await say(session, "who's on?")  # "It's just you and me ...": no question pending
        said = await say(session, "thanks, that helps a lot")
        assert said == [prompts().offline.host_not_understood]
        assert "caller_aside" not in _events(state)


async def test_offline_an_answer_to_the_hosts_question_is_answered():
    async with _offline_with_dana(ring=FAST_RINGING) as (session, state):
        await say(session, "add 415 555 0186", "yes")  # a busy line
        busy = render(prompts().host.busy, who="+1 415-555-0186")  # "... Would you like ...?"
        await until(lambda: _last_said(session) == busy)
        assert await say(session, "ha, same here") == [prompts().offline.host_not_understood]
        assert "caller_aside" not in _events(state)


async def test_offline_a_request_it_cannot_complete_is_still_asked_about():
    async with _offline_with_dana() as (session, state):
        assert await say(session, "add someone please") == [prompts().offline.ask_number]


async def test_offline_an_answer_other_than_not_understood_is_said():
    async with _offline_with_dana() as (session, state):
        assert await say(session, "I'll type it in then") == [prompts().offline.how_to_key]


async def test_offline_a_line_while_a_read_back_waits_is_answered_even_without_a_question_mark():
    async with _offline_with_dana(_plain_read_back) as (session, state):
        await say(session, "add Fox Mulder")
        assert await say(session, "hello everyone") == [prompts().offline.help]
        assert "caller_aside" not in _events(state)


def _plain_read_back(state) -> None:
    """The read-back worded without a question mark ("... Say yes to dial it.")."""
    host = state.prompts.host.model_copy(update={"read_back": PLAIN_READ_BACK})
    state.prompts = replace(state.prompts, host=host)


@asynccontextmanager
async def _offline_with_dana(change=None, ring=NO_RINGING):
    """A rehearsal with the offline model on which Ada has dialled Dana Scully in."""
    state = host_state(**ring)
    if change is not None:
        change(state)
    agent = ConferenceHost(state.prompts, state.caller)
    model = OfflineDialogLLM(state.prompts, state.directory)
    async with running_call(model, state=state, agent=agent) as c:
        await say(c.session, "add Dana Scully", "yes")
        await until(lambda: any(leg.answered for leg in state.live_legs()))
        yield c.session, state


def _last_said(session) -> str | None:
    said = [i for i in session.history.items if i.type == "message" and i.role == "assistant"]
    return said[-1].text_content if said else None


def _items(session) -> list:
    return list(session.history.items)


def _events(state) -> list[str]:
    return [r["event"] for r in state.log.records]


def _last_tool(session) -> str | None:
    calls = [i.name for i in session.history.items if i.type == "function_call"]
    return calls[-1] if calls else None
