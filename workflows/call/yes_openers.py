"""What the yes rule reads past before a caller's yes (`workflows/call/confirmation.py`).

Each is narrow, and what follows must still be a clear yes on its own:

- typed spellings of the rule's own words (`typed_spelling` in `prompts/confirmation.yaml`):
  "put me thru" is "put me through", "go 4 it" is "go for it"; any other digit still refuses;
- "oh right" that recognises the read-back's own name ("oh right, Monica, yes"), or "Oh." said
  on its own before "right" and a yes ("Oh. Right. Yes, go on then."): understanding, not the
  sarcastic "oh right" (a no);
- not a line taken back first ("never mind that. ok yes go ahead with Fox", "scratch that.
  yes, call Dana"): right after a read-back, "that" may be the read-back itself.

No LiveKit, no model: the words come from the read-back and the prompts.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

# "oh right, Monica, yes" to Monica Reyes's read-back: "oh right" before the read-back's own
# name recognises it; anywhere else it is sarcasm (a no).
_RECOGNISED_RE = re.compile(r"^\W*oh,?\s+right\W+(?=([^\W\d_]+))", re.I)
# "Oh. Right. Yes, go on then.": "Oh." a sentence of its own, then "right" ended, then a yes.
_OH_THEN_RIGHT_RE = re.compile(r"^\W*oh\s*[.!]+\s*right\s*[.,!]+\s*(?=\w)", re.I)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def recognising(text: str, name: str) -> str:
    """`text` without an "oh right" that recognises the destination by its name: the words
    the no-check reads (the rest of the rule reads them all)."""
    m = _RECOGNISED_RE.match(text)
    if m and name and m.group(1).lower() in _words(name):
        return text[m.end() :]
    return text


def read_past(text: str, name: str) -> str:
    """The yes after what the rule reads past, which must then be a clear yes on its own: an
    "Oh. Right." of understanding. Else `text` as it is (an "oh right" in it refuses)."""
    if m := _OH_THEN_RIGHT_RE.match(text):
        return text[m.end() :]
    return text


def respelled(text: str, spellings: dict[str, str]) -> str:
    """`text` with each typed spelling of the rule's words ("thru", "go 4 it") as the words it
    stands for, matched whole and without regard to case; nothing else changes."""
    for typed, meant in sorted(spellings.items(), key=lambda kv: len(kv[0]), reverse=True):
        pattern = r"\s+".join(map(re.escape, typed.split()))
        text = re.sub(rf"(?<![\w']){pattern}(?![\w'])", meant, text, flags=re.I)
    return text
