"""The conference host's SIP tools: read a number back, dial it in, say who is on the call.

Dialling is a two-step contract enforced here, not only in the prompt: `read_back_number` (or
`look_up_contact`) checks the destination against the dial policy and says the read-back to
the caller itself; `add_sip_participant` (or a transfer) acts only on that destination, and
only when the confirmation rule (`workflows/call/confirmation.py`) finds the caller's clear
yes to it. The dial itself runs in `workflows/lifecycle/dialing.py`.
"""

import logging
from typing import Annotated, Literal

from livekit.agents import RunContext, ToolResult, function_tool
from pydantic import Field

from prompts.schema import render
from tools.guards import allowed_number, permit, refuse_when_ending
from tools.read_back import may_ask, read_back, take_confirmed
from workflows.lifecycle.dialing import start_dial
from workflows.lifecycle.state import CallState
from workflows.telephony.protocol import TelephonyError

log = logging.getLogger("tools.sip")

MAX_NUMBER_CHARS = 64  # longer "numbers" are refused before any parsing
PhoneArg = Annotated[str, Field(max_length=MAX_NUMBER_CHARS)]


class SipTools:
    """Dial-out and participant listing. Mix in before `Agent` in the bases."""

    @function_tool
    async def read_back_number(
        self,
        context: RunContext[CallState],
        phone_number: PhoneArg,
        purpose: Literal["add", "transfer", "warm_transfer"] = "add",
    ) -> ToolResult:
        """Check a phone number the caller gave you, and read it back to them.

        Call this first whenever the caller gives you a number to add to the call or to be
        transferred to. It checks the number and reads it back to the caller itself; then say
        nothing and wait for their answer. Only if they say yes, call add_sip_participant (or
        transfer_call / warm_transfer). If the caller corrects the number, call this again
        with the corrected one.

        Args:
            phone_number: The number as the caller said it, e.g. "+1 415 555 0100".
            purpose: "add" to dial them into the call, "transfer" to transfer the caller to
                them, "warm_transfer" to introduce the caller to them first.
        """
        state = context.userdata
        refuse_when_ending(state)
        may_ask(context, purpose)
        number = allowed_number(state, phone_number)
        return read_back(context, number.e164, number.spoken, purpose, number.extension or "")

    @function_tool
    async def add_sip_participant(
        self, context: RunContext[CallState], phone_number: PhoneArg
    ) -> str | ToolResult:
        """Dial a confirmed phone number and bring that person into this call.

        Call this only after read_back_number (or look_up_contact) read this number back and
        the caller then said yes to it; otherwise it refuses. Dialing continues in the
        background: when this returns, tell the caller you are dialing. You will be told when
        the phone rings, when they join, or why it failed.

        Args:
            phone_number: The confirmed number, as passed to read_back_number.
        """
        state = context.userdata
        refuse_when_ending(state)
        number = allowed_number(state, phone_number)
        confirmed = take_confirmed(context, "add", number.e164, number.spoken)
        if isinstance(confirmed, ToolResult):
            return confirmed
        leg = start_dial(state, number.e164, confirmed.name, confirmed.extension)
        return render(state.prompts.host.dialing, who=leg.name)

    @function_tool
    async def list_participants(self, context: RunContext[CallState]) -> str:
        """Say who is on the call right now, with each dialled person's status.

        Call this when the caller asks who is on the call, who has joined, or who is still
        ringing. Read the result to the caller as it is.
        """
        state = context.userdata
        host = state.prompts.host
        try:
            in_room = {p.identity: p for p in await state.telephony.list_participants()}
        except TelephonyError as e:
            log.warning("list_participants: room listing failed, using call state: %s", e)
            in_room = {leg.identity: None for leg in state.live_legs()}
        asker = permit(context, "who_is_on")  # a participant asked: "you" is them
        words = host.for_participants
        people = []
        for leg in state.live_legs():
            if leg.identity in in_room:
                status = getattr(host.status, leg.status)
                if (p := in_room[leg.identity]) is not None and p.muted:
                    status = f"{status}, {host.status.muted}"
                who = leg.name
                if asker is not None and leg.identity == asker.identity:
                    who = render(words.asker_entry, speaker=leg.name)
                people.append(render(host.participant, who=who, status=status))
        if not people:
            return host.just_us
        entry = host.caller_entry if asker is None else words.caller_entry
        caller = render(entry, caller_name=state.caller.name or host.unnamed_caller)
        return render(host.participants, list="; ".join([caller, *people]))
