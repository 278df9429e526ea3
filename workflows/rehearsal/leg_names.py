"""Names the caller gives the people they dial, kept with the number they belong to: "Pete is
on 415 555 0152, and Maria's 415 555 0153" names each number; "Maria's might actually end in
0135" moves Maria to the number read back next; "her name's Priya by the way" and "the guy who
just joined is Ben" name the person dialled last. Read from the chat so far: a name only
points at a leg, the tools still check who is on the call. Once the number is dialled, the
name is given to the leg itself with `name_participant` (`dial_name`, `name_step`): from then
on the call's state names that person, so the rest of the product (who's on, news, the
console's "Kayla: ...", asides) names them too; a name a leg has is never another number's."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from workflows.rehearsal.greeted import addressed, greeted_at
from workflows.rehearsal.nlu import last_digits, understand
from workflows.rehearsal.nlu.caller import NAME_STOP
from workflows.rehearsal.nlu.numbers import digitize, find_phones
from workflows.rehearsal.nlu.people import GENERIC, PRONOUNS
from workflows.rehearsal.nlu.reported import reports
from workflows.rehearsal.nlu.text import without_titles
from workflows.rehearsal.nlu.words import COMMAND_VERBS, everyday_word
from workflows.rehearsal.part_of import part_of
from workflows.rehearsal.places import legs_in, place_said
from workflows.rehearsal.roles import ROLES
from workflows.rehearsal.spelled import SPELLING_RE  # "K-O-W-A-L-C-Z-Y-K": no leg's name
from workflows.rehearsal.steps import Step, tool_call

NOT_A_NAME = NAME_STOP | PRONOUNS | GENERIC | COMMAND_VERBS | {"number", "line", "second", "third"}
NOT_A_NAME |= {"yep", "nope", "dial", "call", "add", "ring", "phone", "try", "its", "mr", "mrs"}
NOT_A_NAME |= {"ms", "mx", "dr", "prof"}  # a title alone: "Dr. Okafor", never "Dr"
# A word typed with a capital, in any Latin letters: "Jürgen", "Zoë", "Łukasz", "José"
_LOW = "a-zß-öø-ÿĀ-ž'"  # "Jo-Ann", "Mary-kate": each part has letters; "K-E-L-L-Y" is none
_NAME = rf"[A-ZÀ-ÖØ-ÞĀ-ž][{_LOW}]+(?:-[A-ZÀ-ÖØ-ÞĀ-ž]?[{_LOW}]+)*"
_CAPITALISED_RE = re.compile(rf"\b{_NAME}\b")
_CAPITALISED_NEXT_RE = re.compile(r"\s+[A-Z]")  # "New" before " York"
_CAPITALISED_END_RE = re.compile(rf"\b{_NAME}\s+$")  # "New " before "York"
# The person just dialled, named in passing: "her name's Priya", "the guy who just joined is
# Ben", "that's Ben by the way", "she's called Priya".
_NAMES_LAST_RE = re.compile(
    r"(?:\b|^)(?i:(?:(?:her|his|their) |^\W*(?:(?:oh|and|ok|btw),? )*)name(?:,[^,.]{1,30},)?"
    r"(?:'s|s| is)"  # "Her name is Katrin": any case; "name's Davo btw" opening the line
    # before the name; "her name, for your records, is ...": an aside between
    r"|the (?:guy|lady|man|woman|person|one|bloke|fella|chap|girl) (?:who|that)(?:'s)? (?:just )?"
    r"(?:joined|came on|picked up|answered|is on)(?: is(?: (?:my|our) [a-z]+| called| named)?)?"
    r"|the (?:guy|lady|man|woman|person|one) (?:(?:who|that) )?(?:you|u) (?:just )?(?:called"
    r"|dialled|dialed|rang|added|got) (?:is|was)"  # "the guy u just called is Marcus"
    r"|(?:that|this)(?: number| line)?(?:'s|s| is| was) (?:called )?"  # "thats Okafor" too
    r"|(?:he|she)(?:'s| is| was) (?:called |named )?"
    r"|(?:(?:he|she)s?|they(?:'re|re| are)) (?:called|named)|(?:he|she) goes by)\s*"
    rf"(?P<name>{_NAME})"
)

# A name said as the name of a number, right beside it: "Kayla is 415 ...", "Maria's 415 ...",
# "Pete is on 415 ...", "first is Pete, 415 ...", "Maria's actually ends in 0135", "Tom, his
# number is (415) ...", "Jamie, on 415 ..."; never a word that opens a line or follows another
# capitalised one ("Righto, ring ...", "New York").
_NAMES_NUMBER_RE = re.compile(
    rf"\b(?P<name>{_NAME}?)(?:'s| is| was)?(?:,? please)?"  # "now Priya please, she's on"
    r"(?:,? (?:she'?s|he'?s|they'?re|she is|he is|(?:her |his |their )?(?:cell |mobile )?number is"
    r"|(?:her|his|their) (?:cell|mobile|phone) is))?"
    r"(?:,? (?:on|at|actually|might|really|the|that|instead|same(?: number)?(?: but)?|number))*"
    r"[,:]?\s+(?:(?:ends?|ending)(?: in)?\s+)?[+(]?\d"  # "is the 0163 guy", "Sam, same but ending"
)

# A name said after the number: "next up is 212-555-0163, my buddy Tony", "415 555 0142, Jerome",
# "415 555 0186, Ingrid from the paint company" (where they are from, as "Henrik at Nordvik")
_NUMBER_NAMES_RE = re.compile(
    r"\d(?:[,;:]|\s+[-–])?\s+"  # "415 555 0186 - Ingrid"
    r"(?i:(?:(?:my|our|his|her) (?:[a-z]+ ){1,2})?(?:called |named |that's |it's )?)"
    rf"(?P<name>{_NAME})\s*(?:[,.!?]|$|(?i:at|from|of|with|over at|in)\s)"
)

# "give Robbo a bell, he's on 415 ...": a name, then a pronoun's number later in the clause
_NAME_THEN_ON_RE = re.compile(
    rf"\b(?P<name>{_NAME})\b[^.!;\d]{{0,30}}?,?\s+(?:he|she|they)(?:'?s|'?re| is| are)"
    r"\s+(?:on|at)\s+[+(]?\d"
)

# Someone described, not named, beside their number: "the client is at 415 ...", "my brother,
# 415 ...": "the client" then means that leg ("the client's gotta jump off, let her go").
_ROLE_RE = re.compile(
    rf"\b(?:the|my|our)\s+(?P<role>{ROLES})(?:'s|\s+is)?(?:\s+(?:at|on))?"
    r"[,:]?\s+\+?\(?\d"
)

_SENTENCE_RE = re.compile(r"(?<=[.!?;])\s+")


def digits(number: str) -> str:
    return re.sub(r"\D", "", number.split(" ext ")[0])[-10:]


def given_names(ctx: llm.ChatContext) -> dict[str, str]:
    """Each name the caller gave a number, lower-cased, to that number's last ten digits, once
    it is dialled: {"maria": "4155550135", "priya": "4155550163"}. A name is a word typed with
    a capital that is no common word."""
    names: dict[str, str] = {}
    said: dict[str, str | None] = {}  # name -> the number said with it; None: the next read back
    dialled = reading = None  # the number dialled last; the one read back and not yet dialled
    looked_up, unfound = {}, None  # look-ups by call id; the name the directory just lacked
    refused, tool_named = _refused(ctx), {}  # "Someone ... is already called Tommo": no one
    for item in ctx.items:
        if item.type == "message" and item.role == "user":
            text = item.text_content or ""
            if unfound and understand(text).numbers:  # "add Marcus Webb" ... "it's 415 ..."
                said |= {_name(w): None for w in _CAPITALISED_RE.findall(unfound)}
            unfound = None
            if reading and (name := names_last(text)):  # "yep that's Megan": the one read back
                said[name.lower()] = reading
                continue
            if dialled and (name := names_last(text)):
                names[name.lower()] = dialled
                continue
            if paired := _paired(text):  # "That's Priya by the way. Next, add A": not A's
                passing = {n.lower() for n in map(names_last, _SENTENCE_RE.split(text)) if n}
                passing |= addressed(text, tool_named)  # "Margaret, he'll join on A": to her
                said |= {n: want for n, want in paired.items() if not (dialled and n in passing)}
            elif reading and last_digits(text) and not understand(text).numbers:
                # "hmm no, it's 0128 actually": the names said with the number read back go
                # with the number it makes; never a name said of another (refused) number
                said |= {n: None for n, want in said.items() if want == reading and n not in names}
        elif item.type == "function_call" and item.name == "look_up_contact":
            looked_up[item.call_id] = json.loads(item.arguments or "{}").get("name", "")
        elif item.type == "function_call_output" and item.is_error:
            unfound = looked_up.get(item.call_id)  # not in the directory: its number is asked
        elif item.type == "function_call" and item.name == "read_back_number":
            number = digits(json.loads(item.arguments or "{}").get("phone_number", ""))
            said |= {name: number for name, want in said.items() if want is None}
            reading = number
        elif item.type == "function_call" and item.name == "add_sip_participant":
            dialled = digits(json.loads(item.arguments or "{}").get("phone_number", ""))
            reading = None
            names |= {name: dialled for name, want in said.items() if want == dialled}
        elif item.type == "function_call" and item.name == "name_participant":
            if item.call_id in refused:
                continue
            # "he's Dougal, not Douglas": the leg the tool named, never the one dialled last
            args = json.loads(item.arguments or "{}")
            who, name = args.get("who", ""), args.get("name", "").lower()
            leg = digits(who) if len(digits(who)) == 10 else tool_named.get(who.lower())
            leg = leg or names.get(who.lower())  # the leg called so now, before one said so
            names |= {name: leg} if name and leg else {}
            tool_named |= {name: leg} if name and leg else {}
    return names


def legs_named(ctx: llm.ChatContext) -> dict[str, str]:
    """Each leg given a name with `name_participant`, the name lower-cased to the last ten
    digits of the number it named: {"carlos": "4155550121"}, so "the 0121 guy" is Carlos."""
    calls = [i for i in ctx.items if i.type == "function_call" and i.name == "name_participant"]
    named, refused = {}, _refused(ctx)
    for call in (call for call in calls if call.call_id not in refused):
        args = json.loads(call.arguments or "{}")
        if number := digits(args.get("who", "")):
            named[str(args.get("name", "")).lower()] = number
    return named


def _refused(ctx: llm.ChatContext) -> set[str]:
    """The call ids of the tool calls that failed."""
    return {i.call_id for i in ctx.items if i.type == "function_call_output" and i.is_error}


def _in_a_proper_name(d: str, m: re.Match[str]) -> bool:
    """ "New York": a capitalised word beside another is part of one name."""
    return bool(
        _CAPITALISED_NEXT_RE.match(d, m.end()) or _CAPITALISED_END_RE.search(d[: m.start()])
    )


def _name(word: str) -> str:
    """ "Maria's" is Maria."""
    return re.sub(r"'s$", "", word.lower())


def names_last(text: str) -> str | None:
    """The name a line gives the person dialled last, said in passing: "her name's Priya by
    the way" -> "Priya"; None when it names no one so, or gives a number too."""
    m = _NAMES_LAST_RE.search(without_titles(text))  # "his name is Mr. Hartley": Hartley
    if m is None or m.group("name").lower() in NOT_A_NAME or understand(text).numbers:
        return None
    return m.group("name")


