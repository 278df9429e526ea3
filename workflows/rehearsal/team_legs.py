"""A leg called by its contact's team: "take the sales lady off", "mute the one from sales",
"the guy in support can go". The leg on the call whose directory contact is in that team, when
exactly one is; None otherwise (the tools and the host's question decide)."""

from __future__ import annotations

import re

from workflows.call.directory import Directory

_PERSON = r"(?:lady|guy|gal|girl|woman|man|bloke|fella|fellow|chap|person|one|rep|dude|lad|lass)"
_TEAM_PERSON_RE = re.compile(
    rf"^(?:the|that|this|our|your)\s+(?P<team>[\w'-]+)\s+{_PERSON}$", re.IGNORECASE
)
_PERSON_TEAM_RE = re.compile(
    rf"^(?:the|that|this)\s+{_PERSON}\s+(?:from|in|on|at|of)\s+(?:the\s+|your\s+)?"
    r"(?P<team>[\w'-]+)(?:\s+(?:team|department|dept|side))?$",
    re.IGNORECASE,
)


_IN_LINE_RE = re.compile(
    rf"\b(?:the|that|this|our|your)\s+(?:(?P<team>[\w'-]+)\s+{_PERSON}"
    r"|" + _PERSON + r"\s+(?:from|in|on|at|of)\s+(?:the\s+|your\s+)?(?P<t2>[\w'-]+))\b",
    re.IGNORECASE,
)


def team_leg(target: str, line: str, live: list[str], directory: Directory) -> str | None:
    """The one leg of `live` (as the tools name them) whose contact is in the team `target`
    calls them by ("the sales lady", "the one from sales"), or, when `target` is a pronoun or
    none, the one team-person `line` speaks of ("the person in sales can go, drop her"); None
    when none or several are."""
    said = target.strip()
    if m := _TEAM_PERSON_RE.match(said) or _PERSON_TEAM_RE.match(said):
        return _on_team(m["team"], live, directory)
    if said and said.lower() not in _PRONOUNS:
        return None
    found = {(m["team"] or m["t2"]).lower() for m in _IN_LINE_RE.finditer(line)}
    return _on_team(found.pop(), live, directory) if len(found) == 1 else None


_PRONOUNS = frozenset({"him", "her", "them", "he", "she", "they", "em", "'em"})


def _on_team(team: str, live: list[str], directory: Directory) -> str | None:
    """The one leg of `live` whose directory contact is in `team`; None for none or several."""
    team = team.lower()
    members = {c.name for c in directory.contacts if c.team and c.team.lower() == team}
    on = [who for who in live if who in members]
    return on[0] if len(on) == 1 else None


# "the head of management", "the boss of the sales team", "your support manager": a team's head
_HEAD = r"(?:head|boss|manager|lead|chief|director|supervisor)"
_HEAD_RE = re.compile(
    rf"^(?:the\s+|your\s+)?(?:{_HEAD}\s+(?:of|in|for)\s+(?:the\s+|your\s+)?(?P<team>[\w'-]+)"
    rf"(?:\s+(?:team|department|dept))?|(?P<t2>[\w'-]+)\s+(?:team\s+|department\s+)?{_HEAD})$",
    re.IGNORECASE,
)


def team_head(name: str, directory: Directory) -> str | None:
    """The contact "the head of <team>" is: the team's only contact ("the head of management":
    Monica Reyes), else its desk ("the head of sales": the Sales desk); None when `name` is no
    team's head, or the team has neither."""
    if not (m := _HEAD_RE.match(name.strip())):
        return None
    team = (m["team"] or m["t2"]).lower()
    members = [c for c in directory.contacts if c.team and c.team.lower() == team]
    desks = [c for c in members if team in {a.lower() for a in c.aliases}]
    one = members if len(members) == 1 else desks
    return one[0].name if len(one) == 1 else None
