"""Whom the caller means: "her", "my colleague", "the 646 number", "the desk, not Dana".

Read from the chat so far (who was dialled, muted or offered); the tools still check that the
person is on the call, and the directory still reads back whoever is chosen.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.call.confirmation import words_of
from workflows.call.directory import Contact, Directory
from workflows.rehearsal.described_legs import described_numbers
from workflows.rehearsal.history import dialled_in, dialled_numbers, filled, on_the_call
from workflows.rehearsal.mentions import given_names, last_mentioned, mentioned
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.nlu.people import PRONOUNS, kind
from workflows.rehearsal.nlu.requests import EVERYONE_BUT
from workflows.rehearsal.part_of import legs_with
from workflows.rehearsal.places import leg_at, said_places
from workflows.rehearsal.role_legs import leg_by_role, role_meant
from workflows.rehearsal.said_leaving import said_leaving
from workflows.rehearsal.short_names import starting
from workflows.rehearsal.steps import Step, tool_call
from workflows.rehearsal.team_legs import team_head, team_leg
from workflows.rehearsal.team_person import as_team_person

_AREA_RE = re.compile(r"^the (\d{3}) number$")
_ONE_RE = re.compile(r"\b(?:him|her|he|she)\b", re.IGNORECASE)
_PRONOUN_RE = re.compile(r"\b(?:him|her|them|he|she|they|em)\b|'em\b", re.IGNORECASE)
# "unmute them both", "mute the two of them": everyone, when two are on the call
_BOTH_RE = re.compile(
    r"^(?:(?:them|'?em|those|these|you|the) )?both(?: of (?:them|'?em|those|you))?$"
    r"|^the (?:two|2|pair|lot) of (?:them|'?em)$",  # "unmute the pair of them"
    re.I,
)
# "everyone except me lol", "everybody bar me for now": the caller is never muted here
_ME_RE = re.compile(r"^(?:me|myself|us)\b(?!\s*(?:and|&|,)\s*\w)", re.I)
_NOT_RE = re.compile(r"\b(?:not|isn't|rather than|instead of)\s+([^,.;!?]+)", re.IGNORECASE)


def known_as(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, directory: Directory
) -> Reading:
    """`reading` about the person on the call its target is a directory name or alias of:
    "unmute the boss" with Monica Reyes on is about Monica Reyes."""
    target = reading.target
    if role := role_meant(reading):  # "my manager has to jump off, let her go": the manager
        target = role
    live = [who for who, _ in dialled_in(ctx, prompts)]
    if reading.action in ("remove", "mute", "unmute") and (  # "the sales lady": Dana Scully
        who := team_leg(target or "", reading.text, live, directory)
    ):
        return replace(reading, target=who)
    if not target or target == "everyone" or target.startswith(EVERYONE_BUT):
        return reading
    if target.lower() in PRONOUNS or len(found := directory.find(target)) != 1:
        return reading
    return replace(reading, target=found[0].name) if found[0].name in live else reading


def whom(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> str | None:
    """The person a remove, mute or unmute is about, as the tools name them; None if unclear."""
    target = reading.target
    if target == "everyone":
        return target
    live = [who for who, _ in dialled_in(ctx, prompts)]
    if target and target.startswith(EVERYONE_BUT):  # "everyone except the 0146 line"
        return _all_but(ctx, target.removeprefix(EVERYONE_BUT), live)
    if target and _BOTH_RE.match(target):
        return "everyone" if len(live) == 2 and reading.action != "remove" else None
    if role := role_meant(reading):  # "my manager has to jump off, let her go": never the last
        if (who := leg_by_role(ctx, role, live, prompts)) is None and len(live) == 1:
            return live[0]  # "remove my colleague": the only one there, known so by no one else
        return who or None  # the manager gone: which person, never whoever is left
    if target and (area := _AREA_RE.match(target)):  # "the 646 number": an area code
        return _part_of_one(ctx, area.group(1)) or target
    if target and kind(target) == "specific" and target.lower() not in PRONOUNS:
        if on_the_call(ctx, target) != target:  # "the first one"
            return on_the_call(ctx, target)
        names = given_names(ctx) | described_numbers(ctx)  # "my brother, 415 555 0123"
        named = mentioned(target, live, names)  # "Pete", given with his number
        if len(named) == 1:
            return named[0]
        if short := starting(target, live):  # "unmute shaz": Shazza; of several, which one?
            return short[0] if len(short) == 1 else None
        numbers = {who: names.get(who.lower()) or _digits(who) for who in live}
        if at := leg_at(target, numbers, said_places(ctx)):  # "the New York line"
            return at
        return (target.isdigit() and _part_of_one(ctx, target)) or target  # "unmute 646"
    if reading.phone_number:
        return reading.phone_number
    line = _latest_line(ctx) or reading.text  # the whole line, when this is one of its requests
    waiting = _waiting(line, live, given_names(ctx))  # "once Priyanka has her answer"
    if _PRONOUN_RE.search(reading.text) and waiting:  # never the one waiting; else ask who
        others = [w for w in mentioned(line, live, given_names(ctx)) if w not in waiting]
        return others[0] if len(others) == 1 else None
    names = given_names(ctx) | described_numbers(ctx)  # "The hotline's ... Mute it": that one
    if not target and len(named := mentioned(reading.text, live, names)) == 1:
        return named[0]  # "and the support desk also mute please": the one the line names
    titled = bool(target) and kind(target) == "generic"  # "the boss", "my manager"
    if titled and len(live) == 1:  # "unmute the boss" with everyone muted: the one there
        return live[0]
    if reading.action == "unmute" and (muted := _last_muted(ctx)):
        if muted == "everyone" and len(live) > 1 and (titled or _ONE_RE.search(reading.text)):
            return None  # "let him back in" with everyone muted: which one?
        return muted  # "actually unmute her": the one just muted
    one = reading.action == "remove" and _ONE_RE.search(reading.text)
    if one and (gone := said_leaving(ctx, prompts)):
        return gone  # "Monica: I'm hopping off now" ... "drop her please": Monica
    if len(live) == 1:  # "remove my colleague", "kick them off": the only one there
        return live[0]
    if _PRONOUN_RE.search(reading.text) and (who := last_mentioned(ctx, live)):
        return who  # "Mulder's got noise" ... "mute him": the one the caller spoke of last
    if target and target.lower() in PRONOUNS and live:  # "hang up on them": the latest
        return live[-1]
    return None


# The person something is done for or waited on: "one question for Priyanka", "once Priyanka
# has her answer", "until Dana is done", "after Dana hears it": never whom a "them" removes
_WAITING_RE = re.compile(
    r"\b(?:for|once|until|till|after|as soon as|when)\s+(?P<w>[\w'-]+(?:\s+[\w'-]+)?)", re.I
)


def _latest_line(ctx: llm.ChatContext) -> str:
    """The caller's latest line as said ("" for none)."""
    said = [i for i in ctx.items if i.type == "message" and i.role == "user"]
    return (said[-1].text_content or "") if said else ""


