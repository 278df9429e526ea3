"""Spoken digits, phone numbers with their extensions, and DTMF keys to press.

Text is digitized first ("plus one four double five oh" -> "+1 4 55 0"); a number is kept as
spoken, never validated or given a country code.
"""

from __future__ import annotations

import re

from workflows.rehearsal.nlu.text import normalise, words_before

_I = re.IGNORECASE
_DIGIT = {
    w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine".split())
}
_DIGIT_WORD_RE = re.compile(r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine)\b", _I)
# "oh" is a zero beside a digit, or after "double"/"triple": a run of them ("five oh oh") is
# read in one pass, so a line of many "oh"s costs no more than its length.
_OH_RUN_RE = re.compile(r"\b(?:oh|o)\b(?:[ -](?:oh|o)\b)*", _I)
_OH_BEFORE_RE = re.compile(r"(?:\d[ -]|double |triple )$", _I)
_OH_AFTER_RE = re.compile(r"[ -]\d")
_OH_RE = re.compile(r"oh|o", _I)
_MULTI_RE = re.compile(r"\b(double|triple)[ -](\d)", _I)
_HUNDRED_RE = re.compile(r"(?<=\d)\s+(hundred|thousand)\b", _I)
_PLUS_RE = re.compile(r"\bplus\s*(?=\d)", _I)
# Digits joined by spaces, dashes, dots, brackets, or a comma before a group of 3+ digits.
_PHONE_RE = re.compile(r"(?<![\w+*#$])\+?\(?\d(?:(?:[ \t\-()]*|\.|,\s*(?=\d(?:[ -]?\d){2}))\d)*")
_KEYS_WORD = (
    r"(?:(?:the|my|our)\s+)?(?:(?:digits?|keys?|tones?|numbers?|buttons?|dtmf|pin"
    r"|code|passcode|access code|meeting id)\s+)?"
)
_NOT_PHONE_BEFORE_RE = re.compile(
    rf"(?:\b(?:press|hit|push|enter|type|tap|punch in|key in|send)\s+{_KEYS_WORD}"
    r"|\b(?:ext|extn|extension|x)\.?\s*|\b(?:id|code|pin)(?:\s+is)?\s*)$",
    _I,
)
_EXT_AFTER_RE = re.compile(
    r"\s*,?\s*(?:(?:and|then)\s+){0,2}(?:(?:ext|extn|extension)\.?\s*"
    r"(?:number\s+)?|x\s*|(?:press|dial)\s+)(\d(?:[ \-]?\d)*)",
    _I,
)
_EXT_ALONE_RE = re.compile(
    r"\b(?:(?:ext|extn|extension)\.?\s*(?:number\s+|is\s+)?|x(?=\d))"
    r"(\d(?:[ -]?\d)*)",
    _I,
)
_KEY = r"(?:\d|[*#]|(?:star|pound|hash|asterisk)\b)"
_DTMF_RE = re.compile(
    rf"\b(press|hit|push|enter|type|tap|punch in|key in|send|dial)\s+"
    rf"{_KEYS_WORD}({_KEY}(?:\s*[,\-]?\s*(?:(?:then|and|followed by)\s+)?"
    rf"{_KEY})*)",
    _I,
)
# "415 555 0146 and also 0147": the last digits of another number with the same beginning.
_AND_LAST_DIGITS_RE = re.compile(
    r"(?:\s*,\s*(?:(?:and|also)\s+){0,2}|\s+(?:(?:and|also|plus)\s+){1,2})"
    r"(\d(?:[ -]?\d){2,3})(?![\w+*#]|[ -]?\d)",
    _I,
)
OWN_NUMBER_RE = re.compile(
    r"(?:\b(?:my|our)\s+(?:\w+\s+)?(?:number|phone|cell|mobile)"
    r"(?:'s|\s+is)?|\b(?:reach|call) me(?: back)?\s+(?:at|on)"
    r"|\bi'm at)\s*$",
    _I,
)


