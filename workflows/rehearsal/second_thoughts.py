"""What a caller says beside or after a read-back that is neither its yes nor its no: "No no,
I do want the transfer, I was just asking" after calling it off reads the transfer last
offered back again; "yes and mute her when she joins" is no clear yes (the yes rule is never
loosened), so the read-back waiting is read again rather than "which person?".
"""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.call.confirmation import words_of
from workflows.rehearsal.history import Pending, pending_read_back
from workflows.rehearsal.mentions import read_again
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.steps import Step
from workflows.rehearsal.transfer_kind import transfer_answer

_I = re.IGNORECASE
_TRANSFERS = ("transfer", "warm_transfer")
# The caller takes back calling a transfer off: "I do want the transfer", "I was just asking".
_WANTS_IT_RE = re.compile(
    r"\bi (?:do|still|really|actually|did) (?:want|need) (?:the|that|a|my) transfer\b"
    r"|\bi (?:do|still|really|actually|did) want (?:to be|you to) (?:transferred|transfer me)\b"
    r"|\bi was (?:just|only) (?:asking|correcting|fixing|changing)\b"
    r"|\b(?:it|that) was (?:just|only) a question\b"
    r"|\bgo ahead with (?:the|that) transfer\b",
    _I,
)
# "no wait, I do still want Mulder!": the one last offered, wanted after all
_STILL_WANT_RE = re.compile(
    r"\bi (?:do )?(?:still|really|actually|do) (?:want|need) (?P<who>[\w' -]{1,30}?)"
    r"\s*(?:[!.,?]|$)",
    _I,
)
_THEM = frozenset({"him", "her", "them"})
# "... when she joins": the one waiting for the yes, not someone on the call already.
_WHEN_JOINS_RE = re.compile(
    r"\b(?:when|once|as soon as|after)\s+(?:he|she|they|it)(?:'s|\s+is|\s+are)?\s+(?:joins?"
    r"|picks? up|answers?|gets? on|comes? on|connects?|connected|on|in|through|dialled|dialed)\b",
    _I,
)
_ON_SOMEONE = ("remove", "mute", "unmute")


def last_offered(ctx: llm.ChatContext, prompts: Prompts, purposes: tuple[str, ...]) -> Pending:
    """The last read-back for one of `purposes`, waiting or called off since; None if none."""
    for at in range(len(ctx.items) - 1, -1, -1):
        if ctx.items[at].type != "function_call_output":
            continue
        offered = pending_read_back(llm.ChatContext(ctx.items[: at + 1]), prompts)
        if offered is not None and offered.purpose in purposes:
            return offered
    return None


def taken_back(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[Step] | None:
    """ "No no, I do want the transfer, I was just asking. Will I lose you?" with nothing
    waiting: the transfer last offered, read back anew for the caller's yes (a question about
    transfers beside it answered first); None for any other line."""
    if pending_read_back(ctx, prompts) is not None:
        return None
    if (offered := last_offered(ctx, prompts, _TRANSFERS)) is None:
        return None
    still = _STILL_WANT_RE.search(reading.text)  # "I do still want Mulder!": that one
    wanted = still and set(words_of(still.group("who"))) & (set(words_of(offered.who)) | _THEM)
    if not (_WANTS_IT_RE.search(reading.text) or wanted):
        return None
    asked = transfer_answer(reading, prompts, offered.purpose)
    said = [asked] if reading.asks_about_transfer else []
    # "No, I do want him. Just introduce me to him first": the transfer, introduced first
    warm = reading.action == "warm_transfer"
    return [*said, read_again(offered, "warm_transfer" if warm else None)]


# "the number you just said for Dana is fine", "that number's right": the one read back
_SAME_NUMBER_RE = re.compile(
    r"\b(?:the|that) (?:same )?number (?:you (?:just )?(?:said|read(?: out)?|gave|had|mentioned)"
    r"|for \w+ (?:is|was)|(?:is|was|'s) (?:fine|right|correct|good|ok|okay))\b",  # not "Okafor"
    _I,
)


def same_again(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[Step] | None:
    """ "the number you just said for Dana is fine. dial her" after that read-back got no clear
    yes (waiting for a correction, or called off): read again for the caller's yes (which
    alone dials); None for any other line."""
    if not _SAME_NUMBER_RE.search(reading.text) or reading.phone_number:
        return None
    offered = pending_read_back(ctx, prompts) or last_offered(ctx, prompts, ("add", *_TRANSFERS))
    if offered is None:
        return None
    if reading.target and not set(words_of(reading.target)) <= set(words_of(offered.who)) | _THEM:
        return None  # "the number you said for Dana is fine, but call Fox": someone else
    return [read_again(offered)]


def yes_and_more(reading: Reading, pending: Pending | None, yes: bool, named: str | None) -> bool:
    """Whether a line says yes to the read-back waiting with a request about the person it
    names ("yes and mute her when she joins"): no clear yes, so that read-back is read again.
    `named` is whom the request would otherwise be about."""
    if pending is None or yes or reading.confirm is not True or reading.action not in _ON_SOMEONE:
        return False
    return named is None or bool(_WHEN_JOINS_RE.search(reading.text))


# A question of the line taken back before its answer: "... never mind, yes, dial it."
_TAKEN_BACK_RE = re.compile(
    r"^(?:never ?mind(?: that)?|forget (?:it|that)|scratch that|doesn't matter|no matter)"
    r"[,.]?\s+",
    re.I,
)
# The end of a sentence: what comes after it may be the line's answer
_SENTENCE_END_RE = re.compile(r"(?<=[.!;])\s+")


def yes_last(reading: Reading, pending: Pending | None, says_yes) -> bool:
    """Whether a line explains, then ends on a sentence the yes rule (`says_yes`, on text)
    accepts, with the read-back waiting: "Oh I see, you haven't rung him yet. Yes, please ring
    him", or takes back what it asked before and says yes ("never mind, yes dial her"). The
    line as a whole is no clear yes (the rule is never loosened): the read-back is
    read again for the caller's own yes, never "what's the right number?"."""
    if pending is None or reading.numbers or any(c.isdigit() for c in reading.text):
        return False
    *said, last = _SENTENCE_END_RE.split(reading.text.strip())
    if not said:  # "never mind, yes dial her": what was asked before, taken back, then a yes
        return bool(_TAKEN_BACK_RE.match(last)) and says_yes(_TAKEN_BACK_RE.sub("", last))
    return says_yes(last) or says_yes(_TAKEN_BACK_RE.sub("", last))
