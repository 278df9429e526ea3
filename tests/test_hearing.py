"""Participants' turns (issue 23): attributed, answered only when said to the host, context
otherwise; the reply acts for whoever spoke, by the permission table; only the caller's own
yes confirms a read-back."""

from __future__ import annotations

import asyncio

import pytest
from livekit.agents import llm

from prompts.schema import render
from tests.support.host_calls import host_state, start
from tests.support.scripted_llm import call, last_read_back, relay_tool_output
from workflows.call.confirmation import ReadBack, check
from workflows.call.legs import Leg
from workflows.lifecycle.hearing import MAX_CONTEXT_TURNS, SPEAKER, hear
from workflows.rehearsal.voices import spoken_by

WORDS = None  # the confirmation words, from the prompts (set per test via state)


def joined(state, identity: str, name: str, number: str) -> Leg:
    """A leg in the call's state only, as if it had answered (for what needs no room)."""
    leg = Leg(identity, number, name, status="active", answered=True, outcome="joined")
    state.legs[identity] = leg
    return leg


async def dial_in(c, number: str) -> Leg:
    """Dial `number` in as the caller would (read-back, yes) and wait until it has joined."""
    await c.session.run(user_input=f"add {number}")
    await c.session.run(user_input="yes")
    for _ in range(200):
        legs = [leg for leg in c.state.legs.values() if leg.answered]
        if legs and legs[-1].phone_number == number:
            return legs[-1]
        await asyncio.sleep(0.005)
    raise AssertionError(f"{number} did not join")


async def settle(c) -> None:
    """Let every speech queued so far play out (zero delays: a few loop turns)."""
    for _ in range(50):
        speech = c.session.current_speech
        if speech is not None and not speech.done():
            await speech.wait_for_playout()
        await asyncio.sleep(0.005)


def fresh():
    return host_state(sim_ring_delay=0.0, sim_answer_delay=0.0)


def acting(ctx: llm.ChatContext):
    """A model that acts on anything it is given: every user line reaching it becomes a tool
    call. Only code can keep it from acting."""
    if (out := relay_tool_output(ctx)) is not None:
        return out
    text = (ctx.items[-1].text_content or "").split(": ", 1)[-1].removeprefix("Ava, ")
    if text.startswith("add "):
        return [call("read_back_number", phone_number=text.removeprefix("add "))]
    if text.endswith("yes"):
        return [call("add_sip_participant", phone_number=last_read_back(ctx) or "")]
    if "who" in text:
        return [call("list_participants")]
    return [call("end_call")]


SMALL_TALK = [
    "Hi Fox, good to hear you.",
    "Hi Dana, how was the trip?",
    "add 415 555 0133",
    "yes",
    "I think Ava muted him earlier.",
    "the host can add them later",
    "who else is on the call?",
    "end the call when we're done",
    "press 1 for the menu",
    "okay, yes, go ahead",
] * 2  # twenty lines


async def test_twenty_lines_between_two_participants_get_no_reply_and_no_tool_call():
    state = host_state()
    dana = joined(state, "leg-dana", "Dana Scully", "+14155550142")
    fox = joined(state, "leg-fox", "Fox Mulder", "+14155550144")
    async with start(state, acting) as c:
        shown = len(c.llm.turns)
        for i, line in enumerate(SMALL_TALK):
            assert await hear(state, (dana, fox)[i % 2].identity, line) is None
        assert len(c.llm.turns) == shown, "the model was asked to reply"
        assert not [i for i in c.session.history.items if i.type == "function_call"]
        assert c.simulated.dialled == [] and c.simulated.deleted == 0
        heard = [i for i in c.session.current_agent.chat_ctx.items if i.id in state.spoken_by]
        assert [i.text_content for i in heard][-1] == f"Fox Mulder: {SMALL_TALK[-1]}"


