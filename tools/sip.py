"""The conference host's SIP tools: read a number back, dial it in, say who is on the call.

Dialling is a two-step contract enforced here, not only in the prompt: `read_back_number` (or
`look_up_contact`) checks the destination against the dial policy and says the read-back to
the caller itself; `add_sip_participant` (or a transfer) acts only on that destination, and
only when the confirmation rule (`tools/confirmation.py`) finds the caller's clear yes to it.
"""

import asyncio
import logging
import uuid
from typing import Annotated, Literal

from livekit.agents import RunContext, ToolError, ToolResult, function_tool
from pydantic import Field

from prompts.schema import render
from tools import confirmation
from tools.confirmation import Purpose, ReadBack
from tools.dial_policy import DialRecord, check
from tools.phone import InvalidNumber, PhoneNumber, mask, parse_phone_number
from tools.telephony import DialFailed, DialRequest, TelephonyError
from workflows.call_state import CallState, Leg

log = logging.getLogger("tools.sip")

MAX_NUMBER_CHARS = 64  # longer "numbers" are refused before any parsing
CONFIRM_WINDOW_SECONDS = 30.0  # the caller's yes must come this soon after the read-back
_LETTERS = str.maketrans("0123456789", "ghijklmnop")
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


def refuse_when_ending(state: CallState) -> None:
    """Nothing is dialled, read back or transferred once the call is ending."""
    if state.ending:
        refuse(state, "call_ending", "")
        raise ToolError(state.prompts.host.call_ending)


def allowed_number(state: CallState, text: str) -> PhoneNumber:
    """Parse untrusted text and apply the dial policy; raise ToolError saying why not."""
    host = state.prompts.host
    try:
        number = parse_phone_number(text, state.settings.sip_default_region)
    except InvalidNumber as e:
        log.info("refused an unusable number (%s)", e.reason)
        state.log.write("policy_refusal", rule="invalid_number", reason=e.reason)
        raise ToolError(render(host.invalid_number, text=text, reason=e.reason)) from None
    refusal = check(
        state.prompts.policy, number, state.settings.sip_default_region, earlier_dials(state)
    )
    if refusal is not None:
        refuse(state, refusal.rule, number.masked)
        raise ToolError(render(getattr(host.refused, refusal.rule), **refusal.values))
    return number


def earlier_dials(state: CallState) -> list[DialRecord]:
    """Every dial-out and transfer so far, as the dial policy counts them."""
    records = [
        DialRecord(
            e164=leg.phone_number,
            live=leg.live,
            ringing=leg.status in ("dialing", "ringing"),
            failed_at=leg.history[-1].at if leg.outcome not in (None, "joined") else None,
        )
        for leg in state.legs.values()
    ]
    records += [
        DialRecord(
            e164=t.target.removeprefix("tel:"), live=False, ringing=False, failed_at=t.failed_at
        )
        for t in state.transfers
    ]
    return records


def read_back(
    context: RunContext[CallState],
    target: str,
    name: str,
    purpose: Purpose,
    extension: str,
    described: str | None = None,
) -> ToolResult:
    """Say the read-back of a destination to the caller and wait for their yes.

    `name` names the callee from then on ("Dana Scully"); `described` is the fuller form read
    back once ("Dana Scully from Sales at +1 415-555-0142"), defaulting to `name`. The
    read-back names the extension and the purpose too.
    """
    state = context.userdata
    host = state.prompts.host
    who = described or name
    if extension:
        who = render(host.with_extension, who=who, extension=" ".join(extension))
    template = {
        "add": host.read_back,
        "transfer": host.transfer.read_back,
        "warm_transfer": host.transfer.read_back_warm,
    }[purpose]
    text = render(template, who=who)
    turn = context.speech_handle.id
    earlier = state.read_back
    state.read_back = ReadBack(target, name, purpose, extension, text, turn)
    state.log.write("read_back", purpose=purpose, target=mask(target))
    if earlier is not None and earlier.turn == turn:  # two read-backs in one turn
        state.read_back.void = True
        refuse(state, "two_read_backs", mask(target))
        raise ToolError(host.two_read_backs)
    _say_read_back(context, state.read_back, text)
    return ToolResult(render(host.read_back_said, text=text), reply_required=False)


