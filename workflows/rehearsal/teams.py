"""Teams in the directory asked about: "who do y'all have in support?", "someone in your sales
team, please. Who is in it?", and the one of a team's members the caller then picks."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.confirmation import words_of
from workflows.call.directory import Directory
from workflows.rehearsal.history import dialled_in, filled, last_said
from workflows.rehearsal.nlu import Reading, understand
from workflows.rehearsal.nlu.needs import people_from
from workflows.rehearsal.nlu.text import HEDGE_RE, normalise
from workflows.rehearsal.roles import ROLE_WORDS

_I = re.IGNORECASE
TEAM_RE = re.compile(
    r"\bwho(?:'s| is| are|'re| do (?:you|y'all|ya|ye|you guys) have| you got| ye got"
    r"|(?:'ve| have) (?:you|ye|ya|y'all) got)?"  # "who've ye got in the sales team?"
    r"\s+(?:all\s+|else\s+|there\s+)?"
    r"(?:is\s+|are\s+|works?\s+|working\s+)?"
    r"(?:in|on|from)\s+(?:the\s+|your\s+)?(?P<team>[\w'-]+)\s+(?:team|department|dept|group)\b"
    r"|\bwho(?:'s| is| are|(?:'ve| have) (?:you|ye|ya|y'all) got| do (?:you|y'all|ya|ye|you guys)"
    r" have| you got| ye got)?"
    r"\s+(?:all\s+|else\s+|there\s+)?"  # "now who is there in sales?", "who all is in"
    r"(?:is\s+|are\s+|works?\s+)?(?:in|on)\s+(?P<t2>[\w'-]+)"
    r"(?:\W+(?:anyway|then|again|there|over there|at the moment))?\W*$"  # "..., anyway?"
    # "anyone in sales?", "is there anybody in support?": asked of the team, never a request
    r"|^\W*(?:(?:wait|ok(?:ay)?|so|and|hmm+|um+)\W+)*(?:is there\s+|is\s+|do you have\s+)?"
    r"any(?:one|body)\s+(?:else\s+)?(?:in|from|on)\s+(?:the\s+|your\s+)?(?P<t3>[\w'-]+)"
    r"(?:\s+(?:team|department|dept|group))?\W*$"
    # "who else from support could we get?", "who can I get from management?": whom of a team
    r"|\bwho\s+(?:else\s+)?(?:from|in)\s+(?:the\s+|your\s+)?(?P<t4>[\w'-]+)\s+(?:team\s+)?"
    r"(?:could|can|should|would|do)\s+(?:we|i|you|u)\s+(?:get|have|add|grab|bring in)\W*(?:$|[?.!])"
    r"|\bwho\s+(?:else\s+)?(?:could|can|should|would|do)\s+(?:we|i|you|u)\s+(?:get|have|add|grab"
    r"|bring in)\s+(?:from|in|on)\s+(?:the\s+|your\s+)?(?P<t5>[\w'-]+)(?:\s+team)?\W*(?:$|[?.!])",
    _I,
)
# "someone in your sales team, please. Who is in it?": the team named before, asked about
_TEAM_NAMED_RE = re.compile(
    r"\b(?:your|the|in|from)\s+(?P<team>[\w'-]+)\s+(?:team|department|dept|group|people)\b"
    # "somebody from support? who's in that team?": the team the one wanted is from
    r"|\b(?:some(?:one|body)|any(?:one|body)|a person|who\s+else)\s+(?:in|from|on)\s+"
    r"(?:the\s+|your\s+)?(?P<from>[\w'-]+)",
    _I,
)
_WHO_IN_IT_RE = re.compile(
    r"\bwho(?:'s| is| are|'re)\s+(?:in|on)\s+(?:it|that|there|them|th(?:at|is|e) team)\b", _I
)

_SOMEONE_IN_RE = re.compile(
    r"\b(?:some(?:one|body)|any(?:one|body)|a person)\s+(?:in|from|on)\b", _I
)


def someone_in_team(text: str, prompts: Prompts, directory: Directory) -> str | None:
    """ "I should like to speak with someone in your sales team. Who is in it?": the team's
    members, then whom; never a transfer to the team's desk, which the caller did not name.
    "Two people from sales": the team's people (never its desk), then whom."""
    if team := people_from(text):
        people = [c.name for c in directory.contacts if (c.team or "").lower() == team]
        people = [name for name in people if team not in name.lower()]  # not "Sales desk"
        if not people:
            return None
        told = render(prompts.offline.team_members, team=team.title(), who=_list(people))
        return f"{told} {prompts.offline.which_of_team}"
    if not _SOMEONE_IN_RE.search(text) or not (told := team_members(text, prompts, directory)):
        return None
    return f"{told} {prompts.offline.which_of_team}"


def people_asked(ctx: llm.ChatContext, prompts: Prompts, directory: Directory) -> list[str]:
    """The host's first turn for "two people from sales" told to the receptionist: the team's
    people, then whom; nothing for any other need."""
    said = [i.text_content or "" for i in ctx.items if i.type == "message" and i.role == "user"]
    if not said or not people_from(said[-1]):
        return []
    told = someone_in_team(said[-1], prompts, directory)
    return [told] if told else []


