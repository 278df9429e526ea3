"""What the chat so far says: the last line spoken, the numbers read back, dialled or
refused, and the destination still waiting for the caller's yes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import NamedTuple

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.lifecycle.hearing import SPEAKER
from workflows.rehearsal.nlu import extract_phone_number

ACTS_ON_READ_BACK = {
    "add": "add_sip_participant",
    "transfer": "transfer_call",
    "warm_transfer": "warm_transfer",
}
_READ_BACK_TOOLS = ("read_back_number", "look_up_contact")


def _pattern(template: str) -> str:
    """A regex for `template` with each $variable a group: the first of each name is named."""
    out, seen = [], set()
    for part in re.split(r"(\$\{?\w+\}?)", template.replace("$$", "\0")):
        name = part.strip("${}") if part.startswith("$") else None
        if name is None:
            out.append(re.escape(part.replace("\0", "$")))
        else:
            out.append(f"(?P<{name}>.+?)" if name not in seen else ".+?")
            seen.add(name)
    return "".join(out)


def said_from(template: str, text: str) -> bool:
    """Whether `text` is `template` with its $variables filled in."""
    return re.fullmatch(_pattern(template), text, re.DOTALL) is not None


def filled(template: str, text: str) -> dict[str, str] | None:
    """The $variables of `template` where it is said within `text`, or None."""
    m = re.search(_pattern(template), text, re.DOTALL)
    return m.groupdict() if m else None


def read_back_who(prompts: Prompts, text: str) -> str | None:
    """Who a read-back said within `text` names ("+1 415-555-0142", "Dana at +1 ...")."""
    host = prompts.host
    templates = (host.read_back, host.transfer.read_back, host.transfer.read_back_warm)
    for template in (*templates, host.for_participants.read_back):  # one a participant asked
        if found := filled(template, text):
            return found["who"]
    return None


def spoken_of(ctx: llm.ChatContext, pattern: re.Pattern[str]) -> int | None:
    """Where in `ctx` the caller first spoke of what `pattern` finds, before their last line."""
    users = [i for i, it in enumerate(ctx.items) if it.type == "message" and it.role == "user"]
    return next((i for i in users[:-1] if pattern.search(ctx.items[i].text_content or "")), None)


def last_said(ctx: llm.ChatContext) -> str:
    said = [i for i in ctx.items if i.type == "message" and i.role == "assistant"]
    return (said[-1].text_content or "").strip() if said else ""


def _tool_of(ctx: llm.ChatContext, call_id: str) -> str | None:
    return next(
        (i.name for i in ctx.items if i.type == "function_call" and i.call_id == call_id), None
    )


def reads_next(ctx: llm.ChatContext, call_id: str) -> bool:
    """Whether the next number the caller gave is read back after this call's result: after a
    dial ("call A and B"), and after a hang-up ("cancel that and call 0147 instead"); never
    after what a participant asked for ("Dana: Ava, remove me please": they leave, that's all).
    `ctx` holds everyone's lines."""
    at = next((n for n, i in enumerate(ctx.items) if getattr(i, "call_id", "") == call_id), 0)
    said = [i for i in ctx.items[:at] if i.type == "message" and i.role == "user"]
    if said and (said[-1].extra or {}).get(SPEAKER):
        return False
    return _tool_of(ctx, call_id) in ("add_sip_participant", "remove_participant")


def dialled_numbers(ctx: llm.ChatContext) -> list[str]:
    """Numbers dialled so far (add_sip_participant calls that did not fail), in order."""
    failed = {i.call_id for i in ctx.items if i.type == "function_call_output" and i.is_error}
    return [
        json.loads(i.arguments or "{}").get("phone_number", "")
        for i in ctx.items
        if i.type == "function_call" and i.name == "add_sip_participant" and i.call_id not in failed
    ]


def refused_since_dial(ctx: llm.ChatContext) -> str | None:
    """The number read back since the last dial and refused by the tool ("I just tried +1
    415-555-0186. Let's give it 7 seconds..."): the one the caller just named; None if none."""
    failed = {i.call_id for i in ctx.items if i.type == "function_call_output" and i.is_error}
    for item in reversed(ctx.items):
        if item.type == "function_call" and item.name == "add_sip_participant":
            return None
        if item.type == "function_call" and item.name == "read_back_number":
            number = json.loads(item.arguments or "{}").get("phone_number")
            return number if item.call_id in failed else None
    return None


def last_number(ctx: llm.ChatContext) -> str | None:
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


def on_the_call(ctx: llm.ChatContext, target: str | None) -> str | None:
    """Resolve "the first one" / "the last one" to a number dialled in; else `target`."""
    if target in ("the first one", "the last one", "the second one", "the third one"):
        dialled = dialled_numbers(ctx)
        index = {"first": 0, "second": 1, "third": 2, "last": -1}[target.split()[1]]
        return dialled[index] if dialled and -len(dialled) <= index < len(dialled) else target
    return target


def last_tool_failed(ctx: llm.ChatContext) -> bool:
    outputs = [item for item in ctx.items if item.type == "function_call_output"]
    return bool(outputs) and outputs[-1].is_error


class Pending(NamedTuple):
    """A destination read back and waiting for the caller's answer."""

    purpose: str
    number: str | None  # as read back; None for a "sip:" contact
    who: str  # as the read-back named it
    lookup: str | None = None  # the name look_up_contact found it by; None for a number


def pending_read_back(ctx: llm.ChatContext, prompts: Prompts) -> Pending | None:
    """The destination last read back and not yet acted on, refused or called off.

    A directory read-back carries no number in its arguments; the number is taken from the
    read-back the tool said ("... Dana Scully at +1 415-555-0142. Shall I dial it?"). A
    refused act that read the destination back again keeps it pending.
    """
    offline = prompts.offline
    pending: Pending | None = None
    last: tuple[str, str | None, str | None] | None = None  # what the latest call was about
    for item in ctx.items:
        if item.type == "function_call" and item.name in _READ_BACK_TOOLS:
            args = json.loads(item.arguments or "{}")
            last = (args.get("purpose", "add"), args.get("phone_number"), args.get("name"))
            pending = None
        elif item.type == "function_call" and item.name in ACTS_ON_READ_BACK.values():
            last = (pending.purpose, pending.number, pending.lookup) if pending else None
            pending = None
        elif item.type == "function_call_output" and last is not None:
            output = item.output or ""
            who = read_back_who(prompts, output)
            said = (prompts.host.read_back_said, prompts.host.for_participants.read_back_said)
            if not item.is_error and who and any(said_from(t, output) for t in said):
                purpose, number, lookup = last
                pending = Pending(purpose, number or extract_phone_number(who)[0], who, lookup)
            last = None
        elif item.type == "message" and item.role == "assistant" and pending:
            text = item.text_content or ""
            if text.startswith(
                (
                    render(offline.dropped, who=pending.who),
                    render(offline.dropped_transfer, who=pending.who),
                )
            ):
                pending = None  # the caller called it off (an answer may follow in the line)
    return pending


# What the caller is told when a dialled phone stops ringing for good, each naming it $who.
def gone_phrases(prompts: Prompts) -> tuple[str, ...]:
    host = prompts.host
    return (
        host.busy,
        host.no_answer,
        host.declined,
        host.unknown_number,
        host.hung_up,
        host.removed,
        host.failed,
        host.config_error,
        host.voicemail.hung_up,
        host.voicemail.left_message,
        host.controls.cancelled,
    )


def dialled_in(ctx: llm.ChatContext, prompts: Prompts) -> list[tuple[str, bool]]:
    """(who, answered) for each person dialled and not gone since, oldest first, named as
    the tools named them ("Dialing $who now ...", then "Got it, $name is $who.")."""
    return _legs(ctx, prompts)[0]


def every_leg(ctx: llm.ChatContext, prompts: Prompts) -> list[tuple[str, bool]]:
    """(who, still on) for each person dialled, gone since or not, in the order dialled."""
    live, ever = _legs(ctx, prompts)
    return [(who, who in dict(live)) for who in ever]


def _legs(ctx: llm.ChatContext, prompts: Prompts) -> tuple[list[tuple[str, bool]], list[str]]:
    tools = {i.call_id: i.name for i in ctx.items if i.type == "function_call"}
    legs: dict[str, bool] = {}
    ever: list[str] = []  # everyone dialled, in order, as called now
    gone = gone_phrases(prompts)
    for item in ctx.items:
        if item.type == "function_call_output":
            text = item.output or ""
            if tools.get(item.call_id) == "add_sip_participant" and not item.is_error:
                if found := filled(prompts.host.dialing, text):
                    legs.pop(found["who"], None)
                    legs[found["who"]] = False
                    ever = [w for w in ever if w != found["who"]] + [found["who"]]
                    continue
            if tools.get(item.call_id) == "name_participant" and not item.is_error:
                found = filled(prompts.host.controls.participant_named, text)
                if found and found["who"] in legs:  # "Got it, Kayla is +1 ...": called so now
                    legs = {found["name"] if w == found["who"] else w: a for w, a in legs.items()}
                    ever = [found["name"] if w == found["who"] else w for w in ever]
                continue
        elif item.type == "message" and item.role == "assistant":
            text = item.text_content or ""
        else:
            continue
        for who in list(legs):
            if any(render(phrase, who=who) in text for phrase in gone):
                del legs[who]
            elif render(prompts.host.joined, who=who) in text:
                legs[who] = True
    return list(legs.items()), ever


def news_newest_first(ctx: llm.ChatContext) -> Iterator[str]:
    """What the caller was told, newest first: each tool's result that did not fail, and each
    line the agent said."""
    for item in reversed(ctx.items):
        if item.type == "function_call_output" and not item.is_error:
            yield item.output or ""
        elif item.type == "message" and item.role == "assistant":
            yield item.text_content or ""


def last_news_of(ctx: llm.ChatContext, who: str, prompts: Prompts) -> str | None:
    """The last thing said of `who` never joining ("I've stopped calling Shane.", "... is busy
    right now"), said again when the caller asks about them; None (one who joined and left is
    simply not on the call), unless asked about by their number's ending ("is the 0199 guy
    still on?": "+1 415-555-0199 has left the call.")."""
    words = set(who.lower().split())
    ending = m.group() if (m := re.search(r"\d{3,}", who)) else ""
    joined = () if ending else (prompts.host.hung_up, prompts.host.removed)
    for text in news_newest_first(ctx):
        for phrase in (p for p in gone_phrases(prompts) if p not in joined):
            if not (found := filled(phrase, text)):
                continue
            if (ending and re.sub(r"\D", "", found["who"]).endswith(ending)) or (
                not ending and words <= set(found["who"].lower().split())
            ):
                return render(phrase, **found)
    return None
