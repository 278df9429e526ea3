"""Someone on the call named and the caller's own name corrected in one line: "This is Stefan.
And by the way my name is spelled with ue, Juergen", "that's Stefan on the line, and it's
Jürgen with a u-e by the way". The person is named first (`name_participant`), then the
caller's own name is corrected (`correct_caller_name`); both results are said together. A
number asked for in the same line ("it's John with an H. And the first engineer is 415 ...")
is read back once the correction has returned."""

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
    """The host's turn for a line that corrects the caller's name (`own`, their
    `correct_caller_name` call or answer): the `name_participant` calls for names not the
    caller's own first, then `own`."""
    new = json.loads(own.arguments or "{}").get("name", "") if not isinstance(own, str) else ""
    return [
        step
        for step in host_turn(ctx, reading, prompts, directory)
        if isinstance(step, llm.FunctionToolCall)
        and step.name == "name_participant"
        and not _same(json.loads(step.arguments or "{}").get("name", ""), new, ctx, prompts)
    ] + [own]


def read_beside(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, directory: Directory
) -> list[Step]:
    """The read-back of a number the line that corrected the caller's name also gave; [] when
    it gave none ("that's Stefan on the line, and it's Jürgen with a u-e": no number)."""
    if not reading.phone_number:
        return []
    return [
        step
        for step in host_turn(ctx, reading, prompts, directory)
        if isinstance(step, llm.FunctionToolCall) and step.name in _READ_BACKS
    ]


_READ_BACKS = ("read_back_number",)


def _same(name: str, new: str, ctx: llm.ChatContext, prompts: Prompts) -> bool:
    return not name or callers_own(name, ctx, prompts) or bool(set(name.split()) & set(new.split()))
