"""What the caller asked for before the host could act on it: numbers and people given in one
breath ("call A and B", or to the receptionist) still to be read back. The support desk a
caller asked for instead of a conference is `support_offer`."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from workflows.call.asked import their_own
from workflows.call.directory import Directory
from workflows.rehearsal.leg_names import given_name
from workflows.rehearsal.mentions import contacts_named
from workflows.rehearsal.named_alone import asked_alone
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.cut_off import cut_off_from
from workflows.rehearsal.nlu.needs import GROUP_CALL_RE
from workflows.rehearsal.nlu.people import own_people
from workflows.rehearsal.nlu.presence import IN_TEAM_AROUND_RE
from workflows.rehearsal.nlu.text import by_team, normalise
from workflows.rehearsal.roles import ROLES
from workflows.rehearsal.sequence import clauses
from workflows.rehearsal.steps import Step, tool_call
from workflows.rehearsal.then_transfer import without_later_transfer
from workflows.rehearsal.whom import described

_READ_BACK_TOOLS = ("read_back_number", "look_up_contact")
_PRONOUN_RE = re.compile(r"\b(?:him|her|them)\b", re.IGNORECASE)


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number.split(" ext ")[0])[-10:]


def standing_purpose(ctx: llm.ChatContext) -> str:
    """What a name or number said on its own is for, until something is read back: a caller
    who asked to be put through ("can you connect me to my manager and introduce me?") is
    transferring ("the boss, Monica"), not adding. After a transfer read back and not carried
    out (declined, or refused by the dial policy), that transfer is still what is asked: "then
    let's stay with the US one, 0132" is read back as a transfer."""
    for item in reversed(ctx.items):
        if item.type == "message" and item.role == "user" and _asks_add(item.text_content):
            return "add"  # "can you just add him then" ... "it's 415 ...": an add since
        if item.type == "function_call" and item.name in _READ_BACK_TOOLS:
            purpose = json.loads(item.arguments or "{}").get("purpose", "add")
            return purpose if purpose in ("transfer", "warm_transfer") else "add"
    for item in reversed(ctx.items):
        if item.type == "message" and item.role == "user":
            action = understand(item.text_content or "").action
            if action in ("transfer", "warm_transfer"):
                return action
            if action in ("add", "conference"):
                return "add"
    return "add"


def _asks_add(text: str | None) -> bool:
    return understand(text or "").action in ("add", "conference")


# Someone spoken to before the request: "sry monica, quick one. ava can u grab mulder too"
_SPOKEN_TO_RE = re.compile(
    r"^\W*(?:sorry|sry|soz|thanks|thx|ty|hey|hi|yo|hang on|hold on|one sec|sec)\s+[\w'-]+\s*[,.!]",
    re.I,
)

# A name called at a sentence's start, before words to them: "Monica, it's about the Q3
# budget.", "Dana, you there?": said to that person, never someone to bring in
_CALLED_RE = re.compile(
    r"(?:^|(?<=[.!?])\s)\W*[A-Za-z][\w'-]*\s*,\s*(?=(?:it's|it is|its|this is|you|u|you're|we|we're"
    r"|i'm|thanks|thank you|how|what|are|did|hold|hang)\b)",
    re.I,
)

# The caller's own team, said as who they are: "hiya, Priyanka from support here", "this is Tom
# from the sales team, ...", "I'm Ana with billing": never a desk to bring in
_OWN_TEAM_RE = re.compile(
    r"\b(?:(?:this is|it's|its|i'm|im|i am)\s+)?[\w'-]+(?:\s+[A-Z][\w'-]+)?\s+(?:from|with|in|of)"
    r"\s+(?:the\s+)?[\w-]+(?:\s+(?:team|desk|department|dept))?\s+here\b"
    r"|\b(?:this is|it's|its|i'm|im|i am)\s+[\w'-]+(?:\s+[A-Z][\w'-]+)?\s+(?:from|with)\s+"
    r"(?:the\s+)?[\w-]+(?:\s+(?:team|desk|department|dept))?\b",
    re.I,
)


def without_own_team(line: str) -> str:
    """The line without the caller's own team said as who they are ("hiya, Priyanka from
    support here, can u get my manager on the line": their manager, never the support desk)."""
    return _OWN_TEAM_RE.sub(" ", line)


# A role said with its number, in one clause: that number's role, never a directory look-up
_ROLE_WITH_NUMBER_RE = re.compile(
    rf"\b(?:my|our|the)\s+(?:{ROLES})\b(?=(?:(?!\b(?:and|then|also|plus)\b)[^.!?;\d&])*\d)", re.I
)


