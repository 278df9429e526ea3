"""Corrections of a number: "415 555 0147, no wait, the last digits are 62", "not 0112, it's
0121", "change the last digit to 5". Read from digitized text; nothing is checked here."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workflows.rehearsal.nlu.people import WHO_NOUN

_I = re.IGNORECASE
# What turns the rest of a line into a correction of the number said before it.
_MARKER_RE = re.compile(
    r"\b(?:no|nope|wait|sorry|oops|whoops|actually|i mean|i meant|rather|correction|my mistake"
    r"|make (?:that|it)|scratch that|hang on|hold on)\b",
    _I,
)
# "the last two digits": a count, not digits to dial.
_COUNT_RE = re.compile(
    r"\b(?:last|final|end|ending)\s+(\d|one|two|three|four|five|six)\s+(?:digits?|numbers?)\b", _I
)
# "every 10 minutes", "2 people", "at 3", "5 times", "3:30": a count, a duration or a time of
# day is never digits of a number ("ending in 10" still is: only a time word makes it a time).
_QUANTITY_RE = re.compile(
    r"(?<![\d+])\d+(?:[:.]\d+)?\s*(?:am|pm|a\.m\.|p\.m\.|o'clock|minutes?|mins?|seconds?|secs?"
    r"|hours?|hrs?|days?|nights?|weeks?|months?|years?|times?|people|persons?|of (?:us|them)"
    r"|guys|folks|percent|%|dollars?|bucks|pounds|euros?|calls?|rings?|tries|attempts?"
    r"|participants?|ish|st|nd|rd|th|more|or so)\b"
    r"|(?<!\bend )(?<!\bends )(?<!\bending )\b(?:at|around|about|by|until|till|before|after"
    r"|since|every|past|quarter to|half)\s+\d{1,2}(?::\d\d)?(?![\d ]*\d)",
    _I,
)
# "giving 503 error", "error code 503", "ticket number 4471", "503 is the error code", "room 12":
# digits a label names are that thing's number, never the last digits of a phone number.
_LABEL = (
    r"(?:errors?|codes?|tickets?|orders?|accounts?|invoices?|versions?|v|rooms?|floors?|cases?"
    r"|references?|ref|incidents?|issues?|bugs?|requests?|claims?|policy|policies|flights?"
    r"|gates?|models?|builds?|releases?|serials?|units?|suites?|apartments?|apt|buildings?"
    r"|seats?|platforms?|chapters?|sections?|pages?|jobs?|items?|sku|po|http|status|level"
    r"|steps?|ports?)"
)
_LABELLED_RE = re.compile(
    rf"\b{_LABEL}(?:\s+(?:numbers?|no|num|#|codes?|ids?))?\s*(?:(?:is|was|of|:)\s*)?#?"
    r"\d(?:[ -]?\d)*(?!\d)"
    rf"|(?<![\d+])\d(?:[ -]?\d)*\s*(?:(?:is|was|being|means)\s+)?(?:(?:the|an?|my|our|that|some)"
    rf"\s+)?{_LABEL}\b",
    _I,
)
# "ticket number 44712290": a labelled number, never one to dial.
LABEL_BEFORE_RE = re.compile(
    rf"\b{_LABEL}(?:\s+(?:numbers?|no|num|#|codes?|ids?))?\s*(?:(?:is|was|of|:)\s*)?#?$", _I
)
_DIGITS_RE = re.compile(r"(?<![\d+])\d(?: ?\d)*(?![\d])")
_NOT_BEFORE_RE = re.compile(r"(?:\bnot|n't|\bno|\binstead of)\s*$", _I)
# A single digit only counts where the caller speaks of digits or of how the number ends ("the
# last number is a 6": the last digit)
_ONE_DIGIT_RE = re.compile(r"\bdigit\b|\bend(?:s|ing)?\b|\b(?:last|final)\s+number\b", _I)


def new_last_digits(d: str) -> str | None:
    """The last digits a correction says, in digitized text: "the last digits are 62" -> "62",
    "not 0112, it's 0121" -> "0121"; digits after "not" are the ones being corrected."""
    text = _QUANTITY_RE.sub(lambda m: " " * len(m.group()), _COUNT_RE.sub(" ", d))
    text = _LABELLED_RE.sub(lambda m: " " * len(m.group()), text)
    found = [
        m.group().replace(" ", "")
        for m in _DIGITS_RE.finditer(text)
        if not _NOT_BEFORE_RE.search(text[max(0, m.start() - 12) : m.start()])
    ]
    found = [digits for digits in found if len(digits) <= 6]
    if not found or (len(found[-1]) == 1 and not _ONE_DIGIT_RE.search(d)):
        return None
    return found[-1]


def correct(d: str, numbers: tuple[str, ...], end: int) -> tuple[str, ...]:
    """`numbers` as corrected later in the line: "call A, no wait, B" is B alone; "call A, no
    wait, the last digits are 62" is A ending in 62. `end` is where the first number ends."""
    marker = _MARKER_RE.search(d, end)
    if not numbers or marker is None:
        return numbers
    later = [n for n in numbers[1:] if _digits(n) in re.sub(r"\D", "", d[marker.end() :])]
    if later:
        return (later[0],)
    fix = new_last_digits(d[marker.end() :])
    first = numbers[0].split(" ext ")[0]
    if fix is None or len(fix) >= len(_digits(first)):
        return numbers
    return (with_last_digits(first, fix),)


