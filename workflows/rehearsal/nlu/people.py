"""Who a request is about: pronouns, generic words ("my colleague"), and a person on the
call named by position, last digits or area code ("the first one", "the 0147 fellow", "the 646
number")."""

from __future__ import annotations

import re

from workflows.rehearsal.roles import ROLES

_I = re.IGNORECASE
PRONOUNS = frozenset("him her them it that this me us they he she there em 'em".split())
# "her line", "his phone": the person a pronoun points at, by their line
_POSSESSIVE = frozenset("his her their its".split())
_LINE_WORDS = frozenset("line phone number mic microphone audio end".split())
GENERIC = frozenset(
    """my our a an some one someone somebody another more other others few couple of
    the colleague colleagues coworker coworkers co-worker co-workers team teammate teammates people
    person guest guests participant participants friend friends boss manager partner partners
    client clients customer customers member members folks rest everyone everybody else extra
    additional new caller callers attendees anyone anybody whole entire all""".split()
)
WHO_NOUN = (
    r"(?:1|one|person|guy|lady|man|woman|number|line|caller|participant|leg|bloke|fellow|fella"
    r"|chap|gent|gentleman|dude|lad|lass|girl|contact|phone)"
)
_ENDING_RE = re.compile(
    rf"\b(?:the\s+)?(?:{WHO_NOUN}\s+)?(?:that\s+|whose number\s+|with\s+"
    r"(?:the\s+)?number\s+)?(?:ending|ends)\s+(?:in|with|on)?\s*"
    r"(\d(?:[\s-]?\d)*)\b",
    _I,
)
_NTH_RE = re.compile(
    rf"\b(?:the\s+)?(first|last|second|third|latest|previous)\s+{WHO_NOUN}"
    r"(?:\s+(?:i|you|we)\s+(?:added|called|dialled|dialed))?\b",
    _I,
)
_NTH = {"latest": "last", "previous": "last"}
_WHO_NOUN_RE = re.compile(WHO_NOUN, _I)
# "the 312 vendor", "the 0147 intern": a number's digits and who that one is to the caller
_ROLE_NOUN = rf"(?:{WHO_NOUN}|{ROLES}|intern|rep)"
_AREA_RE = re.compile(
    rf"\bthe (\d{{3}}) (?:{_ROLE_NOUN})\b|\bthe (?:{WHO_NOUN}) (?:from|in|with|starting with)"
    r" (?:area code |the )?(\d{3})\b(?! ?\d)",
    _I,
)


# "the 0147 fellow", "the first one I gave you, the 0128": four digits after "the" are how a
# number on the call ends (three are its area code: "the 646 number").
_LAST_FOUR_RE = re.compile(rf"\bthe (\d{{4}})(?: {_ROLE_NOUN}\b|(?![\w-]| ?\d))", _I)


def reference(d: str) -> str | None:
    """A person on the call named by position, last digits or area code, in one spelling the
    tools and the dialog model share: "the one ending in 64", "the first one", "the last one",
    "the 646 number"."""
    if m := _AREA_RE.search(d):
        return f"the {m.group(1) or m.group(2)} number"
    if m := _ENDING_RE.search(d) or _LAST_FOUR_RE.search(d):
        return f"the one ending in {re.sub(r'[^0-9]', '', m.group(1))}"
    if m := _NTH_RE.search(d):
        return f"the {_NTH.get(m.group(1).lower(), m.group(1).lower())} one"
    return None


def kind(phrase: str) -> str:
    """ "none", "pronoun" ("him"), "generic" ("my colleague", "2 people") or "specific"."""
    words = phrase.lower().split()
    if not words:
        return "none"
    if phrase.lower() in PRONOUNS or words[-1] == "number":
        return "pronoun"
    if len(words) == 2 and words[0] in _POSSESSIVE and words[1] in _LINE_WORDS:
        return "pronoun"
    if len(words) == 2 and words[0] in ("that", "this") and _WHO_NOUN_RE.fullmatch(words[1]):
        return "pronoun"  # "shut that guy up": whom "him" would be
    generic = all(w in GENERIC or w.isdigit() for w in words) and not phrase.isdigit()
    return "generic" if generic else "specific"


