"""What an offline turn is made of: a line to say, or a call to one of the agents' tools."""

from __future__ import annotations

import json

from livekit.agents import llm, utils

Step = str | llm.FunctionToolCall


def tool_call(tool: str, /, **args: object) -> llm.FunctionToolCall:
    return llm.FunctionToolCall(
        name=tool, arguments=json.dumps(args), call_id=utils.shortuuid("off_call_")
    )
