"""Questions the caller asks the receptionist before the name, each answered from the prompts
and then the name asked: who it is ("whats ur name btw"), whether the transfer will be warm or
cold, whether they lose the agent when transferred; and "nah just send me straight thru, no
intro", which is how a transfer goes (straight through unless they ask for an introduction)."""

from __future__ import annotations

import re

from prompts.loader import Prompts
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.nlu.slang import unslanged
from workflows.rehearsal.nlu.transfer_asks import KIND_RE
from workflows.rehearsal.nlu.warm import COLD_RE

# The agent's own name or who it is: "whats ur name btw", "who am I talking to?", "who's this?"
_WHO_ARE_YOU_RE = re.compile(
    r"\bwhat(?:'s|s| is) your name\b|\bwho (?:are you|am i (?:talking|speaking) (?:to|with))\b"
    r"|\bwho(?:'s| is) this\b",
    re.IGNORECASE,
)


def reception_answer(reading: Reading, prompts: Prompts) -> str | None:
    """The receptionist's answer to a question about itself or the transfer to come; None for
    any other line."""
    text = unslanged(reading.text)
    if _WHO_ARE_YOU_RE.search(text):
        return prompts.offline.answers.receptionist_is
    if KIND_RE.search(text):  # before "cold" said as a wish: "warm or cold?" asks
        return prompts.offline.answers.transfer_kind_ahead
    if reading.asks_about_transfer:  # "if you transfer me somewhere, do I lose you?"
        return prompts.offline.transfer_question
    if COLD_RE.search(text) and not reading.target:  # "just send me straight thru, no intro"
        return prompts.offline.answers.straight_through
    return None