# "my manager Monica", "our colleague Dana Scully": the person, named after who they are to the
# one asking (never "my manager" alone, nor "my colleague from sales"); a team said after the
# name, or before it with the name after a comma, narrows it ("my colleague Dana from support",
# "my colleague from support, Dana": "Dana from support")
_NOT_NAME = r"(?!(?:from|at|in|on|of|and|or|who|with|to|for|there|here|too|also|as)\b)"
_TEAM = r"(?P<team>(?:from|in|on|at)\s+(?:the\s+)?[a-z][\w'-]*(?:\s+(?:team|desk|department))?)"
_RELATION = (
    r"(?:my|our)\s+(?:(?:new|old|direct)\s+)?(?:manager|boss|colleague|coworker|co-worker"
    r"|teammate|supervisor|assistant|partner|client|customer|friend|lawyer|accountant)"
)
_NAME = rf"{_NOT_NAME}[a-z][\w'-]*(?:\s+{_NOT_NAME}[a-z][\w'-]*)?"
_RELATION_RE = re.compile(
    rf"^{_RELATION}(?:,?\s+|\s+{_TEAM},?\s+)(?P<name>{_NAME})"
    rf"(?(team)|(?:,?\s+{_TEAM.replace('team>', 'after>')})?)$",
    _I,
)


def without_relation(target: str | None) -> str | None:
    """ "my manager Monica" -> "Monica", "my colleague Dana from support" -> "Dana from
    support"; any other target as it was."""
    if target and (m := _RELATION_RE.match(target.strip())) and kind(m["name"]) == "specific":
        team = m["team"] or m["after"]
        return f"{m['name']} {team}" if team else m["name"]
    return target


# "bring in my boss, Monica Reyes, please": the name said after a comma is whom the request is
# about, as in "my boss Monica Reyes" (a capitalised name: never "my boss, please")
_APPOSITION_RE = re.compile(
    rf"\b(?i:{_RELATION}(?:\s+{_TEAM.replace('?P<team>', '?:')})?)(\s*,)\s+"
    r"(?!(?i:please|thanks|too|now|then|and|or|who)\b)"
    r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?(\s*,)?"
)


def without_apposition(d: str) -> str:
    """ "add my manager, Monica Reyes, now" -> "add my manager  Monica Reyes  now": the commas
    around a name said after who it is to the caller become spaces (the line keeps its length)."""

    def spaced(m: re.Match[str]) -> str:
        said = m.group()
        for g in (2, 1):
            if m.group(g):
                at, to = m.start(g) - m.start(), m.end(g) - m.start()
                said = said[:at] + " " * (to - at) + said[to:]
        return said

    return _APPOSITION_RE.sub(spaced, d)


# Several people of the caller's own in one breath: "my supplier and my foreman", "me mate n me
# sis" ("me" read as "my" before a role already)
_OWN_ONE = r"(?:my|our)\s+(?!own\b|number\b|name\b|team\b|call\b)[a-z]+"
_OWN_SEVERAL_RE = re.compile(
    rf"\b{_OWN_ONE}(?:\s*,\s*{_OWN_ONE})*,?\s+(?:and|n|&)\s+{_OWN_ONE}\b", re.I
)
_OWN_ONE_RE = re.compile(_OWN_ONE, re.I)


def own_people(phrase: str) -> list[str]:
    """Each of the caller's own people a phrase names together ("get my supplier and my foreman
    on": both, in order); [] when it names no two such people together."""
    return _OWN_ONE_RE.findall(m.group()) if (m := _OWN_SEVERAL_RE.search(phrase)) else []
