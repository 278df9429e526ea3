"""The conference host's SIP tools: read a number back, dial it in, say who is on the call.

Dialling is a two-step contract enforced here, not only in the prompt: `read_back_number`
checks the number against the dial policy and records it as pending; `add_sip_participant`
dials only that number, and only once the caller has answered the read-back with a clear yes.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

from livekit.agents import RunContext, ToolError, function_tool

from prompts.loader import render
from tools.dial_policy import DialRecord, check
from tools.phone import InvalidNumber, PhoneNumber, mask, parse_phone_number
from tools.telephony import DialFailed, DialRequest, TelephonyError
from workflows.call_state import CallState, Leg, PendingDial
from workflows.nlu import understand

log = logging.getLogger("tools.sip")


class SipTools:
    """Dial-out and participant listing. Mix in before `Agent` in the bases."""

    @function_tool
    async def read_back_number(self, context: RunContext[CallState], phone_number: str) -> str:
        """Check a phone number the caller wants to add, and get it ready to dial.

        Call this first whenever the caller gives you a number to add. It checks the number
        and returns it formatted to read back. Read it back and wait for the caller to confirm;
        only then call add_sip_participant with the same number. If the caller corrects the
        number, call this again with the corrected one.

        Args:
            phone_number: The number as the caller said it, e.g. "+1 415 555 0100".
        """
        state = context.userdata
        number = _allowed_number(state, phone_number)
        state.pending_dial = PendingDial(number.e164, number.spoken, context.function_call.call_id)
        state.log.write("read_back", number=mask(number.e164))
        return render(state.prompts.host.read_back, who=number.spoken)

    @function_tool
    async def add_sip_participant(self, context: RunContext[CallState], phone_number: str) -> str:
        """Dial a confirmed phone number and bring that person into this call.

        Call this only after read_back_number returned this number and the caller then said
        yes to it; otherwise it refuses. Dialing continues in the background: when this
        returns, tell the caller you are dialing. You will be told when the phone rings, when
        they join, or why it failed.

        Args:
            phone_number: The confirmed number, as passed to read_back_number.
        """
        state = context.userdata
        host = state.prompts.host
        number = _allowed_number(state, phone_number)
        pending = state.pending_dial
        if pending is None or pending.e164 != number.e164:
            _refuse(state, "not_read_back", number)
            raise ToolError(render(host.confirm_first, who=number.spoken))
        if not _caller_confirmed(context, pending):
            _refuse(state, "not_confirmed", number)
            raise ToolError(render(host.not_confirmed, who=number.spoken))
        state.pending_dial = None

        leg = Leg(identity=f"sip-{uuid.uuid4().hex[:12]}", phone_number=number.e164,
                  spoken=number.spoken)
        state.legs[leg.identity] = leg
        state.log.write("dial", identity=leg.identity, number=mask(number.e164))
        request = DialRequest(
            phone_number=number.e164,
            identity=leg.identity,
            display_name=number.spoken,
            dtmf=number.extension or "",
        )
        task = asyncio.create_task(_dial(state, leg, request), name=f"dial-{leg.identity}")
        state.dial_tasks.add(task)
        task.add_done_callback(state.dial_tasks.discard)
        return render(host.dialing, who=number.spoken)

    @function_tool
    async def list_participants(self, context: RunContext[CallState]) -> str:
        """Say who is on the call right now, with each dialled person's status.

        Call this when the caller asks who is on the call, who has joined, or who is still
        ringing. Read the result to the caller as it is.
        """
        state = context.userdata
        host = state.prompts.host
        try:
            in_room = {p.identity for p in await state.telephony.list_participants()}
        except TelephonyError as e:
            log.warning("list_participants: room listing failed, using call state: %s", e)
            in_room = {leg.identity for leg in state.live_legs()}
        people = [
            render(host.participant, who=leg.spoken, status=getattr(host.status, leg.status))
            for leg in state.legs.values()
            if leg.live and leg.identity in in_room
        ]
        if not people:
            return host.just_us
        caller = render(host.caller_entry, caller_name=state.caller.name or "the caller")
        return render(host.participants, list="; ".join([caller, *people]))


def _allowed_number(state: CallState, text: str) -> PhoneNumber:
    """Parse untrusted text and apply the dial policy; raise ToolError saying why not."""
    host = state.prompts.host
    try:
        number = parse_phone_number(text, state.settings.sip_default_region)
    except InvalidNumber as e:
        log.info("refused an unusable number (%s)", e.reason)
        state.log.write("policy_refusal", rule="invalid_number", reason=e.reason)
        raise ToolError(render(host.invalid_number, text=text, reason=e.reason)) from None
    earlier = [
        DialRecord(
            e164=leg.phone_number,
            live=leg.live,
            ringing=leg.status in ("dialing", "ringing"),
            failed_at=leg.history[-1].at if leg.outcome not in (None, "joined") else None,
        )
        for leg in state.legs.values()
    ]
    refusal = check(state.prompts.policy, number, state.settings.sip_default_region, earlier)
    if refusal is not None:
        _refuse(state, refusal.rule, number)
        raise ToolError(render(getattr(host.refused, refusal.rule), **refusal.values))
    return number


def _refuse(state: CallState, rule: str, number: PhoneNumber) -> None:
    log.warning("dial refused by rule %s: %s", rule, number.masked)
    state.log.write("policy_refusal", rule=rule, number=number.masked)


def _caller_confirmed(context: RunContext[CallState], pending: PendingDial) -> bool:
    """Whether the caller spoke after the read-back and their last words were a clear yes."""
    items = context.session.history.items
    after = next(
        (i for i, item in enumerate(items)
         if item.type == "function_call_output" and item.call_id == pending.call_id),
        None,
    )
    if after is None:
        return False
    replies = [i for i in items[after + 1:] if i.type == "message" and i.role == "user"]
    return bool(replies) and understand(replies[-1].text_content or "").confirm is True


async def _dial(state: CallState, leg: Leg, request: DialRequest) -> None:
    """Run one dial to completion in the background and report how it ended."""
    events = state.events
    try:
        await state.telephony.dial(request)
    except DialFailed as e:
        events.leg_failed(leg, e.outcome, e.detail)
    except TelephonyError as e:
        if e.kind == "config":
            log.error("DIAL-OUT MISCONFIGURED: %s", e.detail)
        events.leg_failed(leg, "config_error" if e.kind == "config" else "failed", e.detail)
    except asyncio.CancelledError:
        raise
    except Exception as e:
        log.exception("dial to %s failed unexpectedly", leg.masked)
        events.leg_failed(leg, "failed", f"{type(e).__name__}")
    else:
        events.on_status(leg.identity, "active", "answered")
