"""The rehearsal model, fifty-third round b (issue 22): names, roles and who is meant. A
relation said before a name ("my colleague Dana from support") and a team after it are read
as that person of that team; a name said after a comma ("my boss, Monica Reyes") is the one
to add; people from the support team on a call are a conference with them, never the support
desk; "they're called sam" names the leg just dialled; "moms number is ..." keeps the role
for that leg. One rule a test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support import harness
from workflows.rehearsal.nlu import understand

_PROMPTS = harness.prompts()
_DIRECTORY = harness.files().directory
_NAME = "hi, this is Jordan Lee"


def _looked_up(heard) -> list[str]:
    return [a["name"] for n, a in heard.calls if n == "look_up_contact"]


def _one_contact(name: str) -> str | None:
    found = _DIRECTORY.find(name)
    return found[0].name if len(found) == 1 else None


# ------------------------------------ 1. a relation before a name, a team after it
@pytest.mark.parametrize(
    ("line", "team"),
    [
        ("add my colleague Dana from support", "Support"),
        ("get our colleague Fox from support on the line", "Support"),
        ("could you dial my coworker Dana in sales", "Sales"),
        ("add my colleague from support, Dana", "Support"),
    ],
)
async def test_relation_and_team_find_that_teams_person(line, team):
    heard = await play_lines("host", _NAME, line)
    names = _looked_up(heard[-1])
    assert len(names) == 1 and (who := _one_contact(names[0])) is not None
    assert next(c for c in _DIRECTORY.contacts if c.name == who).team == team


@pytest.mark.parametrize(
    "line",
    [
        "please bring in my boss, Monica Reyes",
        "I want to get my boss, Monica Reyes, on a call",
        "loop in my manager, Monica Reyes",
        "bring my manager, Monica Reyes, into the call",
    ],
)
def test_a_name_after_a_comma_is_the_one_to_add(line):
    reading = understand(line)
    assert (reading.action, reading.target) == ("add", "Monica Reyes")


async def test_a_name_after_a_comma_told_the_receptionist_is_looked_up():
    heard = await play_lines(
        "receptionist", _NAME, "I want to get my boss, Monica Reyes, on a call"
    )
    names = _looked_up(heard[-1])
    assert len(names) == 1 and _one_contact(names[0]) == "Monica Reyes"


@pytest.mark.parametrize("line", ["add my boss, please", "add my colleague from sales"])
def test_no_name_after_the_relation_names_no_one(line):
    assert understand(line).target in (None, "my colleague from sales")


# ------------------------------------ 2. people from support on a call: a conference
@pytest.mark.parametrize(
    "line",
    [
        "I need a couple of folks from support on a call",
        "I'd like a few guys from support on the line",
        "get me a couple of support people on a call",
    ],
)
async def test_people_from_support_are_a_conference_not_the_desk(line):
    heard = await play_lines("receptionist", _NAME, line)
    said = "\n".join(heard[-1].lines)
    desk = render(_PROMPTS.host.greeting_transfer, caller_name="Jordan Lee", who="Support desk")
    assert desk not in said
    assert _PROMPTS.offline.which_of_team in said
    assert [n for n, _ in heard[-1].calls] == ["transfer_to_conference_host"]


def test_asking_for_support_itself_still_wants_support():
    assert understand("can I talk to support please").wants_support


# ------------------------------------ 3. "they're called sam"; "moms number is ..."
@pytest.mark.parametrize("line", ["they're called sam", "theyre called Sam", "they are named sam"])
async def test_theyre_called_names_the_leg_just_dialled(line):
    heard = await play_lines("host", _NAME, "add 415 555 0147", "yes", line)
    assert [(n, a["name"]) for n, a in heard[-1].calls] == [("name_participant", "Sam")]


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("moms number is 415 555 0147", "mom"),
        ("dads number is 415 555 0147", "dad"),
        ("mums number is 415 555 0147", "my mum"),
    ],
)
async def test_a_possessive_without_apostrophe_keeps_the_role(line, role):
    heard = await play_lines("host", _NAME, line, "yes", f"mute {role}")
    assert [(n, a["who"]) for n, a in heard[-1].calls] == [("mute_participant", "+1 415-555-0147")]
