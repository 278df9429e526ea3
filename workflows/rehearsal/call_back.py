"""Calling back the one who just left: "call him back", "ring her back", "get them back on"
with no number said mean the person whose leaving the host told of last. Their number is read
back for the caller's yes (the dial policy's wait, if any, is the tool's to say)."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.history import (
    dialled_numbers,
    every_leg,
    filled,
    gone_phrases,
    news_newest_first,
)
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.steps import Step, tool_call

_BACK_RE = re.compile(
    r"\b(?:call|ring|phone|dial|get|bring|put|add|grab)\s+(?:him|her|them|'em|that one|that guy)"
    r"\s+(?:back|again\s+back)\b",
    re.IGNORECASE,
)
# "get Dana back", "bring Dana White back in", "call Jerome back": a name said where the
# pronoun would be; it means a leg only when it names one gone from this call
_NAMED_BACK_RE = re.compile(
    r"\b(?:call|ring|phone|dial|get|bring|put|add|grab)\s+(?P<who>[A-Za-z][\w'-]*"
    r"(?:\s+[A-Z][\w'-]*)?)\s+back\b",
    re.IGNORECASE,
)


def called_back(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> Step | None:
    """The read-back (or directory look-up) of the one who left last, when the line asks to
    call them back and says no number; None otherwise."""
    if reading.phone_number:
        return None
    gone = {who for who, on in every_leg(ctx, prompts) if not on}
    if _BACK_RE.search(reading.text):
        who = _last_gone(ctx, prompts, gone)
    elif m := _NAMED_BACK_RE.search(reading.text):  # "what?? no i meant Monica! get Dana back":
        who = _last_gone(ctx, prompts, _named(m["who"], gone))  # the Dana who just left
    else:
        return None
    if who is None:
        return None
    if number := _number_of(ctx, prompts, who):
        ends = _digits(number)  # as it was dialled, the number the caller gave
        number = next((n for n in dialled_numbers(ctx) if _digits(n) == ends), number)
        return tool_call("read_back_number", phone_number=number, purpose="add")
    return tool_call("look_up_contact", name=who, purpose="add")  # a directory contact


def _last_gone(ctx: llm.ChatContext, prompts: Prompts, gone: set[str]) -> str | None:
    """Of the legs `gone`, the one whose leaving was told last."""
    for text in news_newest_first(ctx):
        for phrase in gone_phrases(prompts):
            if (found := filled(phrase, text)) and found.get("who") in gone:
                return found["who"]
    return None


def _named(said: str, gone: set[str]) -> set[str]:
    """The legs of `gone` whose names hold every word of `said` ("Dana" is Dana White)."""
    words = set(said.lower().split())
    return {who for who in gone if words <= set(who.lower().split())}


def _number_of(ctx: llm.ChatContext, prompts: Prompts, who: str) -> str | None:
    """The number of the leg called `who`: itself when a number, else the one it was named."""
    if re.search(r"\d{4}", who):
        return who
    named = prompts.host.controls.participant_named
    for item in ctx.items:
        if item.type == "function_call_output" and (found := filled(named, item.output or "")):
            if found["name"] == who and re.search(r"\d{4}", found["who"]):
                return found["who"]
    return None


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number.split(" ext ")[0])[-10:]
