"""Checks every dialling tool makes before acting, each refusal logged and explained.

Shared by the SIP, directory, transfer and conference tools: nothing is read back, dialled or
transferred once the call is ending, and every number the model passes is parsed and put
through the dial policy (`workflows/call/dial_policy.py`) before anything else happens. A call
that begins to end while a tool awaits is refused at the telephony boundary
(`workflows/telephony/guarded.py`); `call_ending_refusal` tells the model so.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from livekit.agents import RunContext, ToolError

from prompts.schema import render
from workflows.call import permissions
from workflows.call.dial_policy import DialRecord, Refusal, check, said_abroad
from workflows.call.legs import Leg
from workflows.call.phone import InvalidNumber, PhoneNumber, mask, parse_phone_number
from workflows.lifecycle.hearing import speaker
from workflows.lifecycle.state import CallState
from workflows.telephony.protocol import CallEnding

log = logging.getLogger("tools.guards")


def refuse_when_ending(state: CallState) -> None:
    """Nothing is dialled, read back or transferred once the call is ending."""
    if state.ending:
        log_refusal(state, "call_ending")  # no number to name
        raise ToolError(state.prompts.host.call_ending)


@contextmanager
def call_ending_refusal(state: CallState) -> Iterator[None]:
    """The telephony guard refused an action because the call began to end meanwhile: the
    model is told so (the guard has logged it; nothing was sent)."""
    try:
        yield
    except CallEnding:
        raise ToolError(state.prompts.host.call_ending) from None


def allowed_number(state: CallState, text: str) -> PhoneNumber:
    """Parse untrusted text and apply the dial policy; raise ToolError saying why not."""
    host = state.prompts.host
    home = state.settings.sip_default_region
    try:
        number = parse_phone_number(text, home)
    except InvalidNumber as e:
        found = said_abroad(state.policy, text, home)  # "020 7946 0018" on a US trunk
        if isinstance(found, Refusal):
            log_refusal(state, found.rule, mask(text))
            raise ToolError(render(getattr(host.refused, found.rule), **found.values)) from None
        if found is None:
            log.info("refused an unusable number (%s)", e.kind)
            state.log.write("policy_refusal", rule="invalid_number", reason=e.kind)
            reason = getattr(host.number_problems, e.kind)
            raise ToolError(render(host.invalid_number, text=text, reason=reason)) from None
        number = found
    refusal = check(state.policy, number, home, earlier_dials(state))
    if refusal is not None:
        log_refusal(state, refusal.rule, number.masked)
        raise ToolError(render(getattr(host.refused, refusal.rule), **refusal.values))
    return number


def earlier_dials(state: CallState) -> list[DialRecord]:
    """Every dial-out and transfer so far, as the dial policy counts them."""
    records = [
        DialRecord(
            e164=leg.phone_number,
            live=leg.live,
            ringing=leg.status in ("dialing", "ringing"),
            failed_at=leg.failed_at,
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


def log_refusal(state: CallState, rule: str, target: str = "") -> None:
    """Record why a dial, read-back or transfer was refused (the caller is told by the
    ToolError the refusing tool raises)."""
    log.warning("dial refused by rule %s: %s", rule, target or "-")
    state.log.write("policy_refusal", rule=rule, number=target)


def permit(
    context: RunContext[CallState], action: permissions.Action, about: Leg | None = None
) -> Leg | None:
    """The participant this tool runs for (None: the caller), once the permission table
    (`workflows/call/permissions.py`) lets them ask for `action` (about the leg `about`);
    otherwise a ToolError whose refusal is said to them. Who asked is the leg whose turn the
    running speech answers, set in code when the turn was heard, never a tool argument."""
    state = context.userdata
    asker = speaker(state, context.speech_handle.id)
    about_self = asker is not None and about is not None and about.identity == asker.identity
    verdict = permissions.decide(action, by_caller=asker is None, about_self=about_self)
    if verdict in ("allowed", "ask_caller"):  # the caller is always allowed
        return asker
    log.warning("%s refused to participant %s: %s", action, asker.identity, verdict)
    state.log.write("permission_refusal", action=action, identity=asker.identity, rule=verdict)
    host = state.prompts.host
    words = host.for_participants
    phrase = words.only_self if verdict == "only_self" else words.caller_only
    caller = state.caller.name or host.unnamed_caller
    raise ToolError(render(phrase, speaker=asker.name, caller_name=caller))
