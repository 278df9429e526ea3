"""The offline host leaves the caller's small talk with the others on the call unanswered.

With someone else on the call, a caller's line in which the model finds nothing for the host
(no request, number, contact (also "both Danas"), name given ("his name is Rahul") or name of
someone on the call; a contact named is looked up before this) and which answers no question
the host put to the caller ("thanks, that helps a lot", "how was the trip?") gets the aside
marker instead of "I didn't catch that": the host's `llm_node` says nothing for it and logs
`caller_aside` (`workflows/lifecycle/asides.py`). A line that names the host keeps the help.
"""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.call.addressing import (
    addressed_at,
    is_addressed,
    may_be_aside,
    puts_a_question,
    said_to_another,
)
from workflows.call.asking import asks
from workflows.call.directory import Directory
from workflows.lifecycle.hearing import SPEAKER
from workflows.rehearsal.history import dialled_in, filled, pending_read_back
from workflows.rehearsal.host_sent_away import host_sent_away
from workflows.rehearsal.leaving import asks_leaving
from workflows.rehearsal.mentions import read_again
from workflows.rehearsal.nlu import Reading, understand
from workflows.rehearsal.nlu.call_questions import call_question
from workflows.rehearsal.nlu.mute_questions import own_line_asked
from workflows.rehearsal.nlu.questions import (
    COST_QUESTION_RE,
    RECORDING_ASKED_RE,
    REGIONS_QUESTION_RE,
)
from workflows.rehearsal.nlu.time_left import time_left
from workflows.rehearsal.steps import Step


def unless_aside(
    steps: list[Step],
    ctx: llm.ChatContext,
    reading: Reading,
    prompts: Prompts,
    directory: Directory,
) -> list[Step]:
    """`steps`, or the marker when they only say the line was not understood and the line
    may be an aside (`may_be_aside`, on what the chat so far shows)."""
    naming = any(getattr(step, "name", "") == "name_participant" for step in steps)
    naming = naming or _drops(steps, prompts)  # "No, not Monica, thank you. Fox, she's ..."
    if not naming and greets_one_on(ctx, reading, prompts):  # "Monica ma'am, good morning,
        # thank you for joining.": said to Monica, never a look-up; a read-back waiting is
        # asked again ("thanks. mom's name is Rosa" names Mom, for the host)
        pending = pending_read_back(ctx, prompts)
        return [read_again(pending)] if pending else [prompts.host.asides.marker]
    offline = prompts.offline
    unsure = (offline.host_not_understood, offline.help, offline.ask_number, offline.anything_else)
    unsure += (offline.answers.cannot_tell,)  # "how was the trip?" to Dana
    if len(steps) != 1 or steps[0] not in unsure:
        return steps
    if reading.action:  # "add someone": asked for the number (a number, a contact or a
        return steps  # "which one?" is acted on before a line gets here)
    if _just_refused(ctx):  # "yes" right after "I've already placed 3 calls ...": answered
        return steps
    legs = dialled_in(ctx, prompts)
    if any(_names(reading.text, who) for who, _ in legs):
        return steps  # "Dana's been great": about someone on the call (a contact is looked up)
    if _CHECKS_HEARD_RE.search(reading.text):  # "Hello? Did you hear me?": never silence
        return [offline.still_here]
    if _NAMING_RE.search(reading.text) or _names_a_contact(reading.text, directory):
        return steps  # "his name is Rahul", "both Danas still around?": for the host
    if not may_be_aside(
        reading.text,
        [prompts.host.name],
        others_on=any(answered for _, answered in legs),
        question_pending=_asked(ctx, prompts),
    ):
        return steps
    return [prompts.host.asides.marker]


# A greeting or thanks: "good morning", "thank you for joining", "welcome", "merci"
_GREETS_RE = re.compile(
    r"\b(?:good (?:morning|afternoon|evening|day)|hello|hi|hey|welcome|thanks|thank you"
    r"|merci|nice to (?:meet|have|hear)|glad (?:you|to have))\b",
    re.I,
)


