"""People on the call named by the order they were dialled in, several in one line: "The first
person is Lakshmi and the second is Arjun", "first one's Lakshmi, second one's Arjun",
"Lakshmi's the first, Arjun the second". The order counts those who have left since: one who
has left is not named (`name_participant` names people on the call) but said to have left."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.rehearsal.history import every_leg
from workflows.rehearsal.leg_names import NOT_A_NAME, name_step
from workflows.rehearsal.steps import Step

_ORDINALS = ("first", "second", "third", "fourth", "fifth")
_NTH = rf"(?P<nth>(?i:{'|'.join(_ORDINALS)}|last))"
_NOUN = r"(?:\s+(?i:one|person|guy|lady|bloke|number|line|caller))?"
_NAME = r"(?P<name>[A-Z][a-z-]+)"
# "the first person is Lakshmi", "second one's Arjun", "the second is Arjun"
_NTH_IS_RE = re.compile(rf"\b(?:(?i:the)\s+)?{_NTH}{_NOUN}(?:'s|\s+(?i:is|was))\s+{_NAME}")
# "Lakshmi's the first", "Arjun the second", "Arjun is the second one"
_IS_NTH_RE = re.compile(rf"\b{_NAME}(?:'s|\s+(?i:is|was))?\s+(?i:the)\s+{_NTH}{_NOUN}\b")


def in_order(ctx: llm.ChatContext, text: str, prompts: Prompts) -> list[Step]:
    """A `name_participant` call for each person on the call the line names by order, and a
    line for each one named so who has left; [] unless the line names two or more so."""
    found = sorted(
        (m.start(), m["nth"].lower(), m["name"])
        for pattern in (_NTH_IS_RE, _IS_NTH_RE)
        for m in pattern.finditer(text)
    )
    named: dict[str, str] = {}
    for _, nth, name in found:
        named.setdefault(nth, name)
    legs = every_leg(ctx, prompts)
    if len(named) < 2 or any(name.lower() in NOT_A_NAME for name in named.values()):
        return []
    if any(nth != "last" and _ORDINALS.index(nth) >= len(legs) for nth in named):
        return []  # "the third is Raj" with two dialled: not this
    left: list[Step] = []
    steps: list[Step] = []
    for nth, name in named.items():
        who, on = legs[-1 if nth == "last" else _ORDINALS.index(nth)]
        if on and who.lower() != name.lower():
            steps.append(name_step(who, name))
        elif not on:
            left.append(render(prompts.offline.answers.named_but_left, who=who, name=name))
    return [*left, *steps]
