"""The rehearsal model, fifty-fourth round a (issue 22): adding while a transfer waits, a
transfer instead of an add, a transfer asked for naming no one, and numbers said in pairs.
"first add my wife, ... 415 555 0191" or "b4 that can u get Jamal on too, 617 ..." to a
transfer's read-back reads the number back as an add (the transfer read back once they have
joined); "can you transfer me to Mr Mulder instead?" to an add's read-back reads Mulder back
for a transfer; "Need a transfer." at reception has the host ask whom to transfer to; "...,
five three, zero zero" keeps its last pair. Expected words are rendered from the prompt files."""

from __future__ import annotations

from string import Template

import pytest

from tests.scenarios.runner import play_lines, tool_names
from tests.support.harness import prompts
from workflows.call import asked
from workflows.rehearsal.nlu import understand

_PROMPTS = prompts()
_HOST = _PROMPTS.host


def _start(template: str) -> str:
    return Template(template).safe_substitute(who="\0", caller_name="\0").split("\0")[0]


def _said(turn, start: str) -> int:
    return sum(start in line for line in turn.lines)


_ADD_ASKED = _start(_HOST.read_back)
_TRANSFER_ASKED = _start(_HOST.transfer.read_back)
_WAITS = _start(_PROMPTS.offline.answers.transfer_once_joined)


# ----------------------------------------------- 1. an add first, while a transfer waits
@pytest.mark.parametrize(
    "line",
    [
        "no hold on. first add my wife, she has the account details. her number is 415 555 oh"
        " one nine one",
        "wait, before that get my brother on, 415 555 0191",
        "hold on, can you conference in my wife first? her number's 415 555 0191",
        "ok first dial my wife, 415 555 0191",
    ],
)
async def test_an_add_asked_first_is_an_add_and_the_transfer_waits_for_it(line):
    heard = await play_lines("host", "transfer me to support", line, "yes", "ok go ahead")
    assert heard[1].calls == [
        ("read_back_number", {"phone_number": "4155550191", "purpose": "add"})
    ]
    assert _said(heard[1], _ADD_ASKED) == 1 and _said(heard[1], _TRANSFER_ASKED) == 0
    assert tool_names(heard[2:3]) == ["add_sip_participant"] and _said(heard[2], _WAITS) == 1
    assert heard[3].calls == [("look_up_contact", {"name": "support", "purpose": "transfer"})]


def test_first_before_a_verb_is_when_not_the_first_call():
    assert understand("first add my wife").action == "add"
    assert understand("the first call went fine").action is None
    assert understand("my first call is at 3").action is None


# ----------------------------------------------- 2. someone on too, while a transfer waits
@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "hang on, b4 that can u get my coworker Jamal on too, 617 555 0139, so he hears it",
            "Jamal",
        ),
        ("can you get my colleague Priya on as well, 617 555 0139", "Priya"),
        ("before you do that, add Jamal too, his number is 617 555 0139", "Jamal"),
    ],
)
async def test_someone_added_too_while_a_transfer_waits_is_read_back_as_an_add(line, name):
    heard = await play_lines("host", "put me through to Fox Mulder please", line, "yes")
    assert heard[1].calls == [
        ("read_back_number", {"phone_number": "6175550139", "purpose": "add"})
    ]
    assert _said(heard[1], _start(_HOST.transfer.not_transferred)) == 1
    assert ("name_participant", {"who": "6175550139", "name": name}) in heard[2].calls
    assert "transfer_call" not in tool_names(heard)


async def test_a_yes_and_also_add_still_asks_the_transfer_again():
    heard = await play_lines("host", "transfer me to Fox Mulder", "yes, and also add 617 555 0139")
    assert tool_names(heard[1:]) == ["read_back_number"]
    assert heard[1].calls[0][1]["purpose"] == "transfer"


# ----------------------------------------------- 3. a transfer instead of the add waiting
@pytest.mark.parametrize(
    ("line", "who"),
    [
        ("Actually, can you transfer me to Mr Mulder instead?", "Mulder"),
        ("hmm, wait. can you transfer me to Dana White instead?", "Dana White"),
        ("actually could u just transfer me to mulder?", "mulder"),
    ],
)
async def test_a_transfer_to_someone_else_replaces_the_add_waiting(line, who):
    heard = await play_lines("host", "add 617 555 0139", line, "yes")
    assert heard[1].calls == [("look_up_contact", {"name": who, "purpose": "transfer"})]
    assert _said(heard[1], _start(_HOST.not_dialled)) == 1
    assert _PROMPTS.offline.will_transfer not in heard[1].lines
    assert tool_names(heard[2:]) == ["transfer_call"]


async def test_asking_if_the_add_is_a_transfer_still_reads_it_back_as_one():
    heard = await play_lines("host", "add 617 555 0139", "you're transferring me, right?")
    assert heard[1].calls == [
        ("read_back_number", {"phone_number": "6175550139", "purpose": "transfer"})
    ]


# ----------------------------------------------- 4. a transfer naming no one, at reception
@pytest.mark.parametrize(
    "line",
    [
        "Rick Alvarez. Need a transfer.",
        "hi, this is Rick Alvarez, I need to be transferred",
        "Rick Alvarez here, can you put me through?",
        "Rick Alvarez, transfer please",
    ],
)
async def test_a_transfer_naming_no_one_asks_whom_to_transfer_to(line):
    heard = await play_lines("receptionist", line, "to 415 555 0123")
    assert _PROMPTS.offline.ask_transfer_to in heard[0].lines
    assert _said(heard[0], _start(_HOST.greeting_asked)) == 1
    assert not any(
        line.endswith(_HOST.greeting.split("$caller_name")[1]) for line in heard[0].lines
    )
    assert heard[1].calls == [
        ("read_back_number", {"phone_number": "4155550123", "purpose": "transfer"})
    ]


@pytest.mark.parametrize(
    ("line", "asks"),
    [
        ("Need a transfer.", True),
        ("I need to be transferred", True),
        ("can you put me through?", True),
        ("do I lose you if you transfer me?", False),
        ("I don't want a transfer", False),
        ("put me through to Dana", False),
        ("can you transfer calls?", False),
    ],
)
def test_a_transfer_asked_is_told_from_one_asked_about(line, asks):
    assert getattr(asked, "asks_a_transfer", lambda _: None)([line]) is asks


# ----------------------------------------------- 5. numbers said in pairs
@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("plus three three, one, four two, six eight, five three, zero zero", "+33142685300"),
        ("plus four four, two zero, seven nine, four six, double oh, one eight", "+442079460018"),
        ("four one five, five five five, zero one, four seven", "4155550147"),
        (
            "plus three three, one, four two, six eight, five three, double oh. thanks",
            "+33142685300",
        ),
    ],
)
def test_a_last_pair_after_pairs_is_kept(line, number):
    assert understand(line).phone_number == number


def test_a_pair_after_a_whole_number_is_no_part_of_it():
    assert understand("call 415 555 0147, 2 of us").phone_number == "4155550147"


async def test_a_number_abroad_said_in_pairs_is_refused_for_its_region():
    heard = await play_lines(
        "host",
        "call our Paris office, plus three three, one, four two, six eight, five three, zero zero",
    )
    assert heard[0].calls == [
        ("read_back_number", {"phone_number": "+33142685300", "purpose": "add"})
    ]
    refused = _HOST.refused.region.split("$regions")[0]
    assert _said(heard[0], refused) == 1
