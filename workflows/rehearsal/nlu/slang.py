"""Text slang read as the words it stands for: "can u get me thru to dana" is "can you get me
through to dana", "whats ur name" is "whats your name". Only lower-case forms, and never a
letter of a name spelled out ("O-L-U", "o l u")."""

from __future__ import annotations

import re

# Laughs and asides typed beside an answer: no name, no answer ("its jay not ye lol")
LAUGHS = frozenset("lol lmao haha hehe xd ngl tbh".split())
# The slang word (as typed, lower case) and the words it stands for.
_WORDS = {
    "u": "you",
    "ur": "your",
    "thru": "through",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "rn": "right now",
    "b4": "before",
    "cuz": "because",
    "coz": "because",
    "abt": "about",
    "ppl": "people",
    "msg": "message",
    "convo": "conversation",
    "conf": "conference",  # "tryna get a quick conf goin w dana"
    "tryna": "trying to",
    "goin": "going",
    "w": "with",
    "im": "i'm",  # "aight im done, cya"
    "cya": "see you",
    "aight": "alright",
    "whos": "who's",  # "whos on rn"
    "hows": "how's",
    "n": "and",  # "dana in sales n my mate"
    # "transfer" as it is mistyped: "ok trasnfer me to mulder then", "get transfered to ..."
    "trasnfer": "transfer",
    "tranfer": "transfer",
    "trasfer": "transfer",
    "transfered": "transferred",
    "trasnfered": "transferred",
    "every1": "everyone",  # "aight we r done here, end it for every1"
    "evry1": "everyone",  # "mute evry1"
    "evryone": "everyone",
    "evrybody": "everybody",
    "ev1": "everyone",
    "errybody": "everybody",
    "erry1": "everyone",
    "any1": "anyone",
    "some1": "someone",
}
SLANG_WORDS = frozenset(_WORDS)
# "we r done": "r" for "are" only after a subject, never a letter of a name spelled out
_ARE_RE = re.compile(r"\b(?P<w>we|you|they|u|who) r\b(?!['-])")
# "need 2 talk w dana": "2" for "to" only between a wish and a verb, never a number ("2 people")
_TO_RE = re.compile(
    r"\b(?P<w>need|want|got|have|going|like|trying|able|ought|wanna|hoping) 2"
    r"(?= (?:talk|speak|get|call|set|make|add|have|reach|chat|see|do|put|bring|dial|ring"
    r"|connect|conference|join|sort)\b)",
    re.IGNORECASE,
)
# A slang word standing alone: not inside a word, a hyphenated spelling ("O-L-U") nor after
# or before another single letter ("o l u"; "a", "I", "u" and "w" are words: "a conf w dana").
_SLANG_RE = re.compile(
    rf"(?<![\w'-])(?<!\b[b-hj-zB-HJ-Z] )(?:{'|'.join(_WORDS)})"
    r"(?![\w'-]|\s(?![aiuwAIUW]\b)\w\b)"
)

# A greeting typed with its letters drawn out: "heyy its mikey", "hiii", "hellooo", "yooo"
_DRAWN_OUT = (
    ("hey", re.compile(r"(?<![\w'-])(?:he+y{2,}|he{2,}y+)(?![\w'-])")),
    ("hi", re.compile(r"(?<![\w'-])hi{2,}(?![\w'-])")),
    ("hello", re.compile(r"(?<![\w'-])hel{2,}o{2,}(?![\w'-])")),
    ("yo", re.compile(r"(?<![\w'-])yo{2,}(?![\w'-])")),
)
_WITH_RE = re.compile(r"(?<![\w'/-])w/\s*(?=\w)")


def unslanged(text: str) -> str:
    """`text` with each text-slang word written out ("thru" -> "through")."""
    for word, drawn_out in _DRAWN_OUT:
        text = drawn_out.sub(word, text)
    text = _WITH_RE.sub("with ", text)  # "a call w/ dana"
    text = _TO_RE.sub(r"\g<w> to", _SLANG_RE.sub(lambda m: _WORDS[m.group()], text))
    return _ARE_RE.sub(r"\g<w> are", text)