def whom_in_team(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> Reading | None:
    """ "Dana Scully please" to "Who would you like to speak with?" after a team's members: a
    transfer to that person (read back as any); with others on the call already, an add (a
    transfer would leave them behind); None for any other line."""
    if not last_said(ctx).endswith(prompts.offline.which_of_team) or reading.phone_number:
        return None
    if reading.action not in (None, "add"):
        return None
    building = any(joined for _, joined in dialled_in(ctx, prompts))  # others on the call
    said = [i.text_content or "" for i in ctx.items if i.type == "message" and i.role == "user"]
    building = building or any(people_from(t) for t in said)  # a call with people
    return understand(f"{'add' if building else 'put me through to'} {reading.text}")


def team_members(text: str, prompts: Prompts, directory: Directory) -> str | None:
    """Who is in the directory team a question asks about ("who do y'all have in support?");
    None for no such question or team."""
    text = HEDGE_RE.sub("", normalise(text))  # "Dana, the one who works in support": no question
    if (it := _WHO_IN_IT_RE.search(text)) and (named := _TEAM_NAMED_RE.search(text, 0, it.start())):
        # "someone in your sales team. Who is in it?"
        text = f"who is in {named['team'] or named['from']}"
    if not (m := TEAM_RE.search(text)):
        return None
    team = next((t for t in m.group("team", "t2", "t3", "t4", "t5") if t), "").lower()
    members = [c.name for c in directory.contacts if (c.team or "").lower() == team]
    return (
        render(prompts.offline.team_members, team=team.title(), who=_list(members))
        if members
        else None
    )


# "is there a billing dept?", "do you have a legal team?": whether the directory has the team
_TEAM_ASKED_RE = re.compile(
    r"\b(?:is there|are there|do (?:you|u|ya|y'all|you guys) have|have (?:you|u|ya) got|you got"
    r"|got)\s+(?:a|an|any)\s+(?P<team>[\w'-]+)\s+(?:team|department|dept|group|desk|people"
    r"|person|section)\b",
    _I,
)


def team_asked(text: str, prompts: Prompts, directory: Directory) -> str | None:
    """ "is there a billing dept?": the team's members when the directory has it, else that it
    has none and the teams it has; None for no such question."""
    if not (m := _TEAM_ASKED_RE.search(text)):
        return None
    team = m.group("team").lower()
    teams = list(dict.fromkeys(c.team for c in directory.contacts if c.team))
    if team in (t.lower() for t in teams):
        return team_members(f"who is in the {team} team", prompts, directory)
    if directory.find(team) or not teams:  # "is there a support desk?" as an alias: asked on
        return None
    return render(prompts.offline.answers.no_team, team=team.title(), teams=_list(teams))


def chosen_from_team(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> str | None:
    """ "Desk. Not Dana." to "In Sales, I have Dana Scully and Sales desk.": the one of those
    the caller named (never one said after "not"); None when not exactly one."""
    found = filled(prompts.offline.team_members, last_said(ctx))
    if not found:
        return None
    members = re.split(r",\s*|\s+and\s+", found["who"])
    kept = re.sub(r"\bnot\s+(?:the\s+)?[\w'-]+", " ", reading.text, flags=_I)
    said = set(words_of(kept)) - set(words_of(found["team"])) - {"the", "a", "one"}
    picked = [m for m in members if set(words_of(m)) & said]
    return picked[0] if len(picked) == 1 else None


def _list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# "i want jenny from sales specifically", "no, jenny in sales": a first name said with a team
_NAME_IN_TEAM_RE = re.compile(
    r"(?:^|[,.!?;:]\s*|\b(?:want|need|meant|mean|get|add|grab|its|it's|is|try|wanted|needed)\s+(?:me\s+)?)"
    r"(?P<name>[a-z][a-z'-]+)[.,]?\s+(?:from|in|on|at)\s+(?:the\s+|your\s+)?(?P<team>[\w'-]+)\b",
    _I,
)
# Words where a name would stand that name no one
_NO_NAME = frozenset(
    """someone somebody anyone anybody everyone everybody one person people ppl folks guy guys
    gal lady man woman dude girl boy head lead rep reps desk team line the a an who whos who's
    them him her me us you it that this there here not he he's hes she she's shes they they're
    theyre it's its i i'm im we we're were in on at from works bring put patch loop pull""".split()
)


def unknown_in_team(text: str, directory: Directory) -> str | None:
    """ "i want jenny from sales specifically": the name with its team ("Jenny from Sales"), to
    be looked up, when the team is the directory's and no contact is called so; None otherwise
    ("Dana from sales" is Dana's, "someone from sales" the team's)."""
    teams = {c.team.lower(): c.team for c in directory.contacts if c.team}
    for m in _NAME_IN_TEAM_RE.finditer(text):
        name, team = m["name"], m["team"].lower()
        if team not in teams or name.lower() in _NO_NAME or name.lower() in ROLE_WORDS:
            continue
        if directory.find(name) or name.lower() in teams:
            return None
        return f"{name.capitalize()} from {teams[team]}"
    return None
