"""A call asked for later: "can you schedule it for 3pm?", "not right now, the meeting is at 3
o'clock this afternoon", "so can you set it up for later today or not?". The host has no
timers: it says it cannot schedule calls for later, only call now; nothing is dialled, and a
read-back waiting is read again (or called off, when the line calls it off), so only the
caller's next clear yes dials."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.call.directory import Directory
from workflows.rehearsal.cancelling import cancel
from workflows.rehearsal.history import pending_read_back
from workflows.rehearsal.mentions import read_again
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.steps import Step

_I = re.IGNORECASE
_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# A time later than now: "at 3pm", "for 3 o'clock", "this afternoon", "later today", "tomorrow"
_LATER = (
    r"\b(?:at|for|by|around|about|until|till)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:o'?\s?clock\b|[ap]\.?m\b)"
    r"|\b(?:at|for)\s+(?:noon|midday|\d{1,2}(?:[:.]\d{2})?(?=\s+(?:this|today|tomorrow|tonight)\b))"
    r"|\bthis (?:afternoon|evening)\b|\btonight\b|\btomorrow\b|\bnext (?:week|month)\b"
    rf"|\b(?:on\s+)?{_DAYS}\b|\blater (?:today|on|this (?:afternoon|evening|week))\b"
    r"|\b(?:for|until|till) later\b|\bin (?:an|one|two|a couple of) hours?\b"
)
# The call asked for at that time: "schedule it", "set it up", "call them", "not right now"
_ASKED_FOR = (
    r"\bschedul(?:e|ing)\b|\bbook (?:it|the call|a call)\b"
    r"|\bset (?:it|this|that|the (?:call|meeting|conference)|them|everything|one) up\b"
    r"|\bset up (?:the|a) (?:call|meeting|conference)\b"
    r"|\b(?:call|dial|ring|connect|bring in|get)\s+(?:them|him|her|everyone|us|it)\b"
    r"|\bnot (?:right )?now\b|\b(?:do|start|run) (?:it|this|the call)\b"
)
_LATER_RE = re.compile(_LATER, _I)
_ASKED_FOR_RE = re.compile(_ASKED_FOR, _I)
# "schedule it", "can you schedule calls?": asked even with no time said
_SCHEDULE_RE = re.compile(r"\bschedul(?:e|ing)\b(?!\s+(?:a|an|my|the)\s+(?:meeting|problem))", _I)
# "he needs a call with Dana and Fox at 3", "get me a meeting with sales at 3pm": a call asked
# for, a bare hour at the line's end
_CALL_AT_RE = re.compile(
    r"\b(?:call|meeting|conference)\b[^.?!]*\bat\s+\d{1,2}(?:[:.]\d{2})?"
    r"\s*(?:o'?\s?clock|[ap]\.?m\.?)?(?:\s+(?:please|pls|thanks|today))?\W*$",
    _I,
)


def asks_for_later(text: str) -> bool:
    """Whether `text` asks for a call at a later time (or to schedule one)."""
    if _SCHEDULE_RE.search(text) or _CALL_AT_RE.search(text):
        return True
    return bool(_LATER_RE.search(text) and _ASKED_FOR_RE.search(text))


def scheduling(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, directory: Directory
) -> list[Step] | None:
    """The answer to a call asked for later, with what the line calls off done; None for any
    other line."""
    if reading.goodbye or reading.ends_call or not asks_for_later(reading.text):
        return None  # "ok, I'll call you tomorrow, bye": a goodbye
    said = prompts.offline.answers.no_scheduling
    pending = pending_read_back(ctx, prompts)
    if reading.cancel and (called_off := cancel(ctx, reading, pending, prompts, directory)):
        if all(isinstance(step, str) for step in called_off):
            return [*called_off, " " + said]  # "Okay, I won't dial Fox Mulder." then it
        return [said, *called_off]
    return [said] + ([read_again(pending)] if pending else [])


def later_at_reception(ctx: llm.ChatContext, prompts: Prompts) -> list[Step]:
    """The host's first turn when the line the receptionist handed over asked for the call
    later ("He would like a call with Monica Reyes and the support desk at 3 pm, can you set
    that up?"): that it cannot schedule calls, and can call now; nobody read back yet."""
    said = [i for i in ctx.items if i.type == "message" and i.role == "user"]
    if not said or not asks_for_later(said[-1].text_content or ""):
        return []
    return [prompts.offline.answers.no_scheduling]
