"""A number dialled as digits that is a directory contact's own number ("first one's at (415)
555-0142", Dana Scully's): once it is on, that leg is named as the contact, so "is Dana still
with us?" finds it."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from workflows.call.directory import Directory
from workflows.rehearsal.leg_names import name_step
from workflows.rehearsal.steps import Step


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)[-10:]


def contact_dialled(ctx: llm.ChatContext, call_id: str, directory: Directory) -> Step | None:
    """`name_participant` with the contact's name after the dial `call_id` reached, by a number
    read back as digits, the number of a contact (no extension); None for any other dial."""
    items = {getattr(i, "call_id", None): i for i in ctx.items if i.type == "function_call"}
    call, done = items.get(call_id), None
    for item in ctx.items:
        if item.type == "function_call_output" and item.call_id == call_id:
            done = item
    if call is None or call.name != "add_sip_participant" or done is None or done.is_error:
        return None
    read = [i for i in ctx.items[: ctx.items.index(call)] if i.type == "function_call"]
    read = [i for i in read if i.name in ("read_back_number", "look_up_contact")]
    if not read or read[-1].name != "read_back_number":
        return None  # dialled from the directory: named as the contact already
    number = json.loads(call.arguments or "{}").get("phone_number", "")
    base, ext = number.split(" ext ", 1) if " ext " in number else (number, None)
    if not _digits(base):
        return None
    found = [c for c in directory.contacts if c.number and _digits(c.number) == _digits(base)]
    # "Fox Mulder ... extension 312": an extension said reaches that contact
    one = len(found) == 1 and (ext or not found[0].extension)
    return name_step(base, found[0].name) if one else None
