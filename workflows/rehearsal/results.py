"""What a tool call the host just made means for the rest of the caller's line: whether its
result asks the caller something (the rest waits), corrected their name, or listed who is on
(which answers a question in the same line)."""

from __future__ import annotations

from livekit.agents import llm

from workflows.rehearsal.about_host import WHO_ELSE_RE
from workflows.rehearsal.meant import question_meant
from workflows.rehearsal.nlu import understand

ASKING = ("read_back_number", "look_up_contact")  # the tools whose result may ask the caller


def asks_caller(ctx: llm.ChatContext, call_id: str) -> bool:
    """Whether this call's result asks the caller something (a read-back, "which Dana?"): the
    rest of their line waits for the answer."""
    asked = any(
        i.type == "function_call" and i.call_id == call_id and i.name in ASKING for i in ctx.items
    )  # a refusal that asks nothing ("let's give it 30 seconds") holds nothing up
    done = next(
        (
            i
            for i in ctx.items
            if getattr(i, "call_id", None) == call_id and i.type == "function_call_output"
        ),
        None,
    )
    return asked and not (done and done.is_error and "?" not in (done.output or ""))


def corrected_caller(ctx: llm.ChatContext, call_id: str) -> bool:
    """Whether this call corrected the caller's own name."""
    return any(
        i.type == "function_call" and i.call_id == call_id and i.name == "correct_caller_name"
        for i in ctx.items
    )


def who_else(ctx: llm.ChatContext) -> bool:
    """Whether the caller's last line asked who else is on: one list answered all of it."""
    said = [i for i in ctx.items if i.type == "message" and i.role == "user"]
    return bool(said and WHO_ELSE_RE.search(said[-1].text_content or ""))


def listed_for(ctx: llm.ChatContext, call_id: str, clause: str) -> bool:
    """Whether the list just given answers this clause ("... who's on right now?")."""
    listed = any(
        i.type == "function_call" and i.call_id == call_id and i.name == "list_participants"
        for i in ctx.items
    )
    return listed and understand(clause).action in ("list", "status")


def asked_about(ctx: llm.ChatContext, call_id: str) -> str | None:
    """Whom the caller's last line asked about, when this call lists who is on for it."""
    if not any(
        i.type == "function_call" and i.call_id == call_id and i.name == "list_participants"
        for i in ctx.items
    ):
        return None
    said = [i for i in ctx.items if i.type == "message" and i.role == "user"]
    if not said or who_else(ctx):
        return None  # "... And who else?": the whole list
    return understand(said[-1].text_content or "").asks_about or question_meant(ctx)
