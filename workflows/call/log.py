"""The durable call log: one JSON-lines record per call event, flushed as it happens.

Each call gets its own file in `CALL_LOG_DIR` (`<start time>-<room>.jsonl`). A record is
written and flushed the moment its event happens, so a killed worker loses nothing already
said. Phone numbers are masked unless `LOG_PHONE_NUMBERS=full`, in the records and in the file
name alike; secrets are never written.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import time
from pathlib import Path
from typing import IO, Any

from workflows.call.phone import redact
from workflows.call.redaction import redact_value

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
            # SIP rooms are named after the caller ("call-_+15105550123_x"): masked here too.
            safe_room = re.sub(r"[^\w.-]", "_", redact(room_name))[:80]
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
