"""The rehearsal model, fifty-first round a (issue 22, tester 43): the caller's "mute me" is their
own line (never the one other person), a name said after a number with where they are from, a
job said as a title is no name, "the first number again", a role that follows its corrected
number, and a participant's goodbye not said to the host."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.text import without_titles

_PROMPTS = prompts()
_ANSWERS = _PROMPTS.offline.answers
_ONE = ("add Fox Mulder", "yes")


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. "mute me" from the caller is the caller
@pytest.mark.parametrize(
    "line",
    [
        "mute me",
        "mute me please",
        "can you mute me",
        "hey can u put me on mute for a sec",
        "sweet. ava put me on hold for a sec lol",
        "could you mute my line please",
    ],
)
async def test_the_callers_mute_me_mutes_nobody_and_says_what_they_can_do(line):
    heard = await play_lines("host", *_ONE, line)
    assert "mute_participant" not in _names(heard[-1])
    assert heard[-1].lines == [_ANSWERS.caller_mute_own]


@pytest.mark.parametrize("line", ["k unmute me", "unmute me please", "take me off mute"])
async def test_the_callers_unmute_me_unmutes_nobody(line):
    heard = await play_lines("host", *_ONE, line)
    assert "mute_participant" not in _names(heard[-1])
    assert heard[-1].lines == [_ANSWERS.caller_not_muted]


async def test_after_a_participants_line_the_callers_hold_is_still_answered():
    heard = await play_lines(
        "host", *_ONE, "Fox: yeah got it", "sweet. ava put me on hold for a sec lol"
    )
    assert heard[-1].lines == [_ANSWERS.caller_mute_own]


async def test_a_participants_mute_me_still_mutes_that_participant():
    heard = await play_lines("host", *_ONE, "Fox: Ava, mute me please")
    assert heard[-1].calls == [("mute_participant", {"who": "Fox Mulder", "muted": True})]


async def test_muting_someone_else_still_works():
    heard = await play_lines("host", *_ONE, "mute Mulder")
    assert heard[-1].calls == [("mute_participant", {"who": "Fox Mulder", "muted": True})]


def test_own_line_is_only_the_callers():
    from workflows.rehearsal.nlu.mute_questions import own_line_asked

    assert own_line_asked("mute", "me", "mute me") == "mute"
    assert own_line_asked("unmute", "me", "unmute me") == "unmute"
    assert own_line_asked(None, None, "put me on hold for a sec") == "mute"
    assert own_line_asked("mute", "Dana", "mute Dana") is None
    assert own_line_asked("mute", "me", "mute me and Dana") is None
    assert own_line_asked(None, None, "will I be stuck on hold?") is None


# ----------------------------------------------- 2. a name after the number, then where from
@pytest.mark.parametrize(
    "line",
    [
        "And the second is 415 555 0186, Ingrid from the paint company.",
        "next one is 415 555 0186, Ingrid at the paint shop",
        "415 555 0186 - Ingrid from accounts",
    ],
)
async def test_a_name_after_the_number_with_where_they_are_from_names_the_leg(line):
    heard = await play_lines("host", line, "yes")
    assert ("name_participant", {"who": "4155550186", "name": "Ingrid"}) in heard[-1].calls


# ----------------------------------------------- 3. a job said as a title; the first number
@pytest.mark.parametrize(
    "title", ["Nurse", "Sergeant", "Coach", "Captain", "Herr", "Frau", "Señora", "Monsieur"]
)
def test_a_job_said_as_a_title_is_no_name(title):
    assert without_titles(f"the person on 0145 is {title} Okafor") == "the person on 0145 is Okafor"
    assert without_titles("the nurse is lovely") == "the nurse is lovely"


@pytest.mark.parametrize(
    "line",
    [
        "Thank you. The person on 0145 is Nurse Okafor.",
        "the 0145 one is Nurse Okafor",
        "that number is Nurse Okafor",
        "he is Herr Okafor",  # tester 45: "he is Herr Brandt" named the leg "Herr"
    ],
)
async def test_the_name_after_a_job_title_names_the_leg(line):
    heard = await play_lines("host", "add 415 555 0145", "yes", line)
    assert heard[-1].calls[-1][0] == "name_participant"
    assert heard[-1].calls[-1][1]["name"] == "Okafor"


@pytest.mark.parametrize(
    "line",
    [
        "Can you try the first number again in a little while?",
        "could you call the first number again in a bit",
        "ring the first one once more please",
    ],
)
async def test_the_first_number_again_is_read_back(line):
    says = ("add 415 555 0187", "yes", "add 415 555 0145", "yes", "remove 0187")
    heard = await play_lines("host", *says, line)
    assert heard[-1].calls[0] == (
        "read_back_number",
        {"phone_number": "4155550187", "purpose": "add"},
    )


# ----------------------------------------------- 4. a role follows its corrected number
_ACCOUNTANT = (
    "the accountant is 415 555 0156",
    "oops no, the last bit is 0165",
    "yes",
    "and my partner Luis is at 415 555 0191",
    "yes",
)


@pytest.mark.parametrize(
    ("line", "tool"),
    [
        ("can you mute the accountant for a minute, Luis and I need to talk privately", "mute"),
        ("mute the accountant, Luis and I want a word", "mute"),
        ("just take the accountant off the call entirely", "remove"),
        ("drop the accountant please", "remove"),
    ],
)
async def test_the_role_follows_the_corrected_number(line, tool):
    heard = await play_lines("host", *_ACCOUNTANT, line)
    calls = heard[-1].calls
    assert len(calls) == 1 and calls[0][0] == f"{tool}_participant"
    assert calls[0][1]["who"].replace("-", "").replace(" ", "").endswith("4155550165")


def test_x_and_i_is_who_talks_not_a_second_person():
    assert understand("mute the accountant, Luis and I need to talk").target == "the accountant"


# ----------------------------------------------- 5. a participant's goodbye to the others
@pytest.mark.parametrize(
    "line", ["Dana: ok gotta jump, bye all", "Dana: right, I'm off, bye everyone", "Dana: cya all"]
)
async def test_a_participants_goodbye_not_said_to_the_host_gets_no_reply(line):
    heard = await play_lines("host", "add Dana Scully", "yes", line)
    assert heard[-1].calls == [] and heard[-1].lines == []
