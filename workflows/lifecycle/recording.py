"""From the session's own events: when the caller's turns began and were heard (the read-back
rule, the idle timer), and the call log's entries for handoffs, tool errors and the end."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from livekit.agents import AgentSession, llm

from workflows.call.phone import mask
from workflows.lifecycle.state import CallState


def turn_started(state: CallState, at: float) -> None:
    """The caller began a turn at `at` (on the call's clock): their speech started, or they
    pressed Enter in the text console. The earliest mark before the turn is heard counts."""
    if state.speaking_since is None or at < state.speaking_since:
        state.speaking_since = at


def heard(state: CallState, item: llm.ChatMessage) -> None:
    """A caller turn was heard: record when it began, by the earliest reliable mark. On a voice
    call that is the framework's start of speech for the turn (`started_speaking_at`, from
    voice activity or the recognizer) or the caller's state turning to "speaking"; typed text
    began when Enter was pressed (`turn_started`), or else when it arrived."""
    now = state.clock()
    marks = [now] if state.speaking_since is None else [now, state.speaking_since]
    if (spoken := item.metrics.get("started_speaking_at")) is not None:
        marks.append(on_call_clock(state, spoken))
    state.turn_began[item.id] = min(marks)
    state.speaking_since = None
    state.last_heard = now  # the idle timer


def on_call_clock(state: CallState, stamp: float) -> float:
    """A framework time (wall clock, `time.time()`) on the call's clock (`state.clock`)."""
    return state.clock() - max(0.0, time.time() - stamp)


def record_session(session: AgentSession, state: CallState) -> None:
    """Record the caller's turns and log handoffs, tool errors and the end of the call."""
    call_log = state.log

    @session.on("user_state_changed")
    def _user_state(event) -> None:
        if event.new_state == "speaking":
            turn_started(state, on_call_clock(state, event.created_at))

    @session.on("conversation_item_added")
    def _item(event) -> None:
        item = event.item
        if isinstance(item, llm.ChatMessage) and item.role == "user":
            if item.id not in state.spoken_by:  # a participant's turn is not the caller's
                heard(state, item)
        if isinstance(item, llm.AgentHandoff) and item.old_agent_id:
            call_log.write(
                "handoff",
                from_agent=item.old_agent_id,
                to_agent=item.new_agent_id,
                caller_name=state.caller.name,
                reason=state.caller.reason,
            )

    @session.on("function_tools_executed")
    def _tools(event) -> None:
        for fn_call, output in event.zipped():
            if output.is_error:
                call_log.write("tool_error", tool=fn_call.name, message=output.output)

    @session.on("close")
    def _close(event) -> None:
        legs = [
            {
                "identity": leg.identity,
                "number": mask(leg.phone_number),
                "outcome": leg.outcome,
                "failure": leg.failure,
            }
            for leg in state.legs.values()
        ]
        call_log.write(
            "call_end",
            reason=str(getattr(event.reason, "value", event.reason)),
            error=str(event.error) if event.error else None,
            duration_s=round(state.clock() - state.started_at, 1),
            legs=legs,
            usage=[_usage(u) for u in session.usage.model_usage],
        )
        call_log.close()


def _usage(usage: Any) -> Any:
    return dataclasses.asdict(usage) if dataclasses.is_dataclass(usage) else str(usage)
