"""The conference host's SIP tools: dial people in and say who is on the call."""

from __future__ import annotations

import asyncio
import logging
import uuid

from livekit.agents import RunContext, ToolError, function_tool

from prompts.loader import render
from tools.phone import InvalidNumber, parse_phone_number
from tools.telephony import DialFailed, DialRequest, TelephonyError
from workflows.call_state import CallState, Leg

log = logging.getLogger("tools.sip")


class SipTools:
    """Dial-out and participant listing. Mix in before `Agent` in the bases."""

    @function_tool
    async def add_sip_participant(self, context: RunContext[CallState], phone_number: str) -> str:
        """Dial a phone number and bring that person into this call.

        Call this when the caller gives you the phone number of someone to add. Pass the number
        exactly as the caller said it, for example "+1 415 555 0100" or "(415) 555-0100".
        Dialing continues in the background: when this returns, tell the caller you are
        dialing. You will be told when the phone rings, when they join, or why it failed.
        Do not call it again for a number that is already ringing or on the call.

        Args:
            phone_number: The number to dial, as the caller said it, with any country code.
        """
        state = context.userdata
        host = state.prompts.host
        try:
            number = parse_phone_number(phone_number, state.settings.sip_default_region)
        except InvalidNumber as e:
            log.info("add_sip_participant: refused unusable number (%s)", e.reason)
            message = render(host.invalid_number, text=phone_number, reason=e.reason)
            raise ToolError(message) from None
        if any(leg.phone_number == number.e164 for leg in state.live_legs()):
            return render(host.already_on_call, who=number.spoken)

        leg = Leg(identity=f"sip-{uuid.uuid4().hex[:12]}", phone_number=number.e164,
                  spoken=number.spoken)
        state.legs[leg.identity] = leg
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
