"""A transfer as the caller says it: a question about it answered for what it asks ("is this a
cold transfer?", "what happens with Matthias when you transfer me?"), and a standing warm
transfer made cold by "just connect me, no introduction needed"."""

from __future__ import annotations

import re
from dataclasses import replace

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.call.confirmation import words_of
from workflows.rehearsal.destination import specific
from workflows.rehearsal.history import Pending, pending_read_back
from workflows.rehearsal.nlu import Reading, understand
from workflows.rehearsal.nlu.dismiss import asks_if_dropped
from workflows.rehearsal.nlu.numbers import digitize
from workflows.rehearsal.nlu.transfer_asks import (
    OTHERS_WAITING_RE,
    THIS_CALL_RE,
    again_asked,
    not_reached_asked,
)
from workflows.rehearsal.nlu.warm import COLD_RE
from workflows.rehearsal.number_place import place_of_number

# Whether the host stays once the caller is put through: "and once I'm with them, will you still
# be there?", "do I get dropped?" (asked of a transfer read back: what a transfer does)
_STILL_THERE_RE = re.compile(
    r"\b(?:will|would)\s+(?:you|u)\s+(?:still\s+)?(?:be\s+(?:there|here|around|on\s+the\s+(?:line"
    r"|call))|stay(?:ing)?(?:\s+on)?)\b|\b(?:do|will|would)\s+i\s+(?:get\s+|be\s+)?(?:dropped"
    r"|cut\s+off|disconnected)\b"
    # "Will I still be talking to you once they're on?", "do i still get to talk to u after?"
    r"|\b(?:will|would|do|can|am)\s+i\s+still\s+(?:be\s+)?(?:get\s+to\s+)?(?:talk|speak|hear"
    r"|have|get)(?:ing)?\s+(?:to\s+|with\s+)?(?:you|u|ya)\b",
    re.IGNORECASE,
)


def transfer_answer(reading: Reading, prompts: Prompts, purpose: str | None = None) -> str:
    """The answer to a question about a transfer: whether the host introduces the caller (as
    the transfer read back, `purpose`, is), what happens to the others on the call, or (any
    other) that the call with the host ends."""
    offline = prompts.offline
    if reading.transfer_asked == "warm" or (
        reading.transfer_asked == "kind" and purpose == "warm_transfer"
    ):
        return offline.transfer_warm  # "... or I have to tell everything again?": it can
    if reading.transfer_asked == "kind":
        return offline.transfer_kind
    if reading.transfer_asked == "others":
        # tools/transfer.py: a transfer hangs up everyone else; a warm one hangs up nobody
        warm = purpose == "warm_transfer"
        return offline.transfer_others_warm if warm else offline.transfer_others
    return offline.transfer_question


def repeat_asked(reading: Reading, purpose: str | None) -> Reading:
    """While a transfer's read-back (`purpose`) waits, "will I have to explain all this again to
    them?" read as a question whether the host introduces the caller, who would rather it did
    (answered that it can, the introduction read back); any other line as it is."""
    if purpose not in ("transfer", "warm_transfer") or reading.transfer_asked or reading.numbers:
        return reading
    if not again_asked(reading.text):
        return reading
    return replace(reading, transfer_asked="warm", asks_about_transfer=True)


def waiting_and_asked(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts
) -> tuple[Pending | None, Reading]:
    """The read-back waiting, and the line read with it (`repeat_asked`)."""
    pending = pending_read_back(ctx, prompts)
    reading = place_of_number(ctx, reading, pending)  # "transferred to the pharmacy": its number
    return pending, repeat_asked(reading, pending.purpose if pending else None)


def others_asked(reading: Reading, purpose: str, prompts: Prompts) -> str | None:
    """While a transfer's read-back (`purpose`) waits, the answer to a question about the
    others on the call said with no word of a transfer ("will Jake still be on when I pick
    up?"): what tools/transfer.py does to them; None for any other line."""
    if purpose not in ("transfer", "warm_transfer") or reading.numbers:
        return None
    if reading.transfer_asked or not (
        OTHERS_WAITING_RE.search(reading.text) or _others_dropped(reading.text)
    ):
        return None
    return transfer_answer(replace(reading, transfer_asked="others"), prompts, purpose)


