"""Find phone numbers in written bytes however they are spelt: the test side of the privacy
rule, written apart from the product's redaction (`workflows/call/phone.py`) so that one cannot
vouch for itself.

The text is normalised first: Unicode compatibility forms folded ("４" is "4", a no-break space
a space), digit words turned into digits ("four one five", "oh", "double five"), then every
character that is not a letter or a digit dropped (spaces of any kind, zero-width ones, dashes,
`_ , . / ( ) " '` and the rest). A number leaks when its last seven digits appear in what is
left: stricter than "the full number", since a masked number shows at most two of them.

Clock stamps are left out first: the JSON formatter's ISO `timestamp` and the call log's `ts`
are written from the clock, never from caller text, and read as digits they can hold a number
(05:55:01.00 is "0555010 0", 555-0100's last seven digits).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

_WORDS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_ALONE = r"(?<![^\W\d_]){}(?![^\W\d_])"  # a whole word: no letter either side
_WORD = re.compile(_ALONE.format(f"({'|'.join(_WORDS)})"))
_REPEAT = re.compile(_ALONE.format("(double|triple)") + r"\W*(\d)")
_STAMP = re.compile(
    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)?"  # ISO time
    r'|"ts": \d+(?:\.\d+)?'  # the call log's epoch seconds
)


def digits_view(text: str) -> str:
    """`text` as a number-finder reads it: letters and digits only, digit words as digits."""
    text = _STAMP.sub(" ", unicodedata.normalize("NFKC", text))
    text = text.casefold()
    text = _WORD.sub(lambda m: _WORDS[m.group(1)], text)
    text = _REPEAT.sub(lambda m: m.group(2) * (2 if m.group(1) == "double" else 3), text)
    return re.sub(r"[\W_]", "", text)


def leaks(text: str, numbers: Iterable[str]) -> list[str]:
    """The numbers (E.164) whose last seven digits appear in `text`, however written."""
    view = digits_view(text)
    return [n for n in numbers if n[-7:] in view]


def readable(text: str) -> str:
    """`text`, and each of its JSON lines decoded: a JSON reader turns "415\\u00a0555" back
    into the number the escape hides from a plain scan."""
    decoded = []
    for line in text.splitlines():
        try:
            decoded.append(json.dumps(json.loads(line), ensure_ascii=False))
        except ValueError:
            continue
    return "\n".join([text, *decoded])


def written_bytes(folder: Path) -> str:
    """Everything under `folder` a person could read: each file's name and its text."""
    parts = []
    for path in sorted(folder.rglob("*")):
        parts.append(str(path.relative_to(folder)))
        if path.is_file():
            parts.append(readable(path.read_text(encoding="utf-8", errors="replace")))
    return "\n".join(parts)
