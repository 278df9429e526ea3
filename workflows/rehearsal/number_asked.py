"""A participant asking who a number is ("Fox: Ava, who is the 510 number?", "whose is the one
ending in 0184?") while the caller's add of it waits for their yes: the number is one the caller
asked to add, not on the call yet. Answered, never an add of it (only the caller adds)."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.phone import InvalidNumber, parse_phone_number
from workflows.rehearsal.history import pending_read_back
from workflows.rehearsal.introduction import caller_details
from workflows.rehearsal.nlu.numbers import digitize

_I = re.IGNORECASE
_REF = (
    r"(?:the\s+|that\s+|this\s+)?(?:(?:one|number|line)\s+ending\s+(?:in|with)\s+)?"
    r"(\+?\d[\d -]{1,14}\d)(?:\s+(?:number|one|line|guy|person))?"
)
# "who is the 510 number?", "who's that 510 one", "whose is the 0184 number", "who does the 510
# number belong to?", "who are you calling at 510?", "who's 510-555-0184?"
_WHO_NUMBER_RE = re.compile(
    rf"\bwho(?:'s|s|\s+is|\s+was)\s+{_REF}\s*(?:\?|$|,|\s+(?:then|again|exactly|now)\b)"
    rf"|\bwhose\s+(?:number\s+)?is\s+{_REF}\b"
    rf"|\bwho\s+(?:does|did)\s+{_REF}\s+belong\s+to\b"
    rf"|\bwho\s+(?:are|r)\s+(?:you|u|we)\s+(?:calling|dialling|dialing|ringing|adding)\s+(?:at|on)"
    rf"\s+{_REF}",
    _I,
)


def number_asked(ctx: llm.ChatContext, said: str, prompts: Prompts) -> str | None:
    """The answer to a participant's "who is the 510 number?" when the number waiting for the
    caller's yes (to an add) is that one; None for any other line."""
    if not (m := _WHO_NUMBER_RE.search(digitize(said))):
        return None
    pending = pending_read_back(ctx, prompts)
    if not pending or pending.purpose != "add" or not pending.number:
        return None
    ref = re.sub(r"\D", "", next(filter(None, m.groups())))
    digits = re.sub(r"\D", "", pending.number).removeprefix("1")
    if not (digits.startswith(ref) or digits.endswith(ref) or ref.endswith(digits)):
        return None  # another number: not the one waiting
    try:
        number = parse_phone_number(pending.number).spoken  # "+1 510-555-0184", as read back
    except InvalidNumber:
        return None
    name = caller_details(ctx, prompts)[0] or prompts.host.unnamed_caller
    return render(prompts.offline.number_waiting, number=number, caller_name=name)
