"""What an offline turn is made of: a line to say, or a call to one of the agents' tools."""

from __future__ import annotations

import json

from livekit.agents import llm, utils

Step = str | llm.FunctionToolCall


def tool_call(tool: str, /, **args: object) -> llm.FunctionToolCall:
    return llm.FunctionToolCall(
        name=tool, arguments=json.dumps(args), call_id=utils.shortuuid("off_call_")
    )


def on_someone(action: str, who: str) -> llm.FunctionToolCall:
    """The tool call for "remove", "mute" or "unmute" done to `who`."""
    if action == "remove":
        return tool_call("remove_participant", who=who)
    return tool_call("mute_participant", who=who, muted=action == "mute")
