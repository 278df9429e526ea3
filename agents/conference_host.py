"""The ConferenceHost runs the conference: dials people in, says who is on, ends the call."""

from __future__ import annotations

import logging

from livekit.agents import Agent, ModelSettings, llm

from prompts.loader import Prompts, render
from tools.common import CallTools
from tools.conference import ConferenceControls
from tools.directory import DirectoryTools
from tools.sip import SipTools
from tools.transfer import TransferTools
from workflows.call.asked import asks_a_transfer, asks_for_their_own
from workflows.call.confirmation import words_of
from workflows.call.directory import Directory
from workflows.call.legs import Caller
from workflows.call.phone import mentions_number
from workflows.lifecycle import asides

log = logging.getLogger("agents.conference_host")


class ConferenceHost(SipTools, DirectoryTools, ConferenceControls, TransferTools, CallTools, Agent):
    def __init__(
        self, prompts: Prompts, caller: Caller, *, chat_ctx: llm.ChatContext | None = None
    ) -> None:
        super().__init__(
            instructions=prompts.host.instructions(caller.name, caller.reason),
            chat_ctx=chat_ctx,
        )

    async def on_enter(self) -> None:
        state = self.session.userdata
        host = state.prompts.host
        own, said = state.caller.name, _said(self.chat_ctx)
        name = own or host.greeting_unnamed
        if asked := state.directory.asked_for(state.caller.reason or ""):
            # The caller's need is a desk ("support", "support for a locked account"): offer
            # it; the read-back follows and the caller's yes decides, as for any transfer.
            # "... I was told to talk to Fox Mulder": the one the caller named, not the desk
            who = _named_contact(said, state.directory, own) or asked.name
            self.session.say(render(host.greeting_transfer, caller_name=name, who=who))
            self.session.generate_reply()
            return
        if asks_for_their_own(said):  # "... n my mate": not asked "who?"
            # "put me thru to my foreman": no "who?", what they asked for is acted on at once
            self.session.say(render(host.greeting_asked, caller_name=name))
            self.session.generate_reply()
            return
        if asks_a_transfer(said) and not _gave_a_destination(said, state.directory, own):
            # "Need a transfer.": asked whom to transfer them to, never whom to bring in
            self.session.say(render(host.greeting_asked, caller_name=name))
            self.session.generate_reply()
            return
        if _contacts_named(said, state.directory, own):
            # "a call with Fox Mulder": read back at once, never "who?" just before it
            self.session.say(render(host.greeting_asked, caller_name=name))
            self.session.generate_reply()
            return
        self.session.say(render(host.greeting, caller_name=name))  # a number may be their own
        if _gave_a_destination(said, state.directory, own):
            self.session.generate_reply()  # "Sam here, conference in 415 555 0199": read it back

    async def llm_node(
        self, chat_ctx: llm.ChatContext, tools: list[llm.Tool], model_settings: ModelSettings
    ):
        """The model replies, except to the caller's words for someone else on the call:
        those stay in the conversation as context, unanswered, as participants' words not
        said to the host do (`workflows/lifecycle/asides.py`). Greeting or calling another
        by name ("hi Dana, how was the trip?") runs no model; any other line the rule allows
        ("thanks, that helps a lot") is left unanswered when the model replies with only the
        marker its instructions give it. (A participant's turn reaches the model only when
        said to the host, `workflows/lifecycle/hearing.py`.)"""
        state = self.session.userdata
        allowed = None
        if (turn := asides.callers_turn(state, chat_ctx)) is not None:
            if asides.to_another(state, turn, chat_ctx):
                log.info("the caller spoke to another participant: no reply")
                state.log.write("caller_aside")
                return None
            allowed = asides.aside_allowed(state, chat_ctx, turn)
        elif asides.participants_turn(chat_ctx):
            allowed = False  # a participant's turn said to the host: always answered
        reply = Agent.default.llm_node(self, chat_ctx, tools, model_settings)
        return asides.unless_aside(reply, state, allowed)


def _gave_a_destination(said: list[str], directory: Directory, own: str | None) -> bool:
    """Whether the caller said a phone number, or named someone in the directory ("a conference
    with Mulder and the front desk"), before the host took over."""
    return any(map(mentions_number, said)) or bool(_contacts_named(said, directory, own))


def _contacts_named(said: list[str], directory: Directory, own: str | None) -> list[str]:
    """The contacts the caller named in `said`, in order, never by a word of their own name
    ("Siobhán O'Brien-Smith calling", "Dana Scully here" name no contact)."""
    theirs = set(words_of(own or ""))
    return [
        name
        for text in said
        for name in directory.named_in(
            " ".join(w for w in text.split() if not set(words_of(w)) & theirs)
        )
    ]


def _named_contact(said: list[str], directory: Directory, own: str | None) -> str | None:
    """The one contact the caller named before the host took over, or None (none or several)."""
    named = _contacts_named(said, directory, own)
    found = directory.find(named[0]) if len(named) == 1 else []
    return found[0].name if len(found) == 1 else None


def _said(chat_ctx: llm.ChatContext) -> list[str]:
    """What the caller said before the host took over, line by line."""
    return [
        i.text_content or "" for i in chat_ctx.items if i.type == "message" and i.role == "user"
    ]
