"""Calling off: "cancel that", "don't ring her", "stop calling Dana" drop the read-back
waiting or hang up a phone still ringing; what else the same line asks follows ("nah, forget
it, can I just talk to Dana White instead?" reads Dana White back; "... and call 0147
instead" reads that number back). Only the caller's own yes to a read-back dials, as always.
"""

from __future__ import annotations

import re
from dataclasses import replace

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.confirmation import words_of
from workflows.call.directory import Directory
from workflows.rehearsal.history import Pending, dialled_in, filled, last_said, on_the_call
from workflows.rehearsal.mentions import contacts_named, read_again
from workflows.rehearsal.nlu import Reading, last_digits, understand
from workflows.rehearsal.steps import Step, on_someone, tool_call
from workflows.rehearsal.whom import whom

# "not Mulder — Monica": a dash ends what is ruled out as a comma does
_NOT_RE = re.compile(r"\b(?:not|wrong|rather than|instead of)\s+(?:[^,.;!?—–-]|\w-\w)+", re.I)
_TRANSFERS = ("transfer", "warm_transfer")
# Ending a line rather than calling off a dial: "hang up the 0123 line", "end the 0123 call"
_HANG_UP_RE = re.compile(
    r"\bhang\s+up\b|\bhang\s+\w+\s+up\b|\b(?:end|kill)\s+(?:the|that|this)\b", re.I
)
_PERSON_RE = re.compile(r"\b(?:him|her|them|he|she|they)\b", re.I)


def cancel(
    ctx: llm.ChatContext,
    reading: Reading,
    pending: Pending | None,
    prompts: Prompts,
    directory: Directory,
) -> list[Step] | None:
    """ "cancel that", "don't ring her", "stop calling Dana": drop the read-back waiting for a
    yes, or hang up a phone not answered yet; "... and call 0147 instead" reads that back.
    None when there is nothing to call off and the line asks for someone besides."""
    offline = prompts.offline
    adding = reading.action in ("add", "conference") and bool(reading.numbers)
    elsewhere = reading.action in _TRANSFERS and bool(reading.phone_number)  # "... transfer me
    named = reading.cancel_who or (None if adding or elsewhere else reading.phone_number)
    named = on_the_call(ctx, named) if named else None
    ringing = [who for who, answered in dialled_in(ctx, prompts) if not answered]
    answered = [who for who, joined in dialled_in(ctx, prompts) if joined]
    # "don't call anyone. remove 0128 from the call": what else the line asks done, after
    also = []
    if reading.action in ("remove", "mute", "unmute") and (who := whom(ctx, reading, prompts)):
        also = [on_someone(reading.action, who)]
    if _asks_who_is_on(reading.text):  # "hold off on the transfer. who's on right now?"
        also = [tool_call("list_participants")]
    if reading.action == "dtmf" and reading.digits:  # "don't dial anything, just key in 7721#"
        also = [tool_call("send_digits", digits=reading.digits)]
    if pending and (named is None or _names(pending.who, named)):
        if adding:  # "no, don't call that, call 415 555 0147": a correction
            return [tool_call("read_back_number", phone_number=reading.numbers[0])]
        dropped = offline.dropped if pending.purpose == "add" else offline.dropped_transfer
        if elsewhere:  # "scratch that, just transfer me to 415-555-0128": that read back
            number = reading.numbers[0] if reading.numbers else reading.phone_number
            read_back = tool_call("read_back_number", phone_number=number, purpose=reading.action)
            return [render(dropped, who=pending.who), read_back]
        if other := instead(reading, pending, directory):  # "nah, forget it, Dana White then"
            purpose = reading.action if reading.action in _TRANSFERS else pending.purpose
            purpose = "add" if reading.action in ("add", "conference") else purpose
            look_up = tool_call("look_up_contact", name=other, purpose=purpose)
            return [render(dropped, who=pending.who), look_up]
        return [render(dropped, who=pending.who), *also]
    calling = [who for who in ringing if named is None or _names(who, named)]
    if calling:  # a number to add besides is read back once this one is hung up
        return [tool_call("remove_participant", who=calling[-1])]  # (brought_after: the rest)
    on = [who for who in answered if named and _names(who, named)]
    if len(on) == 1 and _HANG_UP_RE.search(reading.text):  # "hang up the 0123 line" with
        return [tool_call("remove_participant", who=on[0])]  # 0123 on: a removal, as "remove"
    if adding:
        return [tool_call("read_back_number", phone_number=reading.numbers[0])]
    if also or pending:  # never "nothing is waiting for your yes" while a read-back waits
        return also or [read_again(pending)]
    known = named and (directory.find(named) or any(_names(who, named) for who in answered))
    if len(ringing) == 1 and not known:  # "cancel the call to Robbo": a name for the one
        return [tool_call("remove_participant", who=ringing[0])]  # ringing, none other's
    if ringing:  # never "I'm not calling anyone" while a phone rings: which one is meant?
        return [render(offline.followups.which_call, who=", ".join(ringing))]
    if offered := filled(prompts.host.greeting_transfer, last_said(ctx)):
        # "nah, forget it, ... get the client call going instead" to the greeting's offer of
        # the support desk: the offer dropped, and whom to bring in asked
        dropped = render(offline.dropped_transfer, who=offered["who"])
        return [f"{dropped} {offline.bring_whom}"]
    if other := _brought_instead(reading, directory):  # "nah forget him. get the desk instead"
        purpose = reading.action if reading.action in _TRANSFERS else "add"
        return [tool_call("look_up_contact", name=other, purpose=purpose)]
    if reading.action in ("add", "conference", *_TRANSFERS) and (
        reading.target or reading.phone_number
    ):
        return None  # "whatever, forget them. put me through to Fox Mulder": the rest asked
    if named is None and not reading.numbers and _another_offered(ctx, reading, prompts):
        return [offline.anything_else]  # "nah forget it" to "... try another number?": a no
    if answered:  # "hang up that call" with Dana on: nobody rings; who is on, none removed
        return [render(offline.nobody_ringing, who=", ".join(answered))]
    return [offline.nothing_to_cancel]