def _waiting(text: str, live: list[str], names: dict[str, str]) -> list[str]:
    """The people on the call `text` names as the ones waiting for something (see above)."""
    return [w for m in _WAITING_RE.finditer(text) for w in mentioned(m.group("w"), live, names)]


def _all_but(ctx: llm.ChatContext, excluded: str, live: list[str]) -> str | None:
    """Everyone on the call but whom `excluded` names: "everyone" when that is the caller
    ("mute everybody except me"), the one left when one is, "everyone except" the one kept
    (as the tools name them) when more are left, or when nobody matches (the tool says so);
    None (ask) when several are kept and several left."""
    if excluded.lower() == "you" or _ME_RE.match(excluded):
        return "everyone"
    named = on_the_call(ctx, excluded)  # "the first one" -> its number
    ending = re.fullmatch(r"the one ending in (\d+)", named)
    kept = [
        who
        for who in live
        if (ending and re.sub(r"\D", "", who).endswith(ending.group(1)))
        or who in mentioned(named, [who], given_names(ctx))
    ]
    left = [who for who in live if who not in kept]
    if not kept:  # nobody by that name: the tool says so
        return EVERYONE_BUT + excluded
    if len(left) == 1:
        return left[0]
    return EVERYONE_BUT + kept[0] if len(kept) == 1 and left else None


def _last_muted(ctx: llm.ChatContext) -> str | None:
    for item in reversed(ctx.items):
        if item.type == "function_call" and item.name == "mute_participant":
            args = json.loads(item.arguments or "{}")
            return args.get("who") if args.get("muted", True) else None
    return None


def _part_of_one(ctx: llm.ChatContext, digits: str) -> str | None:
    """The one number dialled of which `digits` are the area code or last digits."""
    numbers = legs_with(digits, dialled_numbers(ctx))
    return _e164(numbers[-1]) if len(numbers) == 1 else None


def _digits(who: str) -> str:
    """The last ten digits of a leg named by its number ("+1 212-555-0178"), else ""."""
    digits = re.sub(r"\D", "", who)
    return digits[-10:] if len(digits) >= 10 else ""