async def test_a_turn_said_to_the_host_gets_a_reply_that_acts_for_the_speaker():
    state = fresh()
    async with start(state, acting) as c:
        dana = await dial_in(c, "+14155550142")
        handle = await hear(state, dana.identity, "Ava, who is on the call?")
        assert handle is not None
        await handle.wait_for_playout()
        asked = c.llm.turns[-2].items[-1]  # what the model was shown before the tool ran
        assert asked.text_content == "+1 415-555-0142: Ava, who is on the call?"
        assert asked.extra[SPEAKER] == dana.name
        assert state.replying_to[handle.id] == dana.identity
        assert asked.id not in state.turn_began, "a participant's turn counted as the caller's"
        words = state.prompts.host.for_participants
        listed = c.session.history.items[-1].text_content
        assert render(words.asker_entry, speaker=dana.name) in listed


async def test_a_participants_yes_never_dials_only_the_callers_does():
    state = fresh()
    words = state.prompts.host.for_participants
    async with start(state, acting) as c:
        dana = await dial_in(c, "+14155550142")
        await c.session.run(user_input="add +1 415 555 0133")
        handle = await hear(state, dana.identity, "Ava, yes")  # the model dials on it
        await handle.wait_for_playout()
        assert len(c.simulated.dialled) == 1
        refusal = render(words.caller_only, speaker=dana.name, caller_name="Ada")
        assert refusal in [i.text_content for i in c.session.history.items if i.type == "message"]


async def test_a_participants_yes_between_the_read_back_and_the_callers_yes_changes_nothing():
    state = host_state()
    dana = joined(state, "leg-dana", "Dana Scully", "+14155550142")
    async with start(state, acting) as c:
        await c.session.run(user_input="add +1 415 555 0133")
        assert await hear(state, dana.identity, "yes") is None  # not said to the host
        await c.session.run(user_input="yes")
        assert [d.phone_number for d in c.simulated.dialled] == ["+14155550133"]


def test_the_confirmation_rule_keys_on_the_callers_own_turn():
    from tests.support.harness import prompts

    words = prompts().confirmation
    said = ReadBack("+14155550133", "+1 415-555-0133", "add", "", "…", "t1", "item", 10.0)
    assert check(said, [("participant", "yes")], 11.0, words) == "no_reply"
    assert check(said, [("participant", "no"), ("user", "yes")], 11.0, words) is None
    assert check(said, [("user", "yes")], 11.0, words) is None


async def test_a_participant_asking_to_add_someone_puts_the_read_back_to_the_caller():
    state = fresh()
    words = state.prompts.host.for_participants
    async with start(state, acting) as c:
        dana = await dial_in(c, "+14155550142")
        handle = await hear(state, dana.identity, "Ava, add +1 415 555 0133")
        await handle.wait_for_playout()
        await settle(c)  # the read-back is said after the reply that issued it
        said = render(words.read_back, caller_name="Ada", speaker=dana.name, who="+1 415-555-0133")
        assert state.read_back is not None and state.read_back.text == said
        await c.session.run(user_input="yes")  # the caller's own yes
        assert [d.phone_number for d in c.simulated.dialled][1:] == ["+14155550133"]


async def test_the_answer_to_the_hosts_question_is_addressed_until_the_host_says_more():
    state = host_state()
    dana = joined(state, "leg-dana", "Dana Scully", "+14155550142")

    def asking(ctx):
        text = ctx.items[-1].text_content or ""
        return ["Which number, Dana?"] if "Ava" in text else [f"Noted: {text}"]

    async with start(state, asking) as c:
        await (await hear(state, dana.identity, "Ava, add someone")).wait_for_playout()
        answer = await hear(state, dana.identity, "the 0133 one")  # no name: an answer
        assert answer is not None
        await answer.wait_for_playout()
        assert await hear(state, dana.identity, "and lunch after?") is None  # asked nothing
        await (await hear(state, dana.identity, "Ava, add someone")).wait_for_playout()
        await c.session.run(user_input="hello")  # the host speaks to the caller meanwhile
        assert await hear(state, dana.identity, "the 0133 one") is None


