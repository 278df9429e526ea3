"""The number redaction, one rule per test (workflows/call/phone.py `redact`,
workflows/call/redaction.py): each way of writing a number, the 7-digit floor, the readable
masked form, and every part of a log record and a call log. The whole call: test_privacy.py."""

from __future__ import annotations

import json
import logging
import sys

import pytest

from tests.support.leaks import leaks
from workflows.call.log import CallLog
from workflows.call.phone import mentions_number, redact, show_full_numbers
from workflows.call.redaction import RedactNumbers, redact_value

NUMBER = "+14155550163"
GAPS = {
    "space": " ",
    "underscore": "_",
    "comma": ",",
    "dot": ".",
    "slash": "/",
    "hyphen": "-",
    "en dash": "\u2013",
    "em dash": "\u2014",
    "minus sign": "\u2212",
    "no-break space": "\u00a0",
    "narrow no-break space": "\u202f",
    "zero-width space": "\u200b",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "colon": ":",
    "semicolon": ";",
    "quotes and comma (JSON)": '", "',
    "apostrophes": "''",
    "parentheses": ")(",
    "square brackets": "][",
    "plus": "+",
    "fullwidth hyphen": "\uff0d",
    "small hyphen": "\ufe63",
    "small em dash": "\ufe58",
    "bidi control": "\u202c",
    "Mongolian vowel separator": "\u180e",
}


@pytest.mark.parametrize("gap", GAPS.values(), ids=list(GAPS))
def test_a_number_split_by_any_gap_is_masked(gap):
    text = f"call {gap.join(['415', '555', '0163'])} now"
    assert leaks(redact(text), [NUMBER]) == [], redact(text)
    assert redact(text).startswith("call ") and redact(text).endswith("63 now")


WORDS = {
    "digit words": "four one five five five five zero one six three",
    "oh for zero": "four one five five five five oh one six three",
    "o for zero": "four one five five five five o one six three",
    "double": "four one five double five five zero one six three",
    "triple": "four one five triple five zero one six three",
    "words and digits": "four one five 555 0163",
    "capitals": "FOUR ONE FIVE FIVE FIVE FIVE ZERO ONE SIX THREE",
    "hyphenated words": "four-one-five five-five-five zero-one-six-three",
    "fullwidth digits": "\uff14\uff11\uff15\uff15\uff15\uff15\uff10\uff11\uff16\uff13",
}


@pytest.mark.parametrize("text", WORDS.values(), ids=list(WORDS))
def test_a_number_in_words_is_masked(text):
    assert leaks(redact(f"the caller said {text}."), [NUMBER]) == []
    assert redact(f"the caller said {text}.").endswith("63.")
    assert mentions_number(text)


DIGIT_WORDS = {"zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2"}
DIGIT_WORDS |= {"three": "3", "four": "4", "five": "5", "six": "6", "seven": "7"}
DIGIT_WORDS |= {"eight": "8", "nine": "9"}


@pytest.mark.parametrize("word, digit", DIGIT_WORDS.items(), ids=list(DIGIT_WORDS))
def test_each_digit_word_is_read_as_its_digit(word, digit):
    # Without the word the run would fall apart into 3 and 6 digits, and neither is masked.
    masked = redact(f"four one five {word} five five zero one six three")
    assert leaks(masked, [f"+1415{digit}550163"]) == [], masked


@pytest.mark.parametrize("digits", ["5550163", "55501631", "555016312"])
def test_seven_to_nine_digit_runs_are_masked(digits):
    masked = redact(f"local {digits[:3]}-{digits[3:]}")
    assert masked == "local " + "*" * (len(digits) - 2) + digits[-2:]


def test_six_digits_and_ordinary_words_are_left_alone():
    for text in [
        "3 legs, 12.5 s, room 42, port 7880",
        "code 555016",
        "someone phoned: one two three people, oh well",
        "phone one two three four five six",  # "one" inside a word is no digit
        "one two three four five six often",  # nor is the "o" of "often"
        "+1********63",  # already masked: redacting twice changes nothing
    ]:
        assert redact(text) == text
        assert not mentions_number(text)


def test_an_international_number_keeps_its_country_code_and_last_two_digits():
    assert redact("to +1 415-555-0163.") == "to +1********63."
    assert redact("sip:+14155550163@pbx") == "sip:+1********63@pbx"
    assert redact("to 415-555-0163") == "to ********63"  # no + : no country code to show


def test_full_numbers_are_shown_only_when_asked_for():
    show_full_numbers(True)
    try:
        assert redact("415,555,0163") == "415,555,0163"
    finally:
        show_full_numbers(False)


def test_strings_inside_dict_fields_are_masked():
    out = redact_value({"legs": [{"failure": "486 from 415,555,0163", "n": 1}]})
    assert out["legs"][0]["n"] == 1 and leaks(json.dumps(out), [NUMBER]) == []


def test_a_list_whose_items_spell_a_number_is_masked():
    for parts in (["415", "555", "0163"], ("415", "555", "0163"), [415, 555, 163]):
        out = redact_value({"parts": parts})
        assert leaks(json.dumps(out), ["+14155550163", "+14155500163"]) == [], out
    assert redact_value({"counts": [1, 2]}) == {"counts": [1, 2]}


def test_integers_of_seven_digits_or_more_are_masked():
    assert redact_value(4155550163) == "********63"
    assert redact_value(5550163) == "*****63"
    assert redact_value(123456) == 123456 and redact_value(True) is True


def _record(**fields) -> logging.LogRecord:
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "msg", None, None)
    record.__dict__.update(fields)
    return record


def _formatted(record: logging.LogRecord) -> str:
    RedactNumbers().filter(record)
    return logging.Formatter("%(message)s %(parts)s").format(record)


@pytest.mark.parametrize(
    "fields",
    [
        {"msg": "dial %s failed", "args": ("415.555.0163",)},
        {"msg": {"event": "dial", "to": "415 555 0163"}},
        {"lk.pii.arguments": '{"phone_number": "four one five 555 0163"}'},
        {"lk.pii.error": "I don't see 415,555,0163 on the call."},
        {"legs": {"a": {"number": "+1 415 555 0163"}}},
        {"parts": ["415", "555", "0163"]},
        {"stack_info": 'Stack (most recent call last):\n    dial("415 555 0163")'},
        {"exc_text": "Traceback ...\nDialFailed: 486 from sip:4155550163@pstn"},
    ],
    ids=["message args", "dict message", "arguments", "error", "dict field", "list field",
         "stack_info", "exception text"],
)  # fmt: skip
def test_every_part_of_a_log_record_is_masked(fields):
    record = _record(**{"parts": None, **fields})
    RedactNumbers().filter(record)
    written = json.dumps(vars(record), ensure_ascii=False, default=str)
    assert leaks(written, [NUMBER]) == [], written


def test_an_exception_being_logged_is_masked():
    try:
        raise RuntimeError("room listing broke on sip_+14155550163")
    except RuntimeError:
        record = _record(exc_info=sys.exc_info(), parts=None)
    text = _formatted(record)
    assert "RuntimeError" in text and leaks(text, [NUMBER]) == []


def test_the_call_log_file_name_masks_the_room_number(tmp_path):
    log = CallLog(tmp_path, "call-_+15105550123_AbCd")
    log.write("call_start", room="call-_+15105550123_AbCd")
    log.close()
    [path] = tmp_path.iterdir()
    assert leaks(path.name + path.read_text(), ["+15105550123"]) == []
    assert "_AbCd" in path.name and "23" in path.name  # still tells calls apart
