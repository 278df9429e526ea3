"""Whom the caller's earlier words point at: "drop Pete" after "first is Pete, 415 555 0138",
"mute him" after naming Mulder, "the 0128" after "I don't see Pete on the call".

Read from the chat so far; the tools still check that the person is on the call.
"""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.confirmation import words_of
from workflows.call.directory import Directory
from workflows.rehearsal.history import ACTS_ON_READ_BACK, Pending, filled, pending_read_back
from workflows.rehearsal.leg_names import NOT_A_NAME as _NOT_A_NAME
from workflows.rehearsal.leg_names import given_names
from workflows.rehearsal.nlu import Reading, understand
from workflows.rehearsal.nlu.corrections import taken_back_to
from workflows.rehearsal.nlu.numbers import digitize
from workflows.rehearsal.nlu.people import reference
from workflows.rehearsal.steps import Step, tool_call
from workflows.rehearsal.team_person import as_team_person

_ON_SOMEONE = ("remove", "mute", "unmute")  # requests about a person on the call
_DIGITS_RE = re.compile(r"\d(?:[ -]?\d)*")


def read_again(pending: Pending, purpose: str | None = None) -> Step:
    """Read the waiting destination back again with the tool that first read it: a contact by
    its name ("Dana Scully from Sales at ..."), a number as a number."""
    purpose = purpose or pending.purpose
    if pending.lookup:
        return tool_call("look_up_contact", name=pending.lookup, purpose=purpose)
    return tool_call("read_back_number", phone_number=pending.number or "", purpose=purpose)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _user_lines(ctx: llm.ChatContext) -> list[tuple[int, str]]:
    return [
        (i, item.text_content or "")
        for i, item in enumerate(ctx.items)
        if item.type == "message" and item.role == "user"
    ]


def mentioned(text: str, live: list[str], names: dict[str, str]) -> list[str]:
    """The people on the call one caller line names: by a word of their name, by how their
    number ends (three digits or more), or by a name given with their number (`names`)."""
    every = {re.sub(r"'s$", "", w) for w in words_of(text)}  # "Mulder's", "the client's"
    words = every - _NOT_A_NAME
    said = [_digits(m.group()) for m in _DIGITS_RE.finditer(digitize(text))]
    said += [names[w] for w in every if names.get(w)]  # "the client": the one said with A
    return [
        who
        for who in live
        if (words & (set(words_of(who)) - _NOT_A_NAME))
        or any(
            len(d) >= 3 and (_digits(who) or names.get(who.lower(), "")).endswith(d) for d in said
        )
    ]


def last_mentioned(ctx: llm.ChatContext, live: list[str]) -> str | None:
    """The one person on the call the caller's latest words about anyone named ("Mulder's got
    background noise" ... "mute him"); None when those words named several."""
    names = given_names(ctx)
    for _, text in reversed(_user_lines(ctx)):
        if named := mentioned(text, live, names):
            return named[0] if len(named) == 1 else None
    return None


def awaiting_whom(ctx: llm.ChatContext, prompts: Prompts) -> str | None:
    """The action ("remove", "mute", "unmute") the caller asked for last turn that the host
    could not do for want of the person: "drop Pete" -> "I don't see Pete on the call"."""
    lines = _user_lines(ctx)
    if len(lines) < 2:
        return None
    (before, text), (now, _) = lines[-2], lines[-1]
    action = understand(text).action
    if action not in _ON_SOMEONE:
        return None
    replies = ctx.items[before + 1 : now]
    failed = any(i.type == "function_call_output" and i.is_error for i in replies)
    asked = any(
        i.type == "message"
        and i.role == "assistant"
        and i.text_content == prompts.offline.which_person
        for i in replies
    )
    return action if failed or asked else None


def referenced(ctx: llm.ChatContext, reading: Reading, live: list[str]) -> str | None:
    """The person on the call a line with no request names: "Pete is the first one I gave
    you, the 0128" -> "the one ending in 0128"; "Mulder" -> "Fox Mulder"."""
    if ref := reference(digitize(reading.text)):
        return ref
    named = mentioned(reading.text, live, given_names(ctx))
    return named[0] if len(named) == 1 else None


