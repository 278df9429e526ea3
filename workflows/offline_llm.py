"""The offline dialog model: a deterministic stand-in for a cloud LLM (`AGENT_LLM=offline`).

It implements the framework's LLM interface, so the agents, tools and handoff run exactly as
they would with a real model. It reads the caller's words with `workflows.nlu`, acts only by
calling the agents' real tools, relays what the tools return, and otherwise speaks lines from
`prompts/offline.yaml`. It is not a general-purpose model: anything it does not understand
gets a clarifying question.
"""

from __future__ import annotations

import json
import re

from livekit.agents import llm, utils
from livekit.agents.llm.tool_context import get_fnc_tool_names
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, NOT_GIVEN

from prompts.loader import Prompts, render
from tools.confirmation import is_clear_yes, says_no
from workflows.nlu import Reading, extract_phone_number, understand

Step = str | llm.FunctionToolCall


class OfflineDialogLLM(llm.LLM):
    def __init__(self, prompts: Prompts) -> None:
        super().__init__()
        self._prompts = prompts

    @property
    def model(self) -> str:
        return "offline-dialog"

    @property
    def provider(self) -> str:
        return "local"

    def chat(self, *, chat_ctx, tools=None, conn_options=DEFAULT_API_CONNECT_OPTIONS,
             parallel_tool_calls=NOT_GIVEN, tool_choice=NOT_GIVEN, extra_kwargs=NOT_GIVEN):
        return _OfflineStream(self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options)


class _OfflineStream(llm.LLMStream):
    async def _run(self) -> None:
        names = set(get_fnc_tool_names(self._tools))
        for step in respond(self._chat_ctx, names, self._llm._prompts):
            delta = (
                llm.ChoiceDelta(role="assistant", content=step)
                if isinstance(step, str)
                else llm.ChoiceDelta(role="assistant", tool_calls=[step])
            )
            self._event_ch.send_nowait(llm.ChatChunk(id=utils.shortuuid("off_"), delta=delta))


def respond(ctx: llm.ChatContext, tools: set[str], prompts: Prompts) -> list[Step]:
    """The next turn: relay a tool's result, or act on the caller's last words."""
    last = ctx.items[-1] if ctx.items else None
    if last is None:
        return []
    if last.type == "function_call_output":
        return [last.output] if last.output else []
    if last.type != "message" or last.role != "user":
        return []
    reading = understand(last.text_content or "")
    if reading.goodbye and "end_call" in tools:
        return [_call("end_call")]
    if "transfer_to_conference_host" in tools:
        return _receptionist(ctx, reading, prompts)
    if "add_sip_participant" in tools:
        return _host(ctx, reading, prompts)
    return [prompts.offline.help]


