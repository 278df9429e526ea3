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
_OH_RE = re.compile(
    r"(?:(?<=\d )|(?<=\d-)|(?<=double )|(?<=triple ))(?:oh|o)\b"
    r"|\b(?:oh|o)(?=[ -]\d)",
    _I,
)
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
OWN_NUMBER_RE = re.compile(
    r"(?:\b(?:my|our)\s+(?:\w+\s+)?(?:number|phone|cell|mobile)"
    r"(?:'s|\s+is)?|\b(?:reach|call) me(?: back)?\s+(?:at|on)"
    r"|\bi'm at)\s*$",
    _I,
)


def digitize(text: str) -> str:
    """Rewrite spoken digits as digits: "plus one four double five oh" -> "+1 4 55 0"."""
    s = _DIGIT_WORD_RE.sub(lambda m: _DIGIT[m.group().lower()], text)
    previous = None
    while previous != s:  # "five oh oh" needs two passes
        previous, s = s, _OH_RE.sub("0", s)
    s = _MULTI_RE.sub(lambda m: m.group(2) * (2 if m.group(1).lower() == "double" else 3), s)
    s = _HUNDRED_RE.sub(lambda m: "00" if m.group(1).lower() == "hundred" else "000", s)
    return _PLUS_RE.sub("+", s)


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

    "415 555 0146, 415 555 0147": a comma-joined run too long for one number is several."""
    found, start = [], 0
    while True:
        number, extension, at, end = find_phone(d[start:])
        if number is None:
            return found
        if len(number.lstrip("+")) > 15 and "," in d[start + at : start + end]:
            for part in d[start + at : start + end].split(","):
                found += find_phones(part)
        elif OWN_NUMBER_RE.search(words_before(d, start + at)):
            pass  # "my number is ...": the caller's own, not one to dial
        else:
            found.append(f"{number} ext {extension}" if extension else number)
        start += end


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
