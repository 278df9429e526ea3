"""The rehearsal model, fifty-seventh round c (issue 22): directory people and teams. "who else
from support could we get?" is the team's people, never who is on the call; "the lady from
sales" is the team's one person, never its desk; a team the directory lacks beside a need for
the support desk is said to be missing before the desk is read back; a contact asked for by name
alone at the receptionist ("get Mr Mulder, not the sales desk") is read back; "n", "&" and "+"
typed for "and" part the people named. One rule a test; expected words come from the prompt
files and the directory."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import files, prompts
from workflows.call.directory import Directory
from workflows.rehearsal.history import filled
from workflows.rehearsal.named_alone import asked_alone
from workflows.rehearsal.team_person import as_team_person, team_people
from workflows.rehearsal.teams import team_members

_PROMPTS = prompts()
_DELAYS = {"sim_ring_delay": 0.05, "sim_answer_delay": 0.05}


def _directory() -> Directory:
    return files().directory


def _calls(heard, name: str) -> list[dict]:
    return [args for called, args in heard.calls if called == name]


# ----------------------------------------------- 1. whom a team has, asked as whom to get
@pytest.mark.parametrize(
    ("line", "team"),
    [
        (
            "and while that's going, who else from support could we get? who's in that team?",
            "support",
        ),
        ("who can I get from management", "management"),
        ("who else could we get from sales?", "sales"),
        ("who else from support could we get?", "support"),
    ],
)
def test_whom_to_get_from_a_team_is_its_members(line, team):
    told = team_members(line, _PROMPTS, _directory())
    assert told and filled(_PROMPTS.offline.team_members, told)["team"].lower() == team


def test_who_else_is_on_the_call_is_no_team_question():
    assert team_members("who else is on the call?", _PROMPTS, _directory()) is None


async def test_who_else_from_support_never_lists_the_call():
    line = "and while that's going, who else from support could we get? who's in that team?"
    heard = await play_lines("host", "add 415 555 0190", "yes", line, settings=_DELAYS)
    assert not _calls(heard[-1], "list_participants")
    assert any(filled(_PROMPTS.offline.team_members, said) for said in heard[-1].lines)


# ----------------------------------------------- 2. a team's one person, asked by the team
@pytest.mark.parametrize(
    "line",
    [
        "have the lady from sales on too",
        "can you add the sales lady",
        "get someone from sales, a person not the desk",
    ],
)
def test_the_sales_lady_is_sales_one_person(line):
    (person,) = team_people("sales", _directory())
    assert person in as_team_person(line, _directory())


def test_a_team_of_several_people_is_left_as_said():
    assert len(team_people("support", _directory())) > 1
    assert as_team_person("add the guy from support", _directory()) == "add the guy from support"


def test_someone_from_sales_alone_is_left_as_said():
    assert as_team_person("add someone from sales", _directory()) == "add someone from sales"


async def test_the_lady_from_sales_told_the_receptionist_is_read_back():
    (person,) = team_people("sales", _directory())
    heard = await play_lines(
        "receptionist",
        "Good morning dear, this is Mrs. Eleanor Whitfield speaking",
        "I'd like to ring my grandson please, and have the lady from sales on too",
        settings=_DELAYS,
    )
    assert _calls(heard[-1], "look_up_contact") == [{"name": person, "purpose": "add"}]


# ----------------------------------------------- 3. no such team, then the desk offered
@pytest.mark.parametrize(
    ("line", "team"),
    [
        (
            "ok whatever. I need to get hold of someone in billing, I've been charged twice",
            "Billing",
        ),
        ("can I talk to someone from accounts? I was double charged", "Accounts"),
        ("I need to speak to the billing team, my bill is wrong", "Billing"),
    ],
)
async def test_a_team_the_directory_lacks_is_said_before_the_desk(line, team):
    heard = await play_lines("receptionist", "Hey! Carlos here.", line, settings=_DELAYS)
    told = [f for said in heard[-1].lines if (f := filled(_PROMPTS.offline.answers.no_team, said))]
    assert [f["team"] for f in told] == [team]
    assert [a["purpose"] for a in _calls(heard[-1], "look_up_contact")] == ["transfer"]


async def test_a_team_the_directory_has_is_never_said_missing():
    line = "I need someone in support, I was charged twice"
    heard = await play_lines("receptionist", "Hey! Carlos here.", line, settings=_DELAYS)
    assert not any(filled(_PROMPTS.offline.answers.no_team, said) for said in heard[-1].lines)


# ----------------------------------------------- 4. a contact asked for by name alone
@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("get Mr Mulder, not the sales desk", "Mulder"),
        ("Mulder please, not the desk", "Mulder"),
        ("the boss, not Dana", "boss"),
        ("I need Mulder", "Mulder"),
    ],
)
def test_a_contact_asked_alone(line, named):
    assert asked_alone(line, named, _directory())


def test_a_contact_spoken_of_is_not_asked_alone():
    assert not asked_alone("Mulder said I should call back later", "Mulder", _directory())


@pytest.mark.parametrize(
    ("line", "named"),
    [("get Mr Mulder, not the sales desk", "Mulder"), ("the boss, not Dana", "boss")],
)
async def test_a_contact_asked_alone_at_reception_is_read_back(line, named):
    heard = await play_lines("receptionist", "hi it's Sam", line, settings=_DELAYS)
    assert _calls(heard[-1], "look_up_contact") == [{"name": named, "purpose": "add"}]


# ----------------------------------------------- 5. "n", "&", "+" typed for "and"
@pytest.mark.parametrize(
    "line",
    [
        "need a quick call w mulder n the boss",
        "need a call w mulder & the boss",
        "quick call w mulder + the boss pls",
    ],
)
def test_typed_and_parts_the_people_named(line):
    assert len(_directory().named_in(line)) == 2


async def test_mulder_n_the_boss_reads_back_mulder_then_the_boss():
    heard = await play_lines(
        "receptionist",
        "yo its jay",
        "need a quick call w mulder n the boss",
        "yep",
        settings=_DELAYS,
    )
    mulder = _directory().find("mulder")[0].name
    boss = _directory().find("the boss")[0].name
    first = _calls(heard[1], "look_up_contact")
    assert [_directory().find(a["name"])[0].name for a in first] == [mulder]
    assert [_directory().find(a["name"])[0].name for a in _calls(heard[2], "look_up_contact")] == [
        boss
    ]


@pytest.mark.parametrize("line", ["can you add the sales lady", "bring in the sales guy"])
async def test_the_sales_lady_added_at_the_host_is_read_back(line):
    (person,) = team_people("sales", _directory())
    heard = await play_lines("host", line, settings=_DELAYS)
    assert _calls(heard[-1], "look_up_contact") == [{"name": person, "purpose": "add"}]
