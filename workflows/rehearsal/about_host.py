"""Short questions about the host and the call, answered in a line: what it may dial (from the
dial policy), whether it is a person, how long the call has gone on; then the call carries on
(a read-back waiting is read again, so the caller's next clear yes answers it)."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.rehearsal.history import filled, pending_read_back
from workflows.rehearsal.mentions import read_again
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.nlu.call_questions import call_question
from workflows.rehearsal.nlu.outside import outside_question
from workflows.rehearsal.nlu.questions import (
    ANYONE_QUESTION_RE,
    ASKED_AGAIN_RE,
    BOT_QUESTION_RE,
    CAPABILITY_QUESTION_RE,
    COST_QUESTION_RE,
    PERSON_QUESTION_RE,
    PLACE_FOR_IT_RE,
    PRICE_QUESTION_RE,
    RECORDING_ASKED_RE,
    REGIONS_QUESTION_RE,
    SOMEONE_ABOUT_RE,
)
from workflows.rehearsal.nlu.requests import HELP_RE
from workflows.rehearsal.nlu.status import HOW_LONG_RE
from workflows.rehearsal.nlu.time_left import time_left
from workflows.rehearsal.nlu.transfer_asks import not_reached_asked
from workflows.rehearsal.reception_asks import reception_answer
from workflows.rehearsal.steps import Step
from workflows.rehearsal.transfer_kind import asked_while_waiting, read_as_asked, transfer_answer

_NUMBER_AFTER = re.compile(r" at \+[\d -]+$")  # a contact's number after its name, as read back
# "is Dana still on? And who else?": the whole list answers both, said once
WHO_ELSE_RE = re.compile(r"\b(?:who|anyone|anybody|someone) else\b|\bwho all\b", re.IGNORECASE)


def about_host(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, regions: str, limit: int = 0
) -> list[Step] | None:
    """The host's answer to a question about itself, with the read-back waiting read again;
    None for any other line."""
    pending = pending_read_back(ctx, prompts)
    if pending and PERSON_QUESTION_RE.search(reading.text) and not reading.phone_number:
        who = _NUMBER_AFTER.sub("", pending.who)  # "Monica Reyes from Management"
        said = render(prompts.offline.answers.real_person, who=who)
        return [said, read_again(pending)]
    if pending and pending.purpose == "add" and not_reached_asked(reading.text):
        # "wait, if he doesnt pick up what happens": the call carries on; asked again
        return [prompts.offline.answers.add_not_answered, read_again(pending)]
    if _tells_time_left(reading):  # "gotta go in ten mins": noted, nothing ended
        return [prompts.offline.followups.people_noted] + ([read_again(pending)] if pending else [])
    if (said := answer_about_host(reading, prompts, regions, limit)) is None:
        return None
    # "will I lose you if you transfer me? and how long is the wait usually": each answered
    if _transfer_beside(reading):
        said = f"{transfer_answer(reading, prompts, pending.purpose if pending else None)} {said}"
        again = read_again(pending, read_as_asked(reading, pending.purpose)) if pending else None
        return [said] + ([again] if again else [])
    if pending and (asked := asked_while_waiting(reading, pending.purpose, prompts)):
        # "do I get cut off when you put me through? are they open?": both; "what if nobody
        # answers, will I be stuck on hold?": what happens if not reached answers the hold too
        held = said == prompts.offline.answers.cannot_tell and not_reached_asked(reading.text)
        said = asked if held else f"{asked} {said}"
    return [said] + ([read_again(pending)] if pending else [])


def _tells_time_left(reading: Reading) -> bool:
    """Whether the line only tells how long the caller has ("I only have 5 minutes"): no
    request, number, goodbye or question beside it."""
    if reading.action or reading.phone_number or reading.goodbye or reading.cancel:
        return False
    return time_left(reading.text) and "?" not in reading.text


def at_reception(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, regions: str, limit: int = 0
) -> str | None:
    """The receptionist's answer to a question about the host, or one asked again; with a
    question about the transfer beside it ("do I lose you? and how long is the wait?"), each."""
    said = answer_about_host(reading, prompts, regions, limit) or asked_again(ctx, reading, prompts)
    known = reception_answer(reading, prompts) if said and _transfer_beside(reading) else None
    return f"{known} {said}" if known else said


# "will I lose you if you transfer me?": a transfer named, beside the other question
_TRANSFER_RE = re.compile(r"\btransfer|\bput (?:me|us) (?:through|thru)\b", re.IGNORECASE)


def _transfer_beside(reading: Reading) -> bool:
    """Whether a line answered about the host also asks what a transfer does ("will I lose you
    if you transfer me? and how long is the wait?"), never "do you hang up when everyone
    leaves?", which its answer answers whole."""
    text = reading.text
    return bool(
        reading.asks_about_transfer
        and not reading.phone_number
        and _TRANSFER_RE.search(text)
        and call_question(text) is None
    )


def answer_about_host(
    reading: Reading, prompts: Prompts, regions: str, limit: int = 0
) -> str | None:
    """The answer to "are you a bot?" or "can you dial a UK number?" (`regions`: where the dial
    policy lets the host dial, as said; `limit`: the minutes a call may last, 0 if not known);
    None for any other line, or one giving a number."""
    answers = prompts.offline.answers
    if (asked := call_question(reading.text)) == "call_limit":  # "is there a limit?"
        return render(answers.call_limit, minutes=str(limit)) if limit else answers.cannot_tell
    if asked:  # "do you hang up when everyone leaves?"
        return getattr(answers, asked)
    if BOT_QUESTION_RE.search(reading.text):
        return answers.automated
    asks_someone = SOMEONE_ABOUT_RE.search(reading.text)  # "anyone to talk to about ...": help
    if regions and REGIONS_QUESTION_RE.search(reading.text) and not reading.phone_number:
        if asks_someone:
            return None
        return render(answers.dial_regions, regions=regions)
    said = []  # "is this where I set up a conference call? and does it cost anything?": both
    if (
        CAPABILITY_QUESTION_RE.search(reading.text)
        or PLACE_FOR_IT_RE.search(reading.text)
        # "can you connect me to a specific person?" ("what can you do? can you ...": the help)
        or (ANYONE_QUESTION_RE.search(reading.text) and not HELP_RE.search(reading.text))
    ) and not reading.phone_number:
        said.append(answers.capabilities)
    if COST_QUESTION_RE.search(reading.text):  # what the call costs: up to their phone plan
        said.append(answers.cost)
    elif PRICE_QUESTION_RE.search(reading.text):  # "how much r they" (seats): not known here
        said.append(answers.cannot_tell)
    if RECORDING_ASKED_RE.search(reading.text) and not reading.phone_number:
        said.append(answers.no_recording)  # "can you record the call?": it cannot
    outside = outside_question(reading.text) and not reading.phone_number  # "are they open?"
    if outside and not {answers.cannot_tell, answers.no_recording} & set(said):
        said.append(answers.cannot_tell)
    return " ".join(said) or None


def asked_again(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> str | None:
    """ "Klaus Becker. But can you?" after "can you transfer calls?" went unanswered: the
    answer to that question; None for any other line."""
    if not ASKED_AGAIN_RE.search(reading.text):
        return None
    said = [
        i.text_content or "" for i in ctx.items[:-1] if i.type == "message" and i.role == "user"
    ]
    return (
        prompts.offline.answers.capabilities
        if said and CAPABILITY_QUESTION_RE.search(said[-1])
        else None
    )


def call_length(ctx: llm.ChatContext, output: str, prompts: Prompts) -> str | None:
    """What was asked, from `get_call_state`'s `output`, whose summary is never said as it is (a
    participant never hears the caller's reason): the call's length to "how long have we been
    going?" (said by the caller or a participant: "Monica: Ava, how long ..."), else who is on
    and who still rings ("is it still ringing?"); None for any other output."""
    if not (found := filled(prompts.shared.state_summary, output)):
        return None
    said = [i for i in ctx.items if i.type == "message" and i.role == "user"]
    if said and HOW_LONG_RE.search(said[-1].text_content or ""):
        return said_length(float(found["minutes"]), prompts)
    if found["participants"] == prompts.shared.nobody_dialled:
        return prompts.host.just_us
    return render(prompts.host.participants, list=found["participants"])


def said_length(minutes: float, prompts: Prompts) -> str:
    """The call's length as a person says it: "under a minute", "about a minute", "about 2
    minutes" (the tool's "0.8 minutes" stays the model's input as it is)."""
    answers = prompts.offline.answers
    if minutes < 1:
        return answers.call_length_short
    if round(minutes) == 1:
        return answers.call_length_one
    return render(answers.call_length, minutes=str(round(minutes)))
