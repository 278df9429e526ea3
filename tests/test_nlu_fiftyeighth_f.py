"""The rehearsal model, fifty-eighth round f (issue 22, testers 60 and 61): read-back
corrections and introductions. A no naming the contact read back ("No, not Monica, thank you.
Fox, she's on leave this week.") drops it, the one told why being no one to add; a call asked
for later in the line the receptionist hands over is answered first (no scheduling), nobody
read back; "... Mr. Alvarez's boss instead? I mean Monica." reads Monica back; why an
introduction is wanted ("first, so he remembers me") is no part of it."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import files, prompts
from workflows.rehearsal.cancelling import instead
from workflows.rehearsal.history import Pending
from workflows.rehearsal.introduction import about_from
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.ruled_out import declines

_PROMPTS = prompts()
_DIRECTORY = files().directory
_MONICA = Pending("add", None, "Monica Reyes from Management at +1 415-555-0170", "Monica")


def _tools(heard) -> list[str]:
    return [tool for turn in heard for (tool, _) in turn.calls]


# ----------------------------------------------- 1. a no naming the contact read back
_NOS = [
    "No, not Monica, thank you. Fox, she's on leave this week.",
    "Not Monica, thanks. Sorry Fox, she's off sick today.",
    "No thanks, not Monica. Fox, she is on holiday.",
    "No, not Monica.",
]


@pytest.mark.parametrize("line", _NOS)
def test_a_no_naming_the_contact_declines_it(line):
    assert declines(line, _MONICA)
    assert instead(understand(line), _MONICA, _DIRECTORY) is None  # Fox is told, not added


def test_a_no_naming_someone_else_or_a_number_is_no_decline():
    assert not declines("No, not Dana, Monica.", _MONICA)
    number = Pending("add", "+14155550147", "+1 415-555-0147")
    assert not declines("No, not 0147.", number)  # a number corrected, as before
    assert instead(understand("No, not Monica. Dana Scully instead."), _MONICA, _DIRECTORY)


@pytest.mark.parametrize("line", _NOS[:3])
async def test_the_read_back_a_participant_asked_for_is_dropped(line):
    heard = await play_lines(
        "host", "add Fox Mulder", "yes", "Fox: Ava, please add my manager Monica to the call.", line
    )
    said = " ".join(heard[-1].lines)
    assert heard[-1].calls == []
    assert render(_PROMPTS.offline.dropped, who=_MONICA.who) in said
    assert _tools(heard).count("add_sip_participant") == 1  # Fox only


# ----------------------------------------------- 2. a call asked for later at the receptionist
@pytest.mark.parametrize(
    "line",
    [
        "He would like a call with Monica Reyes and the support desk at 3 pm, can you set that up?",
        "She wants a conference with Dana Scully and Fox Mulder tomorrow morning, can you book it?",
        "Could you set up a call with Monica Reyes and the sales desk for 4 pm today?",
    ],
)
async def test_a_call_for_later_is_answered_before_anyone_is_read_back(line):
    heard = await play_lines("receptionist", "Hi, I'm Nadia, assistant to Mr. Alvarez", line)
    assert _PROMPTS.offline.answers.no_scheduling in " ".join(heard[-1].lines)
    assert not {"look_up_contact", "read_back_number", "add_sip_participant"} & set(_tools(heard))


async def test_a_call_for_now_at_the_receptionist_is_still_read_back():
    line = "He would like a call with Monica Reyes and the support desk, can you set that up?"
    heard = await play_lines("receptionist", "Hi, I'm Nadia, assistant to Mr. Alvarez", line)
    assert "look_up_contact" in _tools(heard)


# ----------------------------------------------- 3. "X? I mean Y"
@pytest.mark.parametrize(
    ("line", "meant"),
    [
        (
            "Actually, could you put me through to Mr. Alvarez's boss instead? I mean Monica.",
            "Monica",
        ),
        ("Could you transfer me to his manager? Sorry, I mean Monica Reyes.", "Monica Reyes"),
        ("Can you put me through to the head of the team? I mean Dana Scully.", "Dana Scully"),
    ],
)
def test_a_name_meant_after_a_question_mark_is_the_target(line, meant):
    reading = understand(line)
    assert (reading.action, reading.target) == ("transfer", meant)


@pytest.mark.parametrize(
    ("line", "target"),
    [
        ("Could you add Mulder back in? Sorry, I mean, is Fox still on the call?", "Mulder"),
        ("can you transfer me to Dana? I mean, is she free?", "Dana"),
    ],
)
def test_a_question_asked_anew_after_i_mean_is_no_name(line, target):
    assert understand(line).target == target


async def test_the_transfer_to_the_one_meant_is_read_back():
    line = "Actually, could you put me through to Mr. Alvarez's boss instead? I mean Monica."
    heard = await play_lines("host", line)
    assert heard[-1].calls == [("look_up_contact", {"name": "Monica", "purpose": "transfer"})]


# ----------------------------------------------- 4. why the introduction is wanted
@pytest.mark.parametrize(
    ("line", "about"),
    [
        ("could you tell him it's about the refund first, so he remembers me", "the refund"),
        ("tell her it's about my invoice first so she knows who I am", "their invoice"),
        ("can you tell him it's about the refund, so that he recognises me", "the refund"),
        ("let him know it's about my refund first, to remind him", "their refund"),
    ],
)
def test_why_the_introduction_is_wanted_is_no_part_of_it(line, about):
    assert about_from(line) == about


def test_a_clause_about_the_problem_itself_is_kept():
    said = about_from("tell him it's about my router dropping so he can fix it")
    assert said == "their router dropping so he can fix it"
