"""Another number of someone already named ("First one's Davo, on 415 555 0186" ... busy ...
"Try his mobile, four one five ... oh one five five"; "our Berlin guy Klaus, +49 ..." refused,
then "he has a US cell, 415-555-0174"): once that number is dialled, it is that person's."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.earlier import caller_now
from workflows.rehearsal.greeted import addressed
from workflows.rehearsal.leg_names import given_name, name_step
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.numbered_names import numbered_names
from workflows.rehearsal.roles import ROLES
from workflows.rehearsal.steps import Step

_PHONE = r"(?:\w+\s+)?(?:mobile|cell|cellphone|phone|number|line|landline)"
# "his mobile", "her work number", "he has a US cell", "she's got another line"
_OTHER_NUMBER_RE = re.compile(
    rf"\b(?:(?:his|her|their)\s+{_PHONE}"
    rf"|(?:he|she|they)(?:\s+has|\s+have|'s got|'ve got|\s+got)\s+(?:an?\s+|another\s+)?"
    rf"{_PHONE})\b",
    re.IGNORECASE,
)
# Someone new said in the same line before the pronoun: "can you get your mother too, her number
# is ...": "her" is the mother, never the one named last (Peter, dialled already)
_SOMEONE_NEW_RE = re.compile(rf"\b(?:my|your|our|the)\s+(?:\w+\s+)?(?:{ROLES})\b", re.I)


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number.split(" ext ")[0])[-10:]


def _named_numbers(ctx: llm.ChatContext) -> dict[str, str]:
    """Each number read back for "his mobile" and the like, to the name said last before it."""
    named: dict[str, str] = {}
    last_name = carry = None  # the person named last; whose other number is being read back
    numbered = False  # whether a number was read back for last_name: only then "his mobile"
    # is another number of theirs ("this is Brittany ... their number is ...": the caller's)
    for item in ctx.items:
        if item.type == "message" and item.role == "user":
            text = item.text_content or ""
            if (own := numbered_names(text)) and _OTHER_NUMBER_RE.search(text):
                # "and Bazza, his mobile's 415 ...": Bazza's own number, never Tommo's other
                last_name, carry, numbered = next(iter(own.values())), None, False
            elif (m := _OTHER_NUMBER_RE.search(text)) and understand(text).numbers and last_name:
                new = _SOMEONE_NEW_RE.search(text, 0, m.start())
                new = new or addressed(
                    text[: m.start()], [last_name.lower()]
                )  # "Ted, add Zofia? her"
                carry = last_name if numbered and not new else None
            elif name := given_name(text):
                last_name, carry, numbered = name, None, False
        elif item.type == "function_call" and item.name == "read_back_number" and not carry:
            numbered = bool(last_name)
        elif item.type == "function_call" and item.name == "read_back_number":
            number = json.loads(item.arguments or "{}").get("phone_number", "")
            named[_digits(number)] = carry  # "wait no, it's 0147 not 0174": the fixed one too
        elif item.type == "function_call" and item.name == "add_sip_participant":
            carry = None
    return named


def other_number_named(ctx: llm.ChatContext, call_id: str, prompts: Prompts) -> Step | None:
    """`name_participant` after the dial `call_id` reached the other number of someone named
    ("Try his mobile ..." after Davo was busy: Davo); None for any other dial, and never the
    caller's own name ("Rosa Delgado. I want to talk to my son" ... "try his cell instead")."""
    calls = [i for i in ctx.items if i.type == "function_call" and i.call_id == call_id]
    done = [i for i in ctx.items if i.type == "function_call_output" and i.call_id == call_id]
    if not calls or calls[0].name != "add_sip_participant" or not done or done[0].is_error:
        return None
    number = json.loads(calls[0].arguments or "{}").get("phone_number", "")
    name = _named_numbers(ctx).get(_digits(number))
    own = caller_now(ctx, prompts).lower().split()
    return name_step(number, name) if name and name.lower() not in own else None
