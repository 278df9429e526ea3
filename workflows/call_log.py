"""The durable call log: one JSON-lines record per call event, flushed as it happens.

Each call gets its own file in `CALL_LOG_DIR` (`<start time>-<room>.jsonl`). A record is
written and flushed the moment its event happens, so a killed worker loses nothing already
said. Phone numbers are masked unless `LOG_PHONE_NUMBERS=full`; secrets are never written.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from livekit.agents import llm

from tools.phone import mask
from tools.redaction import redact_value

if TYPE_CHECKING:
    from livekit.agents import AgentSession

    from workflows.call_state import CallState

log = logging.getLogger("call_log")


class CallLog:
    """Appends events for one call. With no directory it only keeps them in memory."""

    def __init__(self, directory: Path | None, room_name: str) -> None:
        self.records: list[dict[str, Any]] = []
        self.path: Path | None = None
        self._file: IO[str] | None = None
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
            stamp = time.strftime("%Y%m%dT%H%M%S")
            safe_room = re.sub(r"[^\w.-]", "_", room_name)[:80]
            self.path = directory / f"{stamp}-{safe_room}-{id(self):x}.jsonl"
            self._file = self.path.open("a", encoding="utf-8")

    def write(self, event: str, **fields: Any) -> None:
        # Every text field is redacted here, whoever wrote it: backend error details included.
        record = {"ts": round(time.time(), 3), "event": event, **redact_value(fields)}
        self.records.append(record)
        if self._file is not None:
            try:
                self._file.write(json.dumps(record, default=str) + "\n")
                self._file.flush()
            except (OSError, ValueError) as e:  # a full disk must not end the call
                log.error("call log write failed (%s): %s", self.path, e)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def record_session(session: AgentSession, state: CallState) -> None:
    """Log handoffs, tool errors and the end of the call from the session's own events."""
    call_log = state.log

    @session.on("conversation_item_added")
    def _item(event) -> None:
        item = event.item
        if isinstance(item, llm.ChatMessage) and item.role == "user":
            state.last_heard = state.clock()  # the idle timer and the read-back window
        if isinstance(item, llm.AgentHandoff) and item.old_agent_id:
            call_log.write("handoff", from_agent=item.old_agent_id, to_agent=item.new_agent_id,
                           caller_name=state.caller.name, reason=state.caller.reason)

    @session.on("function_tools_executed")
    def _tools(event) -> None:
        for fn_call, output in event.zipped():
            if output.is_error:
                call_log.write("tool_error", tool=fn_call.name, message=output.output)

    @session.on("close")
    def _close(event) -> None:
        legs = [
            {"identity": leg.identity, "number": mask(leg.phone_number), "outcome": leg.outcome,
             "failure": leg.failure}
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
