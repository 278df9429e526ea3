"""The confirmation rule: a destination is dialled only on the caller's clear yes to its read-back.

Decided here, in code, from what the caller heard and said; never from anything the model
supplies. The rule (README, "Safe dial-out"):

1. A destination is confirmable only once its read-back, which names the number or contact,
   any extension and the purpose, has been said to the caller in full (its audio played out;
   a read-back cut off is not said).
2. The confirmation is the caller's first turn after that, and that turn must have *begun*
   after the read-back ended: a yes already under way (or typed) before it does not answer
   it. Any other turn closes the window, and so does anything else the agent says in
   between, or silence past `WINDOW_SECONDS`. News the agent must say while the question
   waits is followed by the read-back again (`workflows/lifecycle/questions.py`), which
   starts a new window.
3. That turn must be an unambiguous yes: only yes phrases and filler words from
   `prompts/confirmation.yaml`, no digits, no other words.
4. The window is anchored to the spoken read-back (its item in the session history), issued by
   the code. Two read-backs in one agent turn: neither is confirmable.

This module has no LiveKit imports: the tools feed it the history as (role, text) pairs and
the times on the call's clock.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

Purpose = Literal["add", "transfer", "warm_transfer"]
MAX_REPLY_CHARS = 200  # a yes is short; longer replies are never read as one
WINDOW_SECONDS = 30.0  # the caller's yes must begin this soon after the read-back ended
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_DIGIT = re.compile(r"\d")


class Words(Protocol):
    """The yes/no vocabulary (`prompts.models.ConfirmationWords`)."""

    yes: list[str]
    filler: list[str]
    no: list[str]


def words_of(text: str) -> list[str]:
    """Lower-case words of a reply: apostrophes kept, hyphens and punctuation dropped."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return _WORD.findall(text.replace("-", " "))


def is_clear_yes(text: str, words: Words) -> bool:
    """True only if `text` is made of yes phrases and filler words, with at least one yes."""
    if not text or len(text) > MAX_REPLY_CHARS or _DIGIT.search(text):
        return False
    tokens = words_of(text)
    if not tokens or says_no(text, words):
        return False
    yes = [p.split() for p in words.yes]
    filler = [p.split() for p in words.filler]
    i, heard_yes = 0, False
    while i < len(tokens):
        match = _longest(tokens, i, yes)
        if match:
            heard_yes = True
        else:
            match = _longest(tokens, i, filler)
        if not match:
            return False
        i += match
    return heard_yes


def says_no(text: str, words: Words) -> bool:
    """Whether the reply contains a refusal ("no", "don't", "not", ...)."""
    joined = f" {' '.join(words_of(text[: MAX_REPLY_CHARS * 5]))} "
    return any(f" {phrase} " in joined for phrase in words.no)


def _longest(tokens: list[str], start: int, phrases: list[list[str]]) -> int:
    """The length of the longest phrase matching `tokens` at `start`, or 0."""
    best = 0
    for phrase in phrases:
        n = len(phrase)
        if n > best and tokens[start : start + n] == phrase:
            best = n
    return best


@dataclass
class ReadBack:
    """A destination read back to the caller, waiting for their yes (`CallState.read_back`)."""

    target: str  # what is dialled: E.164, or a "sip:" URI from the directory (transfers only)
    name: str  # how the callee is named to the caller from now on: "+1 415-555-0100", "Dana"
    purpose: Purpose
    extension: str  # digits pressed once answered ("" for none); named in `text`
    text: str  # the read-back exactly as said to the caller
    turn: str  # the agent turn (speech) that issued it; two in one turn void both
    said_item: str | None = None  # history item of the spoken read-back, once said in full
    said_at: float | None = None  # when it finished playing (the call's clock)
    over: bool = False  # its speech has ended, said in full or cut off
    void: bool = False  # another read-back came in the same turn


Refusal = Literal[
    "nothing_read_back",
    "not_said",
    "two_read_backs",
    "no_reply",
    "spoke_between",
    "another_turn",
    "began_before_read_back_ended",
    "not_a_clear_yes",
    "too_late",
]


def check(
    read_back: ReadBack,
    after: Sequence[tuple[str, str]],
    reply_began: float | None,
    words: Words,
    window_seconds: float = WINDOW_SECONDS,
) -> Refusal | None:
    """Why `read_back` is not confirmed, or None if it is.

    `after` is every message said after the read-back, in order, as (role, text) with role
    "user" or "assistant"; `reply_began` is when the caller began the first of them, on the
    call's clock (None: not known, which never confirms).
    """
    if read_back.void:
        return "two_read_backs"
    if read_back.said_item is None or read_back.said_at is None:
        return "not_said"
    if not after:
        return "no_reply"
    role, reply = after[0]
    if role != "user":
        return "spoke_between"
    if sum(r == "user" for r, _ in after) > 1:
        return "another_turn"
    if reply_began is None or reply_began < read_back.said_at:
        return "began_before_read_back_ended"
    if not is_clear_yes(reply, words):
        return "not_a_clear_yes"
    if reply_began - read_back.said_at > window_seconds:
        return "too_late"
    return None
