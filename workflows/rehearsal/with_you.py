"""A transfer to someone already on this call ("transfer me to her" with Dana Scully on): the
caller is told so, never asked "which Dana?" nor sent to the tool's "already on the call or
being dialed"."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.rehearsal.history import dialled_in
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.steps import Step
from workflows.rehearsal.whom import whom

_PRONOUN_RE = re.compile(r"\b(?:him|her|them)\b", re.IGNORECASE)


def already_with_you(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[Step]:
    """What the host says to a transfer (`reading`) to a person on the call; [] when the one
    it is to is not on the call, or unclear."""
    if reading.action not in ("transfer", "warm_transfer") or reading.numbers:
        return []
    if not _PRONOUN_RE.search(reading.text):
        return []  # "transfer me across": to whom is asked; a name is looked up
    live = [who for who, _ in dialled_in(ctx, prompts)]
    who = whom(ctx, reading, prompts) if live else None
    if who not in live:
        return []
    return [render(prompts.offline.already_with_you, who=who)]
