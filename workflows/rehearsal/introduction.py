"""What a warm transfer's introduction says the call is about, when the caller said it on the
call ("can you tell them it's about my router dropping the connection?", "mention it's about an
invoice for Mr. Okafor"): their words, said of them ("their router dropping the connection").
The latest such line wins; the host passes it to `warm_transfer` as `about`."""

from __future__ import annotations

import re

from livekit.agents import llm

_I = re.IGNORECASE
MENTION_RE = re.compile(
    r"\b(?:tell|let|mention|say|explain|add)\b"
    r"(?:\s+(?:to\s+)?(?:them|him|her|the\s+desk|whoever\s+answers))?(?:\s+know)?(?:\s+that)?"
    r"\s+(?:it's|it\s+is|this\s+is|that's|i'm\s+calling|i\s+am\s+calling|we're\s+calling"
    r"|the\s+call\s+is|i'm\s+ringing|i\s+need\s+help)"
    r"\s+(?:about|regarding|re|to\s+do\s+with|for)\s+(?P<about>.+)"
    # "tell him my router keeps dropping", "let her know I can't log in": the problem itself
    r"|\b(?:tell|let)\s+(?:them|him|her|the\s+desk|whoever\s+answers)(?:\s+know)?(?:\s+that)?"
    r"\s+(?P<told>(?:my|our|i|i'm|i've|i\s+can't|we|we're|we've)\s.+)",
    _I,
)
# said of the caller: "my router" -> "their router"
_THEIRS = {
    "my": "their",
    "our": "their",
    "me": "them",
    "us": "them",
    "mine": "theirs",
    "i": "they",
    "i'm": "they're",
    "we": "they",
    "we're": "they're",
    "i've": "they've",
}
_TAIL_RE = re.compile(
    r"(?:[\s,]+(?:please|thanks|thank you|cheers|first|too|as well|instead|before you do"
    r"|ok|okay))+$",
    _I,
)
_MAX_WORDS = 16  # short: an introduction, not the whole story


def about_from(text: str) -> str | None:
    """What `text` asks the introduction to say the call is about, or None."""
    if not (m := MENTION_RE.search(text)):
        return None
    about = (m.group("about") or f"how {m.group('told')}").strip().rstrip("?!. ")
    about = _TAIL_RE.sub("", about).strip(" ,")
    words = [_THEIRS.get(w.lower(), w) for w in about.split()[:_MAX_WORDS]]
    return " ".join(words) or None


def mentioned_about(ctx: llm.ChatContext) -> str | None:
    """The latest thing the caller asked the introduction to say the call is about."""
    found = None
    for item in ctx.items:
        if item.type == "message" and item.role == "user":
            found = about_from(item.text_content or "") or found
    return found
