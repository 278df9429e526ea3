"""The conference host's SIP tools: read a number back, dial it in, say who is on the call.

Dialling is a two-step contract enforced here, not only in the prompt: `read_back_number` (or
`look_up_contact`) checks the destination against the dial policy and records it as pending;
`add_sip_participant` (or a transfer) acts only on that destination, and only once the caller
has answered the read-back with a clear yes.
"""


import asyncio
import logging
import uuid
from typing import Literal

from livekit.agents import RunContext, ToolError, function_tool

from prompts.schema import render
from tools.dial_policy import DialRecord, check
from tools.phone import InvalidNumber, PhoneNumber, mask, parse_phone_number
from tools.telephony import DialFailed, DialRequest, TelephonyError
from workflows.call_state import CallState, Leg, PendingDial, Purpose
from workflows.nlu import understand

log = logging.getLogger("tools.sip")


class SipTools:
    """Dial-out and participant listing. Mix in before `Agent` in the bases."""

    @function_tool
    async def read_back_number(
        self,
        context: RunContext[CallState],
        phone_number: str,
        purpose: Literal["add", "transfer", "warm_transfer"] = "add",
    ) -> str:
        """Check a phone number the caller gave you, and get it ready to use.

        Call this first whenever the caller gives you a number to add to the call or to be
        transferred to. It checks the number and returns it formatted to read back. Read it
        back and wait for the caller to confirm; only then call add_sip_participant (or
        transfer_call / warm_transfer) with it. If the caller corrects the number, call this
        again with the corrected one.

        Args:
            phone_number: The number as the caller said it, e.g. "+1 415 555 0100".
            purpose: "add" to dial them into the call, "transfer" to transfer the caller to
                them, "warm_transfer" to introduce the caller to them first.
        """
        state = context.userdata
        number = allowed_number(state, phone_number)
        return read_back(context, number.e164, number.spoken, purpose, number.extension or "")

    @function_tool
    async def add_sip_participant(self, context: RunContext[CallState], phone_number: str) -> str:
        """Dial a confirmed phone number and bring that person into this call.

        Call this only after read_back_number (or look_up_contact) returned this number and
        the caller then said yes to it; otherwise it refuses. Dialing continues in the
        background: when this returns, tell the caller you are dialing. You will be told when
        the phone rings, when they join, or why it failed.

        Args:
            phone_number: The confirmed number, as passed to read_back_number.
        """
        state = context.userdata
        number = allowed_number(state, phone_number)
        pending = take_confirmed(context, "add", number.e164, number.spoken)
        leg = start_dial(state, number.e164, pending.spoken, pending.extension or "")
        return render(state.prompts.host.dialing, who=leg.spoken)

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
        people = []
        for leg in state.live_legs():
            if leg.identity in in_room:
                status = getattr(host.status, leg.status)
                if (p := in_room[leg.identity]) is not None and p.muted:
                    status = f"{status}, {host.status.muted}"
                people.append(render(host.participant, who=leg.spoken, status=status))
        if not people:
            return host.just_us
        caller = render(host.caller_entry, caller_name=state.caller.name or "the caller")
        return render(host.participants, list="; ".join([caller, *people]))


def allowed_number(state: CallState, text: str) -> PhoneNumber:
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
        refuse(state, refusal.rule, number.masked)
        raise ToolError(render(getattr(host.refused, refusal.rule), **refusal.values))
    return number


def read_back(
    context: RunContext[CallState],
    target: str,
    spoken: str,
    purpose: Purpose,
    extension: str,
    described: str | None = None,
) -> str:
    """Record a destination as pending the caller's yes; return the read-back to say.

    `spoken` names the callee from then on ("Dana Scully"); `described` is the fuller form
    read back once ("Dana Scully from Sales at +1 415-555-0142"), defaulting to `spoken`.
    """
    state = context.userdata
    state.pending_dial = PendingDial(
        target, spoken, context.function_call.call_id, purpose, extension
    )
    state.log.write("read_back", purpose=purpose, target=mask(target))
    host = state.prompts.host
    template = {
        "add": host.read_back, "transfer": host.transfer.read_back,
        "warm_transfer": host.transfer.read_back_warm,
    }[purpose]
    return render(template, who=described or spoken)