def _paired(text: str) -> dict[str, str | None]:
    """The names in one line, each with the number said nearest after it (else before it):
    "Pete is on A, and Maria's B" -> {"pete": A, "maria": B}; with last digits only ("Maria's
    actually ends in 0135"), with the number read back next (None)."""
    d = SPELLING_RE.sub(lambda m: " " * len(m.group()), digitize(text))
    found = [
        (m.start(), _name(m.group()))
        for m in _CAPITALISED_RE.finditer(d)
        if not (everyday_word(m.group()) and not _in_a_proper_name(d, m)) and not reports(d, m)
    ]  # "Give 415 ... a bell" names no one; "the New York office" is still "York"; "Kate says"
    found = [(at, n) for at, n in found if n not in NOT_A_NAME and at not in greeted_at(d)]
    found += [(m.start(), m.group("role")) for m in _ROLE_RE.finditer(d)]  # "the client is at"
    if not found:
        return {}
    numbers = understand(text).numbers
    if not numbers:
        return dict.fromkeys((name for _, name in found), None) if last_digits(text) else {}
    if len(numbers) == 1:  # "first is Pete, 415 555 0138 - sorry, 0183": the number meant
        return {name: digits(numbers[0]) for _, name in found}
    return {
        name: digits(numbers[min(len(find_phones(d[:at])), len(numbers) - 1)]) for at, name in found
    }


