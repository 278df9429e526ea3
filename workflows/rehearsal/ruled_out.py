"""A no to a contact's read-back that rules that contact out by name ("No, not Monica, thank
you.", "not Monica please", "no, skip Monica"): the read-back dropped ("Okay, I won't dial
..."), never "what's the right number?" (a contact has no number the caller could fix); with
the declines of `nlu/cancel.py` ("nah skip Mulder lol"), unless the line asks someone else."""

from __future__ import annotations

import re

from workflows.call.confirmation import words_of
from workflows.rehearsal.history import Pending
from workflows.rehearsal.nlu.cancel import DECLINE_RE
from workflows.rehearsal.nlu.text import asks_without_refusing, without_asked_of

# "not Monica", "no, not Ms. Reyes": the words after "not" to the clause's end
_NOT_NAMED_RE = re.compile(r"\bnot\s+(?:(?:mr|mrs|ms|dr)\.?\s+)?([^,.;!?]+)", re.I)
_FILLER = frozenset({"please", "thanks", "thank", "you", "this", "time", "today", "now", "then"})


def declines(text: str, pending: Pending | None) -> bool:
    """Whether `text` declines the read-back waiting: a decline ("nah skip Mulder"), or a no
    naming the contact read back ("not Monica, thank you"); never a question to another person
    ("leave her. Amir, can you hear me?")."""
    if asks_without_refusing(without_asked_of(text)):
        return False
    return bool(DECLINE_RE.search(text)) or (pending is not None and _rules_out(text, pending))


def _rules_out(text: str, pending: Pending) -> bool:
    """Whether `text` says "not" of the contact read back by its own name."""
    if not pending.lookup:
        return False
    read = set(words_of(pending.who.split(" at ")[0]))
    for m in _NOT_NAMED_RE.finditer(text):
        said = set(words_of(m.group(1))) - _FILLER
        if said and said <= read:
            return True
    return False
