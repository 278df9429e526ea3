"""Names the caller gives the people they dial, kept with the number they belong to: "Pete is
on 415 555 0152, and Maria's 415 555 0153" names each number; "Maria's might actually end in
0135" moves Maria to the number read back next; "her name's Priya by the way" and "the guy who
just joined is Ben" name the person dialled last. Read from the chat so far: a name only
points at a leg, the tools still check who is on the call."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from workflows.rehearsal.nlu import last_digits, understand
from workflows.rehearsal.nlu.caller import NAME_STOP
from workflows.rehearsal.nlu.numbers import digitize, find_phones
from workflows.rehearsal.nlu.people import GENERIC, PRONOUNS

NOT_A_NAME = NAME_STOP | PRONOUNS | GENERIC | {"number", "line", "second", "third"}
_CAPITALISED_RE = re.compile(r"\b[A-Z][a-z'-]+\b")
# The person just dialled, named in passing: "her name's Priya", "the guy who just joined is
# Ben", "that's Ben by the way", "she's called Priya".
_NAMES_LAST_RE = re.compile(
    r"\b(?:(?:her|his|their) name(?:'s| is)"
    r"|the (?:guy|lady|man|woman|person|one|bloke|fella|chap|girl) (?:who|that)(?:'s)?"
    r" (?:just )?(?:joined|came on|picked up|answered|is on)(?: is)?"
    r"|(?:that|he|she)(?:'s| is) (?:called )?)\s*(?P<name>[A-Z][a-z'-]+)"
)


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number.split(" ext ")[0])[-10:]


def given_names(ctx: llm.ChatContext) -> dict[str, str]:
    """Each name the caller gave a number, lower-cased, to that number's last ten digits, once
    it is dialled: {"maria": "4155550135", "priya": "4155550163"}. A name is a word typed with
    a capital that is no common word."""
    names: dict[str, str] = {}
    said: dict[str, str | None] = {}  # name -> the number said with it; None: the next read back
    dialled = None
    for item in ctx.items:
        if item.type == "message" and item.role == "user":
            text = item.text_content or ""
            if dialled and (name := names_last(text)):
                names[name.lower()] = dialled
                continue
            if paired := _paired(text):
                said |= paired
            elif last_digits(text) and not understand(text).numbers:
                # "hmm no, it's 0128 actually": the names said last go with the number it makes
                said |= {name: None for name in said if name not in names}
        elif item.type == "function_call" and item.name == "read_back_number":
            number = _digits(json.loads(item.arguments or "{}").get("phone_number", ""))
            said |= {name: number for name, want in said.items() if want is None}
        elif item.type == "function_call" and item.name == "add_sip_participant":
            dialled = _digits(json.loads(item.arguments or "{}").get("phone_number", ""))
            names |= {name: dialled for name, want in said.items() if want == dialled}
    return names


def _name(word: str) -> str:
    """ "Maria's" is Maria."""
    return re.sub(r"'s$", "", word.lower())


def names_last(text: str) -> str | None:
    """The name a line gives the person dialled last, said in passing: "her name's Priya by
    the way" -> "Priya"; None when it names no one so, or gives a number too."""
    m = _NAMES_LAST_RE.search(text)
    if m is None or m.group("name").lower() in NOT_A_NAME or understand(text).numbers:
        return None
    return m.group("name")


def _paired(text: str) -> dict[str, str | None]:
    """The names in one line, each with the number said nearest after it (else before it):
    "Pete is on A, and Maria's B" -> {"pete": A, "maria": B}; with last digits only ("Maria's
    actually ends in 0135"), with the number read back next (None)."""
    d = digitize(text)
    found = [(m.start(), _name(m.group())) for m in _CAPITALISED_RE.finditer(d)]
    found = [(at, name) for at, name in found if name not in NOT_A_NAME]
    if not found:
        return {}
    numbers = understand(text).numbers
    if not numbers:
        return dict.fromkeys((name for _, name in found), None) if last_digits(text) else {}
    if len(numbers) == 1:  # "first is Pete, 415 555 0138 - sorry, 0183": the number meant
        return {name: _digits(numbers[0]) for _, name in found}
    return {
        name: _digits(numbers[min(len(find_phones(d[:at])), len(numbers) - 1)])
        for at, name in found
    }
