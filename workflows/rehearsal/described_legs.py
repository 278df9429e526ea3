"""The people a caller described beside a number rather than named: "my brother, 415 555 0123",
"the accountant on 415 ...", "Vendor hotline is 415.555.0114", "caterer first, 415 555 0187".
Each word is kept for that number, so "mute my brother", "the hotline's playing hold music, mute
it" and "try the caterer one more time" find that leg (never a word like "first" or "yes")."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from workflows.rehearsal.leg_names import NOT_A_NAME
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.numbers import digitize
from workflows.rehearsal.nlu.words import everyday_word
from workflows.rehearsal.roles import forms_of, role_of

# "my brother, 415 555 0123", "the accountant on 415 ...": a person described by who they are,
# right before their number
_DESCRIBED_RE = re.compile(
    r"\b(?:my|our|the)\s+(?P<noun>[a-z]+)(?:'s|\s+is)?(?:\s+(?:on|at|number))*"
    r"(?:\s+(?:too|as well|also))?[,:]?\s+\+?\d"  # "add my husband too, 415 ..."
)
# "florist is 415 555 0177 and the venue is 415 555 0135": each number of a line of several
# with the word said right before it
_PAIR_RE = re.compile(
    r"(?:^|\b(?:my|our|the|their)\s+|(?<=\band\s)|(?<=,\s))(?P<noun>[a-z]{3,})"
    r"(?:'s|\s+is)?(?:\s+(?:on|at))?\s*[,:]?\s+(?P<number>\+?\(?\d[\d\s().-]{6,}\d)"
)
# "The pharmacy has another line ... It is 415 ...", "my dentist's office, it's 415 ...": what
# a sentence of the line with the number is about, at its start
# "Vendor hotline is 415.555.0114", "caterer first, 415 555 0187": a line opening with what the
# number is ("the caterer is 415 ...")
_OPENS_WITH_RE = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|now|then|right)\W+)*(?:(?:my|our|the|their)\s+)?"
    r"(?:(?!first\b|next\b|is\b)[a-z]+\s+)?"
    r"(?!(?:first|next|then|number)\b)(?P<noun>[a-z]{3,}?)"  # "moms number is": mom
    r"(?:'s|s(?=\s+number\b)|\s+is|\s+first|\s+next|\s+then)?"
    r"(?:,?\s*(?:she's|shes|he's|hes|they're|it's|its)\s+(?:at|on))?"
    r"(?:\s+(?:on|at|number))*\s*[,:]?\s+"
    r"(?:is\s+|it's\s+|its\s+)?\+?\(?\d",  # "bank first, its 415 ..."
    re.I,
)
_NOT_A_NOUN = frozenset(
    "add call dial ring phone try get number yes yeah yep yup sure okay that this then please "
    "first next also and plus extension press hit it's its just are was then".split()
)
_ABOUT_RE = re.compile(r"(?:^|[.!?;]\s+)(?:\w+,?\s+)?(?:my|our|the)\s+(?P<noun>[a-z]+)\b", re.I)


def described_numbers(ctx: llm.ChatContext) -> dict[str, str]:
    """Each word the caller described someone by beside the one number a line gave, to that
    number's last ten digits: {"brother": "4155550123"}, so "mute my brother" is that leg. A
    number given in part ("bassist is the same but ending 0147") or one that could not be
    used ("bank first, its 415 555 1o29"): the word goes to the number read back next."""
    found: dict[str, str] = {}
    waiting: set[str] = set()  # words for the number read back next
    reading: dict[str, str] = {}  # read-backs by call id: their digits
    fixed, read = False, None  # a line of digits since the number read back last, not dialled
    for item in ctx.items:
        if item.type == "function_call" and item.name == "read_back_number":
            number = _digits(json.loads(item.arguments or "{}").get("phone_number", ""))
            reading[item.call_id] = number
            if fixed and read:  # "the accountant is 415 555 0156" ... "no, the last bit is 0165"
                waiting |= {noun for noun, n in found.items() if n == read}
            found |= dict.fromkeys(waiting, number)
            waiting, fixed, read = set(), False, number
        elif item.type == "function_call" and item.name == "add_sip_participant":
            read = None
        elif item.type == "function_call_output" and item.is_error and item.call_id in reading:
            waiting |= {noun for noun, n in found.items() if n == reading[item.call_id]}
        if item.type != "message" or item.role != "user":
            continue
        text = item.text_content or ""
        numbers = understand(text).numbers
        fixed = not numbers and bool(re.search(r"\d{2,}", digitize(text)))
        if not numbers and re.search(r"\d{3,4}", text) and (m := _OPENS_RE.match(text)):
            waiting = {m["noun"].lower()} - _NOT_A_NOUN  # "bassist is the same but ending 0147"
        if len(numbers) > 1:
            found |= _pairs(text, {_digits(n) for n in numbers})
        if len(numbers) != 1:
            continue
        number = _digits(numbers[0])
        if m := _DESCRIBED_RE.search(digitize(text)):
            found[m.group("noun")] = number
        opens = _OPENS_WITH_RE.match(digitize(text))
        if opens and (noun := opens.group("noun").lower()) not in _NOT_A_NOUN:
            found.setdefault(noun, number)
        about = {m.group("noun").lower() for m in _ABOUT_RE.finditer(text)}
        found |= dict.fromkeys(about - set(found), number)
    # each role in all its forms: "my sister" ... "mute my sis"
    return {form: number for noun, number in found.items() for form in forms_of(noun)}


def _pairs(text: str, numbers: set[str]) -> dict[str, str]:
    """Each word a line of several numbers said right before one of them, to its digits."""
    said = digitize(text[:1].lower() + text[1:])
    return {
        m["noun"]: digits
        for m in _PAIR_RE.finditer(said)
        if m["noun"] not in _NOT_A_NOUN and (digits := _digits(m["number"])) in numbers
    }


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number.split(" ext ")[0])[-10:]


# "bassist is the same but ending 0147", "my sister's same number but 0150": what a line of
# last digits is about, at its start
_OPENS_RE = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|now|then|right)\W+)*(?:(?:my|our|the|their)\s+)?"
    r"(?P<noun>[a-z]{3,})(?:'s|\s+is|\s+has)\s+(?:the\s+)?same\b",
    re.I,
)


# "the architect is lorraine btw", "our plumber's called Dave": a described leg named
_DESCRIBED_IS_RE = re.compile(
    r"^\W*(?:(?:and|oh|ok|okay|so|no|nah|btw)\W+)*(?:the|my|our)\s+(?P<noun>[a-z]+)"
    r"(?:'s|\s+is)\s+(?:called\s+|named\s+)?(?P<name>[A-Za-z][a-z'-]+)"
    r"(?=\W*(?:(?:btw|by the way|fyi)\W*)?$)",
    re.IGNORECASE,
)


def described_named(
    ctx: llm.ChatContext, text: str, legs: list[str], known: dict[str, str]
) -> tuple[str, str] | None:
    """(leg, name) when `text` names the leg the caller described beside its number ("the
    architect, 628 555 0139" ... "the architect is lorraine btw"); None otherwise. `known`: the
    digits of legs called by a name now."""
    m = _DESCRIBED_IS_RE.match(text.strip())
    if not m or (name := m["name"]).lower() in NOT_A_NAME or everyday_word(name.lower()):
        return None
    if not (number := described_numbers(ctx).get(role_of(m["noun"]))):
        return None
    on = [leg for leg in legs if (known.get(leg) or re.sub(r"\D", "", leg)[-10:]) == number]
    return (on[0], name[:1].upper() + name[1:]) if len(on) == 1 else None


_NOUN_RE = re.compile(r"\b(?:the|my|our)\s+(?P<noun>[a-z]+)\b", re.IGNORECASE)


def described_leg(
    ctx: llm.ChatContext, text: str, legs: list[str], known: dict[str, str]
) -> str | None:
    """The one leg on the call `text` calls by what the caller said it is ("My colleague is
    Dr. Baptiste" after "my colleague is 415 555 0183"); None when it calls none so, or several.
    `known`: the digits of legs called by a name now (lower-cased)."""
    described = described_numbers(ctx)
    nouns = {role_of(m["noun"]) for m in _NOUN_RE.finditer(text)}  # "my sis": my sister
    numbers = {described[noun] for noun in nouns if noun in described}
    on = [leg for leg in legs if (known.get(leg.lower()) or _digits(leg)) in numbers]
    return on[0] if len(on) == 1 else None