def contacts_named(directory: Directory, text: str, reading: Reading | None = None) -> list[str]:
    """The contacts named in a line, never by the caller's own name in the line that gives it:
    "Hi, Tom Reyes here, get my contractor" names no Monica Reyes."""
    own = re.escape((reading or understand(text)).name or "")
    introduced = (  # said as their own, not "Dana, from sales, please"
        rf"\b(?:this is|i'm|i am|it's|it is|my name is|my name's|name's|myself)\s+{own}\b"
        rf"|\b{own}\s+(?:here|speaking|calling)\b"
    )
    if own:
        text = re.sub(introduced, _blank, text, flags=re.IGNORECASE)
    text = _AT_THE_FRONT_RE.sub(_blank, text)  # "no zero at the front" names no front desk
    text = as_team_person(text, directory)  # "the lady from sales": Sales' one person
    text = _NOT_RE.sub(_blank, text)  # "I meant Scully, not White", "not the front desk"
    teams = "|".join(re.escape(c.team) for c in directory.contacts if c.team)
    if teams:  # "Dana in support", "Dana, the one in sales" are "Dana from support"
        text = re.sub(
            rf"(?<=[A-Za-z])(?:,?\s+the one (?:in|from)| in"
            # "Mulder, he's in support", "Dana, she works in sales": the person named, described
            r"|,?\s+(?:he|she|they|who)(?:'s|'re|\s+is|\s+are|\s+works?)\s+(?:in|from|on|with)"
            rf") (?=(?:the )?(?:{teams})\b)",
            " from ",
            text,
            flags=re.I,
        )
    if (meant := taken_back_to(text)) and (found := directory.named_in(meant)):
        return found  # "Get Dana Scully instead. No, sorry, I mean Dana White.": Dana White
    if len(each := _each_one(directory, text)) > 1:
        return each  # "get Scully and the sales desk on a call": two, not "Scully and the sales"
    if found := directory.named_in(text):
        return found
    # "the support folks? Dana in support maybe?": the last sentence that names someone
    parts = [directory.named_in(part) for part in re.split(r"(?<=[?.!])\s+", text)]
    return next((found for found in reversed(parts) if found), [])


_AND_RE = re.compile(r"\b(?:and|plus|as well as)\b", re.I)


def _each_one(directory: Directory, text: str) -> list[str]:
    """The contacts named on each side of an "and", when each side names one contact and no two
    the same one ("Scully and the sales desk": "Scully", "sales"); [] otherwise ("Dana
    and Fox": which Dana?)."""
    named = [n for part in _AND_RE.split(text) if (n := directory.mentioned(part))]
    found = [directory.find(n) for n in named]
    if any(len(f) != 1 for f in found) or len({f[0].name for f in found}) != len(found):
        return []
    return named


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


# A word of a contact's name said of something else: "no zero at the front", "in front of me".
_AT_THE_FRONT_RE = re.compile(r"\b(?:at|in|on)\s+(?:the\s+)?front\b(?!\s+desk)", re.I)
# Someone the caller says they do not mean.
_NOT_RE = re.compile(r"\bnot\s+(?:the\s+)?[\w'-]+(?:\s+desk)?\b", re.I)


_PERSON_PRONOUNS = frozenset("him her them em 'em".split())


def add_instead(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, directory: Directory | None = None
) -> Step | None:
    """ "just add him to this call then", "add her instead" after a transfer to someone was
    read back (waiting or declined): that person read back as an add, for the caller's yes.
    None when no pronoun is said, the last read-back was acted on, or the line names another
    contact ("Then Ms Scully, but bring her onto this call": her is Scully)."""
    if reading.action != "add" or reading.phone_number:
        return None
    if reading.target and words_of(reading.target)[0] not in _PERSON_PRONOUNS:
        return None  # "add Dana instead" names someone; "add them here" does not
    if not _PERSON_PRONOUNS & set(words_of(reading.text)):
        return None
    last = tried = None
    for i, item in enumerate(ctx.items):
        if item.type == "function_call_output" and _failed_transfer(item.output or "", prompts):
            last = tried  # "can you just add him to this call then": the one not reached
        elif item.type == "function_call_output":
            last = pending_read_back(llm.ChatContext(ctx.items[: i + 1]), prompts) or last
        elif item.type == "function_call" and item.name in ACTS_ON_READ_BACK.values():
            last, tried = None, last
    if last is None:
        return None
    said = contacts_named(directory, reading.text, reading) if directory else []
    if any(not set(words_of(n)) <= set(words_of(last.who)) for n in said):
        return None
    return read_again(last, "add")


def _failed_transfer(output: str, prompts: Prompts) -> bool:
    return filled(prompts.host.transfer.failed, output) is not None


_WHY_RE = re.compile(r"\bwhy\b|\bwhat happened\b", re.I)


def why_not_through(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[str]:
    """ "hmm why didnt it go through? can you just add him then": the transfer's failure said
    again, when the line asks why and the host's last tool was a transfer that failed."""
    outputs = [i.output or "" for i in ctx.items if i.type == "function_call_output"]
    if not outputs or not _WHY_RE.search(reading.text):
        return []
    found = filled(prompts.host.transfer.failed, outputs[-1])
    return [render(prompts.host.transfer.failed, who=found["who"])] if found else []