def _to_bring(text: str) -> str:
    """The line without its requests about someone on the call: in "get Dana on, and mute the
    sales desk" the desk is muted (its own request, next), never looked up to be added; and
    without whom it speaks to first ("sry monica, ..."), who is on the call already."""
    text = without_own_team(_SPOKEN_TO_RE.sub(" ", text))  # "Priyanka from support here"
    text = _CALLED_RE.sub(" ", text)  # "Monica, it's about the budget. add sales": not Monica
    text = without_later_transfer(text)  # "add my colleague and then transfer me to support"
    text = _ROLE_WITH_NUMBER_RE.sub(" ", text)  # "my boss will join from his phone, it's 917"
    for part in clauses(text):
        if understand(part).action in ("remove", "mute", "unmute"):
            text = text.replace(part, " ")
    return text


def _names_queued(ctx: llm.ChatContext, directory: Directory, first: bool) -> list[Step]:
    """Look up the next person the caller named in one breath and not looked up yet: "add Dana
    from sales and Fox Mulder" looks up Fox Mulder once Dana is dialled or declined. On the
    host's `first` turn, the first person named to the receptionist ("I need a conference with
    Mulder and the front desk") too, for what was asked ("put me through to Dana Scully")."""
    said_at, named, purpose, him = None, [], "add", None
    for i in range(len(ctx.items) - 1, -1, -1):  # the caller's latest request
        item = ctx.items[i]
        if item.type == "message" and item.role == "user":
            text = item.text_content or ""
            reading = understand(text)
            named = _one_described(
                contacts_named(directory, _to_bring(by_team(text)), reading), text, directory
            )
            if him and named:  # "is Fox Mulder around?" ... "I need to speak with him"
                said_at, named, purpose = i, named[:1], him
                break
            if first and reading.action in ("transfer", "warm_transfer") and not named:
                if _PRONOUN_RE.search(text) and not reading.numbers and him is None:
                    him = reading.action
                    continue
            if reading.confirm and not named and not reading.numbers:
                continue  # "yeah dial her": the yes to a read-back, not a request of its own
            if len(named) == 1 and reading.action is None and _picks(ctx, i, directory):
                continue  # "Dana Scully" to "which Dana?": the request it answers goes on
            if not named and len(owns := own_people(normalise(text))) > 1:  # "my supplier
                said_at, named, purpose = i, owns, "add"  # and my foreman": one at a time
                break
            if named and (own := their_own(text)):  # "talk w dana in sales n my mate": both on
                said_at, named, purpose = i, [*named[:1], own], "add"  # a call, one at a time
                break
            if reading.action is not None or named:
                if first and reading.action in ("transfer", "warm_transfer") and named:
                    said_at, named, purpose = i, named[:1], reading.action
                elif first and reading.action in ("add", "conference") and named:
                    said_at = i
                elif first and named and GROUP_CALL_RE.search(text):
                    said_at = i  # "need a call happening with Dana and a couple others"
                elif first and len(named) == 1 and _SENT_TO_RE.search(text):
                    said_at, purpose = i, "transfer"  # "I was told to speak with Fox Mulder"
                elif first and len(named) == 1 and cut_off_from(text):
                    said_at, purpose = i, "transfer"  # "talking to Fox Mulder, the call dropped"
                elif first and len(named) == 1 and asked_alone(text, named[0], directory):
                    said_at = i  # "get Mr Mulder, not the sales desk": Mulder, read back
                elif first and named and IN_TEAM_AROUND_RE.search(text):
                    said_at, named, purpose = i, named[:1], "transfer"  # "is Dana in support in?"
                elif reading.action in ("add", "conference", None) and (
                    len(named) > 1 or (named and reading.numbers)
                ):  # "Dana and Fox", "Dana Scully and 415 555 0133"
                    said_at = i
                break
    if said_at is None:
        return []
    looked_up = [
        directory.find(n := json.loads(item.arguments or "{}").get("name", "")) or n.lower()
        for item in ctx.items[said_at:]
        if item.type == "function_call" and item.name == "look_up_contact"
    ]
    for name in named:  # the first was looked up already, unless a number was read first
        if (directory.find(name) or name.lower()) not in looked_up:
            return [tool_call("look_up_contact", name=name, purpose=purpose)]
    return []


# Whom the caller picked by team after a name: "bring in Dana as well, the support one"
_THE_TEAM_ONE_RE = re.compile(
    r",\s*(?:the|that)\s+(?P<team>[\w-]+)\s+(?:one|guy|lady|person|woman|man|girl|bloke)\b", re.I
)


