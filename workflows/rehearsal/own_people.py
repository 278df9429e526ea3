"""Someone of the caller's own asked for beside directory contacts ("and Mulder as well, and
also my manager"): once the contacts are dealt with, the host asks who that is and their
number, so nobody asked for is dropped without a word."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.directory import Directory
from workflows.rehearsal.mentions import contacts_named
from workflows.rehearsal.nlu import understand

_I = re.IGNORECASE
# "and also my manager", "plus our accountant", "with our accountant and Dana": someone more,
# by who they are to the caller (never "Dana, my colleague", who is Dana; nor "my number")
_OWN_RE = re.compile(
    r"(?:\b(?:and|also|plus)\s+(?:also\s+)?(?:(?:get|add|bring(?:\s+in)?|call|ring|dial)\s+)?"
    # "a quick call with our accountant and Dana in sales": named first, a contact after
    r"|\b(?:with|w)\s+(?=(?:my|our)\s+[a-z]+\s+(?:and|&|n|plus)\s))"
    r"(?:my|our)\s+(?P<who>(?!(?:own|number|name|account|bill|phone|line|call|mind|end"
    r"|side|god|bad|apologies|pleasure|way|turn|problem|issue)\b)[a-z]+)\b",
    _I,
)


def own_asked_after(ctx: llm.ChatContext, prompts: Prompts, directory: Directory) -> list[str]:
    """Who to ask about once the contacts the caller's latest request named are dealt with:
    "You also asked for your manager: who is that ...?"; [] when none, or when asked already."""
    followups = prompts.offline.followups
    for at in range(len(ctx.items) - 1, -1, -1):
        item = ctx.items[at]
        if item.type == "message" and item.role == "assistant":
            if render(followups.who_is_own, who="\0").split("\0")[0] in (item.text_content or ""):
                return []  # asked already
        if item.type != "message" or item.role != "user":
            continue
        text = item.text_content or ""
        reading = understand(text)
        if reading.confirm and not reading.action:
            continue  # "yeah": the yes to a read-back, not the request
        if reading.action not in (None, "add", "conference") or reading.numbers:
            return []
        if not contacts_named(directory, text, reading) or not _looked_up(ctx, at):
            return []  # "add Mulder and my manager" is asked about once Mulder is dealt with
        for m in _OWN_RE.finditer(text):
            if not directory.find(m.group("who")):  # "my boss" may be the directory's boss
                who = f"your {m.group('who').lower()}"
                return [" " + render(followups.who_is_own, who=who)]  # said after the news
        return []
    return []


def _looked_up(ctx: llm.ChatContext, at: int) -> bool:
    """Whether a contact was looked up after the caller's line at `at`."""
    return any(i.type == "function_call" and i.name == "look_up_contact" for i in ctx.items[at:])
