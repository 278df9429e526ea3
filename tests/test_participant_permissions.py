"""The permission table applied to whoever asked (README "Who may do what", issue 23): each
action a participant asks for is allowed, put to the caller, or refused with the words for
participants (naming the caller, or the stand-in when the caller gave no name) and a
`permission_refusal` record in the call log; the caller may do everything. The read-back
asks for "add" or "transfer", acting on a yes for "dial" or "transfer"."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from livekit.agents import ToolError, llm

from prompts.schema import render
from tests.support.host_calls import host_state, start
from tests.test_hearing import acting, dial_in, fresh, joined, settle
from tools.guards import permit
from tools.read_back import read_back, take_confirmed
from workflows.call.permissions import PARTICIPANT_MAY

SPEECH = "speech-1"


def asked_by(state, leg):
    """The tool context of a reply to `leg`'s turn (None: to the caller's)."""
    if leg is not None:
        state.replying_to[SPEECH] = leg.identity
    return SimpleNamespace(userdata=state, speech_handle=SimpleNamespace(id=SPEECH))


def refusals(state):
    return [
        {k: r[k] for k in ("action", "identity", "rule")}
        for r in state.log.records
        if r["event"] == "permission_refusal"
    ]


def call_with_two():
    state = host_state()
    dana = joined(state, "leg-dana", "Dana Scully", "+14155550142")
    fox = joined(state, "leg-fox", "Fox Mulder", "+14155550144")
    return state, dana, fox


@pytest.mark.parametrize("action", ["who_is_on", "add"])
def test_a_participant_may_ask_who_is_on_and_to_add_someone(action):
    state, dana, fox = call_with_two()
    assert permit(asked_by(state, dana), action, fox) is dana
    assert refusals(state) == []


@pytest.mark.parametrize("action", ["mute", "remove"])
def test_a_participant_may_mute_or_remove_only_themselves(action):
    state, dana, fox = call_with_two()
    assert permit(asked_by(state, dana), action, dana) is dana
    with pytest.raises(ToolError) as refused:
        permit(asked_by(state, dana), action, fox)
    words = state.prompts.host.for_participants
    assert refused.value.message == render(words.only_self, speaker=dana.name, caller_name="Ada")
    assert refusals(state) == [{"action": action, "identity": dana.identity, "rule": "only_self"}]


@pytest.mark.parametrize("action", ["dial", "transfer", "end", "press_keys"])
def test_what_only_the_caller_may_do_is_refused_to_a_participant_and_logged(action):
    state, dana, _ = call_with_two()
    with pytest.raises(ToolError) as refused:
        permit(asked_by(state, dana), action, dana)  # about themselves too
    words = state.prompts.host.for_participants
    assert refused.value.message == render(words.caller_only, speaker=dana.name, caller_name="Ada")
    assert refusals(state) == [{"action": action, "identity": dana.identity, "rule": "caller_only"}]


@pytest.mark.parametrize("action", sorted(PARTICIPANT_MAY))
def test_the_caller_may_do_everything_about_anyone(action):
    state, dana, _ = call_with_two()
    assert permit(asked_by(state, None), action, dana) is None
    assert refusals(state) == []


@pytest.mark.parametrize(("action", "phrase"), [("end", "caller_only"), ("mute", "only_self")])
def test_a_refusal_names_the_unnamed_caller_by_the_stand_in(action, phrase):
    state, dana, fox = call_with_two()
    state.caller.name = None
    with pytest.raises(ToolError) as refused:
        permit(asked_by(state, dana), action, fox)
    words = state.prompts.host.for_participants
    said = render(
        getattr(words, phrase), speaker=dana.name, caller_name=state.prompts.host.unnamed_caller
    )
    assert refused.value.message == said


@pytest.mark.parametrize("purpose", ["transfer", "warm_transfer"])
def test_a_participant_cannot_have_a_transfer_read_back(purpose):
    state, dana, _ = call_with_two()
    with pytest.raises(ToolError):
        read_back(asked_by(state, dana), "+14155550133", "+1 415-555-0133", purpose, "")
    assert state.read_back is None
    assert refusals(state) == [
        {"action": "transfer", "identity": dana.identity, "rule": "caller_only"}
    ]


ACTS_ON_A_YES = [("add", "dial"), ("transfer", "transfer"), ("warm_transfer", "transfer")]


@pytest.mark.parametrize(("purpose", "action"), ACTS_ON_A_YES)
def test_acting_on_a_yes_is_refused_to_a_participant_as_dialling_or_transferring(purpose, action):
    state, dana, _ = call_with_two()
    with pytest.raises(ToolError):
        take_confirmed(asked_by(state, dana), purpose, None, "+1 415-555-0133")
    assert refusals(state) == [{"action": action, "identity": dana.identity, "rule": "caller_only"}]


def tool_outputs(c) -> list[str]:
    return [i.output for i in c.session.history.items if i.type == "function_call_output"]


@pytest.mark.parametrize("caller_name", ["Ada", None])
async def test_what_the_host_is_told_after_a_participants_read_back_names_the_caller(caller_name):
    state = fresh()
    state.caller.name = caller_name
    named = caller_name or state.prompts.host.unnamed_caller
    words = state.prompts.host.for_participants
    async with start(state, acting) as c:
        dana = await dial_in(c, "+14155550142")
        handle = await hear_addressed(state, dana, "add +1 415 555 0133")
        await handle.wait_for_playout()
        await settle(c)
        said = render(words.read_back, caller_name=named, speaker=dana.name, who="+1 415-555-0133")
        assert state.read_back is not None and state.read_back.text == said
        told = render(words.read_back_said, text=said, caller_name=named)
        assert told in tool_outputs(c)


async def hear_addressed(state, leg, text):
    from workflows.lifecycle.hearing import hear

    return await hear(state, leg.identity, f"{state.prompts.host.name}, {text}")


async def test_a_participants_words_between_the_read_back_and_the_callers_yes_do_not_close_it():
    state = fresh()
    async with start(state, acting) as c:
        dana = await dial_in(c, "+14155550142")
        await c.session.run(user_input="add +1 415 555 0133")
        await settle(c)
        aside = llm.ChatMessage(role="user", content=["Dana Scully: one moment"])
        state.spoken_by[aside.id] = dana.identity
        c.session.history.items.append(aside)  # heard, with no reply from the host
        await c.session.run(user_input="yes")
        for _ in range(50):
            if len(c.simulated.dialled) == 2:
                break
            await asyncio.sleep(0.005)
        assert [d.phone_number for d in c.simulated.dialled][1:] == ["+14155550133"]
