"""A transfer asked for after an add, in one breath: "I need to add my colleague and then
transfer myself to support". The add comes first (the host asks who the colleague is, never
reads the transfer's contact back as an add); once someone was dialled since, the transfer's
contact is read back for the transfer, so the caller's yes still decides."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from workflows.call.directory import Directory
from workflows.rehearsal.steps import Step, tool_call

_I = re.IGNORECASE
# "... and then transfer myself to support", "then put me through to Dana"
_THEN_TRANSFER_RE = re.compile(
    r"[\s,]*\b(?:and\s+)?(?:then|after(?:wards?| that)?)\s+(?:please\s+|pls\s+)?"
    r"(?:transfer|put|connect|send|patch)\s+(?:myself|me)\s+(?:(?:through|thru|over|across)\s+)?"
    r"to\s+(?P<who>[^,.!?;]+)",
    _I,
)
# An add asked for before it: "add my colleague", "get Fox on", "bring in my boss"
_ADD_FIRST_RE = re.compile(r"\b(?:add|get|call|bring|dial|ring|conference)\b", _I)
_TAIL_RE = re.compile(r"(?:\s+(?:okay|ok|please|pls|thanks|after|later))+\W*$", _I)


def transfer_later(text: str) -> str | None:
    """Whom a line asks to be transferred to after an add it asks for first ("support"); None
    for any other line."""
    m = _THEN_TRANSFER_RE.search(text)
    if not m or not _ADD_FIRST_RE.search(text[: m.start()]):
        return None
    return _TAIL_RE.sub("", m["who"].strip()).strip() or None


def without_later_transfer(text: str) -> str:
    """`text` without the transfer it asks for after an add (same length)."""
    if transfer_later(text) is None:
        return text
    return _THEN_TRANSFER_RE.sub(lambda m: " " * len(m.group()), text, count=1)


def transfer_after_add(ctx: llm.ChatContext, directory: Directory) -> list[Step]:
    """The transfer a caller asked for after an add, read back once someone was dialled since
    that line; [] before, once it was read back, or when it names no one contact."""
    items = ctx.items
    for at in range(len(items) - 1, -1, -1):
        item = items[at]
        if item.type != "message" or item.role != "user":
            continue
        if (who := transfer_later(item.text_content or "")) is None:
            continue
        since = items[at:]
        dials = {i.call_id for i in since if i.type == "function_call" and i.name == _DIAL}
        dialled = any(
            i.type == "function_call_output" and i.call_id in dials and not i.is_error
            for i in since
        )
        asked = any(
            i.type == "function_call"
            and json.loads(i.arguments or "{}").get("purpose") in ("transfer", "warm_transfer")
            for i in since
        )
        if not dialled or asked or len(directory.find(who)) != 1:
            return []
        return [tool_call("look_up_contact", name=who, purpose="transfer")]
    return []


_DIAL = "add_sip_participant"


# "No, not yet. First Dana White please", "Dana White first": someone to bring in before
_FIRST_RE = re.compile(r"\bfirst\b|\bbefore\s+(?:that|you\s+do|the\s+transfer)\b", _I)


def first_as_add(ctx: llm.ChatContext, text: str, purpose: str) -> str:
    """The purpose of someone named instead of a transfer's contact read back: "first Dana White"
    once an add was asked for on this call is an add before the transfer, else `purpose`."""
    if purpose not in ("transfer", "warm_transfer") or not _FIRST_RE.search(text):
        return purpose
    asked = (
        json.loads(i.arguments or "{}").get("purpose")
        for i in ctx.items
        if i.type == "function_call" and i.name in ("look_up_contact", "read_back_number")
    )
    return "add" if "add" in asked else purpose
