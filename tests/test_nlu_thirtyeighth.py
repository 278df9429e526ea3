"""The rehearsal model, thirty-eighth round (issue 22): the host's leftovers. One question asked
twice gets one answer, a name given as information names the person meant, a wait agreed to is
acknowledged, and names stay with their legs. One rule a test; expected words are rendered from
the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.sequence import clauses, same_ask

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_ONE = ("add 415 555 0146", "yes")
_TWO = ("add 646 555 0146", "yes", "add 415 555 0146", "yes", "who's on")
_BUSY = ("call 415 555 0186", "yes")


def _names(heard) -> list[dict]:
    return [args for name, args in heard.calls if name == "name_participant"]


# ----------------------------------------------- 1. one question, one answer
@pytest.mark.parametrize(
    "line",
    ["Is everyone still there? Who have we got?", "who's on the call? who have we got?"],
)
def test_the_same_question_twice_in_a_line_is_one_request(line):
    assert clauses(line) == []


def test_is_everyone_still_there_asks_who_is_on():
    assert same_ask(understand("is everybody still there?")) == same_ask(understand("who's on?"))


async def test_is_everyone_still_there_is_answered_with_who_is_on():
    heard = await play_lines("host", "add Dana Scully", "yes", "is everybody still on the line?")
    assert [name for name, _ in heard[-1].calls] == ["list_participants"]


async def test_two_different_questions_in_a_line_are_both_answered():
    heard = await play_lines(
        "host", "add Dana Scully", "yes", "how long have we been on? who is on?"
    )
    assert [name for name, _ in heard[-1].calls] == ["get_call_state", "list_participants"]


# ----------------------------------------------- 2. a name given as information
@pytest.mark.parametrize(
    "line", ["thanks. also, my client's name is Anjali", "oh and fyi my client's called Anjali"]
)
async def test_a_role_whose_name_is_given_names_the_one_on_the_call(line):
    heard = await play_lines("host", *_ONE, line)
    assert _names(heard[-1]) == [{"who": "+1 415-555-0146", "name": "Anjali"}]


async def test_thats_my_boss_and_a_name_names_the_one_on_the_call():
    heard = await play_lines("host", *_ONE, "btw that's my boss Priya on the line")
    assert _names(heard[-1]) == [{"who": "+1 415-555-0146", "name": "Priya"}]
    assert "look_up_contact" not in [name for name, _ in heard[-1].calls]


async def test_the_person_who_joined_is_my_colleague_names_them_and_lists_nobody():
    heard = await play_lines(
        "host", *_ONE, "just so you know, the person who joined is my colleague Sam"
    )
    assert [name for name, _ in heard[-1].calls] == ["name_participant"]
    assert _names(heard[-1])[0]["name"] == "Sam"


async def test_a_name_given_with_several_on_the_call_asks_which_one():
    heard = await play_lines("host", *_TWO, "thanks. also, my client's name is Anjali")
    assert heard[-1].lines == [_OFFLINE.which_person]
    assert heard[-1].calls == []


async def test_a_name_given_for_a_number_names_that_leg():
    heard = await play_lines("host", *_TWO, "fyi the guy on the 646 number is Raj")
    assert _names(heard[-1]) == [{"who": "+1 646-555-0146", "name": "Raj"}]


# ----------------------------------------------- 3. waiting and giving up
@pytest.mark.parametrize(
    "line", ["ok sure, I'll wait", "fine, i'll hang on", "no worries, take your time"]
)
async def test_a_wait_agreed_to_is_acknowledged(line):
    heard = await play_lines("host", *_BUSY, "give it one more go", line)
    assert heard[-1].lines == [_OFFLINE.followups.wait_agreed]
    assert heard[-1].calls == []


async def test_yep_to_the_wait_is_the_wait_agreed_not_a_bare_okay():
    heard = await play_lines("host", *_BUSY, "give it one more go", "yep")
    assert heard[-1].lines == [_OFFLINE.followups.wait_agreed]


async def test_a_wait_agreed_to_without_a_wait_asked_is_not_acknowledged_as_one():
    heard = await play_lines("host", *_ONE, "no worries, take your time")
    assert _OFFLINE.followups.wait_agreed not in heard[-1].lines


async def test_forget_him_and_get_another_after_a_busy_line_reads_the_other_back():
    heard = await play_lines("host", *_BUSY, "nah forget him. just get the support desk instead")
    assert heard[-1].calls[0][0] == "look_up_contact"
    assert _OFFLINE.nothing_to_cancel not in heard[-1].lines


async def test_forget_him_alone_after_a_busy_line_still_has_nothing_to_cancel():
    heard = await play_lines("host", *_BUSY, "nah forget him")
    assert heard[-1].lines == [_OFFLINE.nothing_to_cancel]


async def test_the_one_called_off_is_not_the_one_brought_in_instead():
    heard = await play_lines("host", *_BUSY, "don't call Dana Scully, get Fox Mulder instead")
    assert heard[-1].calls == [("look_up_contact", {"name": "Fox Mulder", "purpose": "add"})]


async def test_ok_and_now_after_the_wait_is_still_a_retry_not_the_wait_agreed():
    heard = await play_lines("host", *_BUSY, "give it one more go", "ok, and now?")
    assert [name for name, _ in heard[-1].calls] == ["read_back_number"]


async def test_a_contact_named_beside_a_cancel_but_not_asked_for_is_not_looked_up():
    heard = await play_lines("host", *_BUSY, "oh forget it, Dana Scully is busy anyway")
    assert heard[-1].calls == []


# ----------------------------------------------- 4. names on the call
async def test_that_was_a_name_who_just_joined_names_the_one_who_joined():
    heard = await play_lines("host", "add 646 555 0146", "yes", "that was Priya who just joined")
    assert _names(heard[-1]) == [{"who": "+1 646-555-0146", "name": "Priya"}]


async def test_two_legs_named_in_turn_keep_their_names():
    heard = await play_lines(
        "host",
        "add 646 555 0146",
        "yes",
        "This is Priya",
        "add 415 555 0146",
        "yes",
        "that was Raj who just joined",
        "that's Priya",
    )
    assert heard[-1].calls == []
    assert heard[-1].lines == [render(_OFFLINE.answers.already_named, who="Priya")]


async def test_a_name_someone_on_the_call_has_never_moves_to_the_one_just_joined():
    heard = await play_lines(
        "host",
        "add 646 555 0146",
        "yes",
        "This is Priya",
        "add 415 555 0146",
        "yes",
        "This is Priya",
    )
    assert _names(heard[-1]) == []


async def test_the_answer_to_which_person_names_that_leg():
    heard = await play_lines("host", *_TWO, "my client's name is Anjali", "the 646 one", "who's on")
    assert _names(heard[-2]) == [{"who": "+1 646-555-0146", "name": "Anjali"}]
