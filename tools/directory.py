"""The directory: people and teams the host can reach by name, from `workflows/call/directory.yaml`.

`look_up_contact` finds a name, asks which one when several match, says so politely when none
does, and otherwise reads the contact back like `read_back_number`: directory numbers still
pass the dial policy and still need the caller's yes.
"""

from typing import Annotated, Literal

from livekit.agents import RunContext, ToolError, ToolResult, function_tool
from pydantic import Field

from prompts.schema import render
from tools.guards import allowed_number, log_refusal, refuse_when_ending
from tools.read_back import may_ask, read_back
from workflows.lifecycle.state import CallState

MAX_NAME_CHARS = 80  # longer names are refused before any matching


class DirectoryTools:
    """Find people by name. Mix in before `Agent` in the bases."""

    @function_tool
    async def look_up_contact(
        self,
        context: RunContext[CallState],
        name: Annotated[str, Field(max_length=MAX_NAME_CHARS)],
        purpose: Literal["add", "transfer", "warm_transfer"] = "add",
    ) -> ToolResult:
        """Find a person or team in the company directory by name, ready to dial or transfer.

        Call this when the caller asks for someone by name instead of giving a number, e.g.
        "add Dana from sales" or "put me through to support". It reads the contact back to the
        caller itself; then say nothing and wait. Only if they say yes, call
        add_sip_participant with the number it gives (or transfer_call / warm_transfer). If
        several people match, ask the caller which one.

        Args:
            name: The name as the caller said it, with any team, e.g. "Dana from sales".
            purpose: "add" to dial them into the call, "transfer" to transfer the caller to
                them, "warm_transfer" to introduce the caller to them first.
        """
        state = context.userdata
        refuse_when_ending(state)
        may_ask(context, purpose)
        phrases = state.prompts.host.directory
        matches = state.directory.find(name)
        if not matches:
            state.log.write("directory_miss", query_words=len(name.split()))
            raise ToolError(render(phrases.unknown, name=name))
        if len(matches) > 1:
            choices = " or ".join(c.name_with_team for c in matches)
            raise ToolError(render(phrases.ambiguous, name=name, choices=choices))
        contact = matches[0]
        if contact.number is None:  # a SIP URI: only a transfer can reach it
            if purpose == "add":
                raise ToolError(render(phrases.no_number, who=contact.name))
            if not contact.sip_uri or not _sip_allowed(state, contact.sip_uri):
                log_refusal(state, "sip_uri_not_allowed", contact.sip_uri or "")
                raise ToolError(render(phrases.no_number, who=contact.name))
            return read_back(context, contact.sip_uri, contact.name_with_team, purpose, "")
        try:
            number = allowed_number(state, contact.number)
        except ToolError as e:  # "+1 415-555-0142 is already on the call": say whose it is
            raise ToolError(render(phrases.refused, who=contact.name, refusal=str(e))) from None
        described = f"{contact.name_with_team} at {number.spoken}"
        return read_back(
            context,
            number.e164,
            contact.name,
            purpose,
            contact.extension or "",
            described=described,
        )


def _sip_allowed(state: CallState, uri: str) -> bool:
    domain = uri.split("@", 1)[-1].lower()
    return domain in {d.lower() for d in state.policy.allowed_transfer_domains}