def digitize(text: str) -> str:
    """Rewrite spoken digits as digits: "plus one four double five oh" -> "+1 4 55 0"."""
    s = _DIGIT_WORD_RE.sub(lambda m: _DIGIT[m.group().lower()], text)
    s = _OH_RUN_RE.sub(lambda m: _zeros(s, m), s)
    s = _MULTI_RE.sub(lambda m: m.group(2) * (2 if m.group(1).lower() == "double" else 3), s)
    s = _HUNDRED_RE.sub(lambda m: "00" if m.group(1).lower() == "hundred" else "000", s)
    return _PLUS_RE.sub("+", s)


def _zeros(s: str, run: re.Match[str]) -> str:
    """A run of "oh"s as zeros when a digit, "double" or "triple" stands beside it."""
    if _OH_BEFORE_RE.search(s, max(0, run.start() - 7), run.start()) or _OH_AFTER_RE.match(
        s, run.end()
    ):
        return _OH_RE.sub("0", run.group())
    return run.group()


def find_phone(d: str) -> tuple[str | None, str | None, int, int]:
    """First number of 5+ digits in digitized text that is not keys to press, with its span."""
    for m in _PHONE_RE.finditer(d):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) < 5 or _NOT_PHONE_BEFORE_RE.search(words_before(d, m.start())):
            continue
        number = ("+" if m.group().startswith("+") else "") + digits
        if ext := _EXT_AFTER_RE.match(d, m.end()):
            return number, re.sub(r"\D", "", ext.group(1)), m.start(), ext.end()
        return number, None, m.start(), m.end()
    ext = _EXT_ALONE_RE.search(d)
    return None, re.sub(r"\D", "", ext.group(1)) if ext else None, -1, -1


def find_phones(d: str) -> list[str]:
    """Every number to dial in digitized text, in order, each with " ext N" when one follows.

    "415 555 0146, 415 555 0147": a comma-joined run too long for one number is several;
    "415 555 0146, 0147" and "415 555 0146 and also 0147" are two numbers alike but for their
    last digits."""
    found: list[str] = []
    start = 0
    while True:
        number, extension, at, end = find_phone(d[start:])
        if number is None:
            return found
        parts = d[start + at : start + end].split(",")
        base = None  # the number later last digits change, if any
        own = OWN_NUMBER_RE.search(words_before(d, start + at))
        if len(parts) > 1 and not own and _last_digits_after(parts):
            base = "".join(c for c in parts[0] if c.isdigit() or c == "+")
            found += [base] + [_with_last(base, part) for part in parts[1:]]
        elif len(parts) > 1 and len(number.lstrip("+")) > 15:
            for part in parts:
                found += find_phones(part)
        elif own:
            pass  # "my number is ...": the caller's own, not one to dial
        else:
            found.append(f"{number} ext {extension}" if extension else number)
            base = None if extension else number
        while base and (more := _AND_LAST_DIGITS_RE.match(d, start + end)):
            found.append(_with_last(base, more.group(1)))
            end = more.end() - start
        start += end


def _with_last(number: str, digits: str) -> str:
    tail = re.sub(r"\D", "", digits)
    return number[: -len(tail)] + tail


def _last_digits_after(parts: list[str]) -> bool:
    """A whole number, then only groups of 3 or 4 digits: "415 555 0146, 0147, 0148"."""
    first, *rest = (re.sub(r"\D", "", part) for part in parts)
    return len(first) >= 7 and all(3 <= len(tail) <= 4 for tail in rest)


def extract_phone_number(text: str) -> tuple[str | None, str | None]:
    """(number, extension) in free text, e.g. ("+14155550100", "204"); never validated."""
    number, extension, _, _ = find_phone(digitize(normalise(text)))
    return number, extension


def find_dtmf(d: str) -> tuple[str | None, int]:
    """Keys to send ("press star 9" -> "*9") and where that request starts."""
    for m in _DTMF_RE.finditer(d):
        keys = m.group(2).lower()
        for word, key in (("star", "*"), ("asterisk", "*"), ("pound", "#"), ("hash", "#")):
            keys = keys.replace(word, key)
        keys = re.sub(r"[^\d*#]", "", keys)
        if m.group(1).lower() != "dial" or re.search(r"[*#]", keys) or len(keys) < 5:
            return keys, m.start()  # "dial 4155550100" is a number to call, not keys
    return None, -1
