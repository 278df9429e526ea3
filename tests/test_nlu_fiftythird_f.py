"""The rehearsal model, fifty-third round f (issue 22, testers 48 and 49): a name said with a
team ("i want jenny from sales") is looked up, not the team's desk; "add him" after a transfer
that did not go through is that number, as an add; "bring sales back in" with the Sales desk
muted unmutes it; "get Dana back" is the Dana who just left."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import files, prompts
from workflows.rehearsal.teams import unknown_in_team

_PROMPTS = prompts()
_HOST = _PROMPTS.host


# ----------------------------------------------- 1. a name with a team the directory lacks
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("nah not the desk, i want jenny from sales specifically", "Jenny from Sales"),
        ("jenny. from sales. jennifer?", "Jenny from Sales"),
        ("no, i need priya in support", "Priya from Support"),
        ("add Jenny from sales please", "Jenny from Sales"),
    ],
)
def test_a_name_no_contact_has_is_kept_with_its_team(line, name):
    assert unknown_in_team(line, files().directory) == name


@pytest.mark.parametrize(
    "line",
    [
        "add Dana from sales",
        "add someone from sales",
        "i want the guy from sales",
        "get Mulder from support",
        "add jenny from billing",
        "add my boss from sales",
        "add Mulder, he's in support",
        "add Dana, she is in sales",
    ],
)
def test_contacts_teams_and_roles_are_no_unknown_name(line):
    assert unknown_in_team(line, files().directory) is None


@pytest.mark.parametrize(
    "line",
    [
        "nah not the desk, i want jenny from sales specifically",
        "no, i need jenny in sales",
        "not the sales line. get me jenny from sales",
    ],
)
async def test_not_the_desk_but_a_name_looks_the_name_up(line):
    heard = await play_lines("host", "add the sales desk", line)
    assert heard[-1].calls == [("look_up_contact", {"name": "Jenny from Sales", "purpose": "add"})]
    assert heard[-1].lines == [render(_HOST.directory.unknown, name="Jenny from Sales")]


# ----------------------------------------------- 2. "add him" after a transfer not answered
_FAILED = "4155550187"


@pytest.mark.parametrize(
    "line",
    [
        "hmm why didnt it go through? can you just add him to this call then",
        "ok then add him to this call instead",
        "could you add him in here then",
    ],
)
async def test_add_him_after_a_failed_transfer_is_that_number_as_an_add(line):
    heard = await play_lines("host", "put me through to 415 555 0187", "yes please", line)
    assert heard[-1].calls == [("read_back_number", {"phone_number": _FAILED, "purpose": "add"})]


async def test_why_it_did_not_go_through_is_said_again():
    heard = await play_lines(
        "host",
        "put me through to 415 555 0187",
        "yes please",
        "hmm why didnt it go through? can you just add him to this call then",
    )
    failed = render(_HOST.transfer.failed, who="+1 415-555-0187")
    assert heard[-1].lines[0] == failed


async def test_a_number_given_after_an_add_is_asked_is_an_add():
    heard = await play_lines(
        "host",
        "put me through to 415 555 0187",
        "yes please",
        "ok can you add someone to this call then",
        "it's 415 555 0199",
    )
    assert heard[-2].lines == [_PROMPTS.offline.ask_number]
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155550199", "purpose": "add"})
    ]


# ----------------------------------------------- 3. "bring sales back in" when muted
@pytest.mark.parametrize(
    "line",
    [
        "ok bring sales back in, unmute em",
        "can you let the sales desk back into the call",
        "sales can come back in now",
    ],
)
async def test_bringing_a_muted_leg_back_in_unmutes_it_only(line):
    heard = await play_lines("host", "add the sales desk", "yes", "mute sales", line)
    assert heard[-1].calls == [("mute_participant", {"who": "Sales desk", "muted": False})]
    assert heard[-1].lines == [render(_HOST.controls.unmuted, who="Sales desk")]


async def test_bringing_back_someone_not_muted_is_no_unmute():
    heard = await play_lines("host", "add the sales desk", "yes", "bring Fox Mulder back in")
    assert ("mute_participant", {"who": "Sales desk", "muted": False}) not in heard[-1].calls


# ----------------------------------------------- 4. "get Dana back": the Dana who left
@pytest.mark.parametrize(
    "line",
    [
        "what?? no i meant Monica! get Dana back",
        "oops, bring Dana back",
        "no wait, call Dana back please",
    ],
)
async def test_a_name_called_back_is_the_one_who_left(line):
    heard = await play_lines(
        "host", "add Monica", "yes", "add Dana White", "yes", "remove Dana", line
    )
    assert heard[-1].calls == [("look_up_contact", {"name": "Dana White", "purpose": "add"})]


async def test_a_named_leg_called_back_is_read_back_by_its_number():
    heard = await play_lines(
        "host",
        "add 415 555 0123",
        "yes",
        "his name is Jerome",
        "remove Jerome",
        "can you ring Jerome back",
    )
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155550123", "purpose": "add"})
    ]
