"""The handoff hands the host what was said, never the receptionist's tool calls."""

from __future__ import annotations

from livekit.agents import llm

from agents.conference_host import ConferenceHost
from prompts.schema import render
from tests.support.harness import prompts, running_call
from tests.support.scripted_llm import call, relay_tool_output


def receptionist_that_checks_first(ctx: llm.ChatContext):
    """Looks the call up, then hands over in the same turn; the host stays silent."""
    called = [i.name for i in ctx.items if i.type == "function_call"]
    if "transfer_to_conference_host" in called:
        return relay_tool_output(ctx) or []
    if "get_call_state" not in called:
        return [call("get_call_state")]
    return [call("transfer_to_conference_host", caller_name="Ada", reason="a sync")]


async def test_the_host_gets_the_conversation_without_the_receptionists_tool_calls():
    async with running_call(receptionist_that_checks_first) as c:
        await c.session.run(user_input="I'm Ada, I need a sync")
        host = c.session.current_agent
        assert isinstance(host, ConferenceHost)
        kinds = {item.type for item in host.chat_ctx.items}
        assert "function_call" not in kinds and "function_call_output" not in kinds
        said = [i.text_content for i in host.chat_ctx.items if i.type == "message"]
        assert prompts().receptionist.greeting in said
        assert "I'm Ada, I need a sync" in said
        # Its own instructions replace the receptionist's.
        system = [i for i in host.chat_ctx.items if i.type == "message" and i.role == "system"]
        assert [m.text_content for m in system] == [host.instructions]
        assert render(prompts().host.greeting, caller_name="Ada") in [
            i.text_content for i in c.session.history.items if i.type == "message"
        ]
