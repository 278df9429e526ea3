"""Someone on the call named and the caller's own name corrected in one line: "This is Stefan.
And by the way my name is spelled with ue, Juergen", "that's Stefan on the line, and it's
Jürgen with a u-e by the way". The person is named first (`name_participant`), then the
caller's own name is corrected (`correct_caller_name`); both results are said together."""

from __future__ import annotations

import json

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.call.directory import Directory
from workflows.rehearsal.earlier import callers_own
from workflows.rehearsal.host_turns import host_turn
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.steps import Step


def named_beside(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, directory: Directory, own: Step
) -> list[Step]:
    """The `name_participant` calls the host makes for the line, for names that are not the
    caller's own (old or as `own`, their `correct_caller_name` call, gives it)."""
    new = json.loads(own.arguments or "{}").get("name", "") if not isinstance(own, str) else ""
    return [
        step
        for step in host_turn(ctx, reading, prompts, directory)
        if isinstance(step, llm.FunctionToolCall)
        and step.name == "name_participant"
        and not _same(json.loads(step.arguments or "{}").get("name", ""), new, ctx, prompts)
    ]


def _same(name: str, new: str, ctx: llm.ChatContext, prompts: Prompts) -> bool:
    return not name or callers_own(name, ctx, prompts) or bool(set(name.split()) & set(new.split()))
