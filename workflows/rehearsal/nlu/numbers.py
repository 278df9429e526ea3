"""Spoken digits, phone numbers with their extensions, and DTMF keys to press.

Text is digitized first ("plus one four double five oh" -> "+1 4 55 0"); a number is kept as
spoken, never validated or given a country code.
"""

from __future__ import annotations

import re

import words2num2

from workflows.rehearsal.nlu.corrections import LABEL_BEFORE_RE
from workflows.rehearsal.nlu.key_sequence import as_keys, more_keys
from workflows.rehearsal.nlu.text import normalise, words_before

_I = re.IGNORECASE
_DIGIT_WORDS = "zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine"
_NUMBER_WORD = (
    rf"(?:{_DIGIT_WORDS}|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|double|triple|\d+)"
)
# "four-one-five", "double-five": number words joined by dashes are said one after another.
_DASHED_RE = re.compile(rf"\b({_NUMBER_WORD})-(?={_NUMBER_WORD}\b)", _I)
# "o" and "nought" are zeros beside another number word: "o two o", "nought nought one".
_ZERO_WORDS = frozenset({"o", "nought", "naught"})
_NUMBER_WORD_RE = re.compile(_NUMBER_WORD, _I)
_TOKEN_RE = re.compile(r"[\w']+")
# Where the library must not join words into one number: a "one" that is a pronoun ("the
# other one, 0147") or an ordinal ("the third one") is left as it is; tens or hundreds before
# digits said one by one are cut off from them ("plus four four, twenty seven nine four six"
# is 20 7946, not 27 946; "one eight hundred five five five ..." is 1 800 555, not 1 805 55).
_UNIT = "one|two|three|four|five|six|seven|eight|nine"
_KEEP_RE = re.compile(
    r"\b(?:(?:the|that|this|other|another|same|which|each|every|any|no|first|last|new"
    r"|right|wrong) one|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b"
    # "the 0146 one": a noun after digits; not "0 one three two", more digits said after it
    rf"|(?<=\d )one\b(?![ -]+(?:\d|(?:{_DIGIT_WORDS})\b))"
    # "thanks a million", "one in a million", "a hundred percent": number words, no number
    r"|\b(?:one in )?an? (?:million|billion|thousand|hundred)\b(?:\s+(?:percent|per cent|%))?",
    _I,
)
_BREAK_RE = re.compile(
    r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
    rf"(?= (?:{_UNIT}) (?:zero|oh|{_UNIT})\b)",
    _I,
)
# "0 one 3 2": a "one" between digits is a digit too (the library reads no lone "one").
_ONE_AMID_DIGITS_RE = re.compile(r"(?<=\d )one(?=[ -]+\d)", _I)
_BREAK = " |"  # the library reads no number across it; taken out again afterwards
_UNIT_RE = re.compile(rf"zero|oh|{_UNIT}", _I)
_SINGLE_DIGITS_RE = re.compile(r"(?<![\w.])\d(?: \d)+(?![\w.])")
# "at four fifteen, five fifty-five, oh one seventy-seven": the library reads "4:15", a time;
# followed by a comma and more digits it is the first group of a phone number.
_CLOCK_RE = re.compile(r"(?<![\d:])(\d{1,2}):(\d\d)(?=\s*,\s*\d)")
_HUNDRED_RE = re.compile(r"(?<=\d)\s+(hundred|thousand)\b", _I)
_PLUS_RE = re.compile(r"\bplus\s*(?=\d)", _I)
# Digits joined by spaces, dashes, dots, brackets, or a comma before a group of 3+ digits;
# or before one or two digits that more digits follow ("plus 44, 20, 7946, 0018").
# Or before a last group of two the caller then corrects ("..., zero one, three nine... no
# sorry, zero one four nine": the number as first said is whole, and its end is corrected).
_PHONE_RE = re.compile(
    r"(?<![\w+*#$])\+?\(?\d(?:(?:[ \t\-()]*|\.|,\s*(?=\d(?:[ -]?\d){2}|\d\d?\s*,\s*\d|\d\d\s*\d"
    r"|\d[ -]?\d\s*(?:\.\.\.|[.,;-]\s*(?:no|sorry|wait|i mean|actually)\b))"
    # a last pair after pairs: "+33, 1, 42, 68, 53, 00" (the "00" is the number's end)
    r"|(?:(?<=,\s\d\d)|(?<=,\s\d)|(?<=,\d\d)|(?<=,\d)),\s*(?=\d\d?(?![\d\w])))\d)*"
)
_KEYS_WORD = (
    r"(?:(?:the|my|our)\s+)?(?:(?:digits?|keys?|tones?|numbers?|buttons?|dtmf|pin"
    r"|code|passcode|access code|meeting id)\s+)?"
)
_NOT_PHONE_BEFORE_RE = re.compile(
    rf"(?:\b(?:press|hit|push|enter|type|tap|punch in|key in|send)\s+{_KEYS_WORD}"
    r"|\b(?:ext|extn|extension|x)\.?\s*|\b(?:id|code|pin)(?:\s+is)?\s*[:,]?\s*"
    r"|\b(?:hash|pound)(?:\s+(?:key|sign|button))?\s*[:,-]\s*)$",
    _I,
)
_EXT_AFTER_RE = re.compile(
    r"\s*,?\s*(?:(?:and|then)\s+){0,2}(?:(?:ext|extn|extension)\.?\s*"
    r"(?:number\s+|:\s*)?|x\s*|(?:press|dial)\s+)(\d(?:[ \-]?\d)*)",
    _I,
)
_EXT_ALONE_RE = re.compile(
    r"\b(?:(?:ext|extn|extension)\.?\s*(?:number\s+|is\s+|[,:]\s*)?|x(?=\d))"
    r"(\d(?:[ -]?\d)*)",
    _I,
)
_NOT_RE = re.compile(r"(?:\bnot|\bisn't|\binstead of)\s+$", _I)  # "not 0112, 0121"
_KEY = r"(?:\d|[*#]|(?:star|pound|hash|asterisk)\b)"
_DTMF_RE = re.compile(
    rf"\b(press|hit|push|enter|type|tap|punch in|key in|send|dial|(?:choose|select|pick) option)\s+"
    rf"{_KEYS_WORD}({_KEY}(?:\s*[,\-]?\s*(?:(?:and\s+)?(?:then|followed by)\s+|and\s+)?"
    rf"(?:the\s+)?{_KEY})*)",
    _I,
)
# "dial one more: 415 ...", "dial 2 more people", "dial one: 415 ...": how many to call, no keys
_ONE_MORE_RE = re.compile(
    r"\s*(?:more|other|another|extra|else|person|people|guy|number|line|contact)\b|\s*:",
    _I,
)
# Keys said without a verb before them: digits ended by a hash ("it's 7 7 2 1 then hash"), or a
# menu's option pressed by reference ("the menu wants option 3 ..., can you press that").
_HASH_ENDED_RE = re.compile(
    r"(?<![\d*#+])(\d(?:\s*[,\-]?\s*\d){0,11}\s*,?\s*(?:(?:and\s+)?(?:then|followed by)\s+"
    r"|and\s+)?(?:the\s+)?(?:hash|pound|#))(?:\s+(?:key|sign|button))?(?![\w*#])",
    _I,
)
# The hash said before the digits it ends: "followed by the pound key: 8 8 2 0 1"
_HASH_FIRST_RE = re.compile(
    r"\b(?:followed by|then|ending with|ended with|and)\s+(?:the\s+|a\s+)?(?:hash|pound|#)"
    r"(?:\s+(?:key|sign|button))?\s*[:,-]\s*(\d(?:\s*\d){0,11})(?![\d*#])",
    _I,
)
# The hash key alone, after keys went in: "and the pound key please", "now the hash"
_HASH_ALONE_RE = re.compile(
    r"^\W*(?:(?:and|then|now|also|ok|okay|oh|and now)\s+)*(?:(?:press|hit|push)\s+)?the\s+"
    r"(hash|pound|star)(?:\s+(?:key|sign|button))?(?:\s+(?:please|too|as well|now|then))*\W*$",
    _I,
)
# Digits ending in a hash are keys, never a number to dial: "my customer ID, 4 4 7 2 9 then hash"
_HASH_AFTER_RE = re.compile(
    r"\s*,?\s*(?:(?:and\s+)?(?:then|followed by)\s+|and\s+)?(?:the\s+)?(?:hash|pound|#)(?![\w*#])",
    _I,
)
_OPTION_THAT_RE = re.compile(
    # "claims is option 2, can you punch that in", "billing is 3, can you hit that": one key
    r"\b(?:option|is)\s+(\d|[*#])(?![\w.,]\d|\w)[^.?!]{0,60}?"
    r"\b(?:press|hit|push|select|choose|pick|enter|key in|tap|punch(?:\s+in)?|type(?:\s+in)?)"
    r"\s+(?:that|it|this)\b",
    _I,
)
# "415 555 0146 and also 0147": the last digits of another number with the same beginning.
_AND_LAST_DIGITS_RE = re.compile(
    r"(?:\s*,\s*(?:(?:and|also)\s+){0,2}|\s+(?:(?:and|also|plus)\s+){1,2})"
    r"(\d(?:[ -]?\d){2,3})(?![\w+*#]|[ -]?\d|\s*,\s*\d)",  # not "and 415, 555, 0146"
    _I,
)
OWN_NUMBER_RE = re.compile(
    r"(?:\b(?:my|our)\s+(?:\w+\s+)?(?:number|phone|cell|mobile)"
    r"(?:'s|\s+is)?|\b(?:reach|call) me(?: back)?\s+(?:at|on)"
    r"|\bi'm at)\s*$",
    _I,
)


