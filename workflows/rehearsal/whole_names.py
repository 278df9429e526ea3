"""A person's whole name kept as said: "Her name is Margaret Chen, by the way", "the person on
0148 is Margaret Chen": the leg is named "Margaret Chen", never just "Margaret". Only a second
capitalised word right after the name (no everyday word, no word the rules never take for a
name: "Margaret Please" or "Rosa Can" are not surnames)."""

from __future__ import annotations

import json
import re

from prompts.loader import Prompts, render
from workflows.rehearsal.leg_names import NOT_A_NAME
from workflows.rehearsal.nlu.words import everyday_word
from workflows.rehearsal.steps import Step, tool_call

_SURNAME = r"(?:(?:O'|Mc|Mac|De|Van|Von)?[A-Z][a-z'-]+)"


def whole_names(steps: list[Step], text: str, prompts: Prompts) -> list[Step]:
    """`steps` with each `name_participant` whose name the line says with a surname right
    after it ("Margaret Chen") given that whole name (said to be theirs already when the leg
    is called so); every other step as it is."""
    return [_whole(step, text, prompts) for step in steps]


def _whole(step: Step, text: str, prompts: Prompts) -> Step:
    if isinstance(step, str) or step.name != "name_participant":
        return step
    args = json.loads(step.arguments or "{}")
    name = str(args.get("name", ""))
    if not name or " " in name:
        return step
    m = re.search(rf"\b{re.escape(name)}\s+(?P<surname>{_SURNAME})\b(?!')", text)
    surname = m["surname"] if m else ""
    if not surname or surname.lower() in NOT_A_NAME or everyday_word(surname.lower()):
        return step
    who, whole = str(args.get("who", "")), f"{name} {surname}"
    if who.lower() == whole.lower():  # "the person on 0148 is Margaret Chen": hers already
        return render(prompts.offline.answers.already_named, who=who)
    return tool_call("name_participant", who=who, name=whole)
