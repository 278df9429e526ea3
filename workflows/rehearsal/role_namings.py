"""Several people on the call named by who they are to the caller, in one line: "my sisters
name is Kayla, and mom is Linda" names the leg described as the sister and the one described as
mom (beside their numbers, or called so on the call). A role no leg answers to is asked about
alone ("Who is Linda?"), the others still named; the tool checks each leg and name."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.rehearsal.described_legs import described_numbers
from workflows.rehearsal.history import dialled_in
from workflows.rehearsal.leg_names import NOT_A_NAME, given_names, legs_named, name_step
from workflows.rehearsal.nlu.words import everyday_word
from workflows.rehearsal.roles import role_of
from workflows.rehearsal.steps import Step

_PARTS_RE = re.compile(r",?\s+and\s+|[,;.!?]\s+", re.IGNORECASE)
# "my sisters name is Kayla", "mom is Linda", "the client's called Anjali", "my bro's Dre"
_PART_RE = re.compile(
    r"^\W*(?:(?:and|oh|ok|okay|so|also|plus|then)\W+)*(?:(?:the|my|our)\s+)?"
    r"(?P<noun>[a-z]+?)(?:'?s\s+name(?:\s+is|'s)|'s\s+called|\s+is\s+called|\s+is\s+named|'s|\s+is)"
    r"\s+(?P<name>[A-Z][a-z'-]+|[a-z][a-z'-]+)\W*$",
    re.IGNORECASE,
)


def _digits(who: str) -> str:
    return re.sub(r"\D", "", who)[-10:]


def by_roles(ctx: llm.ChatContext, text: str, prompts: Prompts) -> list[Step]:
    """`name_participant` for each leg a line of two or more "<role> is <name>" names, and
    `which_named` for the one name whose role no leg answers to; [] when the line is no such
    list, or no role in it answers to a leg."""
    said = [m for part in _PARTS_RE.split(text.strip()) if (m := _PART_RE.match(part))]
    if len(said) < 2 or len(said) != len([p for p in _PARTS_RE.split(text.strip()) if p]):
        return []
    legs = [who for who, _ in dialled_in(ctx, prompts)]
    numbers = {name.lower(): n for name, n in (given_names(ctx) | legs_named(ctx)).items()}
    described = described_numbers(ctx)
    named: list[tuple[str, str]] = []
    unknown: list[str] = []
    for m in said:
        name = m["name"]
        if name.lower() in NOT_A_NAME or (name.islower() and everyday_word(name)):
            return []
        name = name[:1].upper() + name[1:]
        leg = _leg_of(m["noun"].lower(), legs, numbers, described)
        named += [(leg, name)] if leg else []
        unknown += [] if leg else [name]
    if not named or len(unknown) > 1:
        return []
    steps: list[Step] = [name_step(leg, name) for leg, name in named if leg.lower() != name.lower()]
    return steps + [render(prompts.offline.answers.which_named, name=n) for n in unknown]


def _roles(word: str) -> set[str]:
    """The roles a word may say: "moms", "mom's" and "mum" are all "mother"."""
    return {role_of(word), role_of(word.removesuffix("'s")), role_of(word.removesuffix("s"))}


def _leg_of(
    noun: str, legs: list[str], numbers: dict[str, str], described: dict[str, str]
) -> str | None:
    """The one leg on the call a role word points at: called so now ("Mom"), or described so
    beside its number ("moms number is 415 ..."); None when none or several."""
    roles = _roles(noun)
    called = [leg for leg in legs if _roles(leg.lower()) & roles]
    if len(called) == 1:
        return called[0]
    wanted = {number for word, number in described.items() if _roles(word) & roles}
    on = [leg for leg in legs if (numbers.get(leg.lower()) or _digits(leg)) in wanted]
    return on[0] if len(on) == 1 else None