def _receptionist(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[Step]:
    """Collect the caller's name and need across turns, then hand over."""
    offline = prompts.offline
    name, reason = _caller_details(ctx, prompts)
    if reading.action == "help" and not (reading.name or _reason(reading)):
        return [offline.help]
    if name and reason:
        return [_call("transfer_to_conference_host", caller_name=name, reason=reason)]
    if name:
        return [render(offline.ask_reason, name=name)]
    if reason or reading.greeting:
        return [offline.ask_name]
    return [offline.receptionist_not_understood]


def _caller_details(ctx: llm.ChatContext, prompts: Prompts) -> tuple[str | None, str | None]:
    """The caller's name and reason so far, reading each answer in light of the question."""
    name = reason = None
    asked = ""
    for item in ctx.items:
        if item.type != "message":
            continue
        text = (item.text_content or "").strip()
        if item.role == "assistant":
            asked = text
            continue
        if item.role != "user":
            continue
        said = understand(text)
        name = said.name or name
        reason = _reason(said) or reason
        if asked == prompts.offline.ask_name and not said.name and _looks_like_a_name(text):
            name = text.rstrip(".!").title()
        elif _said_from(prompts.offline.ask_reason, asked) and not _reason(said):
            reason = reason or (text.rstrip(".!") if not said.goodbye else None)
    return name, reason


def _said_from(template: str, text: str) -> bool:
    """Whether `text` is `template` with its $variables filled in."""
    parts = re.split(r"\$\{?\w+\}?", template.replace("$$", "\0"))
    pattern = ".+".join(re.escape(p.replace("\0", "$")) for p in parts)
    return re.fullmatch(pattern, text, re.DOTALL) is not None


def _looks_like_a_name(text: str) -> bool:
    words = text.rstrip(".!").split()
    return 1 <= len(words) <= 3 and all(w.replace("-", "").replace("'", "").isalpha()
                                        for w in words)


_ACTS_ON_READ_BACK = {"add": "add_sip_participant", "transfer": "transfer_call",
                      "warm_transfer": "warm_transfer"}
_READ_BACK_TOOLS = ("read_back_number", "look_up_contact")


def _host(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[Step]:
    offline = prompts.offline
    pending = _pending_read_back(ctx, prompts)
    action = reading.action
    yes = is_clear_yes(reading.text, prompts.confirmation)
    no = says_no(reading.text, prompts.confirmation)
    if pending and yes:
        purpose, number = pending
        if purpose == "add":
            return [_call("add_sip_participant", phone_number=number or "")]
        return [_call(_ACTS_ON_READ_BACK[purpose])]
    if action in ("transfer", "warm_transfer", "add", "conference", None) and (
        reading.phone_number or (reading.target and action)
    ):
        purpose = action if action in ("transfer", "warm_transfer") else "add"
        if reading.phone_number:
            number = reading.phone_number
            if reading.extension:
                number += f" ext {reading.extension}"
            return [_call("read_back_number", phone_number=number, purpose=purpose)]
        return [_call("look_up_contact", name=reading.target, purpose=purpose)]
    if pending and no:
        return [offline.wrong_number]
    who = reading.target or reading.phone_number
    if action == "remove" and who:
        return [_call("remove_participant", who=who)]
    if action in ("mute", "unmute") and who:
        return [_call("mute_participant", who=who, muted=action == "mute")]
    if action == "dtmf" and reading.digits:
        return [_call("send_digits", digits=reading.digits)]
    if action in ("add", "conference", "transfer", "warm_transfer"):
        return [offline.ask_number]
    if action == "list":
        return [_call("list_participants")]
    if action == "status":
        return [_call("get_call_state")]
    if action == "help" or (reading.greeting and action is None):
        return [offline.help]
    if yes:  # a yes with nothing read back: after a refusal there is nothing to dial
        return [offline.anything_else if _last_tool_failed(ctx) else offline.ask_number]
    if no:
        return [offline.anything_else]
    if pending:  # neither yes nor no: read the pending destination back again
        purpose, number = pending
        if number:
            return [_call("read_back_number", phone_number=number, purpose=purpose)]
    return [offline.host_not_understood]


def _last_tool_failed(ctx: llm.ChatContext) -> bool:
    outputs = [item for item in ctx.items if item.type == "function_call_output"]
    return bool(outputs) and outputs[-1].is_error


def _pending_read_back(ctx: llm.ChatContext, prompts: Prompts) -> tuple[str, str | None] | None:
    """(purpose, number) of the destination last read back and not yet acted on or refused.

    A directory read-back carries no number in its arguments; the number is taken from the
    read-back the tool said ("... Dana Scully at +1 415-555-0142. Shall I dial it?"). A
    refused act that read the destination back again keeps it pending.
    """
    pending: tuple[str, str | None] | None = None
    last: tuple[str, str | None] | None = None  # what the latest call was about
    for item in ctx.items:
        if item.type == "function_call" and item.name in _READ_BACK_TOOLS:
            args = json.loads(item.arguments or "{}")
            last = (args.get("purpose", "add"), args.get("phone_number"))
            pending = None
        elif item.type == "function_call" and item.name in _ACTS_ON_READ_BACK.values():
            last, pending = pending, None
        elif item.type == "function_call_output" and last is not None:
            read_again = _said_from(prompts.host.read_back_said, item.output or "")
            if not item.is_error and read_again:
                number = last[1] or extract_phone_number(item.output)[0]
                pending = (last[0], number)
            last = None
    return pending


def _reason(reading: Reading) -> str | None:
    if reading.reason:
        return reading.reason
    if reading.action in ("conference", "add"):
        return "a conference call"
    return None


def _call(tool: str, /, **args: object) -> llm.FunctionToolCall:
    return llm.FunctionToolCall(
        name=tool, arguments=json.dumps(args), call_id=utils.shortuuid("off_call_")
    )
