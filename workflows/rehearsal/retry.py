"""A retry as the caller asks it: "one more try" redials the number last dialled; right after
the tool refused a number read back since ("I just tried +1 415-555-0186. Let's give it 8
seconds..."), "now, try it again please" and "how bout now" are that number again, never the
person dialled last (who is on the call)."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.confirmation import words_of
from workflows.rehearsal.described_legs import described_numbers
from workflows.rehearsal.history import (
    dialled_in,
    dialled_numbers,
    last_number,
    last_said,
    refused_since_dial,
    said_from,
)
from workflows.rehearsal.nlu import Reading, last_digits
from workflows.rehearsal.nlu.corrections import with_last_digits
from workflows.rehearsal.steps import Step, tool_call

_I = re.IGNORECASE
# "how bout now", "what about now?", "and now?", "ok now?": the wait is over, asked as a question
_NOW_RE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|well|right|and)\W+)*(?:(?:how|what)\s+(?:about|bout|abt)\s+)?"
    r"(?:now|it now|(?:try(?:\s+it)?\s+)?now)\W*$",
    _I,
)


# "ok sure, I'll wait", "fine, i'll hang on", "no worries, take your time": the wait agreed to
_WAIT_RE = re.compile(
    r"\b(?:i'?ll|i will|i can|we'll|we can|happy to|let's)\s+(?:just\s+)?"
    r"(?:wait|hang on|hold(?: on)?)\b|\btake your time\b|\bno (?:worries|problem|rush|hurry)\b",
    _I,
)


def agreed_wait(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> str | None:
    """What the host says when the line agrees to wait, asking nothing else: right after the
    host said to give a number some seconds ("ok sure, I'll wait", "no worries, take your
    time", "yep"), the wait agreed; while someone still rings ("k ill just wait then", "ok
    I'll hang on"), that they will hear when the phone is answered. None otherwise."""
    if reading.action is not None or reading.numbers or reading.cancel or reading.goodbye:
        return None
    if _NOW_RE.match(reading.text):  # "ok, and now?": the wait is over, the number is tried
        return None
    waits = bool(_WAIT_RE.search(reading.text))
    if (waits or reading.confirm is True) and said_from(
        prompts.host.refused.cooldown, last_said(ctx)
    ):
        return prompts.offline.followups.wait_agreed
    ringing = [who for who, answered in dialled_in(ctx, prompts) if not answered]
    if waits and ringing:
        return render(prompts.offline.followups.wait_ringing, who=", ".join(ringing))
    return None


# "try it again", "give him another go", "that one again": the one just talked about
_REFERS_RE = re.compile(r"\b(?:him|her|them|it|that one)\b", _I)


def waited_for(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> bool:
    """Whether the line asks, right after the host said to give a number some seconds, to try
    it now ("how bout now")."""
    return bool(_NOW_RE.match(reading.text)) and said_from(
        prompts.host.refused.cooldown, last_said(ctx)
    )


def retry(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[Step]:
    """The number to dial again, read back for the caller's yes: the one refused since the last
    dial when the line refers to it ("try it again", "give him another go") or asks after the
    wait ("how bout now"), else the one last dialled ("one more try"); digits said ("give 0199
    one more shot") win."""
    meant = _REFERS_RE.search(reading.text) or waited_for(ctx, reading, prompts)
    refused = refused_since_dial(ctx) if meant else None
    number = refused or _described(ctx, reading) or next(reversed(dialled_numbers(ctx)), None)
    number = number or last_number(ctx)
    said = last_digits(reading.text)
    if number and said and len(said) >= 3:
        number = with_last_digits(number.split(" ext ")[0], said)
    if not number:
        return [prompts.offline.ask_number]
    return [tool_call("read_back_number", phone_number=number, purpose="add")]


def _described(ctx: llm.ChatContext, reading: Reading) -> str | None:
    """The number dialled before that the line names by how it was introduced ("the caterer
    is 415 ...": "give the caterer another go"), if it names exactly one."""
    words = set(words_of(reading.text))
    named = {n for w, n in described_numbers(ctx).items() if w in words}
    dialled = [d for d in dialled_numbers(ctx) if any(d.endswith(n) for n in named)]
    return dialled[-1] if len(named) == 1 and dialled else None
