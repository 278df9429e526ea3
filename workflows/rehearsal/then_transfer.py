"""A transfer asked for after an add, in one breath: "I need to add my colleague and then
transfer myself to support". The add comes first (the host asks who the colleague is, never
reads the transfer's contact back as an add); once someone was dialled since, the transfer's
contact is read back for the transfer, so the caller's yes still decides."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.confirmation import words_of
from workflows.call.directory import Directory
from workflows.rehearsal.history import Pending
from workflows.rehearsal.mentions import read_again
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.steps import Step, tool_call

_I = re.IGNORECASE
# "... and then transfer myself to support", "then put me through to Dana", "and afterwards I
# may need to be transferred to Mr Mulder", "then later transfer me to Fox"
_THEN_TRANSFER_RE = re.compile(
    r"[\s,]*\b(?:and\s+)?(?:then(?:\s+later)?|later(?:\s+on)?|after(?:wards?| that)?)[\s,]+"
    r"(?:please\s+|pls\s+)?(?:i\s*(?:may|might|will|would|'ll|'d)\s+(?:need|want|like)\s+"
    r"(?:you\s+)?to\s+)?(?:be\s+(?:transferred|put\s+through|connected|patched\s+through)"
    r"|(?:transfer|put|connect|send|patch)\s+(?:myself|me))\s+(?:(?:through|thru|over|across)\s+)?"
    r"to\s+(?P<who>[^,.!?;]+)",
    _I,
)
# An add asked for before it: "add my colleague", "get Fox on", "bring in my boss"
_ADD_FIRST_RE = re.compile(r"\b(?:add|get|call|bring|dial|ring|conference)\b", _I)
# Or the yes to an add's read-back: "Yes, and afterwards ...", "yep, and after that ..."
_YES_FIRST_RE = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|sure|ok|okay|alright|go ahead|please do)\b(?!\s*,?\s*transfer)", _I
)
_TAIL_RE = re.compile(r"(?:\s+(?:okay|ok|please|pls|thanks|after|later))+\W*$", _I)


def transfer_later(text: str) -> str | None:
    """Whom a line asks to be transferred to after an add it asks for first ("support"); None
    for any other line."""
    m = _THEN_TRANSFER_RE.search(text)
    if not m or not (_ADD_FIRST_RE.search(text[: m.start()]) or _YES_FIRST_RE.match(text)):
        return None
    return _TAIL_RE.sub("", m["who"].strip()).strip() or None


def without_later_transfer(text: str) -> str:
    """`text` without the transfer it asks for after an add (same length)."""
    if transfer_later(text) is None:
        return text
    return _THEN_TRANSFER_RE.sub(lambda m: " " * len(m.group()), text, count=1)


def _waiting(ctx: llm.ChatContext, directory: Directory) -> tuple[str, str, int] | None:
    """A transfer asked for after an add, once someone was dialled since that line and before
    the transfer was read back: whom, as said and as listed, and where the dial's result is."""
    items = ctx.items
    for at in range(len(items) - 1, -1, -1):
        item = items[at]
        if item.type != "message" or item.role != "user":
            continue
        text = item.text_content or ""
        if (who := transfer_later(text) or _put_after(items[:at], text)) is None:
            continue
        since = items[at:]
        dials = {i.call_id for i in since if i.type == "function_call" and i.name == _DIAL}
        dialled = next(
            (
                n
                for n, i in enumerate(since)
                if i.type == "function_call_output" and i.call_id in dials and not i.is_error
            ),
            None,
        )
        asked = any(
            i.type == "function_call"
            and json.loads(i.arguments or "{}").get("purpose") in ("transfer", "warm_transfer")
            for i in since
        )
        found = directory.find(who)
        if dialled is None or asked or len(found) != 1:
            return None
        return who, found[0].name, at + dialled
    return None


