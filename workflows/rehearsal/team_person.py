"""A person asked for by their team rather than by name: "have the lady from sales on too", "the
sales guy", "someone from sales, a person not the desk". The team's one person in the directory
(never its desk) stands for those words; a team of several people, or none, leaves them as said."""

from __future__ import annotations

import re

from workflows.call.directory import Directory

_PERSON = r"(?:lady|guy|gal|girl|woman|man|bloke|fella|fellow|chap|person|rep|dude|lad|lass)"
_TEAM_PERSON_RE = re.compile(
    rf"\b(?:the|that|your|a)\s+(?:(?P<team>[\w'-]+)\s+{_PERSON}\b"
    rf"|{_PERSON}\s+(?:from|in|on|at|of)\s+(?:the\s+|your\s+)?(?P<t2>[\w'-]+)"
    r"(?:\s+(?:team|department|dept|side))?\b)"
    # "someone from sales, a person not the desk": the team's person, said so
    r"|\b(?:some(?:one|body)|a person)\s+(?:from|in|on)\s+(?:the\s+|your\s+)?(?P<t3>[\w'-]+)"
    r"(?:\s+(?:team|department|dept))?(?=\W+(?:a\s+)?(?:person|human|real person)?\W*not\s+"
    r"(?:the\s+|a\s+)?(?:desk|line|team)\b)",
    re.IGNORECASE,
)


def team_people(team: str, directory: Directory) -> list[str]:
    """The people of a directory team, its desk left out ("Sales desk")."""
    team = team.lower()
    return [
        c.name
        for c in directory.contacts
        if (c.team or "").lower() == team
        and team not in c.name.lower()
        and team not in {a.lower() for a in c.aliases}
    ]


def as_team_person(text: str, directory: Directory) -> str:
    """`text` with a team's person ("the lady from sales") said as the team's one person
    ("Dana Scully"); unchanged when the team has several people or none."""

    def one(m: re.Match[str]) -> str:
        people = team_people(m["team"] or m["t2"] or m["t3"], directory)
        return people[0] if len(people) == 1 else m[0]

    return _TEAM_PERSON_RE.sub(one, text)
