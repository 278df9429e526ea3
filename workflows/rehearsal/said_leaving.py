"""Who just left saying so: "Monica: Ava, I'm hopping off now" (the host: "Goodbye Monica
Reyes, I'll take you off the call now.") ... "she needs to go, drop her please" is about
Monica, the one said to be leaving, never the line acted on last (the vendor just muted): one
removal for one "her" (Monica gone already, the tool says she is not on the call).
"""

from __future__ import annotations

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.history import filled

_RECENT = 8  # items looked back over: the caller's line and a few before it


def said_leaving(ctx: llm.ChatContext, prompts: Prompts) -> str | None:
    """The participant the host said goodbye to in the last few items; None for nobody."""
    goodbye = prompts.host.for_participants.goodbye
    for item in list(ctx.items)[-_RECENT:][::-1]:
        if item.type == "function_call_output":
            text = item.output or ""
        elif item.type == "message" and item.role == "assistant":
            text = item.text_content or ""
        else:
            continue
        if found := filled(goodbye, text):
            return found["speaker"]
    return None
