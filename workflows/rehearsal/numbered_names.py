"""A person's whole name said right before their number, in people's words: "mr alvarez 510
555 0129 and mrs chen 510 555 0136" (titles, lower case), "add my CA, Mr. Suresh Iyer, nine one
seven, ...", "now his gf kayla 347-555-0118", "please add Anita Patel at 773-555-0157", "add my
mate tom 4155550163", "Dr. Patel first, his cell is 415.555.0186". Once that number is dialled,
its leg takes the name (`dial_name`); a title alone, a word like "first", or a word of the
caller's own name is never one."""

from __future__ import annotations

import re

from livekit.agents import llm

from workflows.rehearsal.leg_names import NOT_A_NAME, digits
from workflows.rehearsal.nlu.numbers import digitize, find_phones
from workflows.rehearsal.nlu.words import everyday_word
from workflows.rehearsal.roles import ROLE_WORDS, ROLES, SHORT_ROLES

_TITLE = r"(?i:mr|mrs|ms|miss|dr|prof)\.?\s+"
_NAMED_TITLE = r"(?P<title>(?i:mr|mrs|ms|miss|dr|prof))\.?\s+"
# Where a number goes, never who: "call Sales at 415 ..."
_NO_NAMES = NOT_A_NAME | {"sales", "support", "billing", "reception", "desk", "office", "team"}
# Who someone is to the caller: "my mate", "his gf", "my younger boy", "my CA"
_ROLE = (
    r"(?i:(?:my|his|her|our|their)\s+(?:(?:new|younger|older|little|big|best|old)\s+)?"
    rf"(?:{ROLES}|ca)),?\s+"  # "my CA"
)
_NOT_NAME = (
    r"(?!(?i:first|next|then|too|at|on|his|her|their|is|and|please|mr|mrs|ms|miss|dr|prof"
    r"|(?:she|he|it|that|they|who)'?(?:s|re))\b)"  # "my wife, shes 415 ...": no name
)
_ANY = rf"{_NOT_NAME}[A-Za-z][a-z'-]+"  # after a title or a role: "mr alvarez", "my mate tom"
_CAP = rf"{_NOT_NAME}[A-Z][a-z'-]+"  # otherwise only with capitals: "add Anita Patel at"
# Between the name and the number: "first, his cell is", "at", ", on", ":"
_LINK = (
    r"(?:\s+(?i:first|next|then|too))?,?\s*"
    r"(?:(?i:at|on|(?:his|her|their)\s+(?:cell|mobile|phone|number|work\s+number)(?:\s+is)?"
    r"|(?:he|she|they)(?:'s|'re|\s+is|\s+are)\s+(?:on|at))\s+)?"  # "Mr Ashworth then, he's on"
    r"[,:]?\s*(?=[+(]?\d)"
)
_NAMED_NUMBER_RE = re.compile(
    rf"(?:{_ROLE}(?:{_TITLE})?(?P<role>{_ANY}(?:\s+{_CAP}){{0,2}})"
    rf"|{_NAMED_TITLE}(?P<titled>{_ANY}(?:\s+{_ANY}){{0,2}})"
    rf"|\b(?i:add|call|ring|dial|get|grab)\s+(?:in\s+)?(?P<capped>{_CAP}(?:\s+{_CAP}){{0,2}}"
    rf"|{_ANY}(?=(?:\s+(?i:first|next|then|too))?(?:,\s*|\s+)[+(]?\d)))"  # "add marcus
    # 4155550129", "get marcus then, 4155550147": a lower-case word right before it
    rf"{_LINK}"
)
# A name, then how its number comes: "Amir first: 212 ...", "add my colleague Yuki? Her
# number is ...", "the contractor, Luis. He's at ...", "Tom at the flour mill, his number is
# ...", "Priya from the dairy, 415 ..."
_PLACE = r"\s+(?i:at|from)\s+(?i:the\s+)?[a-z]+(?:\s+[a-z]+){0,2}"  # "at the flour mill"
_THEIRS = (
    r"(?i:(?:he|she|they)(?:'s|'re|\s+is|\s+are)\s+(?:on|at)"
    r"|(?:his|her|their)\s+(?:(?:cell|mobile|work|home)\s+)?(?:number|cell|mobile|phone)"
    r"(?:\s+is|'s)?)"  # "Bazza, his mobile's 415 ..."
)
# "Lindqvist's lawyer", "Mr Osei's son": whose someone is, said instead of their name
_WHOSE_RE = re.compile(rf"'s\s+(?i:{ROLES}|{'|'.join(SHORT_ROLES)}|ca)\b")
_THEIRS_RE = re.compile(r"(?P<who>[A-Za-z][a-z-]+)'s\s+(?i:mobile|cell|phone|number|line)")
_AFTER_CAP = re.compile(r"\b(?P<word>[A-Z][a-z'-]+)\s+$")
_SAID_RE = re.compile(
    rf"(?<![\w'-])(?P<said>{_CAP})"
    rf"(?:\s+(?i:first|next)\s*[:,]|{_PLACE}[,:]?(?:\s+{_THEIRS})?"
    rf"|(?:\s+(?i:on|in|too|as well))?[.?!,]?\s+{_THEIRS})"  # "get Bogdan on? his number is"
    r"[:,]?\s*(?=[+(]?\d)"
)


def numbered_names(text: str) -> dict[str, str]:
    """Each number's last ten digits to the name said right before it: {"5105550136": "Chen"}."""
    d = digitize(text)
    found: dict[str, str] = {}
    for m in _NAMED_NUMBER_RE.finditer(d):
        words = (m["role"] or m["titled"] or m["capped"]).split()
        if m["titled"] and (own := _THEIRS_RE.fullmatch(m["titled"])):
            words = [own["who"]]  # "Mr. Lindqvist's mobile, 212 ...": Mr Lindqvist's own
        if any(w.lower() in _NO_NAMES or everyday_word(w.lower()) for w in words):
            continue
        if m["titled"] and _WHOSE_RE.search(m["titled"]):
            continue  # "Mr. Lindqvist's lawyer, her number is ...": a description, no name
        title = m["title"] if m["titled"] and len(words) == 1 else None  # "Mrs Chen"
        name = [t.strip(".").capitalize() for t in [title] if t] + [
            w[:1].upper() + w[1:] for w in words
        ]
        if phones := find_phones(d[m.end() :]):
            found[digits(phones[0])] = " ".join(name)
    for m in _SAID_RE.finditer(d):
        word = m["said"]
        if (
            word.lower() in _NO_NAMES
            or everyday_word(word.lower())
            or _place_word_before(d[: m.start()])
        ):
            continue  # "New York first: 212 ...": part of a place's name
        if (phones := find_phones(d[m.end() :])) and digits(phones[0]) not in found:
            found[digits(phones[0])] = word
    return found


def _place_word_before(before: str) -> bool:
    """A capitalised word right before, as "New" of "New York"; never who the person is to the
    caller ("Aunt Zofia? her number is ...", "Uncle Bogdan, his cell is ...")."""
    m = _AFTER_CAP.search(before)
    return bool(m) and m["word"].lower() not in ROLE_WORDS


def named_with_number(ctx: llm.ChatContext, number: str, caller: list[str]) -> str | None:
    """The name the caller said last right before `number` (its last ten digits); never one
    with a word of the caller's own name (`caller`, lower-cased words)."""
    name = None
    for item in ctx.items:
        if item.type == "message" and item.role == "user":
            said = numbered_names(item.text_content or "").get(number)
            if said and not set(said.lower().split()) & set(caller):
                name = said
    return name
