"""A phone the caller described earlier in the call and now names again: "I need to forward
myself to his car phone" ... "transfer me to 415 555 0166" ... "add the car phone to this call
instead". The phone is the number read back first after the caller spoke of it (read back again:
only the caller's yes dials it); never a directory name ("the sales line" is the Sales desk)."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from workflows.call.directory import Directory
from workflows.rehearsal.history import spoken_of

# "the car phone", "his office line", "her home phone", "the mobile": a phone, with the word
# that tells it from others ("the phone" or "the line" alone tells none)
_PHONE_RE = re.compile(
    r"^(?:the|his|her|their|my|our|that)\s+"
    r"(?P<said>(?:(?!(?:same|other|new|first|last|next|right|wrong)\b)[a-z]+\s+)?"
    r"(?P<kind>phone|line|number|cell|mobile|landline))$",
    re.IGNORECASE,
)
_ALONE = ("phone", "line", "number")
_NUMBER_TOOLS = ("read_back_number", "add_sip_participant")


def phone_said(ctx: llm.ChatContext, target: str | None, directory: Directory) -> str | None:
    """The number of the phone `target` names as the caller spoke of it before, or None."""
    m = _PHONE_RE.match((target or "").strip())
    if not m or m["said"].lower() in _ALONE or directory.find(target or ""):
        return None
    said = re.compile(rf"\b{re.escape(m['said'])}\b", re.IGNORECASE)
    if (spoke := spoken_of(ctx, said)) is None:
        return None
    for item in ctx.items[spoke:]:
        if item.type == "function_call" and item.name in _NUMBER_TOOLS:
            if number := json.loads(item.arguments or "{}").get("phone_number"):
                return number
    return None
