"""A line named as the caller asks, in their words: "can you name that line Dr Patel's office",
"call that number Patel's office", "label it Dr. Patel please", "name them Ines", "put her down
as Ines": the leg dialled last (the one leg with no name, when someone named joined after it)
takes the whole name as said, title and all; the tool refuses what is no name ("0134 guy") and
says which letters a name may use."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.history import dialled_in
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.one_on_line import naming
from workflows.rehearsal.steps import Step

_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+)"
# "name that line ...", "call this number ...", "label it as ...", "rename the line to ..."
_LINE_NAMED_RE = re.compile(
    r"\b(?i:(?:name|call|label|rename|save)\s+(?:(?:that|this|the)\s+(?:line|number|phone|one)|it)"
    # "name them Ines", "label her Ines", "put them down as Ines" ("call him ..." is renames')
    r"|(?:name|label|rename|save)\s+(?:them|him|her|'em)|put\s+(?:them|him|her|'em|it)\s+down)"
    r"\s+(?i:as\s+|to\s+)?"
    rf"(?P<name>{_TITLE}?[A-ZÀ-ÖØ-ÞĀ-ž][^,!?;]*?)"  # "Dr Patel's office": to the clause's end
    r"\s*(?:\s(?i:please|pls|thanks|thank you|for me|from now on)\b.*|[,!?;].*|\.\s.*|\.?)$"
)


def line_named(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> Step | None:
    """`name_participant` for the line the caller names so; None when the line names none so
    or no one is on the call."""
    if reading.numbers or not (m := _LINE_NAMED_RE.search(reading.text)):
        return None
    legs = dialled_in(ctx, prompts)
    return naming(legs, m["name"].strip(), prompts) if legs else None
