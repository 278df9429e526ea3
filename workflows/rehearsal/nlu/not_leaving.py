"""Goodbye words that are no goodbye: said of someone else ("he's gotta run"), of later ("I've
gotta go in a sec"), or with a job to do ("I need to run a call", "go over the numbers")."""

from __future__ import annotations

import re

_I = re.IGNORECASE
# Leaving said of someone else: "he's gotta run", "Dana has to drop off" is no goodbye.
_THIRD_PERSON_RE = re.compile(
    r"(?:\b(?:he|she|they)\b|\b(?!(?:it|that|what|there|here|let|who|that)'s)[a-z]+'s\b"
    r"|\b(?:has|needs|wants|is)\b)[^,.;!?]{0,20}$",
    _I,
)
# Leaving later, not now: "I've gotta go in a sec".
_LATER_RE = re.compile(
    r"\s+(?:in (?:a|an|\w+|\d+) ?(?:sec|second|minute|moment|bit|few|while|hour)s?|soon|shortly"
    # "I have to hop off in 5", "in ten mins", "in a couple", "in like 2 min": a time, later
    r"|in (?:(?:like|about|around|maybe|roughly|another|just) )?(?:a |an )?"
    r"(?:\d+|couple|few|one|two|three|four|five|six|ten|fifteen|twenty|thirty|half an?)"
    r"(?: ?(?:of )?(?:secs?|mins?|minutes?|hours?|hrs?|moments?))?"
    r"|later|after(?:wards| that| this| the call)?|once|when|whenever|any\s?time|at some point"
    # "I need to drop off at half past", "leave at 3", "hop off at 4pm": at a time, later
    r"|(?:at|by) (?:\d{1,2}(?:[:.]\d\d)?(?: ?(?:am|pm|o'?clock))?|noon|midday|half past"
    r"|quarter (?:past|to)))\b",
    _I,
)
# Leaving after something else, in the same clause: "... and then I'll probably hop off".
_LATER_BEFORE_RE = re.compile(  # not "Alright, then we're finished", "ok then, ..."
    r"\b(?:(?<![,.;!?] )then(?!\s*,)|after(?:wards| that)?|later|probably|might|may|eventually"
    r"|at some point)\b"
    r"[^,.;!?]{0,20}$",
    _I,
)
# A leaving verb with a job after it: "run a call", "go over the numbers", "leave a message",
# "drop off the report". Leaving the call itself still leaves: "I have to leave the call".
_LEAVING_VERB_RE = re.compile(r"\b(?:go|run|leave|off)$", _I)
_ERRAND_RE = re.compile(
    r"\s+(?:over|through)\b"
    r"|\s+(?:a|an|the|this|that|my|our|his|her|their|some|these|those|it|them|him)\b"
    r"(?!\s+(?:whole\s+)?(?:call|conference|line|meeting|chat|room)\b)",
    _I,
)
_RUN_WHAT_RE = re.compile(r"\s+(?:a|an|the|this|that|my|our|it)\b", _I)  # "run this meeting"


def has_errand(t: str, m: re.Match) -> bool:
    """Whether the leaving verb matched by `m` in `t` has an object or a purpose after it."""
    said = m.group()
    if not _LEAVING_VERB_RE.search(said):
        return False
    if said.lower().endswith("run") and _RUN_WHAT_RE.match(t, m.end()):
        return True
    return bool(_ERRAND_RE.match(t, m.end()))


def not_leaving(t: str, m: re.Match, negated) -> bool:
    """Whether the goodbye words matched by `m` in `t` are no leave taken now: negated ("don't
    hang up"), said of someone else, of later, or with a job to do."""
    before = t[max(0, m.start() - 30) : m.start()]
    return bool(
        negated(t, m.start())
        or _THIRD_PERSON_RE.search(before)
        or (_LATER_RE.match(t, m.end()) and not m.group().endswith(("back", "again")))
        or _LATER_BEFORE_RE.search(before)
        or has_errand(t, m)
    )