def digitize(text: str) -> str:
    """Rewrite spoken numbers as digits: "plus one four double five oh" -> "+1 4550".

    `words2num2` does the words ("oh", "double", "twenty", "fifteen hundred"); this only
    prepares what it leaves out (dashes, "o", "nought") and keeps it from joining what a
    caller says apart (`_KEEP_RE`)."""
    s = _ONE_AMID_DIGITS_RE.sub("1", _DASHED_RE.sub(r"\1 ", text))
    s = _zeros(s)
    s = _BREAK_RE.sub(rf"\1{_BREAK}", s)
    out, at = [], 0
    for keep in _KEEP_RE.finditer(s):
        out += [_words_to_digits(s[at : keep.start()]), keep.group()]
        at = keep.end()
    s = _joined_digits("".join([*out, _words_to_digits(s[at:])]).replace(_BREAK, ""))
    s = _CLOCK_RE.sub(r"\1 \2", s)  # "four fifteen, five fifty-five, ...": no time of day
    s = _HUNDRED_RE.sub(lambda m: "00" if m.group(1).lower() == "hundred" else "000", s)
    return _PLUS_RE.sub("+", s)


def _zeros(text: str) -> str:
    """ "o two o" -> "zero two zero": "o" or "nought" beside a number word is a zero, and so
    is "oh" beside digits ("555 oh 1"), which the library leaves as a word."""
    tokens = list(_TOKEN_RE.finditer(text))
    out, at = [], 0
    for i, token in enumerate(tokens):
        word = token.group().lower()
        near = [t.group() for t in tokens[max(0, i - 1) : i + 2] if t is not token]
        if (
            (word in _ZERO_WORDS and any(_NUMBER_WORD_RE.fullmatch(n) for n in near))
            or (word == "oh" and any(n.isdigit() for n in near))
            or (word == "oh" and i > 0 and _after_a_digit_word(text, tokens[i - 1], token))
        ):
            out += [text[at : token.start()], "zero"]
            at = token.end()
    return "".join([*out, text[at:]])


