"""The one redaction step at the boundary: no log record leaves the worker with a full number.

livekit-agents logs what callers and models say as `extra=` fields (`lk.pii.error` carries every
ToolError text, `lk.pii.user_input` every transcript, `lk.pii.arguments` every tool call), and
backend errors reach our own log lines and tracebacks. `RedactNumbers` is a handler filter: it
masks numbers (`phone.redact`) in the formatted message, the exception and stack text and
every extra field, in place, before any formatter sees the record. Job processes forward their
records to the worker process, whose handlers carry the filter, so one installation covers them.
`LOG_PHONE_NUMBERS=full` turns it off (workflows.call.phone.show_full_numbers).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from workflows.call.phone import mentions_number, redact

# Record attributes that carry no caller text (names, places in the code, numbers, times), and
# the ones `filter` handles itself. Every other attribute is redacted: extras included.
_SKIP = frozenset(
    {
        "name",
        "levelname",
        "levelno",
        "pathname",
        "filename",
        "module",
        "funcName",
        "lineno",
        "created",
        "msecs",
        "relativeCreated",
        "thread",
        "threadName",
        "process",
        "processName",
        "taskName",
        "msg",
        "args",
        "exc_info",
        "exc_text",
        "stack_info",
    }
)
_DEPTH = 8  # nested extras deeper than this are flattened to redacted text


def redact_value(value: Any, depth: int = 0) -> Any:
    """`value` with every number in it masked: strings, integers of 7 or more digits, and the
    ones inside dicts (whose keys become redacted text, as JSON writes them), lists and tuples
    (a list whose items together spell a number, like ["415", "555", "0163"], becomes its
    masked JSON text); any other object becomes its redacted `str()` (what a JSON log
    prints). Nesting deeper than `_DEPTH` is flattened to redacted text."""
    if value is None or isinstance(value, (bool, float)):
        return value
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, int):
        text = str(value)
        masked = redact(text)
        return value if masked == text else masked
    if depth < _DEPTH and isinstance(value, dict):
        return {redact(str(k)): redact_value(v, depth + 1) for k, v in value.items()}
    if depth < _DEPTH and isinstance(value, (list, tuple, set, frozenset)):
        items = [redact_value(v, depth + 1) for v in value]
        together = " ".join(str(v) for v in items if isinstance(v, (str, int)))
        return redact(json.dumps(items)) if mentions_number(together) else items
    try:
        return redact(str(value))
    except Exception:  # a broken __str__ must not lose the log line
        return f"<unprintable {type(value).__name__}>"


class RedactNumbers(logging.Filter):
    """Mask phone numbers in a record's message, exception, stack and extra fields. Masking
    again changes nothing, so a record that passes several handlers is the same on each."""

    _exceptions = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, dict):  # livekit's JsonFormatter logs a dict msg as fields
            record.msg = redact_value(record.msg)
        else:
            try:
                message = record.getMessage()
            except Exception:  # bad %-args: log what we have rather than drop the line
                message = f"{record.msg} {record.args}"
            record.msg, record.args = redact(message), None
        if record.exc_info:
            record.exc_text = self._exceptions.formatException(record.exc_info)
            record.exc_info = None  # formatters print exc_text instead
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for key, value in list(vars(record).items()):
            if key not in _SKIP:
                setattr(record, key, redact_value(value))
        return True


_filter = RedactNumbers()


def redact_log_handlers(logger: logging.Logger | None = None) -> None:
    """Put the filter on every handler of `logger` (default: the root logger, where
    livekit-agents installs its console or JSON handler). Safe to call more than once."""
    for handler in (logger or logging.getLogger()).handlers:
        if _filter not in handler.filters:
            handler.addFilter(_filter)
