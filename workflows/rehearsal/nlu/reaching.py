"""Someone the caller is trying to reach, then asked to be put through to: "I'm trying to reach
my pharmacy, could you put me through to them?" is a transfer to the pharmacy, not an add (the
reaching is the caller's own goal; the request is the putting through)."""

from __future__ import annotations

import re

_I = re.IGNORECASE
# "I'm trying to reach", "been trying to get hold of", "I'm hoping to contact"
_GOAL_RE = re.compile(
    r"\b(?:trying|tryin|hoping|looking|wanting|needing)\s+to\s+(?:reach|contact|get\s+hold\s+of"
    r"|get\s+a\s+hold\s+of|get\s+ahold\s+of|call|ring|phone)\b",
    _I,
)
# "could you put me through to them?", "can you transfer me?", "patch me through": the caller put
# through to the one they are reaching (a pronoun, or no one named)
_PUT_THROUGH_RE = re.compile(
    r"\b(?:put|patch|connect|transfer|send|pass|forward)\s+me"
    r"(?:\s+(?:through|over|across))?(?:\s+(?:to|with)\s+(?:them|him|her|it|there)\b"
    r"|(?=\s*(?:$|[,.!?;]|(?:please|pls|then|now)\b)))",
    _I,
)


def reaching_transfer(d: str, action: str | None) -> str | None:
    """ "transfer" for an add that is only whom the caller is trying to reach, when they then
    ask to be put through to them; None otherwise."""
    if action != "add" or not (goal := _GOAL_RE.search(d)):
        return None
    put = _PUT_THROUGH_RE.search(d, goal.end())
    return "transfer" if put else None