def take_confirmed(
    context: RunContext[CallState], purpose: Purpose, target: str | None, spoken: str
) -> PendingDial:
    """The pending destination, if the caller confirmed it for this purpose; else ToolError.

    `target` None accepts whatever was read back for `purpose` (transfers take no argument).
    """
    state = context.userdata
    host = state.prompts.host
    pending = state.pending_dial
    if pending is None or pending.purpose != purpose or target not in (None, pending.target):
        refuse(state, "not_read_back", mask(target))
        first = host.confirm_first if purpose == "add" else host.transfer.confirm_first
        raise ToolError(render(first, who=spoken))
    if not _caller_confirmed(context, pending):
        refuse(state, "not_confirmed", mask(pending.target))
        raise ToolError(render(host.not_confirmed, who=pending.spoken))
    state.pending_dial = None
    return pending


def refuse(state: CallState, rule: str, target: str) -> None:
    log.warning("dial refused by rule %s: %s", rule, target)
    state.log.write("policy_refusal", rule=rule, number=target)


def _caller_confirmed(context: RunContext[CallState], pending: PendingDial) -> bool:
    """Whether the caller spoke after the read-back and their last words were a clear yes."""
    items = context.session.history.items
    after = next(
        (i for i in range(len(items) - 1, -1, -1)
         if items[i].type == "function_call_output" and items[i].call_id == pending.call_id),
        None,
    )
    if after is None:
        return False
    replies = [i for i in items[after + 1:] if i.type == "message" and i.role == "user"]
    return bool(replies) and understand(replies[-1].text_content or "").confirm is True


def start_dial(state: CallState, e164: str, spoken: str, extension: str) -> Leg:
    """Create the leg and dial it in the background."""
    leg = Leg(identity=f"sip-{uuid.uuid4().hex[:12]}", phone_number=e164, spoken=spoken)
    state.legs[leg.identity] = leg
    state.log.write("dial", identity=leg.identity, number=mask(e164))
    # "w" waits half a second after the answer before pressing the extension.
    request = DialRequest(e164, leg.identity, spoken, f"w{extension}" if extension else "")
    task = asyncio.create_task(_dial(state, leg, request), name=f"dial-{leg.identity}")
    state.dial_tasks.add(task)
    task.add_done_callback(state.dial_tasks.discard)
    return leg


async def _dial(state: CallState, leg: Leg, request: DialRequest) -> None:
    """Run one dial to completion in the background and report how it ended."""
    events = state.events
    events.screening.add(leg.identity)  # "joined" waits until we know a person answered
    try:
        answered_by = await state.telephony.dial(request)
        events.on_status(leg.identity, "active", "answered")
        if answered_by == "human" and state.detect_voicemail is not None:
            answered_by = await state.detect_voicemail(leg.identity)
        events.screening.discard(leg.identity)
        if answered_by == "machine":
            await _voicemail(state, leg)
        elif leg.live:
            events.announce(leg, "joined")
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
    finally:
        events.screening.discard(leg.identity)


async def _voicemail(state: CallState, leg: Leg) -> None:
    """A machine answered: leave a short message if configured, then hang that leg up."""
    voicemail = state.prompts.host.voicemail
    state.log.write("voicemail", identity=leg.identity, action=state.settings.voicemail_action)
    leg.outcome = "voicemail"
    if state.settings.voicemail_action == "leave_message":
        message = render(voicemail.message, caller_name=state.caller.name or "a caller")
        await state.events.speak(message)
        phrase = voicemail.left_message
    else:
        phrase = voicemail.hung_up
    state.events.quiet.add(leg.identity)  # the hang-up below is announced as voicemail
    await state.telephony.hang_up(leg.identity)
    leg.set_status("hangup", "VOICEMAIL")
    state.events.say(render(phrase, who=leg.spoken))
