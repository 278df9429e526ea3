"""A line that says who people on the call are, asking for no one: "Priya's my boss btw,
Marco's from finance" with Priya and Marco on the call. Each part names someone on the call and
says what they are; no one is looked up or dialled (never "my boss" read back from the
directory). A number or a state in the part ("Marco is the 0163 guy", "Priya's gone") is
something else: naming a leg, or a question."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.history import dialled_in

_I = re.IGNORECASE
_PART_RE = re.compile(r"[.;!?,]+\s*|\s+and\s+", _I)
_ASIDE_RE = re.compile(r"\b(?:btw|by the way|fyi|just so you know|for the record|also)\b", _I)
# "Priya's my boss", "Marco is from finance", "Marco's in finance": name, then what they are
# (who they are to the caller, where from); never a state ("Priya's gone") nor a number
_IS_RE = re.compile(
    r"^(?P<name>[^\W\d_][\w'-]*)(?:'s|\s+is)\s+"
    # where they are is no description: "Priya's in the call?", "Marco is with us", "in?"
    r"(?!(?:in|on|with)\s+(?:the\s+)?(?:call|line|meeting|conference|bridge|here|there|us|me)\b"
    r"|in\W*$|the\s+(?:one|first|last|second|other)\b)"
    r"(?P<what>(?:my|our|the|a|an|from|with|in)\b[^\d]*)$",
    _I,
)


def describes_people(ctx: llm.ChatContext, text: str, prompts: Prompts) -> bool:
    """Whether `text` only says who people on the call are (each by a name they go by)."""
    on_call = {who.split()[0].lower() for who, _ in dialled_in(ctx, prompts) if who[:1].isalpha()}
    parts = [p.strip() for p in _PART_RE.split(_ASIDE_RE.sub("", text)) if p and p.strip()]
    found = [m for p in parts if (m := _IS_RE.match(p))]
    return (
        bool(parts)
        and len(found) == len(parts)
        and all(m.group("name").lower() in on_call for m in found)
    )
