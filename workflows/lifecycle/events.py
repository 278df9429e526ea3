"""Call events: a dialled leg's status changes, and what the caller is told about them.

`on_status` is the only writer of a leg's status and outcome. Both telephony backends report
through it (the LiveKit one via the room events in `room.py`, the simulated one directly), and
so do the tools that hang a leg up themselves. One code path, one vocabulary.
"""

from __future__ import annotations

import logging

from livekit.agents.voice import SpeechHandle

from prompts.schema import render
from workflows.call.legs import CALL_STATUSES, CallStatus, Leg, Outcome
from workflows.call.phone import redact
from workflows.lifecycle import questions
from workflows.lifecycle.state import CallState

log = logging.getLogger("call")

# Statuses the caller hears about as they happen (dialing is announced by the tool itself).
_ANNOUNCED: dict[str, str] = {"ringing": "ringing", "active": "joined"}


def on_status(
    state: CallState,
    identity: str,
    status: CallStatus,
    detail: str | None = None,
    *,
    outcome: Outcome | None = None,
    failure: str | None = None,
) -> None:
    """A dialled leg's `sip.callStatus` changed (or it left, with `hangup`).

    `outcome` and `failure` say how a leg that ends here ended, when its dial knows better
    than the room (a late answer, a call ended before dialling)."""
    leg = state.find_leg(identity)
    if leg is None or status not in CALL_STATUSES:
        return
    was_answered = leg.answered
    changed = leg.set_status(status, detail)
    if outcome is not None:
        leg.outcome, leg.failure = outcome, failure
    if not changed:
        return
    log.info("leg %s (%s) -> %s%s", identity, leg.masked, status, f" ({detail})" if detail else "")
    state.log.write("status", identity=identity, status=status, detail=detail)
    if outcome is not None:
        return  # the dial that set the outcome tells the caller (or nobody) itself
    if status in _ANNOUNCED and not (status == "active" and identity in state.screening):
        announce(state, leg, _ANNOUNCED[status])
    elif status == "hangup" and (own := state.hanging_up.get(identity)):
        leg.outcome = own  # the tool that hung it up tells the caller itself
    elif status == "hangup" and was_answered:
        # Before an answer, the dial's own result says why the leg ended.
        ended: Outcome = "removed" if detail == "PARTICIPANT_REMOVED" else "hung_up"
        leg.outcome = ended
        announce(state, leg, ended)


def leg_failed(state: CallState, leg: Leg, outcome: Outcome, detail: str) -> None:
    """A dial ended without the callee joining: record why and tell the caller."""
    on_status(state, leg.identity, "hangup", detail)  # a no-op if the room reported it first
    if leg.outcome == "removed":  # the host called it off while it rang and said so itself
        log.info("dial to %s (%s) ended: called off (%s)", leg.masked, leg.identity, detail)
        state.log.write("dial_called_off", identity=leg.identity, failure=redact(detail))
        return
    leg.outcome, leg.failure = outcome, detail
    log.warning("dial to %s (%s) failed: %s (%s)", leg.masked, leg.identity, outcome, detail)
    state.log.write("dial_failed", identity=leg.identity, outcome=outcome, failure=redact(detail))
    announce(state, leg, outcome)


async def hang_up(state: CallState, leg: Leg, outcome: Outcome, detail: str) -> None:
    """Hang up a leg for a tool that tells the caller itself (removed, voicemail): the hang-up
    is recorded here, whether the room reports it first or not, and not announced. On a
    TelephonyError the leg is left as it was and the error is raised."""
    state.hanging_up[leg.identity] = outcome
    try:
        await state.telephony.hang_up(leg.identity)
        on_status(state, leg.identity, "hangup", detail)  # a no-op if the room reported it
    finally:
        state.hanging_up.pop(leg.identity, None)


def announce(state: CallState, leg: Leg, phrase_key: str) -> None:
    say(state, render(getattr(state.prompts.host, phrase_key), who=leg.name))


async def speak(state: CallState, text: str) -> None:
    """Say something as it is (a voicemail message, "Transferring you…") and wait until it
    has been heard."""
    if handle := say(state, text, ask_again=False):
        await handle


def say(state: CallState, text: str, *, ask_again: bool = True) -> SpeechHandle | None:
    """Tell the caller some news (recorded in `announcements`); None when nobody is left to
    tell. If a read-back is waiting for the caller's answer, its question is asked again right
    after the news, in the same utterance, so the news never eats the caller's yes."""
    state.announcements.append(text)
    if state.session is None or state.ending:
        return None
    pending = questions.waiting(state) if ask_again else None
    try:
        if pending is not None:
            return questions.ask_again(state, pending, text)
        return state.session.say(text)
    except RuntimeError as e:  # the session is closing
        log.debug("announcement dropped (%s): %s", e, text)
        return None