_ORDINALS = ("first", "second", "third", "fourth", "fifth")
_LEG_WORDS = r"(?:one|person|number|line|guy|lady|man|woman|caller|fella|bloke)"
_ORDINAL_RE = re.compile(rf"\b(?P<nth>{'|'.join(_ORDINALS)}|last)\s+{_LEG_WORDS}\b")
_NAMES_GIVEN_RE = re.compile(  # "Call her Noor", "name the second one Ewa", "label 0188 as Mom"
    rf"\b(?i:call|name|label) (?i:her|him|them|the {_ORDINAL_RE.pattern[2:]}"
    rf"|(?:the )?\d{{3,4}}(?: {_LEG_WORDS})?)\s+(?i:as\s+)?(?P<name>{_NAME})"
)


# A name said as what a leg is: "the first one is Carlos btw", "the 0132 guy is my colleague
# Raj", "415 555 0121 is Carlos", "Raj is 415 555 0132" (the name, then the number).
_IS_NAME_RE = re.compile(
    r"(?:\bis|'s|\bwas)\s+(?:(?:actually|really|in fact) )?"  # "he's actually Dougal"
    r"(?:(?:my|our|his|her|the) (?:[a-z]+,? ){0,2})?(?:called |named )?"  # "our mum, Birgit"
    rf"(?P<name>{_NAME})"
)


