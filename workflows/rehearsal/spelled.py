"""A name spelled out letter by letter ("Margaret Odonell. That's O-D-O-N-N-E-L-L"): the
spelling is how the name is written, and a spelling is never a name of its own. Letters said
apart ("S I O B H A N", "S-I-O-B-H-A-N") where only a name stands are that name; a name said
"with the accent" ("spelt Siobhán with the accent") is written with it."""

from __future__ import annotations

import difflib
import re
import unicodedata

# "O-D-O-N-N-E-L-L", "k-o-w-a-l-c-z-y-k": three letters or more, joined by hyphens
SPELLING_RE = re.compile(r"\b(?:[A-Za-z]-){2,}[A-Za-z]\b")
_CLOSE = 0.6  # how alike a spelling and a word of the name must be to be the same word
# Capitals said apart with spaces or dots ("S I O B H A N", "S. I. O. B. H. A. N."), or joined
# by hyphens, as a clause of their own (a greeting or "it's" before it at most)
_ALONE_RE = re.compile(
    r"(?P<pre>^\W*(?:(?i:hi|hey|hello|yo|hiya|it's|its|it\s+is|i'm|im|my\s+name\s+is|name's)"
    r"\W*\s)*|[,.;:!?]\s*)"
    r"(?P<letters>(?:[A-Z](?:\.?\s|-|\.)){2,}[A-Z]|(?:[a-z]-){2,}[a-z])(?=\.?\s*(?:[,.;:!?]|$))"
)
# A line about how the caller's name is written: "spelt Siobhán with the accent", "that's
# S-I-O-B-H-A-N", "with a fada on the a"
_HOW_WRITTEN_RE = re.compile(
    r"^\W*(?:(?:and|oh|also|btw|sorry|um|it's|its|that's|thats|it\s+is)\W+)*"
    r"(?:(?:spelt|spelled|spelling)\b|(?:[A-Za-z](?:\.?\s|-|\.)){2,}[A-Za-z]\.?\W*$)"
    r"|\bwith\s+(?:the|an|a)\s+(?:accents?|fada|umlaut|cedilla|acute|grave)\b",
    re.I,
)


def spelled_out(text: str) -> str:
    """`text` with each name spelled out alone written as one word ("hello, S I O B H A N, I
    need a conference call": "hello, Siobhan, I need ..."); other text as it is."""
    return _ALONE_RE.sub(
        lambda m: m["pre"] + re.sub(r"[\s.-]", "", m["letters"]).capitalize(), text
    )


def how_written(text: str) -> bool:
    """Whether the line only says how the caller's name is written: never their need."""
    return bool(_HOW_WRITTEN_RE.search(text))


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def as_spelled(name: str, text: str) -> str:
    """`name` with each word that `text` spells out written as spelled ("Margaret Odonell"
    with "O-D-O-N-N-E-L-L": "Margaret Odonnell"); a spelling close to no word changes none;
    a line of the spelling alone changes the word starting with its letter ("Shivawn")."""
    words = name.split()
    for m in SPELLING_RE.finditer(text):
        spelled = m.group().replace("-", "").capitalize()
        close = [difflib.SequenceMatcher(None, spelled.lower(), w.lower()).ratio() for w in words]
        if close and max(close) >= _CLOSE:
            words[close.index(max(close))] = spelled
        elif SPELLING_RE.fullmatch(text.strip(" .!")):  # "S-I-O-B-H-A-N" for "Shivawn"
            first = [i for i, w in enumerate(words) if w[:1].lower() == spelled[:1].lower()]
            words[first[0] if first else 0] = spelled
    if _HOW_WRITTEN_RE.search(text):  # "spelt Siobhán with the accent": that word so
        for said in re.findall(r"[^\W\d_]+", text):
            at = [i for i, w in enumerate(words) if _plain(w).lower() == _plain(said).lower()]
            if said != _plain(said) and at:
                words[at[0]] = said
    return " ".join(words)
