"""The call log's entries from the session's own events: handoffs, tool errors, the end."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from livekit.agents import AgentSession, llm

from workflows.call.phone import mask
from workflows.lifecycle.state import CallState


def record_session(session: AgentSession, state: CallState) -> None:
    """Log handoffs, tool errors and the end of the call from the session's own events."""
    call_log = state.log

    @session.on("conversation_item_added")
    def _item(event) -> None:
        item = event.item
        if isinstance(item, llm.ChatMessage) and item.role == "user":
            state.last_heard = state.clock()  # the idle timer and the read-back window
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
            duration_s=round(time.time() - state.started_at, 1),
            legs=legs,
            usage=[_usage(u) for u in session.usage.model_usage],
        )
        call_log.close()


def _usage(usage: Any) -> Any:
    return dataclasses.asdict(usage) if dataclasses.is_dataclass(usage) else str(usage)
