"""Needs told the way people tell them, for the receptionist: a group call asked for without the
word "conference" ("my manager wants a quick sync and I'm supposed to set it up", "get a quick
call together with a couple of colleagues"), and a problem with someone asked to sort it out
("My invoice is showing double charge since two months, I need somebody to sort it out")."""

from __future__ import annotations

import re

_I = re.IGNORECASE
_PEOPLE = (
    r"colleagues|co-?workers|team\s?mates|team\s?members|people|folks|clients|customers|suppliers"
    r"|guys"
)
# Asking for something the host does: a call with several people, by any name.
GROUP_CALL_RE = re.compile(
    # "wants a quick sync", "need a huddle with the team", "set up a catch-up"
    # ("I have a sync at 3" tells of one already set: no request)
    r"\b(?:wants?|needs?|like|set up|setup|arrange|organi[sz]e|schedule|get|do"
    r"|(?:(?<=\bcan\swe\s)|(?<=\bcould\swe\s)|(?<!\bi\s)(?<!\bwe\s))have)\b"
    r"[^.,;!?]{0,20}?\b(?:sync|huddle|catch[- ]?up|stand[- ]?up)\b"
    # "a three-way call with my two brothers", "a call happening with Dana and a couple others"
    r"|\b(?:three|four|five|3|4|5)[- ]way\s+call\b|\bcall\s+(?:happening|going|goin'?)\s+with\b"
    # "get a quick call together", "pull a call together"
    r"|\b(?:get|put|pull|throw)\s+(?:an?\s+)?(?:\w+\s+)?call\s+together\b"
    # "a call with a couple of colleagues", "on a call with my team mates"
    rf"|\bcall\s+(?:together\s+)?with\s+[^.,;!?]{{0,30}}?\b(?:{_PEOPLE})\b"
    # "getting a few of your people together on a call"
    rf"|\b(?:{_PEOPLE})\s+together\b",
    _I,
)
# A group call's own word as the whole need: "a quick sync and I have to set it up" (from "my
# boss wants a quick sync"): a conference call, said so
GROUP_CALL_WORD_RE = re.compile(
    r"^(?:an?\s+)?(?:(?:quick|short|little|brief)\s+)?(?:sync|huddle|catch[- ]?up|stand[- ]?up)\b",
    _I,
)
# A conference asked for by name: "I need a conference call", "can you set up a conference".
# It decides the need even beside a problem told ("I got cut off. I need a conference call").
CONFERENCE_ASKED_RE = re.compile(
    r"\b(?:need|want|like|set up|setup|arrange|organi[sz]e|schedule|get|run|start|book|do"
    r"|make)\b[^.,;!?]{0,25}?\b(?:conference|conf\.? call|group call)\b",
    _I,
)
# "I don't really want a conference", "not a conference call": a conference said not wanted
_NOT_A_CONFERENCE_RE = re.compile(
    r"\b(?:don't|do not|dont|didn't|did not)\s+(?:really\s+|actually\s+|even\s+)?(?:want|need)"
    r"\s+(?:an?\s+|any\s+)?(?:conference|conf|group call|call with)"
    r"|\bnot\s+(?:looking\s+for\s+|after\s+)?an?\s+(?:conference|group call)\b",
    _I,
)


def declines_conference(text: str) -> bool:
    """True for a line saying no conference is wanted ("I don't really want a conference, I
    just want someone to sort out the double charge"): what they need is something else."""
    return bool(_NOT_A_CONFERENCE_RE.search(text))


# "I have a sync at 3 and need Dana on it": a meeting someone is wanted on is a call with them
_MEETING_WITH_RE = re.compile(
    r"\b(?:sync|huddle|catch[- ]?up|stand[- ]?up|meeting|call)\b[^.;!?]{0,40}?\b(?:want|need)s?"
    r"\s+(?P<who>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)\s+(?:on|in on|to join|at)\s+(?:it|that)\b",
)


def meeting_with(text: str) -> str | None:
    """ "a call with Dana" for "I have a sync at 3 and need Dana on it"; None when no one is
    wanted on a meeting the line tells of (its time is never a number to dial)."""
    return f"a call with {m.group('who')}" if (m := _MEETING_WITH_RE.search(text)) else None


# "I need somebody to sort it out", "can someone look into it": a problem to hand to support
_WHO = r"(?:some(?:body|one)|anybody|anyone|a person)"
_SORT_OUT_RE = re.compile(
    rf"\b(?:(?:need|want|get)\s+{_WHO}\s+to|(?:can|could|will)\s+{_WHO})\s+"
    r"(?:sort|fix|look|check|help|deal|handle|take a look|figure)\b",
    _I,
)
# The problem itself, in the caller's clause: "My invoice is showing double charge"
_THING_RE = re.compile(
    r"\b(?:my|our)\s+(?P<n>[a-z]+)\s+(?:is|are|has|have|keeps|was)(?:\s+been)?\s+(?P<s>[a-z]+ing\b[^.,;!?]*)",
    _I,
)
# Problems of a kind support handles: "billing problems", "account issues", "login trouble"
PROBLEMS_OF_A_KIND_RE = re.compile(
    r"\b(?:billing|bill|invoice|invoicing|payment|account|login|password|technical|tech|network"
    r"|internet|connection|wifi|email|software|computer|laptop|phone)\s+(?:problems?|issues?"
    r"|trouble|questions?|quer(?:y|ies)|faults?)\b",
    _I,
)
_SINCE_RE = re.compile(r"\s+(?:since|for|from|every|all)\b.*$", _I)


def problem_to_sort(text: str) -> str | None:
    """The need of a caller who tells a problem and asks someone to sort it out: "support with
    their invoice showing double charge"; None unless both are said."""
    if not _SORT_OUT_RE.search(text) or not (m := _THING_RE.search(text)):
        return None
    state = _SINCE_RE.sub("", m.group("s")).strip().lower()
    return f"support with their {m.group('n').lower()} {state}"


# "a quick call with two people from sales", "a couple of folks in support", "a couple of
# support people": people, not a desk
_PEOPLE_FROM_RE = re.compile(
    r"\b(?:two|three|four|2|3|4|a\s+couple(?:\s+of)?|couple(?:\s+of)?|a\s+few|some|several)\s+"
    r"(?:(?:people|persons|folks|guys|colleagues|members|reps|of\s+(?:the|your)\s+(?:people"
    r"|folks|guys))\s+(?:from|in|on|at)\s+(?:the\s+|your\s+|our\s+)?(?P<team>[\w'-]+)"
    r"|(?!(?:my|our|your|the|their|other|more|extra|new|of)\b)(?P<before>[\w'-]+)\s+"
    r"(?:people|folks|guys|reps|members))\b",
    _I,
)


def people_from(text: str) -> str | None:
    """The team a line asks for people from ("a couple of folks from support", "two sales
    reps"), lower-case; None when it asks for none so."""
    m = _PEOPLE_FROM_RE.search(text)
    return (m.group("team") or m.group("before")).lower() if m else None
