"""A number said again "like I said": "415 555 0123, like I said" after "can you transfer me
to 415 555 0123?" is that transfer again, never an add; the purpose it had when first said."""

from __future__ import annotations

import re

from livekit.agents import llm

from workflows.rehearsal.nlu import Reading, understand

_LIKE_I_SAID_RE = re.compile(
    r"\b(?:like|as) i (?:said|told you|mentioned)\b|\bi (?:already|just) (?:said|told you)\b"
    r"|\bi said\b",
    re.IGNORECASE,
)


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number.split(" ext ")[0])[-10:]


def purpose_said(ctx: llm.ChatContext, reading: Reading) -> str | None:
    """The purpose ("transfer", "warm_transfer", "add") the number of a line said "like I
    said" had in the caller's last earlier line with it; None for any other line."""
    if not reading.numbers or reading.action or not _LIKE_I_SAID_RE.search(reading.text):
        return None
    wanted = {_digits(n) for n in reading.numbers}
    said = [i for i in ctx.items[:-1] if i.type == "message" and i.role == "user"]
    for item in reversed(said):
        before = understand(item.text_content or "")
        if wanted & {_digits(n) for n in before.numbers}:
            if before.action in ("transfer", "warm_transfer"):
                return before.action
            return "add" if before.action in ("add", "conference") else None
    return None
