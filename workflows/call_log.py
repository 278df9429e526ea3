"""The durable call log: one JSON-lines record per call event, flushed as it happens.

Each call gets its own file in `CALL_LOG_DIR` (`<start time>-<room>.jsonl`). A record is
written and flushed the moment its event happens, so a killed worker loses nothing already
said. Phone numbers are masked unless `LOG_PHONE_NUMBERS=full`; secrets are never written.
"""

from __future__ import annotations

import contextlib
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
    """Appends events for one call. With no directory it only keeps them in memory.

    The file never ends or breaks a call: if it cannot be opened, written or closed (a full
    disk, a directory gone read-only), that is logged once and the call goes on with its
    records kept in memory only.
    """

    def __init__(self, directory: Path | None, room_name: str) -> None:
        self.records: list[dict[str, Any]] = []
        self.path: Path | None = None
        self._file: IO[str] | None = None
        if directory is not None:
            stamp = time.strftime("%Y%m%dT%H%M%S")
            safe_room = re.sub(r"[^\w.-]", "_", room_name)[:80]
            self.path = directory / f"{stamp}-{safe_room}-{id(self):x}.jsonl"
            try:
                directory.mkdir(parents=True, exist_ok=True)
                self._file = self.path.open("a", encoding="utf-8")
            except OSError as e:
                self._give_up("open", e)

    def write(self, event: str, **fields: Any) -> None:
        # Every text field is redacted here, whoever wrote it: backend error details included.
        record = {"ts": round(time.time(), 3), "event": event, **redact_value(fields)}
        self.records.append(record)
        if self._file is not None:
            try:
                self._file.write(json.dumps(record, default=str) + "\n")
                self._file.flush()
            except (OSError, ValueError) as e:  # a full disk must not end the call
                self._give_up("write", e)

    def close(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
            except (OSError, ValueError) as e:  # buffered lines a full disk refuses again
                self._give_up("close", e)
            self._file = None

    def _give_up(self, what: str, error: Exception) -> None:
        """Log the failure once and go on in memory; the file keeps what it already has."""
        log.error(
            "call log %s failed (%s): %s; this call's log is kept in memory only",
            what,
            self.path,
            error,
        )
        file, self._file = self._file, None
        if file is not None:
            with contextlib.suppress(OSError, ValueError):  # the same failure: reported
                file.close()


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