def _say_read_back(context: RunContext[CallState], read_back: ReadBack, text: str) -> None:
    """Say `text` to the caller; once it has played in full, the caller's yes can count."""
    state = context.userdata

    def said(handle) -> None:
        messages = [item for item in handle.chat_items if item.type == "message"]
        if handle.interrupted or not messages or state.read_back is not read_back:
            return
        read_back.said_item, read_back.said_at = messages[-1].id, state.clock()

    context.session.say(text).add_done_callback(said)


def take_confirmed(
    context: RunContext[CallState], purpose: Purpose, target: str | None, name: str
) -> ReadBack | ToolResult:
    """The read-back the caller just confirmed for `purpose`, spent so it acts only once.

    Raises ToolError when nothing suitable was read back. When the caller has not clearly
    confirmed it, the read-back is said again (a new window) and a ToolResult telling the
    model to wait is returned instead. `target` None accepts whatever was read back for
    `purpose` (transfers take no argument).
    """
    state = context.userdata
    host = state.prompts.host
    pending = state.read_back
    if pending is None or pending.purpose != purpose or target not in (None, pending.target):
        refuse(state, "nothing_read_back", mask(target))
        first = host.confirm_first if purpose == "add" else host.transfer.confirm_first
        raise ToolError(render(first, who=name))
    items = context.session.history.items
    at = next((i for i, item in enumerate(items) if item.id == pending.said_item), None)
    after = [
        (item.role, item.text_content or "")
        for item in (items[at + 1 :] if at is not None else [])
        if item.type == "message" and item.role in ("user", "assistant")
    ]
    reason = confirmation.check(
        pending, after, state.last_heard, state.prompts.confirmation, CONFIRM_WINDOW_SECONDS
    )
    if reason is None:
        state.read_back = None
        return pending
    refuse(state, reason, mask(pending.target))
    if reason == "two_read_backs":
        state.read_back = None
        raise ToolError(host.two_read_backs)
    if pending.turn == context.speech_handle.id:  # acting in the turn that read it back
        raise ToolError(host.wait_for_answer)
    again = f"{host.not_confirmed} {pending.text}"
    state.read_back = ReadBack(
        pending.target,
        pending.name,
        purpose,
        pending.extension,
        pending.text,
        context.speech_handle.id,
    )
    _say_read_back(context, state.read_back, again)
    return ToolResult(render(host.read_back_said, text=again), reply_required=False)


def refuse(state: CallState, rule: str, target: str) -> None:
    log.warning("dial refused by rule %s: %s", rule, target or "-")
    state.log.write("policy_refusal", rule=rule, number=target)


def start_dial(state: CallState, e164: str, spoken: str, extension: str) -> Leg:
    """Create the leg and dial it in the background (never once the call is ending)."""
    refuse_when_ending(state)
    # Letters only: an identity with a run of digits would be masked like a number in logs.
    identity = "sip-" + uuid.uuid4().hex[:12].translate(_LETTERS)
    leg = Leg(identity=identity, phone_number=e164, spoken=spoken)
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
    if state.ending:  # the call began to end between the yes and this dial
        events.on_status(leg.identity, "hangup", "CALL_ENDED")
        leg.outcome, leg.failure = "failed", "the call ended before dialing"
        state.log.write("dial_failed", identity=leg.identity, outcome="failed", failure=leg.failure)
        return
    events.screening.add(leg.identity)  # "joined" waits until we know a person answered
    try:
        answered_by = await state.telephony.dial(request)
        if state.ending:  # answered after the call ended: nobody is there to talk to
            await _hang_up_late(state, leg)
            return
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


async def _hang_up_late(state: CallState, leg: Leg) -> None:
    """A dial answered after the call ended: hang it up at once, and delete the room again if
    the end of the call deleted it (a late dial re-creates the room on a LiveKit server)."""
    log.warning("leg %s (%s) answered after the call ended: hanging up", leg.identity, leg.masked)
    state.log.write("late_answer", identity=leg.identity, room_deleted=state.room_deleted)
    await state.telephony.hang_up(leg.identity)
    if state.room_deleted:
        await state.telephony.delete_room()
    state.events.on_status(leg.identity, "hangup", "CALL_ENDED")
    leg.outcome, leg.failure = "failed", "answered after the call ended"


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
    await state.events.hang_up(leg, "voicemail", "VOICEMAIL")  # announced below, not twice
    state.events.say(render(phrase, who=leg.spoken))
