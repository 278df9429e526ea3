"""The offline dialog model: a deterministic stand-in for a cloud LLM (`AGENT_LLM=offline`).

It implements the framework's LLM interface, so the agents, tools and handoff run exactly as
they would with a real model. It reads the caller's words with `workflows.rehearsal.nlu`,
acts only by calling the agents' real tools, relays what the tools return, and otherwise
speaks lines from `prompts/offline.yaml`. It is not a general-purpose model: anything it
does not understand gets a clarifying question.
"""

from __future__ import annotations

import json
import re

from livekit.agents import llm, utils
from livekit.agents.llm.tool_context import get_fnc_tool_names
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, NOT_GIVEN

from prompts.loader import Prompts, render
from workflows.call.confirmation import is_clear_yes, says_no, words_of
from workflows.call.directory import Directory
from workflows.rehearsal.nlu import Reading, extract_phone_number, understand

Step = str | llm.FunctionToolCall


class OfflineDialogLLM(llm.LLM):
    def __init__(self, prompts: Prompts, directory: Directory) -> None:
        super().__init__()
        self._prompts = prompts
        self._directory = directory

    @property
    def model(self) -> str:
        return "offline-dialog"

    @property
    def provider(self) -> str:
        return "local"

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
        return _OfflineStream(self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options)


class _OfflineStream(llm.LLMStream):
    async def _run(self) -> None:
        names = set(get_fnc_tool_names(self._tools))
        for step in respond(self._chat_ctx, names, self._llm._prompts, self._llm._directory):
            delta = (
                llm.ChoiceDelta(role="assistant", content=step)
                if isinstance(step, str)
                else llm.ChoiceDelta(role="assistant", tool_calls=[step])
            )
            self._event_ch.send_nowait(llm.ChatChunk(id=utils.shortuuid("off_"), delta=delta))


def respond(
    ctx: llm.ChatContext, tools: set[str], prompts: Prompts, directory: Directory
) -> list[Step]:
    """The next turn: relay a tool's result, or act on the caller's last words."""
    last = ctx.items[-1] if ctx.items else None
    if last is None:
        return []
    if last.type == "function_call_output":
        relayed = [last.output] if last.output else []
        if "add_sip_participant" in tools and not last.is_error and _is_dial(ctx, last.call_id):
            return relayed + _next_queued(ctx)  # "call A and B": B is read back after A
        return relayed
    if last.type != "message" or last.role != "user":
        # The host's first turn after the handoff: a number the caller already gave
        return _next_queued(ctx) if "add_sip_participant" in tools else []
    reading = understand(last.text_content or "")
    if reading.goodbye and "end_call" in tools:
        return [_call("end_call")]
    if "transfer_to_conference_host" in tools:
        return _receptionist(ctx, reading, prompts)
    if "add_sip_participant" in tools:
        return _host(ctx, reading, prompts, directory)
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
    if reason or reading.greeting or _last_said(ctx) == offline.ask_name:
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
        name = said.name if said.name and _is_a_name(said.name, prompts) else name
        reason = _reason(said) or reason
        if (
            asked == prompts.offline.ask_name
            and not said.name
            and _looks_like_a_name(text)
            and _is_a_name(text, prompts)
        ):
            name = _title(text.rstrip(".!"))
        elif (
            _said_from(prompts.offline.ask_reason, asked)
            and not _reason(said)
            and _is_a_name(text, prompts)
        ):  # "yes" is not a reason either
            reason = reason or (text.rstrip(".!") if not said.goodbye else None)
    return name, reason


def _said_from(template: str, text: str) -> bool:
    """Whether `text` is `template` with its $variables filled in."""
    parts = re.split(r"\$\{?\w+\}?", template.replace("$$", "\0"))
    pattern = ".+".join(re.escape(p.replace("\0", "$")) for p in parts)
    return re.fullmatch(pattern, text, re.DOTALL) is not None


_GREETINGS = frozenset(
    "hi hello hey hiya howdy yo greetings morning afternoon evening good day".split()
)


def _is_a_name(text: str, prompts: Prompts) -> bool:
    """False when every word is a yes, a no, a filler or a greeting ("yep", "yeah sure",
    "um okay", "good morning"): words from prompts/confirmation.yaml, plus greetings."""
    words = prompts.confirmation
    phrases = {p for p in (*words.yes, *words.filler, *words.no)}
    tokens = words_of(text)
    i = 0
    while i < len(tokens):
        step = next((n for n in (3, 2, 1) if " ".join(tokens[i : i + n]) in phrases), 0)
        if not step and tokens[i] not in _GREETINGS:
            return True
        i += step or 1
    return False


def _title(text: str) -> str:
    """Title-case a name typed in lower case; keep one typed with capitals as it is."""
    return text.title() if text == text.lower() else text


def _last_said(ctx: llm.ChatContext) -> str:
    said = [i for i in ctx.items if i.type == "message" and i.role == "assistant"]
    return (said[-1].text_content or "").strip() if said else ""


def _looks_like_a_name(text: str) -> bool:
    words = text.rstrip(".!").split()
    return 1 <= len(words) <= 3 and all(
        w.replace("-", "").replace("'", "").isalpha() for w in words
    )


_ACTS_ON_READ_BACK = {
    "add": "add_sip_participant",
    "transfer": "transfer_call",
    "warm_transfer": "warm_transfer",
}
_READ_BACK_TOOLS = ("read_back_number", "look_up_contact")


