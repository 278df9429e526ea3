"""The ConferenceHost runs the conference: dials people in, says who is on, ends the call."""

from __future__ import annotations

from livekit.agents import Agent, llm

from prompts.loader import Prompts, render
from tools.common import CallTools
from tools.conference import ConferenceControls
from tools.directory import DirectoryTools
from tools.sip import SipTools
from tools.transfer import TransferTools
from workflows.call.legs import Caller
from workflows.call.phone import mentions_number


class ConferenceHost(SipTools, DirectoryTools, ConferenceControls, TransferTools, CallTools, Agent):
    def __init__(
        self, prompts: Prompts, caller: Caller, *, chat_ctx: llm.ChatContext | None = None
    ) -> None:
        super().__init__(
            instructions=prompts.host.instructions(
                caller_name=caller.name or "not known yet",
                caller_reason=caller.reason or "not stated",
            ),
            chat_ctx=chat_ctx,
        )

    async def on_enter(self) -> None:
        state = self.session.userdata
        host, name = state.prompts.host, state.caller.name or "there"
        if asked := state.directory.exactly(state.caller.reason or ""):
            # The caller's need is a desk itself ("support"): offer it; the read-back follows
            # and the caller's yes decides, as for any transfer.
            self.session.say(render(host.greeting_transfer, caller_name=name, who=asked.name))
            self.session.generate_reply()
            return
        self.session.say(render(host.greeting, caller_name=name))
        if _gave_a_number(self.chat_ctx):  # "Sam here, conference in 415 555 0199": read it back
            self.session.generate_reply()


def _gave_a_number(chat_ctx: llm.ChatContext) -> bool:
    """Whether the caller said a phone number before the host took over."""
    return any(
        item.type == "message" and item.role == "user" and mentions_number(item.text_content or "")
        for item in chat_ctx.items
    )
