"""The rehearsal model, twenty-second round (issue 22): what the fourteenth and fifteenth testers
met. Requests inside chatty lines, the caller's own name corrected, names in regional forms and
the reason kept, questions answered and not acted on. One rule a test; expected words are
rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.corpus import Scenario
from tests.scenarios.runner import play, play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.caller import caller_name
from workflows.rehearsal.nlu.presence import asks_about

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_ADD = ("add 415 555 0124", "yes")
_PHILIPPA = {"name": "Philippa Hartley-Jones", "reason": "a conference call"}


async def _play(caller: dict, *says: str, start: str = "host") -> list:
    heard: list = []

    async def keep(_index, turn, _result) -> None:
        heard.append(turn)

    scenario = Scenario.model_validate(
        {"about": "lines", "start": start, "caller": caller, "turns": [{"say": s} for s in says]}
    )
    await play(scenario, None, keep)
    return heard


def _said(heard) -> str:
    return "\n".join(heard.lines)


def _tools(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. requests inside chatty lines
@pytest.mark.parametrize(
    "line", ["ok he's off the train, let him talk again", "alright, let her speak now"]
)
def test_let_someone_talk_again_is_an_unmute(line):
    assert understand(line).action == "unmute"


@pytest.mark.parametrize(
    "line", ["please make everybody muted except for me", "can you get the 0124 guy muted"]
)
def test_someone_made_muted_is_a_mute(line):
    assert understand(line).action == "mute"


def test_everyone_on_mute_except_someone_keeps_the_exception():
    reading = understand("put everyone on mute except the 0124 line")
    assert (reading.action, reading.target) == ("mute", "everyone except the one ending in 0124")


@pytest.mark.parametrize("line", ["bruh he dropped. hit him up again", "buzz her one more time"])
def test_hit_him_up_again_is_a_redial(line):
    assert understand(line).action == "redial"


@pytest.mark.parametrize(
    "line", ["alright we're wrapped, shut it down for everybody", "close the whole thing down"]
)
def test_shut_it_down_ends_the_call(line):
    assert understand(line).ends_call


def test_finished_as_a_clause_is_a_goodbye():
    assert understand("okay, finished.").goodbye


def test_auf_wiederhoeren_is_a_goodbye():
    assert understand("ok... auf Wiederhören").goodbye


# ----------------------------------------------- 2. the caller's own name corrected
async def test_a_correction_that_drops_a_word_of_the_name_changes_it():
    line = "Sorry, silly me, I said my surname wrong, it's Philippa Hartley, no Jones"
    heard = await _play(_PHILIPPA, *_ADD, line, "who's on the call?")
    assert heard[2].calls == [("correct_caller_name", {"name": "Philippa Hartley"})]
    assert "Philippa Hartley;" in _said(heard[3])  # the list uses the new name


async def test_the_same_name_shortened_without_a_correction_is_kept():
    heard = await _play(_PHILIPPA, "hi, it's Philippa Hartley here")
    assert "correct_caller_name" not in _tools(heard[0])


async def test_correct_my_name_to_a_name_changes_it():
    heard = await _play(_PHILIPPA, "correct my name please: Philippa Hartley")
    assert heard[0].calls == [("correct_caller_name", {"name": "Philippa Hartley"})]


async def test_a_name_correction_asked_as_a_question_changes_it():
    heard = await _play(_PHILIPPA, "could you change my name to Philippa Hartley?")
    assert heard[0].calls == [("correct_caller_name", {"name": "Philippa Hartley"})]


# ----------------------------------------------- 3. names in regional forms, the reason kept
def test_name_this_side_is_the_callers_name():
    assert caller_name("Hello ji, Priyanka Iyer this side. my login is not working") == (
        "Priyanka Iyer"
    )


def test_a_greeting_to_mate_is_followed_by_the_name():
    assert caller_name("G'day mate, Bazza from Brisbane, gotta get the crew on") == "Bazza"


def test_two_people_wanted_on_a_call_is_an_add_of_both():
    reading = understand("I need Scully and Mulder on a call together, asap")
    assert (reading.action, reading.target) == ("add", "Scully and Mulder")


async def test_a_name_after_not_understood_is_taken():
    heard = await play_lines("receptionist", "blah blah", "Ravi")
    assert _said(heard[1]) == render(_OFFLINE.ask_reason, name="Ravi")


async def test_a_contact_picked_from_several_keeps_the_rest_of_the_request():
    heard = await play_lines(
        "receptionist", "a conference call, with Dana and the boss", "Ravi", "Dana Scully", "yes"
    )
    assert heard[3].calls[-1] == ("look_up_contact", {"name": "boss", "purpose": "add"})


# ----------------------------------------------- 4. questions answered, not acted on
async def test_a_stressed_question_about_the_introduction_is_answered():
    heard = await play_lines(
        "host", "put me through to Fox Mulder and introduce me", "what exactly will you say?"
    )
    intro = render(
        _PROMPTS.host.transfer.introduce,
        who="Fox Mulder",
        caller_name="Ada",
        caller_reason="a conference call",
    )
    assert render(_OFFLINE.will_introduce, introduction=intro) in _said(heard[1])


async def test_a_stressed_team_question_is_answered_and_nothing_read_back():
    heard = await play_lines("host", "who's actually in the sales team?")
    who = "Dana Scully and Sales desk"
    assert heard[0].calls == [] and _said(heard[0]) == render(
        _OFFLINE.team_members, team="Sales", who=who
    )


async def test_dont_call_anyone_yet_is_never_followed_by_a_read_back():
    heard = await play_lines("host", "add the sales desk", "don't call anyone yet, who's in sales?")
    assert heard[1].calls == []


def test_definitely_not_on_the_line_asks_about_that_name():
    assert asks_about("is the landlord definitely not on the line?") == "the landlord"


async def test_a_participant_asking_if_only_they_are_on_hears_the_list():
    heard = await play_lines(
        "host", "add Dana Scully", "yes", "Dana: Ava, is Mulder also there or only me?"
    )
    assert _tools(heard[2]) == ["list_participants"]


async def test_a_participant_asking_to_press_the_keys_they_named_is_keys():
    heard = await play_lines(
        "host",
        "add 415 555 0139",
        "yes",
        "his name is Tobias",
        "Tobias: Ava, the menu says press 2 for an outside line",
        "Tobias: Ava, can you press it",
    )
    assert heard[4].calls == [("send_digits", {"digits": "2"})]
    assert render(_OFFLINE.ask_number) not in _said(heard[4])
