"""The caller corrects their name after the handover ("it's Anand, not Anan"): the host calls
them by it from then on, in its instructions and its lists; only the caller renames
themselves (README "Who may do what")."""

from __future__ import annotations

from prompts.schema import render
from tests.support.host_calls import errors, host_state, messages, start
from tests.support.scripted_llm import call, relay_tool_output
from tests.test_hearing import acting, dial_in, fresh, joined
from tests.test_participant_permissions import hear_addressed, refusals


def renaming(ctx):
    """A model that passes whatever follows "call me" to correct_caller_name, from anyone;
    otherwise it acts on the line (`acting`)."""
    if (out := relay_tool_output(ctx)) is not None:
        return out
    text = ctx.items[-1].text_content or ""
    if "call me" in text:
        return [call("correct_caller_name", name=text.split("call me", 1)[1])]
    return acting(ctx)


async def test_the_callers_corrected_name_is_used_from_then_on():
    state = fresh()  # the receptionist heard "Anan"
    state.caller.name = "Anan"
    async with start(state, renaming) as c:
        await dial_in(c, "+14155550142")
        renamed = await c.session.run(user_input="sorry, call me  Anand Krishnamurthy.")
        listed = await c.session.run(user_input="who is on?")

    host = state.prompts.host
    assert state.caller.name == "Anand Krishnamurthy"
    assert messages(renamed) == [render(host.controls.renamed, name="Anand Krishnamurthy")]
    assert render(host.caller_entry, caller_name="Anand Krishnamurthy") in messages(listed)[0]
    assert c.session.current_agent.instructions == host.instructions(
        "Anand Krishnamurthy", state.caller.reason
    )
    assert [r["event"] for r in state.log.records].count("caller_renamed") == 1


async def test_a_blank_name_changes_nothing_and_asks_for_it():
    state = host_state()
    async with start(state, renaming) as c:
        result = await c.session.run(user_input="call me  ... ")
    assert errors(result) == [state.prompts.host.controls.no_name]
    assert state.caller.name == "Ada"


async def test_a_participant_cannot_rename_the_caller():
    state = host_state()
    dana = joined(state, "leg-dana", "Dana Scully", "+14155550142")
    async with start(state, renaming) as c:
        handle = await hear_addressed(state, dana, "call me Boss")
        await handle.wait_for_playout()
        instructions = c.session.current_agent.instructions
    assert state.caller.name == "Ada"
    assert instructions == state.prompts.host.instructions("Ada", state.caller.reason)
    assert refusals(state) == [
        {"action": "rename", "identity": dana.identity, "rule": "caller_only"}
    ]
