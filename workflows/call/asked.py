"""Whether the caller, before the host took over, asked for someone of their own by who they are
to them ("can u put me thru to my foreman", "need 2 talk w ... n my mate"): someone the
directory does not list, so the host greets without asking "who?" and acts on it at once (it
asks for their number; nothing is dialled without a read-back and the caller's yes)."""

from __future__ import annotations

import re

_I = re.IGNORECASE
_THEIR = r"(?:my|our|me)\s+(?!own\b|number\b|name\b|account\b|bill\b|phone\b|line\b|call\b)[a-z]+"
_ASKED_RE = re.compile(
    r"\b(?:put|patch|send|transfer|connect|get)\s+(?:me|us)\s+(?:thru|through|across|over)?\s*"
    rf"(?:to|with)\s+{_THEIR}\b"
    rf"|\b(?:talk|speak|chat)\s+(?:to|with|w|wit)\s+(?:[^.?!]{{0,30}}?\b(?:and|n|&)\s+)?{_THEIR}\b"
    # "get my foreman on the line", "need to get me supplier and me foreman on a call"
    rf"|\b(?:get|have)\s+{_THEIR}(?:\s+(?:and|n|&)\s+{_THEIR})?\s+on\s+(?:the|a)\s+"
    r"(?:line|phone|call)\b"
    rf"|\b(?:bring|ring|dial)\s+(?:in\s+)?{_THEIR}\b(?!\s+(?:on|in)(?:to)?\s+(?:a|the)\s+call)",
    _I,
)


_TEAM_RE = re.compile(r"\b(?:my|our)\s+(?:team|group|crew|staff)\b", _I)


def asks_for_their_own(lines: list[str]) -> bool:
    """Whether one of the caller's lines asks for someone by who they are to the caller."""
    return any(_ASKED_RE.search(line) and not _TEAM_RE.search(line) for line in lines)


_OWN_RE = re.compile(
    r"\b(?:my|our)\s+(?!own\b|number\b|name\b|account\b|bill\b|phone\b|line\b|call\b|team\b"
    r"|group\b|crew\b|staff\b)[a-z]+",
    _I,
)


def their_own(line: str) -> str | None:
    """Whom of their own the line asks for ("need 2 talk w dana in sales n my mate": "my
    mate"); None when it asks for no one so."""
    return m.group() if asks_for_their_own([line]) and (m := _OWN_RE.search(line)) else None


# A transfer asked for with no one named: "Need a transfer.", "I need to be transferred",
# "transfer please", "can you put me through?" (nothing but a courtesy after it)
_TRANSFER_ONLY_RE = re.compile(
    r"\b(?:a\s+transfer|transferred|transfer\s+(?:me|us)|transfer|(?:put|patch|send|connect)\s+"
    r"(?:me|us)\s+(?:thru|through|across|over))(?:\s+(?:please|pls|now|asap|thanks|then))*\W*$",
    _I,
)
# ... but asked about, not for: "do I lose you if you transfer me?", "how does a transfer work?"
# or declined: "I don't want a transfer", "no transfer please"
_ABOUT_RE = re.compile(r"\b(?:if|when|once|after|before|whether|how|what|why|not|no)\b|n't\b", _I)


def asks_a_transfer(lines: list[str]) -> bool:
    """Whether one of the caller's lines asks to be transferred and names no one: the host asks
    whom to transfer them to, never whom to bring into the call."""
    for line in lines:
        for clause in re.split(r"[.!?;,]+(?=\s|$)", line):
            m = _TRANSFER_ONLY_RE.search(clause)
            if m and not _ABOUT_RE.search(clause[: m.start()]):
                return True
    return False