def transfer_after_add(ctx: llm.ChatContext, prompts: Prompts, directory: Directory) -> list[Step]:
    """Right after the dial of the add asked for first: that the transfer is read back once
    they have joined (the news of their ringing and joining would ask it again and again);
    [] before, at any other time, once it was read back, or when it names no one contact."""
    waiting = _waiting(ctx, directory)
    if waiting is None or not _right_after(ctx.items[waiting[2] + 1 :]):
        return []
    return [" " + render(prompts.offline.answers.transfer_once_joined, who=waiting[1])]


def _right_after(since: list[llm.ChatItem]) -> bool:
    """Whether `since` the dial's result there is nothing, or only the leg just dialled named
    ("Jamal, 617 ...": its relay, the naming and its result, last)."""
    if not since:
        return True
    named = {i.call_id for i in since if i.type == "function_call" and i.name == "name_participant"}
    return (
        since[-1].type == "function_call_output"
        and since[-1].call_id in named
        and all(
            (i.type == "message" and i.role == "assistant") or getattr(i, "call_id", None) in named
            for i in since
        )
    )


def transfer_now(
    ctx: llm.ChatContext, reading: Reading, pending: Pending | None, directory: Directory
) -> list[Step]:
    """A yes to an add's read-back with a transfer for later ("Yes, and afterwards I may need
    to be transferred to Mr Mulder"): no clear yes, so the add is read again (the transfer is
    read back once they are on). With nothing waiting, the caller's go-ahead ("ok, go ahead",
    "now transfer me") once the transfer was said to wait: the transfer's contact read back
    for the transfer, so the caller's yes still decides."""
    if pending is not None:
        later = pending.purpose == "add" and _YES_FIRST_RE.match(reading.text)
        return [read_again(pending)] if later and transfer_later(reading.text) else []
    if reading.confirm is not True and reading.action not in ("transfer", "warm_transfer"):
        return []
    if reading.phone_number or reading.cancel or (waiting := _waiting(ctx, directory)) is None:
        return []
    named = set(words_of(waiting[0])) | set(words_of(waiting[1])) | _IT
    if reading.target and not set(words_of(reading.target)) <= named:
        return []  # "transfer me to Dana instead": someone else
    return [tool_call("look_up_contact", name=waiting[0], purpose="transfer")]


def _put_after(before: list[llm.ChatItem], text: str) -> str | None:
    """The contact of a transfer read back and waiting when the caller asked for an add first
    ("no hold on. first add my wife, ...", "b4 that can u get Jamal on too"): kept for after
    the add; None for any other line."""
    if not _FIRST_RE.search(text):
        return None
    asked = next((i for i in reversed(before) if i.type == "function_call"), None)
    if asked is None or asked.name != "look_up_contact":
        return None
    args = json.loads(asked.arguments or "{}")
    return args.get("name") if args.get("purpose") in ("transfer", "warm_transfer") else None


_IT = frozenset({"them", "it", "there", "support", "me"})
_DIAL = "add_sip_participant"


# "No, not yet. First Dana White please", "Dana White first": someone to bring in before
_FIRST_RE = re.compile(r"\bfirst\b|\b(?:before|b4)\s+(?:that|you\s+do|the\s+transfer)\b", _I)


def first_as_add(ctx: llm.ChatContext, text: str, purpose: str) -> str:
    """The purpose of someone named instead of a transfer's contact read back: "first Dana White"
    once an add was asked for on this call is an add before the transfer, else `purpose`."""
    if purpose not in ("transfer", "warm_transfer") or not _FIRST_RE.search(text):
        return purpose
    asked = (
        json.loads(i.arguments or "{}").get("purpose")
        for i in ctx.items
        if i.type == "function_call" and i.name in ("look_up_contact", "read_back_number")
    )
    return "add" if "add" in asked else purpose


def add_first(reading: Reading, pending: Pending) -> bool:
    """While a transfer's read-back waits, someone new to add said with their number and no yes
    ("hang on, b4 that can u get my coworker Jamal on too, 617 555 0139"): an add of its own,
    read back as one, never the transfer read again."""
    return (
        pending.purpose in ("transfer", "warm_transfer")
        and reading.action == "add"
        and bool(reading.phone_number)
        and reading.confirm is not True
    )