async def test_only_the_last_unaddressed_turns_stay_in_the_hosts_context():
    state = host_state()
    dana = joined(state, "leg-dana", "Dana Scully", "+14155550142")
    async with start(state, acting) as c:
        for i in range(MAX_CONTEXT_TURNS + 5):
            await hear(state, dana.identity, f"line {i}")
        kept = [
            i.text_content
            for i in c.session.current_agent.chat_ctx.items
            if i.id in state.spoken_by
        ]
        last = MAX_CONTEXT_TURNS + 4
        assert kept == [f"Dana Scully: line {n}" for n in range(5, last + 1)]


@pytest.mark.parametrize("status", ["ringing", "hangup"])
async def test_only_a_participant_on_the_call_is_heard(status):
    state = host_state()
    leg = joined(state, "leg-dana", "Dana Scully", "+14155550142")
    leg.status = status
    leg.answered = status == "hangup"
    async with start(state, acting) as c:
        assert await hear(state, leg.identity, "Ava, end the call") is None
        assert state.spoken_by == {} and c.simulated.deleted == 0


def test_a_console_line_with_a_participants_name_is_said_by_them():
    state = host_state()
    dana = joined(state, "leg-dana", "Dana Scully", "+14155550142")
    assert spoken_by(state, "Dana: who else is on the call?") == (dana, "who else is on the call?")
    assert spoken_by(state, "dana scully: hi") == (dana, "hi")
    assert spoken_by(state, "Note: add Dana") == (None, "Note: add Dana")
    assert spoken_by(state, "add 415: 555") == (None, "add 415: 555")
    joined(state, "leg-white", "Dana White", "+14155550143")
    assert spoken_by(state, "Dana: hi") == (None, "Dana: hi")  # which Dana: the caller's line


async def test_the_code_never_takes_a_participants_turn_for_the_callers_whatever_its_words():
    """Even a participant's turn reading exactly "yes", timed like a reply and acted on in
    the caller's name, does not confirm: the history item is known to be theirs."""
    state = fresh()
    async with start(state, acting) as c:
        dana = await dial_in(c, "+14155550142")
        await c.session.run(user_input="add +1 415 555 0133")
        message = llm.ChatMessage(role="user", content=["yes"])
        state.spoken_by[message.id] = dana.identity
        state.turn_began[message.id] = state.clock()
        await c.session.generate_reply(user_input=message)
        await settle(c)
        assert len(c.simulated.dialled) == 1


async def test_the_console_says_a_named_line_as_that_participant():
    import io

    from workflows.rehearsal.console import Line, Transcript, converse, show_call
    from workflows.rehearsal.model import OfflineDialogLLM

    state = fresh()
    typed = ["add Dana Scully", "yes", "Dana: Ava, who else is on the call?", "Dana: hi Ada"]
    async with start(state, OfflineDialogLLM(state.prompts, state.directory)) as c:
        shown = io.StringIO()
        transcript = Transcript(shown, True)
        show_call(c.session, transcript)
        lines = asyncio.Queue()
        console = asyncio.create_task(converse(c.session, transcript, lines))
        for text in typed:  # typed one after the other, once the call has caught up
            lines.put_nowait(Line(text, state.clock()))
            await settle(c)
        lines.put_nowait(None)
        await console
        words = state.prompts.host.for_participants
        listed = render(
            state.prompts.host.participants,
            list=f"{render(words.caller_entry, caller_name='Ada')}; "
            f"{render(words.asker_entry, speaker='Dana Scully')}, connected",
        )
        assert listed in shown.getvalue()
        assert "  Dana Scully: hi Ada" in shown.getvalue()
        said = [i.text_content for i in c.session.history.items if i.type == "message"]
        assert said[-1] == listed  # "hi Ada" was not said to the host: no reply
