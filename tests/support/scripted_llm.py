"""A scripted LLM for offline tests: a policy maps the chat so far to the next steps."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from livekit.agents import llm, utils
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, NOT_GIVEN

from workflows.rehearsal.steps import Step  # a text reply, or one tool call (one name, one type)

Policy = Callable[[llm.ChatContext], list[Step]]


class ScriptedLLM(llm.LLM):
    """Calls `policy(chat_ctx)` once per LLM turn and streams back what it returns."""

    def __init__(self, policy: Policy) -> None:
        super().__init__()
        self._policy = policy
        self.turns: list[llm.ChatContext] = []  # every context the model was shown

    def chat(
        self,
        *,
        chat_ctx,
        tools=None,
        conn_options=DEFAULT_API_CONNECT_OPTIONS,
        parallel_tool_calls=NOT_GIVEN,
        tool_choice=NOT_GIVEN,
        extra_kwargs=NOT_GIVEN,
    ):
        self.turns.append(chat_ctx.copy())
        return _Stream(self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options)


class _Stream(llm.LLMStream):
    async def _run(self) -> None:
        for step in self._llm._policy(self._chat_ctx):
            delta = (
                llm.ChoiceDelta(role="assistant", content=step)
                if isinstance(step, str)
                else llm.ChoiceDelta(role="assistant", tool_calls=[step])
            )
            self._event_ch.send_nowait(llm.ChatChunk(id=utils.shortuuid("chunk_"), delta=delta))


def call(fn: str, /, **args: Any) -> llm.FunctionToolCall:
    """One tool call step."""
    return llm.FunctionToolCall(name=fn, arguments=json.dumps(args), call_id=utils.shortuuid("c_"))


def last_item(ctx: llm.ChatContext):
    return ctx.items[-1]


def relay_tool_output(ctx: llm.ChatContext) -> list[Step] | None:
    """After a tool ran, say its output (what a well-behaved model does)."""
    last = ctx.items[-1]
    if last.type == "function_call_output":
        return [last.output] if last.output else []
    return None


def last_read_back(ctx: llm.ChatContext) -> str | None:
    """The number the model last passed to read_back_number."""
    for item in reversed(ctx.items):
        if item.type == "function_call" and item.name == "read_back_number":
            return json.loads(item.arguments)["phone_number"]
    return None


def host_model(ctx: llm.ChatContext) -> list[Step]:
    """A well-behaved host: reads a number back, dials it on "yes", lists, ends."""
    if (out := relay_tool_output(ctx)) is not None:
        return out
    text = ctx.items[-1].text_content or ""
    if text.startswith("add "):
        return [call("read_back_number", phone_number=text.removeprefix("add "))]
    if text == "yes":
        return [call("add_sip_participant", phone_number=last_read_back(ctx))]
    if text in ("who?", "who is on?"):
        return [call("list_participants")]
    if text == "status?":
        return [call("get_call_state")]
    if text == "bye":
        return [call("end_call")]
    if text == "bye bye":
        return [call("end_call"), call("end_call")]
    return ["Could you say that again?"]


def feature_model(ctx: llm.ChatContext) -> list[Step]:
    """host_model plus the host's feature tools, by the first word of the caller's line:
    "remove 0100", "mute Dana", "unmute everyone", "press 1", "transfer +1 415 555 0123",
    "warm +1 415 555 0144"; a "yes" acts on what was last read back, for its purpose."""
    if (out := relay_tool_output(ctx)) is not None:
        return out
    text = ctx.items[-1].text_content or ""
    verb, _, rest = text.partition(" ")
    if verb == "remove":
        return [call("remove_participant", who=rest)]
    if verb in ("mute", "unmute"):
        return [call("mute_participant", who=rest, muted=verb == "mute")]
    if verb == "press":
        return [call("send_digits", digits=rest)]
    if verb in ("transfer", "warm"):
        purpose = "transfer" if verb == "transfer" else "warm_transfer"
        return [call("read_back_number", phone_number=rest, purpose=purpose)]
    if text == "yes":  # act on what was read back, as a well-behaved model would
        purpose = next(
            (
                json.loads(i.arguments).get("purpose", "add")
                for i in reversed(ctx.items)
                if i.type == "function_call" and i.name == "read_back_number"
            ),
            "add",
        )
        if purpose == "transfer":
            return [call("transfer_call")]
        if purpose == "warm_transfer":
            return [call("warm_transfer")]
    return host_model(ctx)


def relaying(steps: Policy) -> Policy:
    """A model that relays tool output, and otherwise answers with `steps(ctx)`."""

    def model(ctx: llm.ChatContext) -> list[Step]:
        if (out := relay_tool_output(ctx)) is not None:
            return out
        return steps(ctx)

    return model


def scripted(lines: dict[str, list[Step]]) -> Policy:
    """A model that answers each caller line with fixed steps (an issue's exact script)."""
    return lambda ctx: lines[ctx.items[-1].text_content or ""]


def reads_back_then_dials(read: str, dial: str) -> Policy:
    """A hostile model: reads `read` back on "add ...", and dials `dial` on ANY other line."""

    def steps(ctx: llm.ChatContext) -> list[Step]:
        if (ctx.items[-1].text_content or "").startswith("add"):
            return [call("read_back_number", phone_number=read)]
        return [call("add_sip_participant", phone_number=dial)]

    return steps


async def dial(session, number: str):
    """Ask for a number, confirm the read-back; return the run result of the confirmation.

    It first waits for earlier dials to stop ringing: their announcements, said between a
    read-back and the yes, would rightly close the confirmation window.
    """
    await until(
        lambda: (
            not any(leg.status in ("dialing", "ringing") for leg in session.userdata.legs.values())
        )
    )
    await session.run(user_input=f"add {number}")
    return await session.run(user_input="yes")


async def until(predicate, timeout: float = 5.0, every: float = 0.01) -> None:
    """Wait for background work (dials, announcements) to make `predicate()` true."""
    import asyncio

    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(every)
