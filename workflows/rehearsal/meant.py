"""The person meant, said again after a question about someone: "is he still on?" ... "no, I
mean the one ending 0199" asks the same question about that one (never a redial)."""

from __future__ import annotations

from livekit.agents import llm

from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.presence import meant_in


def question_meant(ctx: llm.ChatContext) -> str | None:
    """Whom the caller's last line means, when it only names someone ("I mean Fox Mulder")
    and the line before it asked whether someone is on the call; None otherwise."""
    said = [i.text_content or "" for i in ctx.items if i.type == "message" and i.role == "user"]
    if len(said) < 2 or not (meant := meant_in(said[-1])):
        return None
    return meant if understand(said[-2]).asks_about is not None else None
