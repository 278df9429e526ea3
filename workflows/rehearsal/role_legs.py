"""The leg a role names in a removal or a mute: "ok my manager has to jump off, let her go",
"my sister's done, mute her", "the lawyer can go now, hang up on him". The "her" is the one
known by that role (the role said beside the name or number when it was asked for, or a leg
described so), never the one dialled last; when no leg is known by it, the host asks which
person (`whom` returns None).
"""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.described_legs import described_numbers
from workflows.rehearsal.earlier import whose_number
from workflows.rehearsal.history import filled
from workflows.rehearsal.mentions import given_names, mentioned
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.nlu.people import PRONOUNS
from workflows.rehearsal.part_of import national
from workflows.rehearsal.roles import ROLES

# "my sister is Kayla" names her; "my cousin is leaving, hang up on him" is about him
_DOING = r"[a-z]{2,}ing|done|gone|off|out|finished|through"
_ROLE_SAID_RE = re.compile(
    rf"\b(?:my|the|our)\s+(?:{ROLES})\b(?!\s+(?:is|was)\s+(?!(?:{_DOING})\b))", re.I
)
_ROLE_ONLY_RE = re.compile(rf"^(?:my|the|our)\s+(?:{ROLES})$", re.I)
_ON_SOMEONE = ("remove", "mute", "unmute")


def role_meant(reading: Reading) -> str | None:
    """The role ("my manager") a removal or mute is about: its target, or the one role its
    line speaks of when the target is a pronoun or none ("my manager has to jump off, let her
    go"); None for any other line."""
    if reading.action not in _ON_SOMEONE:
        return None
    target = reading.target
    if target and _ROLE_ONLY_RE.match(target):
        return target
    if target and target.lower() not in PRONOUNS:
        return None  # "drop Dana, my manager said so": Dana
    roles = {m.group(0).lower() for m in _ROLE_SAID_RE.finditer(reading.text)}
    return roles.pop() if len(roles) == 1 else None


def _leg_numbers(ctx: llm.ChatContext, prompts: Prompts) -> dict[str, str]:
    """Each leg as the tools name it (its name given since included) to its number's digits."""
    asked = {
        i.call_id: json.loads(i.arguments or "{}").get("phone_number", "")
        for i in ctx.items
        if i.type == "function_call" and i.name == "add_sip_participant"
    }
    legs: dict[str, str] = {}
    for item in ctx.items:
        if item.type != "function_call_output" or item.is_error:
            continue
        if item.call_id in asked and (found := filled(prompts.host.dialing, item.output or "")):
            legs[found["who"]] = national(asked[item.call_id])
        found = filled(prompts.host.controls.participant_named, item.output or "")
        if found and found["who"] in legs:
            legs[found["name"]] = legs[found["who"]]
    return legs


def leg_by_role(ctx: llm.ChatContext, role: str, live: list[str], prompts: Prompts) -> str | None:
    """The one on the call known as `role`: a leg described or named so ("my brother, 415 …"),
    else the one dialled after the caller spoke of them ("can u get my manager on the line");
    "" when the one known so is gone (or several are), None when the call knows no one so."""
    named = mentioned(role, live, given_names(ctx) | described_numbers(ctx))
    if len(named) == 1:
        return named[0]
    if not (number := whose_number(ctx, role)):
        return "" if named else None
    numbers = _leg_numbers(ctx, prompts)
    on = [who for who in live if numbers.get(who) and numbers[who] == national(number)]
    return on[0] if len(on) == 1 else ""
