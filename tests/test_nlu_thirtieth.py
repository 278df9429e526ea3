"""The rehearsal model, thirtieth round (issue 22): what earlier rounds noticed. Whom a title or
a reason clause means, a meeting told by its time, a support need with its problem, questions
about the call answered, names said with a hedge. One rule a test; expected words are rendered
from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.leg_names import given_name
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.call_questions import call_question
from workflows.rehearsal.nlu.needs import GROUP_CALL_RE, meeting_with
from workflows.rehearsal.nlu.problems import support_need

_OFFLINE = prompts().offline


def _calls(heard) -> list[tuple[str, dict]]:
    return [call for turn in heard for call in turn.calls]


def _said(heard) -> str:
    return "\n".join(line for turn in heard for line in turn.lines)


# ----------------------------------------------- 1. who a mute/unmute/remove means
async def test_a_title_with_one_person_on_is_that_person_never_everyone():
    heard = await play_lines(
        "host", "add Dana Scully", "yes", "mute everyone", "unmute the boss, she wants to talk"
    )
    assert heard[-1].calls == [("mute_participant", {"who": "Dana Scully", "muted": False})]


async def test_a_title_with_everyone_muted_and_several_on_is_asked_about():
    lines = ("add Dana Scully", "yes", "add Fox Mulder", "yes", "mute everyone")
    heard = await play_lines("host", *lines, "ok unmute the boss now")  # no "she" to ask by
    assert heard[-1].calls == []
    assert heard[-1].lines == [_OFFLINE.which_person]


@pytest.mark.parametrize(
    ("line", "whom"),
    [
        ("the boss has to go, take her off", "the boss"),
        ("Dougal is eating crisps, mute him", "Dougal"),
        ("Fox has had enough, drop him", "Fox"),
        ("Monica's talking over everyone, mute her", "Monica"),
    ],
)
def test_a_reason_clause_before_the_request_names_its_subject(line, whom):
    assert understand(line).target == whom


def test_a_title_named_first_keeps_its_article_and_a_name_loses_it():
    assert understand("the boss has to go, take her off").target == "the boss"
    assert understand("the support desk. remove it").target == "support desk"


async def test_the_boss_has_to_go_removes_the_boss_on_the_call():
    heard = await play_lines("host", "add Monica Reyes", "yes", "the boss has to go, take her off")
    assert heard[-1].calls == [("remove_participant", {"who": "Monica Reyes"})]


# ----------------------------------------------- 2. a meeting told by its time
@pytest.mark.parametrize(
    "line", ["I have a sync at 3, that's all, just checking the line works", "we have a standup"]
)
def test_a_meeting_told_of_is_no_group_call_asked_for(line):
    assert not GROUP_CALL_RE.search(line)


@pytest.mark.parametrize(
    "line", ["can we have a quick sync with the team", "could we have a huddle"]
)
def test_a_meeting_asked_to_have_is_still_a_group_call(line):
    assert GROUP_CALL_RE.search(line)


@pytest.mark.parametrize(
    ("line", "need"),
    [
        ("I have a sync at 3 and need Dana on it", "a call with Dana"),
        ("got a meeting at half two and I want Fox Mulder in on it", "a call with Fox Mulder"),
    ],
)
def test_someone_wanted_on_a_meeting_is_a_call_with_them(line, need):
    assert meeting_with(line) == need


def test_a_meeting_with_nobody_wanted_on_it_is_no_call_with_anyone():
    assert meeting_with("I have a sync at 3, that's all") is None


async def test_the_receptionist_hands_over_a_meeting_as_a_call_with_them():
    heard = await play_lines("receptionist", "I have a sync at 3 and need Dana on it, I'm Priya")
    assert _calls(heard)[0] == (
        "transfer_to_conference_host",
        {"caller_name": "Priya", "reason": "a call with Dana"},
    )


@pytest.mark.parametrize(
    "line",
    ["I have a sync at 3, that's all, just checking the line works", "only testing the line"],
)
def test_a_check_of_the_line_is_no_goodbye(line):
    reading = understand(line)
    assert not reading.goodbye and not reading.ends_call


def test_a_check_of_the_line_with_a_bye_is_that_goodbye():
    assert understand("only testing the line, bye for now").goodbye
    assert call_question("only testing the line, bye for now") is None


async def test_a_check_of_the_line_is_answered():
    heard = await play_lines("host", "I have a sync at 3, that's all, just checking the line works")
    assert heard[0].calls == [] and heard[0].lines == [_OFFLINE.answers.line_works]


# ----------------------------------------------- 3. a support need with its problem
@pytest.mark.parametrize(
    ("line", "need"),
    [
        ("I need support, my laptop won't boot", "support with their laptop not booting"),
        ("my phone won't turn on, I need IT support", "support with their phone not turning on"),
        ("the VPN doesn't connect", "support with their VPN not connecting"),
    ],
)
def test_a_thing_that_will_not_start_is_the_support_need(line, need):
    assert support_need(line) == need


async def test_a_support_need_keeps_its_problem_and_the_desk_is_read_back():
    heard = await play_lines("receptionist", "I need support, my laptop won't boot", "Priya")
    calls = _calls(heard)
    assert calls[0] == (
        "transfer_to_conference_host",
        {"caller_name": "Priya", "reason": "support with their laptop not booting"},
    )
    assert calls[1] == ("look_up_contact", {"name": "support", "purpose": "transfer"})


# ----------------------------------------------- 4. questions about the call
@pytest.mark.parametrize(
    "line",
    [
        "do you hang up when everyone leaves?",
        "what happens once everybody else has hung up?",
        "if they all drop off, does the call end",
    ],
)
def test_everyone_leaving_asked_about_is_that_question(line):
    assert call_question(line) == "all_gone"


@pytest.mark.parametrize(
    "line",
    [
        "what happens if Dana drops off?",
        "what if Fox hangs up by accident?",
        "if Dana hangs up, does the call end?",
    ],
)
def test_one_dropping_off_asked_about_is_that_question(line):
    assert call_question(line) == "one_gone"


@pytest.mark.parametrize(
    "line", ["will they hear me while they ring?", "can Dana hear us before she picks up?"]
)
def test_hearing_while_it_rings_asked_about_is_that_question(line):
    assert call_question(line) == "while_ringing"


@pytest.mark.parametrize(
    "line",
    ["if they all drop off, end the call", "Dana dropped off", "what happens if you transfer me?"],
)
def test_a_request_or_a_transfer_question_is_none_of_these(line):
    assert call_question(line) is None


def test_the_caller_dropping_off_is_not_someone_else_dropping_off():
    assert call_question("what happens if I drop off?") is None


async def test_questions_about_the_call_are_answered_and_never_acted_on():
    lines = ("do you hang up when everyone leaves?", "will they hear me while they ring?")
    heard = await play_lines("host", "add Dana Scully", "yes", "what happens if Dana drops off?")
    heard += await play_lines("host", *lines)
    assert heard[2].lines == [_OFFLINE.answers.one_gone]
    assert heard[3].lines == [_OFFLINE.answers.all_gone]
    assert heard[4].lines == [_OFFLINE.answers.while_ringing]
    assert [turn.calls for turn in heard[2:]] == [[], [], []]


# ----------------------------------------------- 5. names with hedges
@pytest.mark.parametrize(
    "line",
    [
        "Sorry, he's actually Dougal, not Douglas",
        "oh sorry, it's actually Dougal, not Douglas",
        "my bad, his name is really Dougal, not Douglas",
    ],
)
def test_a_name_said_with_actually_is_the_name(line):
    assert given_name(line) == "Dougal"


async def test_a_hedged_rename_renames_the_leg_and_dials_nothing():
    lines = (
        "add 415 555 0155",
        "yes",
        "that's Douglas",
        "Sorry, he's actually Dougal, not Douglas",
    )
    heard = await play_lines("host", *lines)
    assert heard[-1].calls == [("name_participant", {"who": "Douglas", "name": "Dougal"})]


async def test_a_hedged_name_after_a_team_is_read_back():
    heard = await play_lines("host", "could you get somebody from support, Fox Mulder probably")
    assert [name for name, _ in heard[0].calls] == ["look_up_contact"]
    assert "Fox Mulder" in _said(heard)
