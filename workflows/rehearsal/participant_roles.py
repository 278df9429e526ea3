"""A leg a participant described when they asked for it ("Tanya: Ava can you add my husband too,
415 555 0139"): to the caller too it is "the husband" ("k the husband has to go to work, let him
go"). Read only when the caller's own words know no one by that role (`role_legs.py`): the
participants' lines are read as if said to the caller's view, for that role alone."""

from __future__ import annotations

from dataclasses import replace

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.history import dialled_in
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.participant_turns import speaker_of
from workflows.rehearsal.role_legs import leg_by_role, role_meant


def _as_said(heard: llm.ChatContext) -> llm.ChatContext:
    """Everyone's lines, each participant's without its "Tanya:" and read as one said."""
    items: list[llm.ChatItem] = []
    for item in heard.items:
        if (name := speaker_of(item)) is not None:
            text = (item.text_content or "").removeprefix(f"{name}:").strip()
            item = llm.ChatMessage(role="user", content=[text], id=item.id)
        items.append(item)
    return llm.ChatContext(items)


def described_by_participant(
    heard: llm.ChatContext, ctx: llm.ChatContext, reading: Reading, prompts: Prompts
) -> Reading:
    """`reading` about the leg a participant described by the role the caller now names ("the
    husband"); `reading` itself when the caller's view knows that role or no one knows it."""
    if not (role := role_meant(reading)) or heard is ctx:
        return reading
    live = [who for who, _ in dialled_in(ctx, prompts)]
    if leg_by_role(ctx, role, live, prompts) is not None:
        return reading  # the caller's own words know who that is (or that they are gone)
    if who := leg_by_role(_as_said(heard), role, live, prompts):
        return replace(reading, target=who)
    return reading