def brought_after(ctx: llm.ChatContext, call_id: str, directory: Directory) -> Step | None:
    """Once a ringing leg called off has been hung up (`call_id`), the one the same line brings
    in instead: "never mind him. Then go ahead with Dana White" reads Dana White back."""
    hung_up = next(
        (i for i in ctx.items if i.type == "function_call" and i.call_id == call_id), None
    )
    said = [i for i in ctx.items if i.type == "message" and i.role == "user"]
    if hung_up is None or hung_up.name != "remove_participant" or not said:
        return None
    reading = understand(said[-1].text_content or "")
    if not reading.cancel or not (other := _brought_instead(reading, directory)):
        return None
    purpose = reading.action if reading.action in _TRANSFERS else "add"
    return tool_call("look_up_contact", name=other, purpose=purpose)


def call_chosen(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> Step | None:
    """The answer to "Which call should I stop?" naming one of the calls it offered by its last
    digits ("that one, the 0187"): that call hung up; None otherwise."""
    offered = filled(prompts.offline.followups.which_call, last_said(ctx))
    digits = last_digits(reading.text)
    if not offered or not digits:
        return None
    chosen = [who for who in offered["who"].split(", ") if _names(who, digits)]
    return tool_call("remove_participant", who=chosen[0]) if len(chosen) == 1 else None


# "just get the support desk instead", "ring Dana then": someone to bring in, beside the cancel
_BRING_RE = re.compile(
    r"\b(?:instead|get|grab|bring|call|ring|dial|add|try|put)\b"
    r"|\b(?:go\s+ahead|go|carry\s+on|proceed|continue)\s+with\b",  # "then go ahead with Dana"
    re.I,
)


def _brought_instead(reading: Reading, directory: Directory) -> str | None:
    """A contact the line brings in beside calling off someone else ("nah forget him. just
    get the support desk instead"); None when it names only the one called off."""
    if not _BRING_RE.search(_NOT_RE.sub(" ", reading.text)):
        return None
    named = contacts_named(directory, _NOT_RE.sub(" ", reading.text), replace(reading, name=None))
    off = reading.cancel_who
    return next((n for n in named if not (off and set(words_of(off)) & set(words_of(n)))), None)


def _names(who: str, named: str) -> bool:
    """Whether the caller's words name this person: their last digits or their name."""
    digits = re.sub(r"\D", "", named)
    if len(digits) >= 2:
        return re.sub(r"\D", "", who).endswith(digits)
    words = set(words_of(named)) - _NOT_A_NAME  # "forget the sales lady": {"sales"}
    return bool(words) and words <= set(words_of(who))


# Words beside a name that name no one: "the front desk", "the sales lady".
_NOT_A_NAME = frozenset(
    {"the", "a", "my", "that", "this", "lady", "guy", "man", "woman", "one", "person", "bloke"}
)


def names_pending(pending: Pending, named: str) -> bool:
    """Whether words naming a contact all name the destination waiting ("the one from sales?"
    to "Dana Scully from Sales at ...")."""
    return bool(pending.lookup) and set(words_of(named)) <= set(words_of(pending.who))


def instead(reading: Reading, pending: Pending, directory: Directory) -> str | None:
    """A contact named beside a no to the read-back waiting, other than the one read back:
    "no, never mind, Dana from sales" to the Sales desk's read-back looks up Dana."""
    if reading.action not in (None, "add", "conference", *_TRANSFERS):  # not "let them go"
        return None
    text = _NOT_RE.sub(" ", reading.text)  # "it's Dana, not Fox": Fox is ruled out
    text = _TOLD_WHY_RE.sub(" ", text)  # "Fox, she's on leave this week": said to Fox
    text = re.sub(r"(?<=[a-z])'s\b", "", text)  # "Mulder's the guy who fixed it": Mulder
    said = replace(reading, name=None)  # to a read-back, "it's Dana" is no caller's name
    named = next(iter(contacts_named(directory, text, said)), None)
    if not named or names_pending(pending, named):
        # "not Mulder — Monica. Mulder's on vacation": the first sentence naming someone
        parts = (contacts_named(directory, p, said) for p in re.split(r"(?<=[.?!])\s+", text))
        named = next((found[0] for found in parts if found), None)
    if not named or names_pending(pending, named):
        return None
    return in_team_of(pending, named, directory)


# Someone on the call told why the one read back cannot come: "Fox, she's on leave this week",
# "sorry Dana, he's off sick today" (a name said to, never one brought in instead)
_TOLD_WHY_RE = re.compile(
    r"(?:^|(?<=[.!?,;]))\s*(?:sorry,?\s+)?(?-i:[A-Z])[\w'-]+,\s+(?=(?:she|he|they)(?:'s|'re"
    r"|\s+is|\s+are|\s+was|\s+were)\s+(?:on\s+(?:leave|holiday|vacation|sick\s+leave"
    r"|maternity|paternity|annual\s+leave)|away|out|off|sick|ill|not\s+(?:in|around|here|available)"
    r"|unavailable|travelling|traveling)\b)",
    re.I,
)


def in_team_of(pending: Pending, named: str, directory: Directory) -> str:
    """The one contact called `named` in the team of the contact read back, when the name is
    ambiguous: "make it Dana rather than the desk" to the Sales desk's is Dana Scully (Sales);
    `named` as said otherwise."""
    found = directory.find(named)
    read = [c for c in directory.contacts if c.team and pending.who.startswith(c.name)]
    if len(found) < 2 or len(read) != 1:
        return named
    same = [c for c in found if c.team == read[0].team]
    return same[0].name if len(same) == 1 else named


def _asks_who_is_on(text: str) -> bool:
    """Whether a sentence of the line after its first asks who is on the call (or how it
    goes): "hold off on the transfer. who's on this call right now?"."""
    later = re.split(r"(?<=[.?!,;])\s+", text)[1:]
    return any(understand(part).action in ("list", "status") for part in later)


def _another_offered(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> bool:
    """Whether the host just offered another number, a phone not reached ("... is busy right
    now. Would you like to try another number?"), and the caller has not spoken since; a line
    about a person ("nah forget him") answers no offer."""
    if _PERSON_RE.search(reading.text):
        return False
    host = prompts.host
    at = max((n for n, i in enumerate(ctx.items[:-1]) if _callers(i)), default=-1)
    told = [i.text_content or "" for i in ctx.items[at + 1 :] if _hosts(i)]
    return any(filled(said, t) for t in told for said in (host.busy, host.no_answer))


def _callers(item) -> bool:
    return item.type == "message" and item.role == "user"


def _hosts(item) -> bool:
    return item.type == "message" and item.role == "assistant"
