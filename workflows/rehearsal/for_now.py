"""Done with the host for now, not ending the call: "for now that's all, cheers", "that's all
for now", "nothing else for now, thanks", "that's it for now" said while others are on the call
(`host_stays`: the host stays quietly, the call goes on) or right after a number could not be
tried again yet ("ugh busy. try him again in a bit. for now that's all": `wait_agreed`, the
caller says when). With nobody on and no retry waiting, it ends the call as any goodbye does.
"""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.history import dialled_in, filled

_I = re.IGNORECASE
_FOR_NOW_RE = re.compile(
    r"\b(?:(?:that(?:'s| is|s)|thats|that'?ll be|that'?ll do|it'?s|all|nothing else|nothing more"
    r"|no more|i'?m (?:good|all set)|we'?re (?:good|all set))"
    r"(?:\s+(?:all|it|everything|from me))?\s+for\s+now"
    r"|for\s+now,?\s+(?:that(?:'s| is|s)|thats|that'?ll do|it'?s|nothing else|i'?m good)"
    r"(?:\s+(?:all|it|everything))?)\b",
    _I,
)
# A goodbye in so many words ends it still: "that's all for now, end the call", "bye for now"
_ENDS_RE = re.compile(
    r"\b(?:end|hang up|finish|close|wrap up|terminate)\b|\bbye\b|\bgoodbye\b|\bgotta go\b", _I
)


def done_for_now(ctx: llm.ChatContext, text: str, prompts: Prompts) -> str | None:
    """What the host says when `text` is done with it for now while the call goes on: others
    on the call, or a retry the dial rules made wait; None otherwise."""
    if not _FOR_NOW_RE.search(text) or _ENDS_RE.search(text):
        return None
    if any(on for _, on in dialled_in(ctx, prompts)):
        return prompts.offline.answers.host_stays
    if _retry_waits(ctx, prompts):
        return prompts.offline.followups.wait_agreed
    return None


def _retry_waits(ctx: llm.ChatContext, prompts: Prompts) -> bool:
    """Whether the host's last words told a dial could not be tried again yet, or agreed to
    wait before trying it ("Sure, we'll wait. ...")."""
    said = [i for i in ctx.items if i.type in ("message", "function_call_output")]
    said = [i for i in said if i.type != "message" or i.role == "assistant"][-2:]
    texts = [(i.output if i.type == "function_call_output" else i.text_content) or "" for i in said]
    waits = (prompts.host.refused.cooldown, prompts.offline.followups.wait_agreed)
    return any(filled(w, t) is not None for w in waits for t in texts)
