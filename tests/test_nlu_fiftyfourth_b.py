"""The rehearsal model, fifty-fourth round b (issue 22): questions and small talk while a
read-back waits. "whos Dana White" is answered from the directory (name, team), never read back
as a transfer, and "send me to her" right after it is her; a first name naming the person read
back ("yes transfer me to dana" to Dana White's) is that person, never "which Dana?"; "are you
still there?" is "Yes, I'm still here" with the read-back said again (so the next yes is right
after it); "who all is in support?" is the team's people; "anybody else still on?" is who is on;
a team the directory lacks ("talk to HR ..., put me through to someone?") is said with the teams
it has and whom; "will Carol know who I am?" to a direct transfer is how a transfer goes. One
rule a test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines, tool_names
from tests.support.harness import files, prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.questions import KNOWS_CALLER_RE
from workflows.rehearsal.teams import team_members
from workflows.rehearsal.unknown_team import unknown_team
from workflows.rehearsal.who_asked import who_is

_P = prompts()
_A = _P.offline.answers


def _contact(name: str):
    return next(c for c in files().directory.contacts if c.name == name)


def _teams() -> str:
    teams = list(dict.fromkeys(c.team for c in files().directory.contacts if c.team))
    return ", ".join(teams[:-1]) + " and " + teams[-1]


# ------------------------------------------------------------ 1. who someone is: never dialled
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("whos Dana White", "Dana White"),
        ("who is Fox Mulder?", "Fox Mulder"),
        ("hmm, what does Dana White do?", "Dana White"),
        ("wait, who's Mulder exactly?", "Fox Mulder"),
    ],
)
def test_who_someone_is_is_their_team_from_the_directory(line, name):
    said = who_is(line, _P, files().directory)
    assert said == render(_A.who_contact, who=name, team=_contact(name).team)


@pytest.mark.parametrize(
    "line", ["who's on the call?", "who is the boss?", "who's in sales?", "who is that again?"]
)
def test_other_who_questions_are_no_contact_question(line):
    assert who_is(line, _P, files().directory) is None


@pytest.mark.parametrize(
    "line", ["whos Dana White", "who is Fox Mulder?", "what does Dana White do"]
)
async def test_who_someone_is_never_reads_them_back_while_the_desk_waits(line):
    heard = await play_lines("host", "transfer me to support", line, "yes")
    assert heard[1].calls == [("look_up_contact", {"name": "support", "purpose": "transfer"})]
    assert any(_A.who_contact.split("$")[0] in said or " works " in said for said in heard[1].lines)
    assert tool_names(heard[2:]) == ["transfer_call"]


@pytest.mark.parametrize(
    "line",
    [
        "ok just send me to her, no intro needed",
        "fine, transfer me to her",
        "put me through to her then",
    ],
)
async def test_her_right_after_who_she_is_is_her(line):
    heard = await play_lines("host", "transfer me to support", "whos Dana White", line)
    assert heard[2].calls == [("look_up_contact", {"name": "Dana White", "purpose": "transfer"})]


# ------------------------------------------- 1b. the first name of the one read back: that one
@pytest.mark.parametrize(
    "line",
    [
        "k whatever, yes transfer me to dana",
        "ok fine, put me through to dana",
        "just transfer me to white",
    ],
)
async def test_the_first_name_of_the_one_read_back_is_that_one(line):
    heard = await play_lines("host", "transfer me to Dana White", line)
    assert tool_names(heard[1:]) == ["transfer_call"]  # a yes to her (round 55a: "to <her name>")


async def test_another_name_is_still_someone_else():
    heard = await play_lines("host", "transfer me to Dana White", "transfer me to Dana Scully")
    assert heard[1].calls == [("look_up_contact", {"name": "Dana Scully", "purpose": "transfer"})]


# ------------------------------------------ 2. still there: here, and the read-back said again
@pytest.mark.parametrize(
    "line",
    ["sorry, are you still there? my phone cut out", "hello? you there?", "are you still with me?"],
)
async def test_still_there_is_here_and_the_read_back_again(line):
    heard = await play_lines(
        "host",
        "Fox Mulder please, and could you tell him who i am before putting me thru",
        line,
        "ok yes go ahead with mulder",
    )
    assert _P.offline.still_here in heard[1].lines
    assert heard[1].calls == [
        ("look_up_contact", {"name": "Fox Mulder", "purpose": "warm_transfer"})
    ]
    assert tool_names(heard[2:3]) == ["warm_transfer"]


# -------------------------------------------------------------- 3. a team's people, not the call
@pytest.mark.parametrize(
    ("line", "team"),
    [
        ("wait, who all is in support?", "support"),
        ("who's in sales?", "sales"),
        ("who all works in support", "support"),
        ("anyone in sales?", "sales"),
        ("is anybody in support?", "support"),
    ],
)
async def test_who_is_in_a_team_is_its_people_while_a_read_back_waits(line, team):
    heard = await play_lines("host", "put me through to support", line)
    assert team_members(f"who is in the {team} team", _P, files().directory) in heard[1].lines
    assert "list_participants" not in tool_names(heard[1:])


# ------------------------------------------------------------------- 4. anybody else on: the list
@pytest.mark.parametrize(
    "line",
    [
        "anybody else still on?",
        "anyone else on the line?",
        "is anybody still here?",
        "anyone on the call?",
    ],
)
def test_anybody_still_on_asks_who_is_on(line):
    assert understand(line).action == "list"


def test_anyone_in_a_team_is_no_list():
    assert understand("can you put someone on the line from sales").action != "list"


# -------------------------------------------------------------- 5. a team the directory lacks
@pytest.mark.parametrize(
    ("line", "team"),
    [
        ("ok I think I need to talk to HR about this, can you put me through to someone?", "HR"),
        ("I need to speak to someone in the legal department, can you connect me?", "Legal"),
        ("can I talk to somebody from accounting please?", "Accounting"),
    ],
)
def test_a_team_the_directory_lacks_is_said_with_its_teams_and_whom(line, team):
    said = unknown_team(understand(line), _P, files().directory)
    told = render(_A.no_team, team=team, teams=_teams())
    assert said == f"{told} {_A.name_or_number}"


@pytest.mark.parametrize(
    "line",
    [
        "I want to talk to Bob, can you put me through to someone?",
        "can I talk to someone in sales?",
        "transfer me to Dana White, I need to talk to HR",
        "I need to talk to HR, their number is 415 555 0163",
    ],
)
def test_a_name_a_number_or_a_team_it_has_is_no_unknown_team(line):
    assert unknown_team(understand(line), _P, files().directory) is None


async def test_an_unknown_team_is_never_the_capabilities_list():
    line = "ok I think I need to talk to HR about this, can you put me through to someone?"
    heard = await play_lines("host", line)
    assert _A.capabilities not in heard[0].lines and heard[0].calls == []


# --------------------------------------------- 5b. will they know who I am: how a transfer goes
@pytest.mark.parametrize(
    "line",
    ["wait, will Carol know who I am?", "does she know it's me?", "will he know why I'm calling?"],
)
async def test_will_they_know_me_is_how_the_transfer_goes(line):
    assert KNOWS_CALLER_RE.search(line)
    heard = await play_lines("host", "transfer me to 415 555 0163", line, "yes")
    assert _P.offline.transfer_kind in heard[1].lines
    assert _A.cannot_tell not in heard[1].lines
    assert tool_names(heard[2:]) == ["transfer_call"]


@pytest.mark.parametrize(
    "line", ["do you know who I am?", "will Carol pick up?", "I know who she is"]
)
def test_other_questions_are_not_about_knowing_the_caller(line):
    assert not KNOWS_CALLER_RE.search(line)