def _one_described(named: list[str], text: str, directory: Directory) -> list[str]:
    """ "Dana as well, the support one": Dana White, one person, never Dana and the support
    desk as two; any other names as they were."""
    if not (m := _THE_TEAM_ONE_RE.search(text)) or len(named) < 2:
        return named
    team = m.group("team").lower()
    if named[-1].lower() != team or len(directory.find(named[-2])) < 2:
        return named
    return [*named[:-2], described(named[-2], text, directory)]


def _picks(ctx: llm.ChatContext, at: int, directory: Directory) -> bool:
    """Whether the caller's line at `at` answers a look-up that found several contacts."""
    calls = [i for i in ctx.items[:at] if i.type == "function_call"]
    if not calls or calls[-1].name != "look_up_contact":
        return False
    return len(directory.find(json.loads(calls[-1].arguments or "{}").get("name", ""))) > 1


def next_queued(
    ctx: llm.ChatContext, directory: Directory | None = None, *, first: bool = False
) -> list[Step]:
    """Read back the next number the caller gave in one breath and that is not read back yet:
    "call A and B" reads back B once A is dialled or refused; a number given to the
    receptionist is read back by the host. Then the next person named ("Dana and Fox")."""
    numbers = _numbers_queued(ctx) or _dropped(ctx)
    if numbers or directory is None:
        return numbers
    return _names_queued(ctx, directory, first)


def _dropped(ctx: llm.ChatContext) -> list[Step]:
    """A number read back and answered by a yes with a new request ("yes, and then get the
    sales desk too"): no clear yes, so the new request was read back instead; once that one is
    dialled or declined the number is read back again, never lost. None once it was read back
    again or dialled, or once the tool refused it."""
    items = ctx.items
    for at in range(len(items) - 1, -1, -1):
        item = items[at]
        if item.type != "function_call" or item.name != "read_back_number":
            continue
        if any(
            i.type == "function_call_output" and i.call_id == item.call_id and i.is_error
            for i in items[at:]
        ):
            return []  # refused ("I can only dial numbers in the United States"): never asked again
        args = json.loads(item.arguments or "{}")
        number = args.get("phone_number", "")
        said = next((i for i in items[at:] if i.type == "message" and i.role == "user"), None)
        if said is None or understand(said.text_content or "").confirm is not True:
            return []  # the latest read-back was answered otherwise (or not yet)
        later = [i for i in items[items.index(said) :] if i.type == "function_call"]
        if not later or later[0].name not in _READ_BACK_TOOLS:
            return []  # its yes was taken: dialled
        if any(
            _digits(json.loads(i.arguments or "{}").get("phone_number", "")) == _digits(number)
            for i in later
        ):
            return []  # read back again, or dialled
        return [
            tool_call("read_back_number", phone_number=number, purpose=args.get("purpose", "add"))
        ]
    return []


def _numbers_queued(ctx: llm.ChatContext) -> list[Step]:
    said_at, reading = None, None
    for i in range(len(ctx.items) - 1, -1, -1):  # the caller's latest words with a number
        item = ctx.items[i]
        if (
            item.type == "message"
            and item.role == "user"
            and _MAY_HAVE_DIGITS.search(item.text_content or "")
        ):
            said_at, reading = i, understand(item.text_content or "")
            if reading.numbers:
                break
    if reading is None or not reading.numbers or reading.action not in _READS_BACK:
        return []
    if reading.cancel and reading.action is None:  # "cancel the call to 415 555 0146"
        return []
    done = {
        _digits(json.loads(item.arguments or "{}").get("phone_number", ""))
        for item in ctx.items[said_at:]
        if item.type == "function_call" and item.name == "read_back_number"
    }
    if given_name(reading.text):  # "Tommo is 415 555 0133" once 0133 is on: a name, no dial
        done |= {
            _digits(json.loads(item.arguments or "{}").get("phone_number", ""))
            for item in ctx.items[:said_at]
            if item.type == "function_call" and item.name == "add_sip_participant"
        }
    queued = [n for n in reading.numbers if _digits(n) not in done]
    purpose = reading.action if reading.action in ("transfer", "warm_transfer") else "add"
    if not queued:
        return []
    return [tool_call("read_back_number", phone_number=queued[0], purpose=purpose)]


# Sent to someone by name, no request said: "I was told to speak with Fox Mulder", "they said
# to ask for Dana"
_SENT_TO_RE = re.compile(
    r"\b(?:told|asked|supposed|meant|said|advised|directed)\s+(?:me\s+)?to\s+(?:speak|talk"
    r"|ask for|get through|get hold of|contact|call)\b",
    re.IGNORECASE,
)
# Requests whose numbers are read back: "call A and B"; "introduce me to him, 415 555 0186".
_READS_BACK = ("add", "conference", None, "transfer", "warm_transfer")
_MAY_HAVE_DIGITS = re.compile(
    r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|oh)\b", re.IGNORECASE
)
