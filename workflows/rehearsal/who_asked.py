"""Questions about who someone in the directory is ("whos Dana White", "who is Fox Mulder?",
"what does Dana White do?"): answered from the directory (the name and its team), never read
back as a dial or a transfer. A read-back waiting is asked again after the answer (by the
caller of `who_is`)."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.confirmation import words_of
from workflows.call.directory import Directory
from workflows.rehearsal.history import filled
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.steps import Step, tool_call

_I = re.IGNORECASE
_START = r"(?:^|[,.!?;:]\s*|\b(?:and|but|so|wait|sorry|hmm+|um+|uh+|ok(?:ay)?|k)\s+)"
_NAME = r"([a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)"
_TAIL = frozenset({"again", "exactly", "then", "anyway", "btw"})
_END = r"(?:\s+(?:again|exactly|then|anyway|by the way|btw))?\s*(?:[?.!]|$)"
# "whos Dana White", "who is Fox Mulder?", "who's Dana White exactly", "what does Dana White
# do?", "what's Fox Mulder's job", "who exactly is Dana White?"
_WHO_IS_RE = re.compile(
    rf"{_START}who(?:'s|s|\s+is|\s+was)?(?:\s+exactly\s+is|\s+exactly)?\s+{_NAME}{_END}"
    rf"|{_START}what\s+(?:does|do|did)\s+{_NAME}\s+do(?:\s+there)?{_END}"
    rf"|{_START}what(?:'s|\s+is)\s+{_NAME}'s\s+(?:job|role|position){_END}",
    _I,
)


def who_is(text: str, prompts: Prompts, directory: Directory) -> str | None:
    """ "whos Dana White": each directory contact with all the words said in its name and with
    a team, as "Dana White works in Support."; None for no such question or contact (never a
    guess from words said loosely: "who's on", "who is the boss" name no one here)."""
    for m in _WHO_IS_RE.finditer(text):
        said = set(words_of(next(filter(None, m.groups())))) - _TAIL  # "Mulder exactly"
        found = [c for c in directory.contacts if c.team and said <= set(words_of(c.name))]
        found = [c for c in found if not set(words_of(c.team or "")) & said]  # not "Sales desk"
        if said and found:
            answer = prompts.offline.answers.who_contact
            return " ".join(render(answer, who=c.name, team=c.team) for c in found)
    return None


_SOMEONE_SAID_RE = re.compile(r"\b(?:her|him|them|that (?:one|person|guy|lady))\b", _I)


def asked_about(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> Step | None:
    """ "ok just send me to her" right after "Dana White works in Support." (said since the
    caller's line before): the one contact the host just told about, looked up for the request
    (read back: never acted on without the caller's yes); None otherwise."""
    if reading.action not in ("add", "transfer", "warm_transfer") or reading.phone_number:
        return None
    target = reading.target or ""
    if not _SOMEONE_SAID_RE.search(reading.text) or not (
        not target or _SOMEONE_SAID_RE.fullmatch(target)
    ):
        return None
    users = [n for n, i in enumerate(ctx.items) if i.type == "message" and i.role == "user"]
    since = users[-2] if len(users) > 1 else -1
    told = [
        found["who"]
        for i in ctx.items[since + 1 :]
        if i.type == "message" and i.role == "assistant"
        for text in [i.text_content or ""]
        if (found := filled(prompts.offline.answers.who_contact, text))
    ]
    if len(told) != 1:
        return None
    return tool_call("look_up_contact", name=told[0], purpose=reading.action)