def _host(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, directory: Directory
) -> list[Step]:
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
    if pending and pending[1] and not reading.phone_number and (fix := _last_digits(reading)):
        # "yes, but make that 0162": the same number with other last digits, read back anew
        purpose, number = pending
        return [_call("read_back_number", phone_number=number[: -len(fix)] + fix, purpose=purpose)]
    if choice := _directory_choice(ctx, reading, directory):
        return [choice]
    if action == "redial":
        number = _last_number(ctx)
        return (
            [_call("read_back_number", phone_number=number, purpose="add")]
            if number
            else [offline.ask_number]
        )
    if action in ("transfer", "warm_transfer", "add", "conference", None) and (
        reading.phone_number or (reading.target and action)
    ):
        purpose = action if action in ("transfer", "warm_transfer") else "add"
        if reading.phone_number:
            number = reading.numbers[0] if reading.numbers else reading.phone_number
            return [_call("read_back_number", phone_number=number, purpose=purpose)]
        return [_call("look_up_contact", name=reading.target, purpose=purpose)]
    if pending and no:
        return _next_queued(ctx) or [offline.wrong_number]
    who = _on_the_call(ctx, reading.target) or reading.phone_number
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


def _tool_of(ctx: llm.ChatContext, call_id: str) -> str | None:
    return next(
        (i.name for i in ctx.items if i.type == "function_call" and i.call_id == call_id), None
    )


def _is_dial(ctx: llm.ChatContext, call_id: str) -> bool:
    return _tool_of(ctx, call_id) == "add_sip_participant"


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number.split(" ext ")[0])[-10:]


def _next_queued(ctx: llm.ChatContext) -> list[Step]:
    """Read back the next number the caller gave in one breath and that is not read back yet:
    "call A and B" reads back B once A is dialled or refused; a number given to the
    receptionist is read back by the host."""
    said_at, reading = None, None
    for i in range(len(ctx.items) - 1, -1, -1):  # the caller's latest words with a number
        item = ctx.items[i]
        if (
            item.type == "message"
            and item.role == "user"
            and _MAY_HAVE_DIGITS.search(item.text_content or "")
        ):
            said_at, reading = i, understand(item.text_content or "")
            if reading.numbers:
                break
    if reading is None or not reading.numbers or reading.action not in ("add", "conference", None):
        return []
    done = {
        _digits(json.loads(item.arguments or "{}").get("phone_number", ""))
        for item in ctx.items[said_at:]
        if item.type == "function_call" and item.name == "read_back_number"
    }
    queued = [n for n in reading.numbers if _digits(n) not in done]
    return [_call("read_back_number", phone_number=queued[0], purpose="add")] if queued else []


_MAY_HAVE_DIGITS = re.compile(
    r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|oh)\b", re.IGNORECASE
)


def _dialled(ctx: llm.ChatContext) -> list[str]:
    """Numbers dialled so far (add_sip_participant calls that did not fail), in order."""
    failed = {i.call_id for i in ctx.items if i.type == "function_call_output" and i.is_error}
    return [
        json.loads(i.arguments or "{}").get("phone_number", "")
        for i in ctx.items
        if i.type == "function_call" and i.name == "add_sip_participant" and i.call_id not in failed
    ]


def _last_number(ctx: llm.ChatContext) -> str | None:
    """The number last read back or dialled: what "try that one again" redials."""
    for item in reversed(ctx.items):
        if item.type == "function_call" and item.name in (
            "read_back_number",
            "add_sip_participant",
        ):
            if number := json.loads(item.arguments or "{}").get("phone_number"):
                return number
        if (
            item.type == "function_call_output"
            and _tool_of(ctx, item.call_id) == "look_up_contact"
            and not item.is_error
        ):
            if number := extract_phone_number(item.output)[0]:
                return number
    return None


def _on_the_call(ctx: llm.ChatContext, target: str | None) -> str | None:
    """Resolve "the first one" / "the last one" to a number dialled in; else `target`."""
    if target in ("the first one", "the last one", "the second one", "the third one"):
        dialled = _dialled(ctx)
        index = {"first": 0, "second": 1, "third": 2, "last": -1}[target.split()[1]]
        return dialled[index] if dialled and -len(dialled) <= index < len(dialled) else target
    return target


def _directory_choice(ctx: llm.ChatContext, reading: Reading, directory: Directory) -> Step | None:
    """After "I found more than one Dana: ... Which one?", the caller's pick: "the one in
    support", "I wanted Dana White from support", "the sales one"."""
    if reading.phone_number or reading.action not in (None, "add", "conference"):
        return None
    lookup = next((i for i in reversed(ctx.items) if i.type == "function_call"), None)
    if lookup is None or lookup.name != "look_up_contact":
        return None
    output = next(
        (i for i in ctx.items if i.type == "function_call_output" and i.call_id == lookup.call_id),
        None,
    )
    args = json.loads(lookup.arguments or "{}")
    matches = directory.find(args.get("name", ""))
    if output is None or not output.is_error or len(matches) < 2:
        return None
    said = set(words_of(reading.text))
    scores = [len(said & contact.words()) for contact in matches]
    best = max(scores)
    if best == 0 or scores.count(best) > 1:
        return None
    contact = matches[scores.index(best)]
    return _call("look_up_contact", name=contact.name, purpose=args.get("purpose", "add"))


def _last_digits(reading: Reading) -> str | None:
    """A short digit group that corrects a read-back's last digits ("make that 0162")."""
    if reading.action not in (None, "add", "conference"):
        return None  # "press 1", "drop the one ending in 62"
    groups = re.findall(r"(?<![\d+])\d{2,6}(?!\d)", reading.text)
    return groups[-1] if groups else None


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
