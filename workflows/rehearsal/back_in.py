"""Someone muted on the call "brought back in": "ok bring sales back in, unmute em", "let Dana
back into the conversation", "Mulder can come back in now". With that person on the call and
muted, it asks for them to be heard again (unmuted), never to be looked up and added anew."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.call.directory import Directory
from workflows.rehearsal.history import dialled_in
from workflows.rehearsal.nlu import Reading, understand
from workflows.rehearsal.nlu.muting import BACK_IN_RE, UNMUTE_THEM_RE
from workflows.rehearsal.whom import known_as, not_muted, whom

_I = re.IGNORECASE


def back_in(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, directory: Directory
) -> Reading | None:
    """The line read with "unmute <them>" for "bring <them> back in", when they are on the
    call and muted; None otherwise (someone gone is called back, someone new looked up)."""
    if not (m := BACK_IN_RE.search(reading.text)):
        return None
    said = re.sub(r"^(?:ok(?:ay)?|now|so|and|please)\s+", "", m["who"] or m["who2"], flags=_I)
    asked = known_as(ctx, understand(f"unmute {said}"), prompts, directory)
    who = whom(ctx, asked, prompts)
    if not who or who not in [w for w, _ in dialled_in(ctx, prompts)]:
        return None
    if not_muted(ctx, prompts, who) or not _muted_ever(ctx, who):
        return None
    rest = UNMUTE_THEM_RE.sub("", reading.text[m.end() :])  # ", unmute em": the same ask
    return understand(f"{reading.text[: m.start()]}unmute {said}{rest}")


def _muted_ever(ctx: llm.ChatContext, who: str) -> bool:
    """Whether a mute of `who` was asked of the tools on this call."""
    return any(
        i.type == "function_call" and i.name == "mute_participant" and who in (i.arguments or "")
        for i in ctx.items
    )
