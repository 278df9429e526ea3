"""The name a dial gives its leg, once the dial returned: the name the caller said with that
number ("Kayla is 415 555 0146", "my mate tom 415 ...": `numbered_names.py`), never a word of
the caller's own name ("this is Brittany Collins ..." then "yep that's Brittany" to a
read-back names no leg Brittany)."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.earlier import caller_now
from workflows.rehearsal.history import filled
from workflows.rehearsal.leg_names import (
    NOT_A_NAME,
    digits,
    given_names,
    name_step,
    named_clearly,
)
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.numbered_names import named_with_number
from workflows.rehearsal.roles import ROLES
from workflows.rehearsal.steps import Step


def dial_name(ctx: llm.ChatContext, call_id: str, prompts: Prompts) -> Step | None:
    """After a dial returned, `name_participant` for the name the caller gave that number
    ("Kayla is 415 555 0146 and Megan is ..."), said before the dial; None when none was."""
    call = next((i for i in ctx.items if i.type == "function_call" and i.call_id == call_id), None)
    done = next(
        (i for i in ctx.items if i.type == "function_call_output" and i.call_id == call_id), None
    )
    if call is None or call.name != "add_sip_participant" or done is None or done.is_error:
        return None
    number = json.loads(call.arguments or "{}").get("phone_number", "")
    clear, caller = named_clearly(ctx) | _introduced(ctx), caller_now(ctx, prompts).lower().split()
    given = [
        name
        for name, dialled in given_names(ctx).items()
        if dialled == digits(number) and name in clear and name not in caller
    ]
    if given:
        return name_step(number, given[-1])
    said = named_with_number(ctx, digits(number), caller)  # "mrs chen 510 ...", "my mate tom 415"
    return name_step(number, said) if said else None


# "And my younger boy David, I'll have to look... it's 415 ...": who, then the number later
_INTRODUCED_RE = re.compile(
    r"\b(?i:my|our)\s+(?:(?i:younger|older|eldest|youngest|little|big|best|old|new)\s+)?"
    rf"(?i:{ROLES})\s+(?P<name>[A-Z][a-z'-]+)\b"
)


def _introduced(ctx: llm.ChatContext) -> set[str]:
    """The names (lower-cased) said after who they are to the caller in a line with one
    number: "my younger boy David, ... it's 415 555 0187"."""
    return {
        m["name"].lower()
        for i in ctx.items
        if i.type == "message"
        and i.role == "user"
        and len(understand(i.text_content or "").numbers) == 1
        for m in _INTRODUCED_RE.finditer(i.text_content or "")
    } - NOT_A_NAME


def gone_when_named(ctx: llm.ChatContext, call_id: str, prompts: Prompts) -> bool:
    """The name given at a dial (`call_id`, its `name_participant`) found no one: the leg was
    busy or gone at once, which the caller was just told ("... is busy right now"), so "I don't
    see 4155550186 on the call" is never said after it."""
    done = next(
        (i for i in ctx.items if i.type == "function_call_output" and i.call_id == call_id), None
    )
    gone = prompts.host.controls.not_on_call
    return bool(done and done.is_error and filled(gone, done.output or ""))


def named_at_dial(ctx: llm.ChatContext, call_id: str) -> str | None:
    """The dial this `name_participant` call followed in the same turn (its call id), whose
    result the host carries on from; None for a name given on its own ("her name's Priya")."""
    at = next((n for n, i in enumerate(ctx.items) if getattr(i, "call_id", None) == call_id), 0)
    if ctx.items[at].type != "function_call" or ctx.items[at].name != "name_participant":
        return None
    for item in reversed(ctx.items[:at]):
        if item.type == "message" and item.role == "user":
            return None  # named on a line of its own
        if item.type == "function_call":
            return item.call_id if item.name == "add_sip_participant" else None
    return None
