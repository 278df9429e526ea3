"""A transfer to someone already on this call ("transfer me to her" with Dana Scully on): the
caller is told so, never asked "which Dana?" nor sent to the tool's "already on the call or
being dialed"; one whose phone still rings is not on the call: wait, then transfer."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.directory import Directory
from workflows.rehearsal.history import dialled_in
from workflows.rehearsal.mentions import contacts_named
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.steps import Step
from workflows.rehearsal.whom import whom

_PRONOUN_RE = re.compile(r"\b(?:him|her|them)\b", re.IGNORECASE)


def already_with_you(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, directory: Directory
) -> list[Step]:
    """What the host says to a transfer (`reading`) to a person on the call; [] when the one
    it is to is not on the call, or unclear, or named in the line itself ("I need a word with
    Mulder on my own, transfer me across to him": Mulder, looked up)."""
    if reading.action not in ("transfer", "warm_transfer") or reading.numbers:
        return []
    if not _PRONOUN_RE.search(reading.text):
        return []  # "transfer me across": to whom is asked; a name is looked up
    legs = dict(dialled_in(ctx, prompts))
    live = list(legs)
    who = whom(ctx, reading, prompts) if live else None
    if who not in live or _named_besides(reading.text, live, directory):
        return []
    if not legs[who]:  # still ringing: not on the call yet, so wait, then transfer
        return [render(prompts.offline.still_ringing_for_you, who=who)]
    return [render(prompts.offline.already_with_you, who=who)]


def _named_besides(text: str, live: list[str], directory: Directory) -> bool:
    """Whether the line names a directory contact not on the call: the one its pronoun means."""
    named = {c.name for n in contacts_named(directory, text) for c in directory.find(n)}
    return any(not any(name in who for who in live) for name in named)


def just_meant(ctx: llm.ChatContext, reading: Reading, directory: Directory) -> str | None:
    """The one contact a transfer's pronoun means when the caller's line or two before named
    just one ("what's Dana White's extension?" ... "let her know I'm coming then put me
    over": Dana White); None otherwise."""
    if not _PRONOUN_RE.search(reading.text):
        return None
    said = [i.text_content or "" for i in ctx.items if i.type == "message" and i.role == "user"]
    for line in reversed(said[-3:-1]):  # the last is this line itself
        if named := contacts_named(directory, re.sub(r"(?<=[a-z])'s\b", "", line)):
            return named[0] if len(named) == 1 else None
    return None
