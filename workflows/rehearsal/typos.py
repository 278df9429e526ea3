"""The conversation as the rules read it: every line typed (the caller's and the participants')
with its typos corrected (`nlu/spelling.py`), so that each turn, and each look back at earlier
lines, reads "transfr" as "transfer" and "1o29" as "1029". The names of the directory and of the
call (any word written with a capital, any name in a tool call's arguments) are never
corrected."""

from __future__ import annotations

import re

from livekit.agents import llm

from workflows.call.directory import Directory
from workflows.rehearsal.nlu import MAX_LINE_CHARS
from workflows.rehearsal.nlu.spelling import as_meant

_WORD_RE = re.compile(r"[^\W\d_]+")


def _names(ctx: llm.ChatContext, directory: Directory) -> frozenset[str]:
    """The known names, lower case: the directory's and those said or used on the call."""
    said = [w for c in directory.contacts for w in (c.name, c.team or "", *c.aliases)]
    for item in ctx.items:
        if item.type == "function_call":
            said.append(item.arguments)
        elif item.type == "message":
            said += re.findall(r"\b[A-Z][\w'-]*", item.text_content or "")
    return frozenset(w.lower() for text in said for w in _WORD_RE.findall(text))


def as_typed_meant(ctx: llm.ChatContext, directory: Directory) -> llm.ChatContext:
    """`ctx` with the users' lines corrected; `ctx` itself when no line has a typo. A line
    longer than the rules read (`MAX_LINE_CHARS`) is left as typed: it is never read."""
    names = _names(ctx, directory)
    items, changed = [], False
    for item in ctx.items:
        if item.type == "message" and item.role == "user":
            text = item.text_content or ""
            if len(text) <= MAX_LINE_CHARS and (meant := as_meant(text, names)) != text:
                item, changed = item.model_copy(update={"content": [meant]}), True
        items.append(item)
    return llm.ChatContext(items) if changed else ctx
