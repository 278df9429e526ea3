"""An introduction's reason as words "about" can take ("I have Joaquin on the line about
..."): a sentence said of them made a phrase ("his badge is not working": "their badge not
working"), a team word before a need that names its own kind dropped ("support with a question
about their invoice": "a question about their invoice")."""

from __future__ import annotations

import re

_I = re.IGNORECASE


# A sentence said of them, which "about" cannot take: "his badge is not working" is said
# "their badge not working", "their badge is broken" "their badge being broken"
_SENTENCE_OF_RE = re.compile(
    r"^(?P<who>their|his|her|the)\s+(?P<n>(?:[\w-]+\s+){0,2}?[\w-]+)"
    r"(?:\s+(?P<v>is|are|was|were|isn't|isnt|aren't|arent|wasn't|wasnt)|'s)\s+(?P<s>\S.*)$",
    _I,
)


def as_phrase(about: str) -> str:
    """`about` as words "about" can take: a sentence of them made a phrase ("their badge not
    working"); anything else as it is."""
    if not (m := _SENTENCE_OF_RE.match(about)):
        return about
    who = "their" if m.group("who").lower() in ("his", "her") else m.group("who")
    state = m.group("s")
    if (m.group("v") or "").lower().replace("'", "").endswith("nt"):
        state = f"not {state}"  # "isn't working": not working
    elif not re.match(r"(?:not|never|still|\w+ing)\b", state, _I):
        state = f"being {state}"  # "is broken": being broken
    return f"{who} {m.group('n')} {state}"


# A team word before a need that says its own kind: "support with a question about their
# invoice" is introduced as "a question about their invoice"
_TEAM_FIRST_RE = re.compile(
    r"^(?:support|sales|billing|accounts|the\s+help\s?desk|help\s?desk)\s+(?:with|for|about)\s+"
    r"(?=(?:a|an|some|one|two|a\s+few)\s+(?:quick\s+|small\s+|little\s+)?(?:questions?|query"
    r"|queries|problems?|issues?|enquiry|enquiries|inquiry|inquiries|requests?)\b)",
    _I,
)


def without_team(reason: str) -> str:
    """`reason` without a team word before a need that names its own kind; else as it is."""
    reason = reason.strip()
    return reason[m.end() :] if (m := _TEAM_FIRST_RE.match(reason)) else reason
