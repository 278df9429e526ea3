"""A log record through the redaction filter (workflows/call/redaction.py): nothing is lost but
the numbers. The line is still written, with its fields, whatever shape the fields have (deep,
cyclic, odd keys, objects, a broken `__str__`, bad %-args), and twice through is once through.
Which spellings of a number are masked: test_privacy_redaction.py."""

from __future__ import annotations

import io
import json
import logging

from tests.support.leaks import leaks
from workflows.call.redaction import _DEPTH, RedactNumbers, redact_log_handlers, redact_value

NUMBER, TEXT = "+14155550163", "415 555 0163"


def _nested(levels: int, leaf: object) -> object:
    value = leaf
    for _ in range(levels):
        value = {"in": value}
    return value


def _listed(levels: int, leaf: object) -> object:
    value = leaf
    for _ in range(levels):
        value = [value]
    return value


def test_nested_fields_keep_their_shape_down_to_the_depth_bound():
    kept = redact_value(_nested(_DEPTH, TEXT))
    assert kept == _nested(_DEPTH, "********63")  # every level still a field
    flattened = redact_value(_nested(_DEPTH + 1, TEXT))
    assert isinstance(_nested_leaf(flattened, _DEPTH), str)  # the level past it is text
    assert leaks(json.dumps(flattened), [NUMBER]) == []


def _nested_leaf(value: object, levels: int) -> object:
    for _ in range(levels):
        value = value["in"]
    return value


def test_nested_lists_keep_their_shape_down_to_the_depth_bound():
    assert redact_value(_listed(_DEPTH, 7)) == _listed(_DEPTH, 7)
    flattened = redact_value(_listed(_DEPTH + 1, 7))
    assert flattened == _listed(_DEPTH, "[7]")  # the level past it is its text


def test_a_field_that_contains_itself_is_logged_bounded():
    looped: dict = {"to": TEXT}
    looped["self"] = looped
    out = redact_value(looped)
    assert leaks(json.dumps(out), [NUMBER]) == []
    chain: list = [TEXT]
    chain.append(chain)
    assert leaks(json.dumps(redact_value(chain)), [NUMBER]) == []


def test_dict_keys_of_any_kind_become_masked_text():
    out = redact_value({("a", 1): "x", 4155550163: "y", "dial 415 555 0163": "z"})
    assert out == {"('a', 1)": "x", "********63": "y", "dial ********63": "z"}


class _Leg:
    def __str__(self) -> str:
        return f"Leg(to={TEXT}, state=ringing)"


class _Broken:
    def __str__(self) -> str:
        raise RuntimeError("no text")


def test_an_object_field_is_written_as_its_masked_text():
    assert redact_value(_Leg()) == "Leg(to=********63, state=ringing)"
    assert redact_value({"leg": _Leg()}) == {"leg": "Leg(to=********63, state=ringing)"}


def test_an_object_that_cannot_be_printed_is_named_by_its_type():
    out = redact_value({"leg": _Broken()})["leg"]
    assert isinstance(out, str) and "_Broken" in out


def _record(msg: object, *args: object, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("t", logging.INFO, __file__, 1, msg, args or None, None)
    record.__dict__.update(extra)
    return record


def test_a_dict_message_keeps_its_fields():
    record = _record({"event": "dial", "to": TEXT, "legs": 2})
    RedactNumbers().filter(record)
    assert record.msg == {"event": "dial", "to": "********63", "legs": 2}


def test_a_message_with_bad_args_is_kept_masked():
    record = _record("dial %s to %s failed", TEXT)  # one argument for two places
    RedactNumbers().filter(record)
    message = record.getMessage()
    assert "dial %s to %s failed" in message and leaks(message, [NUMBER]) == []


def test_a_record_through_the_filter_is_written_masked():
    logger, stream = logging.getLogger("test.redaction.written"), io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        redact_log_handlers(logger)
        redact_log_handlers(logger)  # twice: still one filter
        assert handler.filters.count(handler.filters[0]) == 1 and len(handler.filters) == 1
        logger.warning("dial %s failed", TEXT, extra={"parts": ["415", "555", "0163"]})
    finally:
        logger.removeHandler(handler)
    assert stream.getvalue() == "dial ********63 failed\n"


def test_a_record_filtered_twice_is_the_same_as_once():
    record = _record("to %s", TEXT, parts=["415", "555", "0163"], legs={"a": 4155550163})
    RedactNumbers().filter(record)
    once = dict(vars(record))
    RedactNumbers().filter(record)
    assert vars(record) == once and leaks(json.dumps(once, default=str), [NUMBER]) == []


def test_list_items_that_spell_seven_digits_together_are_masked():
    assert leaks(json.dumps(redact_value(["555", "0163"])), ["5550163"]) == []
    assert redact_value(["55", "0163"]) == ["55", "0163"]  # six digits: no number
