"""The Receptionist answers the call, learns who is calling and why, then hands over."""

import logging
from typing import Annotated

from livekit.agents import Agent, RunContext, ToolError, ToolResult, function_tool
from pydantic import Field

from agents.conference_host import ConferenceHost
from prompts.loader import Prompts, render
from tools.common import CallTools
from workflows.lifecycle.room import caller_hears
from workflows.lifecycle.state import CallState

log = logging.getLogger("agents.receptionist")


class Receptionist(CallTools, Agent):
    def __init__(self, prompts: Prompts) -> None:
        super().__init__(instructions=prompts.receptionist.instructions)

    async def on_enter(self) -> None:
        await caller_hears(self.session.userdata)  # a phone still ringing would lose the words
        self.session.say(self.session.userdata.prompts.receptionist.greeting)

    @function_tool
    async def transfer_to_conference_host(
        self,
        context: RunContext[CallState],
        caller_name: Annotated[str, Field(min_length=1, max_length=80)],
        reason: Annotated[str, Field(min_length=1, max_length=200)],
    ) -> tuple[Agent, ToolResult]:
        """Hand the caller over to the conference host, who sets up their conference call.

        Call this as soon as you know both the caller's name and what they need. Never guess
        either one: ask the caller. Say nothing before calling it; the host greets the caller.

        Args:
            caller_name: The caller's name as they gave it, e.g. "Ada Lovelace".
            reason: What the caller needs, in a few words, e.g. "weekly sync with two colleagues".
        """
        state = context.userdata
        name, reason = caller_name.strip(), reason.strip()
        if not name or not reason:
            raise ToolError(state.prompts.receptionist.missing_details)
        state.caller.name, state.caller.reason = name, reason
        log.info("handing %s over to the conference host", state.caller.identity or "caller")
        # The host gets the conversation, not the receptionist's tool calls or instructions
        # (as openai-agents' `remove_all_tools` handoff filter does).
        said = self.chat_ctx.copy(
            exclude_function_call=True,
            exclude_instructions=True,
            exclude_handoff=True,
            exclude_config_update=True,
        )
        host = ConferenceHost(state.prompts, state.caller, chat_ctx=said)
        handed_over = render(state.prompts.receptionist.handed_over, name=name)
        return host, ToolResult(handed_over, reply_required=False)
