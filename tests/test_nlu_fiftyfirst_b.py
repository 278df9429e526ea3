"""The rehearsal model, fifty-first round b (issue 22): "I need to be put through to ..." is a
transfer; to an add read back, "no, I mean transfer me to them. will I lose you?" reads the
transfer back with what it does, and "once I'm transferred, are you gone?" is answered; "...
as well" adds to what a warm transfer's introduction says, and "what are you telling them
now?" asks for it; a greeting typed drawn out ("heyy its mikey") keeps the name; "a quick
call w/ dana in sales" and "a call with my sales team" name whom to add; "never mind, yes
dial her" is no clear yes: the read-back is said again, never "what's the right number?"."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes
from workflows.rehearsal.nlu import understand

_P = prompts()
_OFFLINE = _P.offline
_CARLOS = "Hi there. Carlos Mendes speaking."
_HAROLD = (
    "Hello, this is Harold Pemberton. I've been charged twice for my subscription this month"
    " and I'd like it sorted."
)


# ----------------------------------------------- 1. put through, said in the passive
@pytest.mark.parametrize(
    "line",
    [
        "I need to be put through to our branch office please, the number is (415) 555.0138",
        "could I get patched through to 415 555 0138 please",
        "I'd like to be connected to 415 555 0138, that's our branch",
    ],
)
async def test_being_put_through_is_a_transfer(line):
    heard = await play_lines("receptionist", _CARLOS, line)
    read = [args for tool, args in heard[-1].calls if tool == "read_back_number"]
    assert read and read[0]["purpose"] == "transfer"


@pytest.mark.parametrize(
    "line", ["I need to be connected to the call", "can I be put on the conference"]
)
def test_being_connected_to_the_call_is_no_transfer(line):
    assert understand(line).action != "transfer"


# ----------------------------------------------- 1. a transfer asked instead of the add
@pytest.mark.parametrize(
    "line",
    [
        "no, I mean transfer me to them. will I lose you if you do that?",
        "actually, transfer me to them instead. do I lose you then?",
        "no no, put me through to them. will I lose you?",
    ],
)
async def test_a_transfer_asked_with_a_question_to_an_add_reads_the_transfer_back(line):
    heard = await play_lines("host", "add 415 555 0138", line)
    assert heard[-1].lines[0] == _OFFLINE.will_transfer
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155550138", "purpose": "transfer"})
    ]


async def test_a_transfer_only_asked_about_keeps_the_add():
    heard = await play_lines("host", "add 415 555 0138", "will I lose you if you transfer me?")
    assert heard[-1].calls[0][1]["purpose"] == "add"


@pytest.mark.parametrize(
    "line",
    [
        "and once I'm transferred, are you gone?",
        "will you be gone after that?",
        "so once they pick up, are you gone then?",
    ],
)
async def test_whether_the_host_is_gone_after_a_transfer_is_answered(line):
    heard = await play_lines("host", "transfer me to 415 555 0138", line)
    assert heard[-1].lines[0] == _OFFLINE.transfer_question
    assert heard[-1].calls[0][1]["purpose"] == "transfer"


# ----------------------------------------------- 2. the introduction, "as well"
@pytest.mark.parametrize(
    "line",
    [
        "Mention it's for the March bill as well.",
        "also tell them it's about the March bill",
        "say it's about the March bill too",
    ],
)
async def test_as_well_adds_to_what_the_introduction_says(line):
    heard = await play_lines(
        "receptionist",
        _HAROLD,
        "will they know what it's about or do I have to explain it all again?",
        line,
        "go ahead",
    )
    (about,) = [args["about"] for tool, args in heard[-1].calls if tool == "warm_transfer"]
    assert "charged twice" in about and "March bill" in about


async def test_without_as_well_the_mention_replaces_the_need():
    heard = await play_lines(
        "receptionist",
        _HAROLD,
        "will they know what it's about or do I have to explain it all again?",
        "Mention it's for the March bill.",
        "go ahead",
    )
    (about,) = [args["about"] for tool, args in heard[-1].calls if tool == "warm_transfer"]
    assert about == "the March bill"


@pytest.mark.parametrize(
    "line",
    [
        "so what are you telling them now?",
        "what are you saying to them?",
        "what are you telling her",
    ],
)
async def test_what_are_you_telling_them_asks_for_the_introduction(line):
    heard = await play_lines(
        "receptionist",
        _HAROLD,
        "will they know what it's about or do I have to explain it all again?",
        "what will you say to them?",
        line,
    )
    assert heard[-1].lines[0] == heard[-2].lines[0] != _OFFLINE.answers.cannot_tell


# ----------------------------------------------- 3. first lines
@pytest.mark.parametrize(
    ("line", "name"),
    [("heyy its mikey", "Mikey"), ("hiii, its mikey here", "Mikey"), ("heyyy its jay", "Jay")],
)
async def test_a_drawn_out_greeting_keeps_the_name(line, name):
    heard = await play_lines("receptionist", line)
    assert heard[-1].lines == [render(_OFFLINE.ask_reason, name=name)]


@pytest.mark.parametrize(
    ("line", "same_as"),
    [
        ("need a quick call w/ dana in sales", "add Dana Scully"),
        ("I want a call with Dana Scully please", "add Dana Scully"),
        ("Hi, Benedikt Krause here, I want to do a call with my sales team", "add the sales desk"),
    ],
)
async def test_a_call_with_someone_reads_them_back(line, same_as):
    heard = await play_lines("receptionist", "yo its jay", line)
    asked = await play_lines("host", same_as)
    assert heard[-1].lines[-1] == asked[-1].lines[-1]


def test_a_call_one_has_is_no_request():
    assert understand("I have a call with Dana at three").action is None


# ----------------------------------------------- 4. "never mind, yes dial her"
@pytest.mark.parametrize(
    "line", ["never mind, yes dial her", "never mind that, yes call her", "nevermind, yes ring her"]
)
async def test_a_question_taken_back_then_yes_reads_back_again(line):
    assert not is_clear_yes(line, _P.confirmation, "Dana Scully", "add")  # never loosened
    heard = await play_lines("host", "add Dana Scully", "is she in the office today?", line)
    assert heard[-1].lines[-1] == heard[0].lines[-1]
    assert _OFFLINE.wrong_number not in heard[-1].lines
    assert [tool for tool, _ in heard[-1].calls] == ["look_up_contact"]
