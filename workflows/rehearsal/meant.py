"""The person meant, said again after a question about someone: "is he still on?" ... "no, I
mean the one ending 0199" asks the same question about that one (never a redial)."""

from __future__ import annotations

import re

from livekit.agents import llm

from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.presence import meant_in
from workflows.rehearsal.nlu.words import everyday_word

# A line that is only a name ("Harriet", "Fox Mulder."): the answer to "Which person do you mean?"
_BARE_NAME_RE = re.compile(r"^\W*((?-i:[A-Z])[\w'-]+(?:\s+(?-i:[A-Z])[\w'-]+)?)\W*$")


def question_meant(ctx: llm.ChatContext) -> str | None:
    """Whom the caller's last line means, when it only names someone ("I mean Fox Mulder",
    "Harriet" to "Which person do you mean?") and the line before it asked whether someone is
    on the call; None otherwise."""
    said = [i.text_content or "" for i in ctx.items if i.type == "message" and i.role == "user"]
    if len(said) < 2:
        return None
    if not (meant := meant_in(said[-1]) or _bare_name(said[-1])):
        return None
    return meant if understand(said[-2]).asks_about is not None else None


def _bare_name(line: str) -> str | None:
    """The name a line says and nothing else ("Harriet"); never an everyday word ("Great")."""
    m = _BARE_NAME_RE.match(line)
    if not m or any(everyday_word(w) for w in m.group(1).split()):
        return None
    return m.group(1)
