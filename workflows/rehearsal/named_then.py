"""Someone on the call named and a request in one line: "the client is Mr Okonkwo by the way,
and can you tell me who's on", "that's Okonkwo on the line, mute him", "his name is Okonkwo,
is he still there?". The person is named first (`name_participant`); once that has returned,
the rest of the line is acted on as if said alone, so it uses the new name."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.call.directory import Directory
from workflows.rehearsal.history import pending_read_back
from workflows.rehearsal.host_turns import host_turn
from workflows.rehearsal.lower_names import capitalised
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.steps import Step

_PARTS_RE = re.compile(r"[.;!?]+\s+|,?\s+and\s+|,\s+", re.IGNORECASE)
_NAMING = "name_participant"
# A request starts with its verb or question word ("can you tell me who's on", "mute him"),
# never "the guy who's on the line" (a description of the person named)
_ASK_RE = re.compile(
    r"^(?:(?:and|also|please|now|so|ok|okay|btw|then)\s+)*(?:can|could|would|will|who|who's"
    r"|what|is|are|has|mute|unmute|remove|drop|kick|take|put|add|call|dial|ring|get|tell|end|hang"
    r"|transfer|press|list|connect|bring|patch|loop"
    r"|(?:i|we)(?:'d|\s+would)?\s+(?:also\s+)?(?:need|want|like))\b",
    re.IGNORECASE,
)
# The naming said again as a wish: "call him that", "just call her so", "call them by that name"
_CALL_SO_RE = re.compile(
    r"^(?:(?:and|so|please|just|pls)\s+)*(?:call|name|list)\s+(?:him|her|them)"
    r"\s+(?:that|so|this|by that(?: name)?)(?:\s+(?:please|pls|from now on|now))?\W*$",
    re.IGNORECASE,
)
# The next number, said as the next one: "next one is 646 ...", "and the next is 646 ...",
# "second number's 646 ..." (after "that's Luca, my partner")
_NEXT_RE = re.compile(
    r"^(?:(?:and|also|now|so|then|ok|okay)\s+)*(?:the\s+)?(?:next|second|third|other|last)"
    r"(?:\s+(?:one|number|person|guy|line))?(?:'s|\s+is|\s+up(?:\s+is)?|:)?\s*[+(]?\d",
    re.IGNORECASE,
)
# The next number, said as the next one's: "and Niamh is on 415 ...", "Niamh's 415 ..." (after
# "that's Aoife.")
_NAMED_NEXT_RE = re.compile(
    r"^(?:(?i:and|also|now|so|then|ok|okay)\s+)*[A-Z][a-z'-]+(?:'s|\s+is)(?:\s+(?:on|at))?[,:]?"
    r"\s*[+(]?\d"
)
# A request said as a need: "now I also need Dana Scully from sales", "I'd like Fox too"
_NEED_RE = re.compile(
    r"^(?:(?:and|also|now|so|then)\s+)*(?:i|we)(?:'d|\s+would)?\s+(?:also\s+)?(?:need|want|like)"
    r"\s+\w",
    re.IGNORECASE,
)


def naming_first(
    ctx: llm.ChatContext, text: str, prompts: Prompts, directory: Directory
) -> list[Step]:
    """The `name_participant` calls for the naming part of a line that also asks something
    else; [] for any other line (or while a read-back waits for the caller's answer)."""
    if pending_read_back(ctx, prompts) is not None:
        return []
    if split := _split(ctx, text, prompts, directory):
        return _namings(ctx, split[0], prompts, directory)
    return _each_named(ctx, text, prompts, directory)


def _each_named(ctx: llm.ChatContext, text: str, prompts: Prompts, directory: Directory) -> list:
    """Several legs named in one line, each in its part: "the first one is Jaylen and this
    one's Mei" names both (each part alone names one leg, no two the same); [] otherwise."""
    parts = [part.strip(" ,") for part in _PARTS_RE.split(text) if part.strip(" ,")]
    named = [_namings(ctx, part, prompts, directory) for part in parts] if len(parts) > 1 else []
    steps = [step for steps in named for step in steps]
    legs = {json.loads(step.arguments).get("who") for step in steps}
    return steps if named and all(named) and len(legs) == len(steps) == len(parts) else []


def rest_after_naming(
    ctx: llm.ChatContext, call_id: str, prompts: Prompts, directory: Directory
) -> list[Step]:
    """The rest of such a line, acted on once its namings (the last one call `call_id`) have
    returned; [] when the line was no such line or the rest was already acted on."""
    said = [n for n, i in enumerate(ctx.items) if i.type == "message" and i.role == "user"]
    if not said:
        return []
    since = ctx.items[said[-1] + 1 :]
    calls = [i for i in since if i.type == "function_call"]
    if not calls or any(i.name != _NAMING for i in calls) or calls[-1].call_id != call_id:
        return []
    before = llm.ChatContext(ctx.items[: said[-1] + 1])  # as the line found the call
    text = capitalised(ctx.items[said[-1]].text_content or "")  # as the line was read: "thats"
    split = _split(before, text, prompts, directory)
    return host_turn(ctx, understand(split[1]), prompts, directory) if split else []


def _split(
    ctx: llm.ChatContext, text: str, prompts: Prompts, directory: Directory | None = None
) -> tuple[str, str] | None:
    """(the naming, the request) of a line that makes both; None for any other line."""
    parts = [part.strip(" ,") for part in _PARTS_RE.split(text) if part.strip(" ,")]
    if len(parts) < 2 or directory is None:
        return None
    namings = [part for part in parts if _namings(ctx, part, prompts, directory)]
    asks = [
        p
        for p in parts
        if p not in namings
        and (
            _ASK_RE.match(p)
            and (understand(p).action or _NEED_RE.match(p))
            or _NEXT_RE.match(p)
            or _NAMED_NEXT_RE.match(p)
        )
        and not _CALL_SO_RE.match(p)  # "the accountant is Mr Osei, call him that": the naming
    ]
    if len(namings) != 1 or not asks or parts.index(asks[0]) < parts.index(namings[0]):
        return None  # "mute the second one, she's Aoife": the request, said of her
    return namings[0], " ".join(asks)


def _namings(ctx: llm.ChatContext, part: str, prompts: Prompts, directory: Directory) -> list:
    """The steps `part` alone makes when they are all namings; [] otherwise."""
    steps = host_turn(ctx, understand(part), prompts, directory)
    named = [s for s in steps if isinstance(s, llm.FunctionToolCall) and s.name == _NAMING]
    return named if named and len(named) == len(steps) else []
