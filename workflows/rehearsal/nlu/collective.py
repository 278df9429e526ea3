"""A team named with a collective word: "the sales mob", "the sales lot", "the support crew",
"the sales guys" are that team, as "the sales team" is (its desk, by the directory's rules)."""

from __future__ import annotations

import re

_COLLECTIVE_RE = re.compile(
    r"^(?P<det>(?:the|our|your|ur)\s+)?(?P<team>[a-z][\w-]*)\s+"
    r"(?:mob|lot|crew|guys|gang|folks|bunch|peeps|lads|people)$",
    re.IGNORECASE,
)


def as_team(target: str | None) -> str | None:
    """ "the sales mob" -> "the sales team"; any other target as it was."""
    if target and (m := _COLLECTIVE_RE.match(target.strip())):
        return f"{m.group('det') or 'the '}{m.group('team')} team"
    return target
