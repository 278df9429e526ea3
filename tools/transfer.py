"""Transfers of the caller: cold (SIP REFER) and warm (introduce first).

Both act only on a destination the caller confirmed after a read-back (`read_back_number` or
`look_up_contact` with a transfer purpose), so they pass the same dial policy as dial-outs.
Once the call is ending, the telephony guard refuses the REFER and the dial, whatever the tool
was awaiting (`workflows/telephony/guarded.py`). A warm transfer whose callee is not reached,
or leaves before the hand-over, keeps the host with the caller: the caller hears what happened
once, from the leg's own news.
"""

import logging
from typing import Annotated

from livekit.agents import RunContext, StopResponse, ToolError, ToolResult, function_tool
from livekit.agents.beta.workflows import WarmTransferTask
from pydantic import Field

from prompts.schema import render
from tools.guards import call_ending_refusal, refuse_when_ending
from tools.read_back import take_confirmed
from workflows.call.confirmation import ReadBack
from workflows.call.legs import Leg, Transfer
from workflows.lifecycle import events
from workflows.lifecycle.dialing import answered, start_dial
from workflows.lifecycle.ending import end_call_once
from workflows.lifecycle.state import CallState
from workflows.telephony.protocol import DialFailed, TelephonyError

MAX_ABOUT = 200  # as the receptionist's reason
log = logging.getLogger("tools.transfer")


class TransferTools:
    """Cold and warm transfers. Mix in before `Agent` in the bases."""

    @function_tool
    async def transfer_call(self, context: RunContext[CallState]) -> str | ToolResult:
        """Transfer the caller to the number or contact just read back for a transfer.

        Call this only after read_back_number or look_up_contact with purpose "transfer"
        and the caller's yes. The caller leaves this call; everyone else is hung up. If the
        transfer fails, the caller stays and you are told why.
        """
        state = context.userdata
        phrases = state.prompts.host.transfer
        refuse_when_ending(state)
        pending = take_confirmed(context, "transfer", None, "the destination")
        if isinstance(pending, ToolResult):
            return pending
        if not state.caller.identity:
            raise ToolError(phrases.not_possible)
        target = pending.target if pending.target.startswith("sip") else f"tel:{pending.target}"
        attempt = Transfer(target, state.clock())
        state.transfers.append(attempt)  # counts toward the dial limits, failed or not
        await context.wait_for_playout()
        await events.speak(state, render(phrases.transferring, who=pending.name))
        state.log.write("transfer", kind="cold", outcome="started")
        try:
            with call_ending_refusal(state):  # the caller hung up meanwhile, or end_call ran
                await state.telephony.transfer(state.caller.identity, target)
        except (DialFailed, TelephonyError) as e:
            attempt.failed_at = state.clock()
            log.warning("transfer failed: %s", getattr(e, "detail", e))
            state.log.write("transfer", kind="cold", outcome="failed", detail=str(e))
            raise ToolError(render(phrases.failed, who=pending.name)) from None
        state.log.write("transfer", kind="cold", outcome="transferred")
        # The caller has gone (goodbye said): hang up who is left.
        if ending := end_call_once(state, context.session, "transferred"):
            await ending
        raise StopResponse()

    @function_tool
    async def warm_transfer(
        self,
        context: RunContext[CallState],
        about: Annotated[str, Field(max_length=MAX_ABOUT)] = "",
    ) -> str | ToolResult:
        """Introduce the caller to someone by phone, then leave the two of them talking.

        Dials the person just read back for a warm transfer, introduces the caller once they
        answer, then hangs up the host's side. Call this only after read_back_number or
        look_up_contact with purpose "warm_transfer" and the caller's yes. It waits while
        their phone rings. If they are not reached or hang up before the hand-over, the
        caller stays with you and has already heard why.

        Args:
            about: What the introduction says the call is about, when the caller said it on
                this call ("tell them it's about my router dropping the connection"): their
                words, short, as said of them, e.g. "their router dropping the connection".
                Leave it empty to say the reason they gave at the start.
        """
        state = context.userdata
        refuse_when_ending(state)
        pending = take_confirmed(context, "warm_transfer", None, "the destination")
        if isinstance(pending, ToolResult):
            return pending
        if state.settings.warm_transfer == "private":
            await _private_warm_transfer(self, context, pending)
        phrases = state.prompts.host.transfer
        await context.wait_for_playout()
        await events.speak(state, render(phrases.warm_calling, who=pending.name))
        leg = start_dial(state, pending.target, pending.name, pending.extension)
        if not await answered(state, leg):  # busy, no answer, voicemail, the call ending...
            return _not_handed_over(state, leg)
        await events.speak(
            state,
            render(
                phrases.introduce,
                who=pending.name,
                caller_name=state.caller.name or state.prompts.host.unnamed_caller_outside,
                caller_reason=" ".join(about.split()).strip(" .,!?")
                or state.caller.reason
                or state.prompts.host.unknown_reason,
            ),
        )
        if state.ending or not leg.live:  # they hung up during the introduction
            return _not_handed_over(state, leg)
        await events.speak(state, render(phrases.handed_over, who=pending.name))
        if state.ending or not leg.live:
            return _not_handed_over(state, leg)
        state.log.write("transfer", kind="warm", outcome="introduced", identity=leg.identity)
        # The host leaves; the caller and the callee stay in the room.
        if ending := end_call_once(state, context.session, "warm transfer", hang_up="nobody"):
            await ending
        raise StopResponse()


def _not_handed_over(state: CallState, leg: Leg) -> ToolResult:
    """A warm transfer that did not happen: the host stays with the caller, who has already
    heard why from the leg's news ("... is busy", "... went to voicemail", "... has left"), so
    nothing more is said. Once the call is ending, the model is told that instead."""
    state.log.write(
        "transfer", kind="warm", outcome="failed", identity=leg.identity, why=leg.outcome
    )
    if state.ending:
        raise ToolError(state.prompts.host.call_ending)
    told = render(state.prompts.host.transfer.not_handed_over, who=leg.name)
    return ToolResult(told, reply_required=False)


async def _private_warm_transfer(agent, context: RunContext[CallState], pending: ReadBack) -> None:
    """LiveKit Cloud: brief the callee privately with the framework's WarmTransferTask,
    which holds the caller, calls the callee in a side room and moves them in; then the
    agent's part ends, as in the framework's warm-transfer example."""
    state = context.userdata
    phrases = state.prompts.host.transfer
    state.transfers.append(Transfer(pending.target, state.clock()))  # counts toward the limits
    state.log.write("transfer", kind="warm_private", outcome="started")
    try:
        result = await WarmTransferTask(
            pending.target,
            sip_trunk_id=state.settings.sip_trunk_id,
            dtmf=f"w{pending.extension}" if pending.extension else None,
            ringing_timeout=state.settings.sip_ringing_timeout,
            chat_ctx=agent.chat_ctx,
        )
    except ToolError as e:
        log.warning("private warm transfer failed: %s", e)
        state.log.write("transfer", kind="warm_private", outcome="failed")
        raise ToolError(render(phrases.failed, who=pending.name)) from None
    state.log.write(
        "transfer", kind="warm_private", outcome="connected", identity=result.human_agent_identity
    )
    # The caller and the callee stay in the room; the host says so and leaves.
    goodbye = render(phrases.handed_over, who=pending.name)
    if ending := end_call_once(
        state, context.session, "warm transfer", goodbye=goodbye, hang_up="nobody"
    ):
        await ending
    raise StopResponse()
