"""The place a number read back was given for, named again: "I just want to be transferred to
the pharmacy" while the number the caller gave for "my pharmacy" waits to be read back is that
number (the read-back asked again as a transfer), never a name to look up in the directory."""

from __future__ import annotations

import re
from dataclasses import replace

from livekit.agents import llm

from workflows.rehearsal.history import Pending
from workflows.rehearsal.nlu import Reading

_PLACE_RE = re.compile(r"(?:the|my|our|me)\s+(?P<n>[a-z]+(?:\s+[a-z]+)?)", re.IGNORECASE)
_ACTS = ("transfer", "warm_transfer", "add")


def place_of_number(ctx: llm.ChatContext, reading: Reading, pending: Pending | None) -> Reading:
    """`reading` with no target when it only names the place ("the pharmacy") the caller gave
    the number read back (`pending`) for ("I'm trying to reach my pharmacy ... the number is
    ..."); `reading` itself otherwise."""
    if not pending or not pending.number or pending.lookup or reading.phone_number:
        return reading
    if reading.action not in _ACTS or not reading.target:
        return reading
    if not (m := _PLACE_RE.fullmatch(reading.target.strip())):
        return reading
    said = re.compile(rf"\b(?:the|my|our|me)\s+{re.escape(m.group('n'))}\b", re.IGNORECASE)
    users = [i for i in ctx.items if i.type == "message" and i.role == "user"]
    if any(said.search(i.text_content or "") for i in users[:-1]):
        return replace(reading, target=None)
    return reading
