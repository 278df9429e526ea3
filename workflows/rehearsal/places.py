"""A leg pointed at by where its number is: "The New York one is Kofi" names the one leg whose
area code is New York's (718, 212, 646, ...: `phonenumbers`' geocoder); with none there or
several, which one is asked."""

from __future__ import annotations

import json
import re

import phonenumbers
from livekit.agents import llm
from phonenumbers import geocoder

_PLACE_RE = re.compile(
    r"\b(?i:the)\s+(?P<place>(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s+"
    r"(?:one|number|guy|person|line|lady|fella|bloke|woman|man)\b"
)


def place_said(text: str) -> str | None:
    """The place a line points at someone by ("the New York one" -> "New York"), or None."""
    m = _PLACE_RE.search(text)
    return m["place"] if m else None


def legs_in(place: str, numbers: dict[str, str]) -> list[str]:
    """The legs (of {leg: its last ten digits}) whose number is in `place`."""
    return [leg for leg, ten in numbers.items() if ten and _place_of(ten) == place.lower()]


def _place_of(ten: str) -> str:
    try:
        number = phonenumbers.parse("+1" + ten)
    except phonenumbers.NumberParseException:
        return ""
    return geocoder.description_for_number(number, "en").split(",")[0].strip().lower()


# "the New York line", "New York", "the Chicago number", "our Boston office": a place, and
# perhaps the word a leg there is called by
_TARGET_RE = re.compile(
    r"^(?:(?:the|our|my|their|that)\s+)?(?P<place>[a-z][a-z .'-]*?)(?:'s)?"
    r"(?:\s+(?:line|number|one|office|leg|phone|team|people|folks|guys|side|branch|end|lot|crowd"
    r"|site|store|hq|headquarters|client|caller|contact|person|guy|lady|fella|man|woman))?$",
    re.I,
)
# "a call to our New York office", "the Chicago branch": a place said when asking for a number
_SAID_RE = re.compile(
    r"\b(?i:our|the|my|their)\s+(?P<place>(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s+"
    r"(?i:office|branch|team|site|store|hq|headquarters|line|number|client|people)\b"
)


def said_places(ctx: llm.ChatContext) -> dict[str, str]:
    """Each place the caller said a number is at ("a call to our New York office" ... "the
    number there is 415 ..."), lower-cased, to the last ten digits of the number read back next."""
    found: dict[str, str] = {}
    waiting = None
    for item in ctx.items:
        if item.type == "message" and item.role == "user":
            m = _SAID_RE.search(item.text_content or "")
            waiting = m["place"].lower() if m else waiting
        elif item.type == "function_call" and item.name == "read_back_number" and waiting:
            number = json.loads(item.arguments or "{}").get("phone_number", "")
            found[waiting], waiting = re.sub(r"\D", "", number)[-10:], None
        elif item.type == "function_call" and item.name == "look_up_contact":
            waiting = None  # "our sales team" ... the directory's, never a number read back
    return found


def leg_at(target: str, numbers: dict[str, str], said: dict[str, str]) -> str | None:
    """The one leg (of {leg: its last ten digits}) `target` names by its place ("the New York
    line"): where its number is, or the place the caller said it is (`said`: {place: ten
    digits}); None when no leg or several are there."""
    m = _TARGET_RE.match(target.strip())
    if not m:
        return None
    place = m["place"].strip().lower()
    at = {leg for leg, ten in numbers.items() if ten and ten == said.get(place)}
    at |= set(legs_in(place, numbers)) if not at else set()
    return at.pop() if len(at) == 1 else None
