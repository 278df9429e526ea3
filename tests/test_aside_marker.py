"""The aside marker (issue 23, item 2): a model told to reply with only the marker when the
caller's words are not for it. Whatever the model says, the code decides what is heard: a
reply that is only the marker is never spoken; it is logged as `caller_aside` only where the
rule lets the caller's turn go unanswered, and replaced by `asides.unheard` where it does not."""

from __future__ import annotations

from contextlib import asynccontextmanager

from livekit.agents import llm

from tests.support.harness import prompts
from tests.support.host_calls import host_state, say, start
from tests.support.scripted_llm import ScriptedLLM, call, last_read_back, relay_tool_output, until
from tests.test_caller_small_talk import MARKER, _events, _last_tool, _plain_read_back
from tests.test_hearing import dial_in, joined, settle
from workflows.call.confirmation import ReadBack
from workflows.lifecycle.hearing import SPEAKER, hear

UNHEARD = prompts().host.asides.unheard
LISTED = prompts().host.participants.split("$")[0]  # "On the call: "


# A model that says only the marker, whatever it is told: the code decides what is heard.


def _marker_model(*steps, dials=True):
    """Reads back and dials what the caller adds; to anything else, says `steps`."""

    def policy(ctx: llm.ChatContext):
        if (out := relay_tool_output(ctx)) is not None:
            return out
        text = ctx.items[-1].text_content or ""
        if text.startswith("add +"):
            return [call("read_back_number", phone_number=text[4:], purpose="add")]
        if text == "yes":
            return [call("add_sip_participant", phone_number=last_read_back(ctx))]
        return list(steps)

    return policy


@asynccontextmanager
async def _with_dana(policy, change=None):
    """A call on which Ada has dialled Dana in: the host's last words are no question."""
    state = host_state(sim_ring_delay=0.0, sim_answer_delay=0.0)
    if change is not None:
        change(state)
    async with start(state, ScriptedLLM(policy)) as c:
        await dial_in(c, "+14155550142")
        await settle(c)
        yield c, state


async def test_a_marker_only_reply_is_never_spoken_and_logged_as_an_aside():
    async with _with_dana(_marker_model(MARKER)) as (c, state):
        assert await say(c.session, "thanks, that helps a lot") == []
    assert _events(state).count("caller_aside") == 1


async def test_a_marker_streamed_in_pieces_or_quoted_is_still_never_spoken():
    async with _with_dana(_marker_model(' "' + MARKER[:2], MARKER[2:], '".')) as (c, state):
        assert await say(c.session, "ha, same here") == []
    assert _events(state).count("caller_aside") == 1


async def test_an_empty_reply_is_no_aside():
    async with _with_dana(_marker_model("")) as (c, state):
        assert await say(c.session, "ha, same here") == []
    assert "caller_aside" not in _events(state)


async def test_a_reply_that_only_begins_like_the_marker_is_said_in_full():
    text = MARKER[:1] + "note] Dana joined a minute ago."
    async with _with_dana(_marker_model(MARKER[:1], text[1:])) as (c, state):
        assert await say(c.session, "how was the trip?") == [text]
    assert "caller_aside" not in _events(state)


async def test_the_marker_where_the_caller_named_the_host_is_replaced_by_a_question():
    async with _with_dana(_marker_model(MARKER)) as (c, state):
        assert await say(c.session, "Ava, thanks, that helps a lot") == [UNHEARD]
    assert "caller_aside" not in _events(state)
    assert "aside_unheard" in _events(state)


async def test_the_marker_with_nobody_else_on_is_replaced_by_a_question():
    state = host_state()
    async with start(state, _marker_model(MARKER)) as c:
        assert await say(c.session, "thanks, that helps a lot") == [UNHEARD]
    assert "caller_aside" not in _events(state)


async def test_the_marker_after_the_hosts_question_is_replaced_by_a_question():
    def policy(ctx):
        if getattr(ctx.items[-1], "text_content", None) == "hello":
            return ["Who else should join?"]
        return _marker_model(MARKER)(ctx)

    async with _with_dana(policy) as (c, state):
        await say(c.session, "hello")
        assert await say(c.session, "same here") == [UNHEARD]
    assert "caller_aside" not in _events(state)


async def test_the_marker_while_a_read_back_waits_is_replaced_by_a_question():
    async with _with_dana(_marker_model(MARKER)) as (c, state):
        await say(c.session, "add +14155550133")
        await until(lambda: state.read_back is not None and state.read_back.said_item)
        assert await say(c.session, "thanks, that helps a lot") == [UNHEARD]
    assert "caller_aside" not in _events(state)


async def test_a_marker_beside_a_tool_call_lets_the_tool_run_and_is_not_spoken():
    async with _with_dana(_marker_model(MARKER, call("list_participants"))) as (c, state):
        said = await say(c.session, "who's on?")
        assert MARKER not in " ".join(said)
        assert _last_tool(c.session) == "list_participants"
    assert "caller_aside" not in _events(state)


async def test_a_marker_after_a_tools_result_is_dropped_without_a_word():
    def policy(ctx):
        last = ctx.items[-1]
        if last.type == "function_call_output" and last.output.startswith(LISTED):
            return [MARKER]  # "say nothing more now": the model's way of saying nothing
        if last.type == "message" and last.text_content == "who's on?":
            return [call("list_participants")]
        return _marker_model()(ctx)

    async with _with_dana(policy) as (c, state):
        assert await say(c.session, "who's on?") == []
        assert _last_tool(c.session) == "list_participants"
    assert "caller_aside" not in _events(state) and "aside_unheard" not in _events(state)


async def test_the_marker_while_a_read_back_without_a_question_mark_waits_is_replaced():
    async with _with_dana(_marker_model(MARKER), change=_plain_read_back) as (c, state):
        await say(c.session, "add +14155550133")
        await until(lambda: state.read_back is not None and state.read_back.said_item)
        assert await say(c.session, "thanks, that helps a lot") == [UNHEARD]
    assert "caller_aside" not in _events(state)


async def test_the_marker_while_a_read_back_is_still_being_said_is_replaced():
    async with _with_dana(_marker_model(MARKER)) as (c, state):
        state.read_back = ReadBack("+14155550133", "+1 415-555-0133", "add", "", "...", "t")
        assert await say(c.session, "thanks, that helps a lot") == [UNHEARD]
    assert "caller_aside" not in _events(state)


async def test_after_a_question_to_a_participant_the_callers_small_talk_may_be_an_aside():
    def policy(ctx):
        last = ctx.items[-1]
        if last.type == "message" and (last.extra or {}).get(SPEAKER):
            return ["Which number, Dana?"]  # a question to her, not to the caller
        return _marker_model(MARKER)(ctx)

    async with _with_dana(policy) as (c, state):
        dana = next(leg for leg in state.live_legs() if leg.answered)
        handle = await hear(state, dana.identity, "Ava, add my colleague")
        await handle.wait_for_playout()
        await handle
        assert state.asked == dana.identity
        assert await say(c.session, "ha, same here") == []
    assert "caller_aside" in _events(state)


async def test_the_marker_to_a_participant_who_spoke_to_the_host_is_replaced():
    async with _with_dana(_marker_model(MARKER)) as (c, state):
        dana = joined(state, "leg-scully", "Dana Scully", "+14155550143")  # "Dana Scully: ..."
        handle = await hear(state, dana.identity, "Ava, thanks, that helps a lot")
        await handle.wait_for_playout()
        said = [i.text_content for i in handle.chat_items if i.type == "message"]
    assert said == [UNHEARD]
    assert "caller_aside" not in _events(state)
