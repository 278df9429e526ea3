"""What the caller asked for before the host could act on it: numbers given in one breath
("call A and B", or to the receptionist) still to be read back, and the support desk a caller
asked for instead of a conference."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from workflows.call.directory import Directory
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.steps import Step, tool_call

_READ_BACK_TOOLS = ("read_back_number", "look_up_contact")


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number.split(" ext ")[0])[-10:]


def offer_support(ctx: llm.ChatContext, directory: Directory) -> list[Step]:
    """For a caller who told the receptionist they need support, not a conference, and has
    not asked the host for anything yet ("yes please", "support"): offer a transfer to the
    directory's support contact. It is read back, so the caller's yes still decides."""
    if any(i.type == "function_call" and i.name in _READ_BACK_TOOLS for i in ctx.items):
        return []
    said = [
        understand(i.text_content or "")
        for i in ctx.items
        if i.type == "message" and i.role == "user"
    ]
    if not any(r.wants_support for r in said) or any(
        r.action in ("add", "conference") for r in said
    ):
        return []
    if len(directory.find("support")) != 1:
        return []
    return [tool_call("look_up_contact", name="support", purpose="transfer")]


def next_queued(ctx: llm.ChatContext) -> list[Step]:
    """Read back the next number the caller gave in one breath and that is not read back yet:
    "call A and B" reads back B once A is dialled or refused; a number given to the
    receptionist is read back by the host."""
    said_at, reading = None, None
    for i in range(len(ctx.items) - 1, -1, -1):  # the caller's latest words with a number
        item = ctx.items[i]
        if (
            item.type == "message"
            and item.role == "user"
            and _MAY_HAVE_DIGITS.search(item.text_content or "")
        ):
            said_at, reading = i, understand(item.text_content or "")
            if reading.numbers:
                break
    if reading is None or not reading.numbers or reading.action not in _READS_BACK:
        return []
    if reading.cancel and reading.action is None:  # "cancel the call to 415 555 0146"
        return []
    done = {
        _digits(json.loads(item.arguments or "{}").get("phone_number", ""))
        for item in ctx.items[said_at:]
        if item.type == "function_call" and item.name == "read_back_number"
    }
    queued = [n for n in reading.numbers if _digits(n) not in done]
    purpose = reading.action if reading.action in ("transfer", "warm_transfer") else "add"
    if not queued:
        return []
    return [tool_call("read_back_number", phone_number=queued[0], purpose=purpose)]


# Requests whose numbers are read back: "call A and B"; "introduce me to him, 415 555 0186".
_READS_BACK = ("add", "conference", None, "transfer", "warm_transfer")
_MAY_HAVE_DIGITS = re.compile(
    r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|oh)\b", re.IGNORECASE
)