def _after_a_digit_word(text: str, before: re.Match[str], token: re.Match[str]) -> bool:
    """ "two oh": an "oh" right after a digit word, in the same group (no comma between), is a
    zero; the library reads it so only when more digits follow ("two oh seven")."""
    return (
        bool(_UNIT_RE.fullmatch(before.group())) and not text[before.end() : token.start()].strip()
    )


def _joined_digits(text: str) -> str:
    """ "+4 4, 2 0, 7946": single digits said apart within a group are one group ("+44, 20,
    7946"), so that groups split by commas are read as one number, as they are said."""
    return _SINGLE_DIGITS_RE.sub(lambda m: m.group().replace(" ", ""), text)


def _words_to_digits(text: str) -> str:
    if not text.strip():
        return text
    try:
        return words2num2.convert_sentence(text, "en")
    except Exception:  # a library error must not lose the caller's words
        return text


def find_phone(d: str) -> tuple[str | None, str | None, int, int]:
    """First number of 5+ digits in digitized text that is not keys to press, with its span."""
    for m in _PHONE_RE.finditer(d):
        digits = re.sub(r"\D", "", m.group())
        before = words_before(d, m.start())
        if (
            len(digits) < 5
            or any(r.search(before) for r in (_NOT_PHONE_BEFORE_RE, _NOT_RE, LABEL_BEFORE_RE))
            or _HASH_AFTER_RE.match(d, m.end())
        ):
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
        # "(415) 555-0157, extension 312": the extension is no last digits said after a comma
        parts = [number] if extension else d[start + at : start + end].split(",")
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
        keys = as_keys(m.group(2))
        if m.group(1).lower() == "dial" and _ONE_MORE_RE.match(d, m.end()):
            continue  # "dial one more: 415-555-0186": another person to call, no key
        if m.group(1).lower() != "dial" or re.search(r"[*#]", keys) or len(keys) < 3:
            # "dial 0133", "dial 4155550100": a number to call, not keys; "press 1, then 4"
            return keys + more_keys(d, m.end()), m.start()
    if m := _OPTION_THAT_RE.search(d):
        return m.group(1), m.start()
    if m := _HASH_ENDED_RE.search(d):
        return re.sub(r"[^\d#]", "", re.sub(r"hash|pound", "#", m.group(1).lower())), m.start()
    if m := _HASH_FIRST_RE.search(d):
        return re.sub(r"\D", "", m.group(1)) + "#", m.start()
    if m := _HASH_ALONE_RE.match(d):
        return ("*" if m.group(1).lower() == "star" else "#"), m.start(1)
    return None, -1


# words2num2's first call initialises its Rust core (0.1-1.2 s measured here, 0.05 ms after):
# paid once when this module is imported, in the worker's prewarm or before the console's
# call starts, never during a caller's turn.
_words_to_digits("four one five")