# The caller asking about themselves or the host: "do I get dropped?", "will I lose you?"
_SELF_RE = re.compile(
    r"\b(?:lose|losing) (?:you|u|ya)\b|\b(?:i|we) (?:get|be|am|are)\b|\b(?:am i|are we)\b"
    r"|\b(?:me|us) (?:off|out)\b|\b(?:drop|cut|kick|remove) (?:me|us)\b",
    re.IGNORECASE,
)


def _others_dropped(text: str) -> bool:
    """Whether `text` asks if someone else would be let go ("would that kick lorraine off?",
    "does lorraine get cut off if u do that?"), not the caller or the host."""
    return asks_if_dropped(digitize(text)) and not _SELF_RE.search(text)


def asked_while_waiting(reading: Reading, purpose: str, prompts: Prompts) -> str | None:
    """While a transfer's read-back (`purpose`) waits, the answer to a question about it said
    with no request: what happens to this call after, or to the caller if the one rung is not
    reached (tools/transfer.py: the caller stays), or to the others; while an add's waits,
    whether the caller keeps the host (they do); None for any other line."""
    offline = prompts.offline
    if purpose == "add" and not reading.numbers and _STILL_THERE_RE.search(reading.text):
        return offline.will_add  # "will I still be talking to you once they're on?": yes
    if purpose not in ("transfer", "warm_transfer") or reading.numbers:
        return None
    warm = purpose == "warm_transfer"
    if not_reached_asked(reading.text):  # "if she doesn't pick up, what happens to me?"
        return offline.transfer_not_reached_warm if warm else offline.transfer_picked_up
    if THIS_CALL_RE.search(reading.text) and not reading.transfer_asked:
        # "what happens to this call after": it ends; with an introduction it stays on
        return offline.transfer_others_warm if warm else offline.transfer_question
    if _STILL_THERE_RE.search(reading.text) and not reading.transfer_asked:
        # "once I'm with them, will you still be there?": a transfer ends the call with the host
        return offline.transfer_others_warm if warm else offline.transfer_question
    return others_asked(reading, purpose, prompts)


def read_as_asked(reading: Reading, purpose: str) -> str:
    """The transfer read back again after a question about it: a warm one when the question
    says the caller would rather be introduced ("will you explain them my problem or I have to
    tell everything again?"), else as it was."""
    warm = reading.transfer_asked == "warm" and purpose == "transfer"
    return "warm_transfer" if warm else purpose


def as_said(purpose: str, text: str) -> str:
    """The transfer's kind as the caller last said it: a warm one is cold when the caller says
    "no introduction needed", "just put me straight through"."""
    return "transfer" if purpose == "warm_transfer" and COLD_RE.search(text) else purpose


def cold(reading: Reading, purpose: str) -> bool:
    """ "no need, directly is fine": a cold transfer asked for, not asked about; to a cold
    transfer's read-back (`purpose`) only when the line names no one else and takes nothing
    back ("nah, forget it, can I talk to Dana White directly instead?" is Dana)."""
    if not COLD_RE.search(reading.text) or reading.transfer_asked:
        return False
    return purpose == "warm_transfer" or not (
        reading.cancel or reading.target or reading.phone_number
    )


_SENTENCE_RE = re.compile(r"[^.!?]+[.!?]*")


def transfer_instead(reading: Reading, purpose: str) -> str | None:
    """To an add read back (`purpose`), a transfer asked for in a sentence of its own beside a
    question ("no, I mean transfer me to them. will I lose you if you do that?"): the kind
    asked for, read back with what it does; None for any other line, and for a transfer only
    asked about ("will I lose you if you transfer me?") or to someone else."""
    if purpose != "add" or reading.action not in ("transfer", "warm_transfer"):
        return None
    if "?" not in reading.text or reading.numbers or reading.target:
        return None
    for said in _SENTENCE_RE.findall(reading.text):
        if said.rstrip().endswith("?"):
            continue
        told = understand(said)
        if told.action == reading.action and not (told.target or told.numbers):
            return reading.action
    return None


def purpose_asked(reading: Reading, pending: Pending) -> str | None:
    """What a question takes the read-back waiting (`pending`) to be ("you're transferring me,
    right?"): "transfer", "add" or None; None too when the line names someone else, which is
    a request of its own ("Actually, can you transfer me to Mr Mulder instead?")."""
    if reading.asks_about_transfer or reading.numbers:
        return None
    named = set(words_of(reading.target or "")) - set(words_of(pending.who))
    if reading.target and specific(reading.target) and named == set(words_of(reading.target)):
        return None
    return reading.asks_purpose
