"""What the chat so far says: the last line spoken, the numbers read back, dialled or
refused, and the destination still waiting for the caller's yes."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.nlu import extract_phone_number

ACTS_ON_READ_BACK = {
    "add": "add_sip_participant",
    "transfer": "transfer_call",
    "warm_transfer": "warm_transfer",
}
_READ_BACK_TOOLS = ("read_back_number", "look_up_contact")


def said_from(template: str, text: str) -> bool:
    """Whether `text` is `template` with its $variables filled in."""
    parts = re.split(r"\$\{?\w+\}?", template.replace("$$", "\0"))
    pattern = ".+".join(re.escape(p.replace("\0", "$")) for p in parts)
    return re.fullmatch(pattern, text, re.DOTALL) is not None


def last_said(ctx: llm.ChatContext) -> str:
    said = [i for i in ctx.items if i.type == "message" and i.role == "assistant"]
    return (said[-1].text_content or "").strip() if said else ""


def _tool_of(ctx: llm.ChatContext, call_id: str) -> str | None:
    return next(
        (i.name for i in ctx.items if i.type == "function_call" and i.call_id == call_id), None
    )


def is_dial(ctx: llm.ChatContext, call_id: str) -> bool:
    return _tool_of(ctx, call_id) == "add_sip_participant"


def _dialled(ctx: llm.ChatContext) -> list[str]:
    """Numbers dialled so far (add_sip_participant calls that did not fail), in order."""
    failed = {i.call_id for i in ctx.items if i.type == "function_call_output" and i.is_error}
    return [
        json.loads(i.arguments or "{}").get("phone_number", "")
        for i in ctx.items
        if i.type == "function_call" and i.name == "add_sip_participant" and i.call_id not in failed
    ]


def last_number(ctx: llm.ChatContext) -> str | None:
    """The number last read back or dialled: what "try that one again" redials."""
    for item in reversed(ctx.items):
        if item.type == "function_call" and item.name in (
            "read_back_number",
            "add_sip_participant",
        ):
            if number := json.loads(item.arguments or "{}").get("phone_number"):
                return number
        if (
            item.type == "function_call_output"
            and _tool_of(ctx, item.call_id) == "look_up_contact"
            and not item.is_error
        ):
            if number := extract_phone_number(item.output)[0]:
                return number
    return None


def on_the_call(ctx: llm.ChatContext, target: str | None) -> str | None:
    """Resolve "the first one" / "the last one" to a number dialled in; else `target`."""
    if target in ("the first one", "the last one", "the second one", "the third one"):
        dialled = _dialled(ctx)
        index = {"first": 0, "second": 1, "third": 2, "last": -1}[target.split()[1]]
        return dialled[index] if dialled and -len(dialled) <= index < len(dialled) else target
    return target


def last_tool_failed(ctx: llm.ChatContext) -> bool:
    outputs = [item for item in ctx.items if item.type == "function_call_output"]
    return bool(outputs) and outputs[-1].is_error


def pending_read_back(ctx: llm.ChatContext, prompts: Prompts) -> tuple[str, str | None] | None:
    """(purpose, number) of the destination last read back and not yet acted on or refused.

    A directory read-back carries no number in its arguments; the number is taken from the
    read-back the tool said ("... Dana Scully at +1 415-555-0142. Shall I dial it?"). A
    refused act that read the destination back again keeps it pending.
    """
    pending: tuple[str, str | None] | None = None
    last: tuple[str, str | None] | None = None  # what the latest call was about
    for item in ctx.items:
        if item.type == "function_call" and item.name in _READ_BACK_TOOLS:
            args = json.loads(item.arguments or "{}")
            last = (args.get("purpose", "add"), args.get("phone_number"))
            pending = None
        elif item.type == "function_call" and item.name in ACTS_ON_READ_BACK.values():
            last, pending = pending, None
        elif item.type == "function_call_output" and last is not None:
            read_again = said_from(prompts.host.read_back_said, item.output or "")
            if not item.is_error and read_again:
                number = last[1] or extract_phone_number(item.output)[0]
                pending = (last[0], number)
            last = None
    return pending