# "Luis is my brother, the last one": the name, then who they are to the caller
_IS_ROLE_RE = re.compile(rf"^\W*(?P<name>{_NAME})(?:'s|\s+is)\s+(?i:my|our)\s+[a-z]+\b")
# A spelling, or its first letters ("S-", "K-E-L-L-Y", "O.L.U"): letters, never a name
_SPELLING_RE = re.compile(r"[A-Za-z](?:[-.][A-Za-z]?)+")


def given_name(text: str) -> str | None:
    """The name a line gives someone on the call, however said; None when it gives none."""
    if name := names_last(text):
        return None if _SPELLING_RE.fullmatch(name) else name
    d = without_titles(digitize(text))  # "the 0112 number is Mr Adeyemi": Adeyemi, never "Mr"
    said = [m.group("name") for m in _NAMES_GIVEN_RE.finditer(d)]
    said += [m.group("name") for m in _IS_NAME_RE.finditer(d)]
    said += [m["name"] for m in _IS_ROLE_RE.finditer(d)]  # "Luis is my brother, the last one"
    said += [m.group("name") for m in _NAMES_NUMBER_RE.finditer(d) if not everyday_word(m["name"])]
    said = [re.sub(r"'s$", "", n) for n in said]  # "0142 is Dana's number": Dana, never "Dana's"
    return next(
        (n for n in said if _name(n) not in NOT_A_NAME and not _SPELLING_RE.fullmatch(n)), None
    )


def leg_referred(
    text: str, legs: list[str], known: dict[str, str] | None = None
) -> tuple[str, str] | None:
    """(leg, name) for a name given to a leg on the call by its number, order or last digits:
    "Raj is 415 555 0132" once it is dialled, "that second one, that's Aoife", "the 0136
    person who's on, her name is Aoife"; None when the line names no leg that way (then the
    name is the one dialled last's, or no name, and a number not on the call is a new one).
    `known`: the digits of legs called by a name now ({"London": "4155550174"})."""
    name = given_name(text)
    if not name or not legs:
        return None
    number = {leg: (known or {}).get(leg) or digits(leg) for leg in legs}
    if numbers := find_phones(digitize(text)):  # the whole number of someone on the call
        on = [leg for leg in legs if number[leg] and number[leg] == digits(numbers[0])]
        return (on[0], name) if len(numbers) == 1 and on else None
    if place := place_said(text):  # "The New York one is Kofi": only if one leg is there
        return (at[0], name) if len(at := legs_in(place, number)) == 1 else None
    if m := _ORDINAL_RE.search(text.lower()):
        nth = -1 if m.group("nth") == "last" else _ORDINALS.index(m.group("nth"))
        return (legs[nth], name) if nth < len(legs) else None
    said = re.findall(r"(?<![\d-])\d{3,4}(?![\d-])", digitize(text))  # "the 0136 person"
    ends = [leg for leg in legs if said and part_of(said[0], number[leg])]  # "the 718 number"
    return (ends[0], name) if len(ends) == 1 else None


def name_step(who: str, name: str) -> Step:
    """The call that gives the leg `who` names the caller's `name` for them."""
    name = "-".join(part[:1].upper() + part[1:] for part in name.split("-"))  # "Jo-Ann"
    who = re.sub(r"^00(?=\d{10,})", "+", who.split(" ext ")[0])  # "001 415 ...": the +1 leg
    return tool_call("name_participant", who=who, name=name)


def named_clearly(ctx: llm.ChatContext) -> set[str]:
    """The names (lower-cased) the caller said as someone's name: beside a number ("Kayla is
    415 ..."), or in passing ("that's Megan"); a capitalised word said otherwise names no leg."""
    found: set[str] = set()
    for item in ctx.items:
        if item.type == "message" and item.role == "user":
            text = item.text_content or ""
            d = digitize(text)
            found |= {
                _name(m.group("name"))
                for m in _NAMES_NUMBER_RE.finditer(d)
                if not _CAPITALISED_END_RE.search(d[: m.start()])
            }
            found |= {_name(m.group("name")) for m in _NUMBER_NAMES_RE.finditer(d)}
            found |= {_name(m["name"]) for m in _NAME_THEN_ON_RE.finditer(d)}
            if said := _NAMES_LAST_RE.search(text):
                found.add(said.group("name").lower())
    return found - NOT_A_NAME
