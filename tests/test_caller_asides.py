"""The caller's words said to another person on the call ("hi Dana, how was the trip?") get no
reply and no tool call, as participants' words not said to the host do (issue 23, item 2);
the caller's requests to the host, with or without its name, are answered as before."""

from __future__ import annotations

import pytest

from tests.support.host_calls import host, say
from workflows.call.addressing import said_to_another

OTHERS = ["Dana Scully", "+1 415-555-0142"]


@pytest.mark.parametrize(
    "line",
    [
        "Hi Dana, how was the trip?",
        "Dana, can you hear me?",
        "oh hey Dana!",
        "thanks Dana",
        "great, thanks Dana!",
        "okay Dana, over to you",
        "Scully, you there?",
        "Dana, say bye to everyone for me",  # no goodbye of the caller's own
    ],
)
def test_a_greeting_or_a_call_by_name_is_said_to_that_person(line):
    assert said_to_another(line, OTHERS, ["Ava"])


@pytest.mark.parametrize(
    "line",
    [
        "Dana can drop off now",  # about her, to the host
        "mute Dana",
        "Dana from sales please",
        "Ava, who is on?",
        "hi Ava, is Dana still on?",
        "Dana, who is on the call, Ava?",  # the host's name ends it: said to the host
        "hello",
        "who is on the call?",
        "hi Fox, welcome",  # Fox is not on the call
        # a goodbye to everyone is said to the host too (tester 49)
        "dana, fox had to leave for work. ok thats it, bye everyone",
        "Dana, thanks so much. Bye all!",
        "thanks Dana, night all",
        "ok Dana, cheers everybody",
    ],
)
def test_talk_about_someone_or_to_the_host_is_not(line):
    assert not said_to_another(line, OTHERS, ["Ava"])


async def test_the_callers_small_talk_with_a_participant_gets_no_reply():
    async with host(sim_ring_delay=0.0, sim_answer_delay=0.0) as (session, state):
        await say(session, "add Dana Scully", "yes")
        await _joined(state)
        calls_before = _tool_calls(session)
        for line in ("Hi Dana, how was the trip?", "Dana, can you hear me?", "thanks Dana"):
            assert await say(session, line) == []
        assert _tool_calls(session) == calls_before
        said = [i.text_content for i in session.history.items if i.type == "message"]
        assert "Dana, can you hear me?" in said  # kept as context
        assert [r["event"] for r in state.log.records].count("caller_aside") == 3
        assert await say(session, "Ava, who is on the call?") != []  # the host answers


async def test_without_anyone_else_on_the_call_the_caller_is_always_answered():
    async with host() as (session, state):
        assert await say(session, "hi Dana, are you there?") != []
        assert "caller_aside" not in [r["event"] for r in state.log.records]


async def _joined(state):
    from tests.support.scripted_llm import until

    await until(lambda: any(leg.answered for leg in state.live_legs()))


def _tool_calls(session) -> int:
    return len([i for i in session.history.items if i.type == "function_call"])