# A name taken back in the same breath: "add Fox Mulder, no sorry, I meant Dana Scully",
# "transfer me to Dana White, no wait, make that Fox Mulder", "the sales desk, or rather Monica"
# "the support one. no wait, sorry, Scully": two take-back words in a row take it back too
# "no wait, shoot, I mean Dana Scully": an oath among the take-back words is no name
_OATHS = r"shoot|damn|dang|darn|crap|ugh|um|uh|er|erm|hmm|oh|gosh|heck|jeez|bugger"
_NAME_FIX_RE = re.compile(
    rf"[,.;!?-]\s*(?:(?:(?:no|nope|nah|sorry|oops|wait|actually|{_OATHS})[\s,.!]+)*"
    r"(?:i meant|i mean|make (?:that|it)|or rather|rather|scratch that)[\s,]+"
    rf"|(?:(?:no|nope|sorry|oops|wait)[\s,.!]+)(?:(?:no|nope|sorry|oops|wait|{_OATHS})[\s,.!]+)+)"
    r"(?:(?:to|it's|it is|add|get|call)\s+)?(?P<who>(?:the\s+)?[A-Za-z][\w' -]*?)\s*(?:[,.;!?]|$)",
    _I,
)


_ONE_RE = re.compile(r"(?:the )?(?:one|guy|person|lady|him|her|them|same)\b", _I)


# "the support lady, White": a person described, then named
_DESCRIBED_RE = re.compile(rf"^(?:the\s+)?[\w'-]+\s+{WHO_NOUN}$", _I)
_NAMED_RE = re.compile(r",\s*(?P<who>[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*)?)\s*(?:[,.;!?]|$)")
_NOT_NAMES = frozenset(
    """please thanks cheers ta mate now too also then ok okay yes yeah both again thank no nope
    sorry wait oops actually""".split()
)


def corrected_target(d: str, target: str | None) -> str | None:
    """Whom a line asks for once a name said in it is taken back (`_NAME_FIX_RE`): "Dana
    Scully" for "add Fox Mulder, no sorry, I meant Dana Scully"; the name after a person
    described ("the support lady, White"); None when it takes none back (a number corrected
    is `correct`'s)."""
    at = d.lower().find(target.lower()) if target else -1
    if target and at >= 0 and _DESCRIBED_RE.match(target):
        m = _NAMED_RE.match(d, at + len(target))
        words = m.group("who").split() if m else []
        if words and words[0].lower() not in _NOT_NAMES:  # "Scully please": Scully
            return " ".join(w for w in words if w.lower() not in _NOT_NAMES)
    m = next(_fixes(d, at + len(target or "")), None) if at >= 0 else None
    if m is None or re.search(r"\d", m.group("who")) or _ONE_RE.match(m.group("who")):
        return None  # "Fox Mulder, I mean the one from support" says more of the same one
    return " ".join(m.group("who").split())


def _fixes(d: str, start: int = 0) -> Iterator[re.Match[str]]:
    """The take-backs of `_NAME_FIX_RE` in `d` from `start`; after a question only a name
    ("... Mr. Alvarez's boss instead? I mean Monica."), never a question asked anew ("...
    back in? Sorry, I mean, is Fox still on the call?")."""
    for m in _NAME_FIX_RE.finditer(d, start):
        if not m.group().startswith("?") or re.match(r"(?-i:[A-Z])", m.group("who")):
            yield m


def taken_back_to(d: str) -> str | None:
    """The name a line's last take-back says ("Get Dana Scully instead. No, sorry, I mean Dana
    White." -> "Dana White"), whatever the line's request; None when it takes nothing back."""
    found = [m.group("who") for m in _fixes(d)]
    return " ".join(found[-1].split()) if found else None


def with_last_digits(number: str, digits: str) -> str:
    return number[: -len(digits)] + digits


def names_its_start(number: str, digits: str, text: str) -> bool:
    """True when `text` points at `number` by the digits it starts with ("dial Tom's 646
    number", "the 646 one" for +1 646 ...): that number as it is, never its last digits
    changed to `digits` (which read back a number nobody said, +1 646-555-2646)."""
    national = _digits(number).removeprefix("1") if len(number) > 10 else _digits(number)
    pointed = re.search(
        rf"(?:'s|\b(?:the|his|her|their|that))\s+{digits}\s+(?:number|one|line|cell|mobile|phone)\b",
        text,
        re.IGNORECASE,
    )
    return bool(pointed) and national.startswith(digits)


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


# "It's the same but ending in 45 instead of 87", "same number, 45 at the end instead of 87":
# the number before with other last digits, however few
_ENDS_INSTEAD_RE = re.compile(
    r"\b(?:end(?:s|ing)?\s+(?:in|with)\s+\d+|\d+\s+at the end)\s*,?\s+(?:instead of|not)\s+\d+\b",
    _I,
)


def enough_digits(fix: str, d: str) -> bool:
    """Whether `fix`, the last digits a line says, are enough to vary the number before: three
    or more, or fewer said as how it ends instead ("ending in 45 instead of 87")."""
    return len(fix) >= 3 or bool(_ENDS_INSTEAD_RE.search(d))