def _e164(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    if number.startswith("+"):
        return f"+{digits}"
    return f"+1{digits}" if len(digits) == 10 else f"+{digits}"


def choose(matches: list[Contact], said: str) -> Contact | None:
    """The caller's pick among contacts offered: "the one in support", "the desk, not Dana",
    "not Scully". Words after "not" rule contacts out; the most words in common wins."""
    ruled_out = {w for m in _NOT_RE.finditer(said) for w in words_of(m.group(1))}
    kept = _NOT_RE.sub(" ", said)
    words = set(words_of(kept))
    left = [c for c in matches if not (ruled_out & _all_words(c))]
    if not left:
        return None
    scores = [len(words & _all_words(c)) for c in left]
    best = max(scores)
    if scores.count(best) == 1 and (best or len(left) == 1):
        return left[scores.index(best)]
    return None


def keeps(who: str, said: str, directory: Directory) -> bool:
    """Whether `said` keeps the destination read back as `who` and rules out only others:
    "ok sure, the desk, not Dana" to the Sales desk's read-back (no refusal of it)."""
    contact = next((c for c in directory.contacts if who.startswith(c.name)), None)
    ruled_out = [directory.find(m.group(1)) for m in _NOT_RE.finditer(said)]
    if contact is None or not ruled_out or not all(ruled_out):  # each rules out someone known
        return False
    kept = set(words_of(_NOT_RE.sub(" ", said))) & _all_words(contact)
    return all(contact not in found for found in ruled_out) and bool(kept)


def _all_words(contact: Contact) -> set[str]:
    """Every word a caller may use for the contact, "desk" and "team" included."""
    return set(words_of(" ".join([contact.name, contact.team or "", *contact.aliases])))


def directory_choice(ctx: llm.ChatContext, reading: Reading, directory: Directory) -> Step | None:
    """After "I found more than one Dana: ... Which one?", the caller's pick."""
    said = reading.text  # "The one from Sales, please. Mr. Liu's mobile too, it's 917 ...": the
    if reading.phone_number:  # pick first (its sentence), the number queued for after
        said = re.split(r"(?<=[.!?;])\s+", reading.text)[0]
        if re.search(r"\d", said) or said == reading.text:
            return None
    if reading.action not in (None, "add", "conference"):
        return None
    lookup = next((i for i in reversed(ctx.items) if i.type == "function_call"), None)
    if lookup is None or lookup.name != "look_up_contact":
        return None
    output = next(
        (i for i in ctx.items if i.type == "function_call_output" and i.call_id == lookup.call_id),
        None,
    )
    args = json.loads(lookup.arguments or "{}")
    matches = directory.find(args.get("name", ""))
    if output is None or not output.is_error or len(matches) < 2:
        return None
    if (contact := choose(matches, said)) is None:  # "ok add him": no pick (the directory
        # keeps no one's sex), so the question is asked again
        again = _HE_SHE_RE.search(said)
        return tool_call("look_up_contact", **args) if again and "name" in args else None
    return tool_call("look_up_contact", name=contact.name, purpose=args.get("purpose", "add"))


_HE_SHE_RE = re.compile(r"\b(?:him|her|he|she)\b", re.IGNORECASE)


_OTHER_RE = re.compile(r"^(?:the\s+)?other\s+", re.IGNORECASE)
# A kind of desk said before it: "tech support", "the IT help desk", "customer service"
_KIND_RE = re.compile(
    r"^(?:the\s+|your\s+)?(?:tech|technical|it|customer|client|product|computer)\s+"
    r"(?=support\b|help\s*desk\b|sales\b)",
    re.IGNORECASE,
)


def described(name: str, said: str, directory: Directory) -> str:
    """ "chuck the other Dana on too, the sales one": the contact the other words `said` single
    out among those `name` matches; `name` itself when they single out none."""
    name = _OTHER_RE.sub("", name)  # "the other Dana": a Dana
    matches = directory.find(name) if name else []
    if not matches and (head := team_head(name, directory)):  # "the head of management"
        return head
    if not matches and (one := as_team_person(name, directory)) != name:
        return one  # "the sales lady": Sales' one person
    if not matches and (plain := _KIND_RE.sub("", name)) != name and directory.find(plain):
        name, matches = plain, directory.find(plain)  # "tech support": the support desk
    contact = choose(matches, said) if len(matches) > 1 else None
    return contact.name if contact else name


def not_muted(ctx: llm.ChatContext, prompts: Prompts, who: str) -> bool:
    """Whether `who`, one person on the call, is not muted by what the call's mute results
    said ("I've muted Fox Mulder and +1 ..."; "I've unmuted ..."): "unmute Monica" when
    nobody muted her gets no false "I've unmuted"."""
    if who == "everyone" or who not in [w for w, _ in dialled_in(ctx, prompts)]:
        return False  # not someone on the call by the name the tools use: the tool decides
    controls = prompts.host.controls
    for item in reversed(ctx.items):  # from the last: a rename takes us to the name it had
        if item.type != "function_call_output" or item.is_error:
            continue
        said = item.output or ""
        for template, state in ((controls.muted, True), (controls.unmuted, False)):
            if (found := filled(template, said)) and who in found["who"]:
                return not state
        if (found := filled(controls.participant_named, said)) and found["name"] == who:
            who = found["who"]  # "her name is Shannon" once muted: Shannon is still muted
    return True
