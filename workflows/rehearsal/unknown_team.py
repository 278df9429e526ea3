"""A team the directory does not have, asked for with no one named ("I need to talk to HR about
this, can you put me through to someone?", "transfer me to someone in the legal department"):
that it has no such team, which teams it has, and a name or number asked for. Never the list
of what the host can do, and nothing looked up or read back."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.confirmation import words_of
from workflows.call.directory import Directory
from workflows.rehearsal.introduction import caller_details
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.steps import Step, tool_call

_I = re.IGNORECASE
_TEAM_WORD = r"(?:team|department|dept|division|office|people)"
# "someone in the legal department", "somebody from accounting", "talk to HR", "speak with the
# billing team"
_TEAM_RE = re.compile(
    rf"\b(?:some|any)(?:one|body)\s+(?:in|from)\s+(?:the\s+|your\s+)?(?P<a>[\w'-]+)"
    rf"|\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:the\s+|your\s+)?(?P<b>[\w'-]+)\s+{_TEAM_WORD}\b"
    rf"|\b(?:talk|speak|chat)\s+(?:to|with)\s+(?P<c>[A-Z]{{2,4}})\b",  # "HR", "IT", "PR"
    _I,
)
_TALK_RE = re.compile(r"\b(?:talk|speak|chat)\s+(?:to|with)\b", _I)
_NOT_TEAMS = frozenset(
    "the a an my our this that it them him her you me here there work home school family".split()
)
# What a request names when it names no one there: "someone in the legal department"
_GENERIC = frozenset("someone somebody anyone anybody there in from at the your".split())


def unknown_team(reading: Reading, prompts: Prompts, directory: Directory) -> str | None:
    """ "I need to talk to HR, can you connect me to someone?": no such team, the teams the
    directory has, and whom; None when the team is the directory's, or someone is named."""
    if reading.phone_number or not (
        reading.action in ("transfer", "warm_transfer") or _TALK_RE.search(reading.text)
    ):
        return None  # "would you be able to dial someone in Germany?": a place, not a team
    target = set(words_of(reading.target or ""))
    teams = list(dict.fromkeys(c.team for c in directory.contacts if c.team))
    for m in _TEAM_RE.finditer(reading.text):
        team = next(filter(None, m.groups()))
        if m["c"] and not team.isupper():  # "talk to Bob": a name, not a team
            continue
        if team.lower() in _NOT_TEAMS or not teams or not target <= _GENERIC | {team.lower()}:
            continue  # "transfer me to Dana, I need to talk to HR": Dana's
        if team.lower() in (t.lower() for t in teams) or directory.find(team):
            return None  # the directory's own: its people, as asked elsewhere
        said = team if team.isupper() else team.title()
        listed = teams[0] if len(teams) == 1 else ", ".join(teams[:-1]) + " and " + teams[-1]
        told = render(prompts.offline.answers.no_team, team=said, teams=listed)
        return f"{told} {prompts.offline.answers.name_or_number}"
    return None


def no_such_team_offered(
    ctx: llm.ChatContext, prompts: Prompts, directory: Directory
) -> list[Step]:
    """The host's first turn for "I need someone in billing, I've been charged twice" told to
    the receptionist, when the greeting offers a desk for the need: that the directory has no
    billing team, then that desk read back for a transfer (the caller's yes decides); [] when
    the caller named no team the directory lacks, or no desk was offered."""
    if not (desk := directory.asked_for(caller_details(ctx, prompts)[1])):
        return []  # the greeting offers the desk the need names (agents/conference_host.py)
    said = [i.text_content or "" for i in ctx.items if i.type == "message" and i.role == "user"]
    teams = list(dict.fromkeys(c.team for c in directory.contacts if c.team))
    for m in (m for line in said for m in _TEAM_RE.finditer(line)):
        team = next(filter(None, m.groups()))
        if (m["c"] and not team.isupper()) or team.lower() in _NOT_TEAMS | _GENERIC or not teams:
            continue
        if team.lower() in (t.lower() for t in teams) or directory.find(team):
            return []
        listed = teams[0] if len(teams) == 1 else ", ".join(teams[:-1]) + " and " + teams[-1]
        told = render(prompts.offline.answers.no_team, team=team.title(), teams=listed)
        return [told, tool_call("look_up_contact", name=desk.name, purpose="transfer")]
    return []