def _drops(steps: list[Step], prompts: Prompts) -> bool:
    """Whether `steps` drop the read-back waiting ("Okay, I won't dial Monica ..."): a no
    to it, never taken back by a thanks to someone on the call beside it."""
    said = [step for step in steps if isinstance(step, str)]
    dropped = (prompts.offline.dropped, prompts.offline.dropped_transfer)
    return any(filled(d, step) for step in said for d in dropped)


def greets_one_on(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> bool:
    """Whether the caller's line only greets or thanks someone already on the call by name
    ("Monica ma'am, good morning, thank you for joining.", "welcome aboard Fox"): no request,
    number or question in it, and it never names the host."""
    text = reading.text
    if reading.action or reading.phone_number or reading.goodbye or reading.cancel or "?" in text:
        return False
    if not _GREETS_RE.search(text) or re.search(rf"\b{re.escape(prompts.host.name)}\b", text, re.I):
        return False
    return any(answered and _names(text, who) for who, answered in dialled_in(ctx, prompts))


def _names(text: str, who: str) -> bool:
    """Whether `text` names someone on the call by a word of their name ("Dana's great")."""
    return any(re.search(rf"\b{re.escape(w)}\b", text, re.I) for w in _NAME_RE.findall(who))


_NAME_RE = re.compile(r"[^\W\d_]{3,}")
# The caller checking they were heard after no answer: "Hello? Did you hear me?", "hello??"
_CHECKS_HEARD_RE = re.compile(
    r"\b(?:did|do)\s+(?:you|u|ya)\s+(?:even\s+)?(?:hear|get)\s+(?:me|that|what i said)\b"
    r"|^\W*hello\s*\?|\bhello\W+(?:anyone|anybody|ava)\b|\b(?:any(?:one|body))\s+there\b",
    re.I,
)
# "his name is Rahul", "her name's Priya": the caller names someone, for the host to note.
_NAMING_RE = re.compile(r"\b(?:his|her|their)\s+name(?:'s|s|\s+is)\b", re.I)


def _names_a_contact(text: str, directory: Directory) -> bool:
    """Whether `text` names a directory contact by a word of their name, also in the plural
    or possessive ("both Danas", "Mulder's line"): a question about them is for the host."""
    said = {w.lower() for w in _NAME_RE.findall(text)}  # "Mulder's": "Mulder" (and "s", short)
    said |= {w.removesuffix("s") for w in said}  # "Danas": "Dana"
    names = {w for contact in directory.contacts for w in _NAME_RE.findall(contact.name.lower())}
    return bool(names & said)


def _just_refused(ctx: llm.ChatContext) -> bool:
    """Whether the host's turn before this line ended in a tool's refusal."""
    said = [
        i for i, item in enumerate(ctx.items[:-1]) if item.type == "message" and item.role == "user"
    ]
    since = ctx.items[said[-1] + 1 : -1] if said else ctx.items[:-1]
    return any(i.type == "function_call_output" and i.is_error for i in since)


def _asked(ctx: llm.ChatContext, prompts: Prompts) -> bool:
    """Whether the host's last line put a question to the caller, or a read-back waits."""
    if pending_read_back(ctx, prompts) is not None:
        return True
    said = [i for i in ctx.items[:-1] if i.type == "message" and i.role == "assistant"]
    return bool(said) and puts_a_question(said[-1].text_content or "")


def answers_participant(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> bool:
    """Whether the caller's line (the last of `ctx`, participants' lines kept) answers the
    participant who spoke just before it ("Graham: can you hear me?" - "yes loud and clear
    Graham"): no request, number or goodbye in it, and no read-back waits for a yes."""
    said = [i for i in ctx.items[:-1] if i.type == "message"]
    if not said or not _spoken_by_participant(said[-1]):
        return False
    if reading.action or reading.phone_number or reading.goodbye or reading.cancel:
        return False
    if own_line_asked(reading.action, reading.target, reading.text):
        return False  # "sweet. ava put me on hold for a sec lol": asked of the host
    if asks_leaving(reading.text) or host_sent_away(ctx, reading, prompts):
        return False  # "can i leave and they stay on?", "ur good ava, u can leave us to it"
    if _asks_host(reading.text, prompts.host.name):
        return False  # "we need a quote for 40 seats. ava, how much r they": asked of the host
    view = llm.ChatContext([i for i in ctx.items if not _spoken_by_participant(i)])
    if (_about_the_call(reading.text) or time_left(reading.text)) and not any(
        _names(reading.text, who) for who, _ in dialled_in(view, prompts)
    ):
        return False  # "does this cost me anything btw", "gotta go in ten mins" after "Ines:
        # hey": for the host
    return pending_read_back(view, prompts) is None


def _asks_host(text: str, host: str) -> bool:
    """Whether `text` calls the host by name and asks it something, the question before or
    after the name ("ava how much are they", "how much would that be, ava?")."""
    if not is_addressed(text, [host]):
        return False
    after = re.split(rf"\b{re.escape(host)}\b", text, flags=re.I)[-1]
    return asks(text) or asks(after)


_DIALLING_RE = re.compile(r"\b(?:numbers?|dial\w*|call|ring|phones?|mobiles?)\b", re.IGNORECASE)


def _about_the_call(text: str) -> bool:
    """Whether `text` asks about the call itself: its cost ("is this call free?"), its
    recording, how long it may last, whether the line works (`call_question`), what numbers it
    may dial ("do you do berlin numbers?", never "are you in london?", asked of the person)."""
    asked = COST_QUESTION_RE.search(text) or RECORDING_ASKED_RE.search(text)
    asked = asked or (REGIONS_QUESTION_RE.search(text) and _DIALLING_RE.search(text))
    return bool(asked or call_question(text))


def calls_one_on(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> bool:
    """Whether the caller's line is said to someone on the call: one of its sentences opens by
    calling them ("the bank wants my account number now. Funmi, should I say it out loud?",
    "Funmi, do you think I should press 3?"), what comes before asks the host nothing (no
    request or number), it never turns to the host ("..., Ava, mute her") and it answers no
    question of the host's (a read-back waiting)."""
    if reading.said_to or reading.goodbye or reading.cancel:
        return False  # "Amir, thanks, you can hang up now": his leaving, for the host
    host = [prompts.host.name]
    view = llm.ChatContext([i for i in ctx.items if not _spoken_by_participant(i)])
    others = [who for who, answered in dialled_in(view, prompts) if answered]
    if not others or _asked(view, prompts):
        return False
    sentences = re.split(r"(?<=[.!?;])\s+", reading.text.strip())
    for i, sentence in enumerate(sentences):
        if said_to_another(sentence, others, host):
            before = understand(" ".join(sentences[:i]))
            if before.action or before.phone_number or before.goodbye or before.cancel:
                return False  # "Remove the bank. Funmi, can you hear me?": the removal
            rest = " ".join(sentences[i:])  # "Fox? drop him": the host is asked to act
            if not said_to_another(rest, others, host) or is_addressed(rest, host):
                return False
            return addressed_at(rest, host) is None
    return False


# "sorry, what was that? I was talking to Graham": the caller missed the host's last line
_MISSED_RE = re.compile(
    r"\bsay (?:that|it) again\b|\brepeat (?:that|it)\b|\bcome again\b|\bpardon\b"
    r"|\bwhat did you (?:just )?say"
    r"|\b(?:sorry|beg your pardon)\W+what was that\b|\bwhat was that\W+(?:sorry|i was)\b"
    r"|\bi (?:missed|didn't catch|did not catch|didn't hear|did not hear) (?:that|what you said)\b",
    re.I,
)


def said_again(ctx: llm.ChatContext, reading: Reading) -> str | None:
    """The host's last line, when the caller asks for it again and for nothing else."""
    if not _MISSED_RE.search(reading.text) or reading.phone_number:
        return None
    if reading.action not in (None, "status") or reading.asks_about:
        return None
    for item in reversed(ctx.items[:-1]):
        if item.type == "message" and item.role == "assistant" and item.text_content:
            return item.text_content
    return None


def _spoken_by_participant(item: llm.ChatItem) -> bool:
    return item.type == "message" and bool((item.extra or {}).get(SPEAKER))
