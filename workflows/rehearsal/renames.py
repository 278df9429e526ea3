"""People on the call named or renamed in the caller's words, several in one line: "That is not
London, that is Suresh at 0174. And 0146 is Lakshmi." names both legs; "The 0174 person's name
is Suresh" names the leg whose number ends so (however it is called now); "Please call him
Suresh, not London" renames the leg called London. Each name is given with `name_participant`:
the tool still checks the leg and the name."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.rehearsal.described_legs import described_named
from workflows.rehearsal.history import (
    dialled_in,
    dialled_numbers,
    every_leg,
    filled,
    last_said,
    pending_read_back,
)
from workflows.rehearsal.in_order import in_order
from workflows.rehearsal.leg_names import (
    NOT_A_NAME,
    given_name,
    given_names,
    leg_referred,
    legs_named,
    name_step,
)
from workflows.rehearsal.places import place_said
from workflows.rehearsal.steps import Step, tool_call

_CALL_HIM_RE = re.compile(r"\bcall (?:him|her|them)\b", re.IGNORECASE)
_CALL_HIM_ALONE_RE = re.compile(  # "Can you call him Robert from now on, please", "you don't
    # need to name them, just call him Ravi": never "don't call him Ravi", "call him Ravi at ..."
    r"(?:^|[,.;!?]|\b(?:ok|okay|so|and|just|please|pls|(?:can|could|would|will) (?:you|u)))"
    r"\W*call (?:him|her|them) [A-Z][a-z'-]+"
    r"(?:\W+(?:btw|by the way|please|pls|from now on|then|instead|now|thanks|thank you))*\W*$",
    re.IGNORECASE,
)
# The leg dialled last, pointed at: "this one is Tom", "the new guy's Tom"
_NEWEST_RE = re.compile(
    r"(?:^|[.!?;]\s+)\W*(?:(?:and|no|ok|okay|so)\W+)*(?:this|the new|the newest|the latest)"
    r" (?:one|person|guy|lady|number|caller)\b",
    re.IGNORECASE,
)
# "that number is Okafor", "ok that line is Okafor": the one dialled last, even when the
# directory has an Okafor (a contact is for "add Okafor"); with a read-back waiting, that one's
_THAT_NUMBER_RE = re.compile(
    r"^\W*(?:(?:and|no|ok|okay|so)\W+)*that (?:number|line)(?:'s| is)\s+[A-Z]", re.I
)
_OTHER_RE = re.compile(r"^\W*(?:and\s+)?the other(?: one| person| guy| lady| number)?\b", re.I)
_SENTENCE_RE = re.compile(
    r"(?<=[.;!?])\s+|,?\s+and\s+"  # "the 0121 is Harold, 0122 is Beth": a comma, then digits
    r"|,\s+(?=(?:the\s+)?\d{3,4}(?:\s+(?:one|guy|number|person|line|lady))?(?:'s|\s+is)\s)",
    re.IGNORECASE,
)


def renamed(ctx: llm.ChatContext, text: str, prompts: Prompts) -> list[Step]:
    """A `name_participant` call for each leg a sentence of `text` names: by its number, its
    last digits, its order, or as "not <what it is called now>"; [] when none is named."""
    if ordered := in_order(ctx, text, prompts):  # "the first is Lakshmi, the second Arjun"
        return ordered
    if (given := _given_before(ctx, text, prompts)) is not None:  # "the first number I gave
        return given  # you": that number, on the call or gone, never another by order of legs
    legs = [who for who, _ in dialled_in(ctx, prompts)]
    if step := _instead_of_refused(ctx, text):  # "nah that one's Bazza, not Tommo"
        return [step]
    if step := _rename(text, legs) or _not_but(text, legs):  # "rename Patel to Raj please",
        return [step]  # "her name isnt shes, its Tina": never a redial of Patel
    numbers = {name.lower(): n for name, n in (given_names(ctx) | legs_named(ctx)).items()}
    known = {leg: numbers[leg.lower()] for leg in legs if leg.lower() in numbers}
    named = [one for part in _SENTENCE_RE.split(text) if (one := _named(part, legs, known))]
    named += _the_others(text, legs, named)  # "the 0146 one is Ciara and the other is Orla"
    if len(named) < 2 and not _NEWEST_RE.search(text):  # "that 0146 one? that's Kayla": one
        named = [one] if (one := _named(text, legs, known)) else []
    if not named and (one := described_named(ctx, text, legs, known)):
        named = [one]  # "the architect is lorraine btw": the leg introduced as the architect
    if not named and (name := given_name(text)) and _CALL_HIM_RE.search(text):
        named = [(leg, name) for leg in legs if leg.lower() == name.lower()]  # "call him Suresh"
        if not named and legs and _CALL_HIM_ALONE_RE.search(text):  # "call him marcus": the
            named = [(legs[-1], name)]  # one dialled last (never "call him Marcus Webb at ...")
    if not named and legs and _THAT_NUMBER_RE.match(text) and (name := given_name(text)):
        named = [] if pending_read_back(ctx, prompts) else [(legs[-1], name)]
    if not named and legs and place_said(text) and given_name(text):
        return [prompts.offline.which_person]  # "The New York one is Kofi": none there, or two
    steps: list[Step] = [name_step(leg, name) for leg, name in named if leg.lower() != name.lower()]
    if named and not steps:  # "The 0174 person's name is Suresh" once it is: no news
        return [render(prompts.offline.answers.already_named, who=named[0][0])]
    return steps


# "rename Patel to Raj", "change Mr Patel's name to Raj", "can u rename patel as Raj pls"
_RENAME_RE = re.compile(
    r"\b(?:rename|change)\s+(?:(?:mr|mrs|ms|miss|dr)\.?\s+)?(?P<leg>.+?)(?:'s\s+name)?"
    r"\s+(?:to|as|into)\s+(?P<name>[A-Za-z][A-Za-z'-]+)\b",
    re.IGNORECASE,
)


# "the lawyer", "him", "the person on the line": someone said by what they are, not by name
_SOMEONE_RE = re.compile(
    r"(?:the|my|our|his|her|their)\s+[a-z]+(?:\s+on\s+the\s+line)?|him|her|them"
)
_THAT_ONE_RE = re.compile(r"\b(?:that|this)(?: one|'s|\s+is)\b|\b(?:he|she)(?:'s|\s+is)\b", re.I)


def _instead_of_refused(ctx: llm.ChatContext, text: str) -> Step | None:
    """The name for the leg the host just failed to name ("Someone on the call is already
    called Tommo"): "nah that one's Bazza, not Tommo" names that leg, never the other Tommo."""
    before = [i for i in ctx.items if not (i.type == "message" and i.role == "assistant")]
    asked = [i for i in before[:-1] if i.type in ("message", "function_call")]
    if not asked or asked[-1].type != "function_call" or asked[-1].name != "name_participant":
        return None
    call = asked[-1]
    if not any(
        i.type == "function_call_output" and i.call_id == call.call_id and i.is_error
        for i in ctx.items
    ):
        return None
    args = json.loads(call.arguments or "{}")
    was, who = str(args.get("name", "")), str(args.get("who", ""))
    name = given_name(text)
    not_was = re.search(rf"\bnot\s+{re.escape(was)}\b", text, re.I) if was else None
    if not name or not who or name.lower() == was.lower() or not _THAT_ONE_RE.search(text):
        return None
    return name_step(who, name) if not_was or not re.search(r"\d", text) else None


def _rename(text: str, legs: list[str]) -> Step | None:
    """The rename of a leg on the call, by the name it has now: `name_participant`."""
    if not (m := _RENAME_RE.search(text)):
        return None
    leg = next((leg for leg in legs if leg.lower() == m["leg"].strip().lower()), None)
    if leg is None and len(legs) == 1 and _SOMEONE_RE.fullmatch(m["leg"].strip()):
        leg = legs[0]  # "rename the lawyer to Margaret" with one person on: that one
    name = m["name"][:1].upper() + m["name"][1:]
    return name_step(leg, name) if leg and name.lower() != leg.lower() else None


# "her name isnt shes, its Tina", "his name's not Bob, it's Rob": the name now, then the right one
_NOT_BUT_RE = re.compile(
    r"\b(?:his|her|their)\s+name(?:\s+is\s+not|\s+isn'?t|'?s\s+not)\s+(?P<leg>[A-Za-z][\w'-]*)"
    r"\W+(?:(?:but|no)\s+)?(?:it'?s|it\s+is|its|is)\s+(?P<name>[A-Za-z][A-Za-z'-]+)\b",
    re.IGNORECASE,
)


def _not_but(text: str, legs: list[str]) -> Step | None:
    """The leg called by the wrong name given its right one: the leg called so now, else the
    one dialled last ("her name isnt shes" once nobody is called that)."""
    if not (m := _NOT_BUT_RE.search(text)) or not legs or m["name"].lower() in NOT_A_NAME:
        return None
    leg = next((leg for leg in legs if leg.lower() == m["leg"].lower()), legs[-1])
    name = m["name"][:1].upper() + m["name"][1:]
    return name_step(leg, name) if name.lower() != leg.lower() else None


# "Susan is my daughter, the first number I gave you": a number in the order the caller gave them
_GAVE_RE = re.compile(
    r"\b(?:the\s+)?(?P<nth>first|second|third|last)\s+(?:number|one)\s+(?:(?:that\s+)?(?:i|we)\s+"
    r"(?:gave|said|told)|(?:that\s+)?(?:you|u)\s+(?:called|dialled|dialed|rang|tried))\b",
    re.IGNORECASE,
)


def _given_before(ctx: llm.ChatContext, text: str, prompts: Prompts) -> list[Step] | None:
    """The number the caller points at by the order they gave it: still on the call, it takes
    the name; gone, and the host just asked for that person's number, it is read back to dial
    again (the yes still decides); gone otherwise, no one is named. None: no such words."""
    if not (m := _GAVE_RE.search(text)) or not (name := given_name(text)):
        return None
    ever = every_leg(ctx, prompts)
    nth = -1 if m["nth"].lower() == "last" else ("first", "second", "third").index(m["nth"].lower())
    if nth >= len(ever):
        return None
    (who, on), number = ever[nth], dialled_numbers(ctx)[nth]
    if on:
        return [name_step(who, name)] if who.lower() != name.lower() else []
    asked = filled(prompts.host.directory.unknown, last_said(ctx))  # "Do you have their number?"
    return [tool_call("read_back_number", phone_number=number, purpose="add")] if asked else []


def _the_others(text: str, legs: list[str], named: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """ "... and the other is Orla": the one leg of two the line has not named yet."""
    rest = [leg for leg in legs if leg not in {leg for leg, _ in named}]
    parts = [p for p in _SENTENCE_RE.split(text) if _OTHER_RE.search(p)]
    if not named or len(rest) != 1 or len(parts) != 1 or not (name := given_name(parts[0])):
        return []
    return [(rest[0], name)]


def _named(said: str, legs: list[str], known: dict[str, str]) -> tuple[str, str] | None:
    """(leg, name) for the one leg `said` names; None when it names none."""
    if found := leg_referred(said, legs, known):
        return found
    if legs and _NEWEST_RE.search(said) and (name := given_name(said)):
        return (legs[-1], name)  # "Priya's the first one. This one is Tom": the one just dialled
    if (was := _leg_is(said, legs)) and (name := given_name(said)):
        return (was, name)  # "No. The sales desk is Carla.": the leg called so now
    if (was := _called_now(said, legs)) and (name := given_name(said)):
        now = next((leg for leg in legs if leg.lower() == name.lower()), was)
        return (now, name)  # "Please call him Suresh, not London"; "Bazza, not Tommo": is
    return None


def _leg_is(sentence: str, legs: list[str]) -> str | None:
    """The leg a sentence opens with by the name it has now: "the sales desk is Carla"."""
    return next(
        (
            leg
            for leg in legs
            if re.match(
                rf"\W*(?:(?:no|nah|ok|okay|so|and)\W+)*(?:the\s+)?{re.escape(leg)}"
                r"(?:'s|\s+is)\s+(?:called\s+|named\s+)?[A-Z]",
                sentence,
                re.I,
            )
            and not re.match(r"\+?\d", leg)
        ),
        None,
    )


def _called_now(sentence: str, legs: list[str]) -> str | None:
    """The leg a sentence says is *not* called what it is called now: "not London" -> London."""
    return next(
        (leg for leg in legs if re.search(rf"\bnot\s+{re.escape(leg)}\b", sentence, re.I)), None
    )


_NAMINGS = ("name_participant", "correct_caller_name")  # "This is Stefan. And I'm Juergen"


def said_together(ctx: llm.ChatContext, call_id: str) -> list[str]:
    """What every `name_participant` (or `correct_caller_name`) call of the turn that ends
    with call `call_id` returned, as one line ("Got it, London is now Suresh. Got it, ... is
    now Lakshmi."); [] when that call names no one or named one person alone."""
    tools = {i.call_id: i.name for i in ctx.items if i.type == "function_call"}
    said: list[str] = []
    for item in reversed(ctx.items):
        if item.type == "message":
            break
        if item.type == "function_call_output":
            if tools.get(item.call_id) not in _NAMINGS:
                return []
            said.insert(0, item.output or "")
    named = len(said) > 1 and tools.get(call_id) in _NAMINGS
    return [" ".join(said)] if named else []
