"""The host's answer to a line none of its request rules took (`host_turns`): the list of who
is on, the call's state, help, a yes or a no with nothing to act on, a name for the one dialled
last ("her name's Priya"), or, when it understood nothing, a way to say it that it will."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.earlier import callers_own
from workflows.rehearsal.history import Pending, dialled_in, last_said, last_tool_failed
from workflows.rehearsal.leg_names import names_last
from workflows.rehearsal.mentions import read_again
from workflows.rehearsal.nlu import Reading, last_digits
from workflows.rehearsal.nlu.outside import unanswered
from workflows.rehearsal.one_on_line import naming
from workflows.rehearsal.questions import answers_a_question
from workflows.rehearsal.sequence import same_ask
from workflows.rehearsal.steps import Step, tool_call
from workflows.rehearsal.whole_names import whole_names

_ONE_RE = re.compile(r"\W*(?:he|she|they)\b", re.I)  # "he there yet?": the one dialled
_EITHER_OR_RE = re.compile(r"\s+or\s+[^?]*\?$")  # two choices offered: a yes answers neither


def fallback(
    ctx: llm.ChatContext,
    reading: Reading,
    prompts: Prompts,
    pending: Pending | None,
    *,
    yes: bool,
    no: bool,
) -> list[Step]:
    """`no` is a no or a decline ("nah, skip it")."""
    offline, action = prompts.offline, reading.action
    if action == "list":
        return [tool_call("list_participants")]
    if action == "status":  # "is Dana still on?", "he there yet?": from who is on the call
        about = reading.asks_about or last_digits(reading.text) or _ONE_RE.match(reading.text)
        about = about or same_ask(reading) == "who is on"  # "is everyone still there?"
        return [tool_call("list_participants" if about else "get_call_state")]
    if reading.keys_in and action is None:  # "I'll type it in then"
        return [offline.how_to_key]
    if action == "help" or (reading.greeting and action is None):
        return [offline.help]
    if yes and _EITHER_OR_RE.search(asked := last_said(ctx)):
        return [asked]  # "yeah" to "Did you mean Sales desk or Dana Scully?": asked again
    if yes:  # a yes with nothing read back: after a refusal there is nothing to dial
        return [offline.anything_else if last_tool_failed(ctx) else offline.ask_number]
    if no and answers_a_question(ctx, reading, prompts, pending):
        return [offline.anything_else]
    if pending and (pending.number or pending.lookup):  # neither yes nor no: read it again
        return unanswered(reading, offline) + [read_again(pending)]  # "are they even open?"
    name = names_last(reading.text)  # "This is Stefan" said by Stefan names no one
    if name and not callers_own(name, ctx, prompts) and (legs := dialled_in(ctx, prompts)):
        return whole_names([naming(legs, name, prompts)], reading.text, prompts)  # "her name"
    return unanswered(reading, offline) or [offline.host_not_understood]
