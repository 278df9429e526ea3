"""The rehearsal model, twenty-fourth round (issue 22): what the sixteenth tester found. Each
test fails when its rule alone is removed."""

from __future__ import annotations

import pytest

from prompts.loader import load_prompts, render
from tests.scenarios.runner import play_lines
from workflows.call.settings import PROMPTS_DIR
from workflows.rehearsal.leg_names import _paired, names_last
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.sequence import clauses

PROMPTS = load_prompts(PROMPTS_DIR)
_TWO_ON = ("add 415 555 0146", "yes", "add 415 555 0174", "yes")
_LONDON = (*_TWO_ON, "the 0174 one is London")
_SHANE = ("Shane's on four one five, five five five, oh one eight seven", "yeah righto")


def _said(heard) -> str:
    return "\n".join(heard.lines)


# 1. Being done beside a request is no goodbye


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ("So, I am finished. Unmute both of them please.", "unmute"),
        ("we're done presenting, unmute everyone", "unmute"),
        ("I'm done, who's still on?", "list"),
        ("remove 0146, I'm done", "remove"),
    ],
)
def test_being_done_beside_a_request_is_no_goodbye(line, action):
    reading = understand(line)
    assert (reading.action, reading.goodbye, reading.ends_call) == (action, False, False)


def test_being_done_alone_still_ends_the_call():
    reading = understand("ok we're done here, thanks")
    assert reading.goodbye and reading.ends_call


# 2. A name never comes from another line


async def test_a_corrected_number_takes_no_name_from_a_refused_line():
    heard = await play_lines(
        "host",
        "First one is in London, plus four four, two oh, seven nine four six, oh oh one eight.",
        "add 415 555 0147",
        "sorry, it ends in 0174",
        "yes",
    )
    assert [name for name, _ in heard[-1].calls] == ["add_sip_participant"]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("the first is Tom, his number is (415) 555-0133", "Tom"),  # a bracket before it
        ("the other one's Jamie, on 415 555 0146", "Jamie"),  # a comma before "on"
    ],
)
async def test_a_name_given_with_its_number_names_that_leg(line, name):
    heard = await play_lines("host", line, "yes")
    assert ("name_participant", name) in [(n, a.get("name")) for n, a in heard[-1].calls]


# 3. Naming and renaming in people's words


@pytest.mark.parametrize("name", ["Jürgen", "Zoë", "Łukasz", "José"])
def test_a_name_in_any_latin_letters_is_a_name(name):
    assert names_last(f"His name is {name}.") == name


async def test_two_legs_renamed_in_one_line_are_both_renamed_and_both_said():
    line = "That is not London, that is Suresh at 0174. And 0146 is Lakshmi."
    heard = await play_lines("host", *_LONDON, line)
    named = [(a["who"], a["name"]) for n, a in heard[-1].calls if n == "name_participant"]
    assert named == [("London", "Suresh"), ("+1 415-555-0146", "Lakshmi")]
    said = _said(heard[-1])
    renamed = PROMPTS.host.controls.participant_named
    assert render(renamed, who="London", name="Suresh") in said
    assert render(renamed, who="+1 415-555-0146", name="Lakshmi") in said


async def test_a_named_leg_is_still_found_by_its_last_digits():
    heard = await play_lines("host", *_LONDON, "The 0174 person's name is Suresh.")
    assert heard[-1].calls == [("name_participant", {"who": "London", "name": "Suresh"})]


async def test_call_him_x_not_his_name_now_renames_him():
    heard = await play_lines("host", *_LONDON, "Please call him Suresh, not London.")
    assert heard[-1].calls == [("name_participant", {"who": "London", "name": "Suresh"})]


# 4. Two requests in one line


def test_a_number_said_alone_beside_a_question_is_a_request_of_its_own():
    line = "he has an American mobile: 415-555-0156. And please tell me who is on the call."
    assert len(clauses(line)) == 2


def test_a_number_beside_someone_to_bring_in_is_their_number():
    assert clauses("Could you also ring Dr Adeyemi on his mobile? It's 917 555 0158") == []


def test_get_someone_back_brings_them_in():
    reading = understand("can you get Dana White back")
    assert (reading.action, reading.target) == ("add", "Dana White")


async def test_the_rest_of_a_line_is_said_to_come_next_while_a_read_back_waits():
    line = "he's on a US cell now: 415 555 0157. who's on right now?"
    heard = await play_lines("host", line, "yes")
    assert PROMPTS.offline.answers.rest_next in _said(heard[0])
    assert [n for n, _ in heard[1].calls] == ["add_sip_participant", "list_participants"]


async def test_a_refused_read_back_holds_up_nothing():
    heard = await play_lines(
        "host",
        "add Dana White",
        "yes",
        "add 415 555 0121",
        "yes",
        "remove Dana White",
        "can you get Dana White back and drop 0121",
    )
    assert [n for n, _ in heard[-1].calls] == ["look_up_contact", "remove_participant"]


# 5. Questions about a person's status and name


@pytest.mark.parametrize(
    "line",
    [
        "is Shane still ringin?",  # the g dropped
        "is Shane's phone still ringing?",  # his phone: him
        "did you stop calling Shane or is his phone still ringing?",  # stopped calling
    ],
)
def test_a_question_about_one_person_names_them(line):
    reading = understand(line)
    assert (reading.asks_about, reading.cancel) == ("Shane", False)


async def test_asked_about_one_no_longer_called_says_so():
    heard = await play_lines(
        "host", *_SHANE, "don't bother ringing him", "is Shane's phone still ringin?"
    )
    assert render(PROMPTS.host.controls.cancelled, who="Shane") in _said(heard[-1])


async def test_what_is_her_name_again_is_answered_and_read_back_again():
    heard = await play_lines("host", "get us the boss", "hang on, what's her name again?")
    said = _said(heard[-1])
    assert render(PROMPTS.offline.answers.their_name, who="Monica Reyes") in said
    assert PROMPTS.offline.wrong_number not in said
    assert [n for n, _ in heard[-1].calls] == ["look_up_contact"]


def test_someone_described_beside_a_number_is_that_number():
    assert _paired("ok so the client is at 415-555-0112") == {"client": "4155550112"}


async def test_the_client_is_the_leg_said_to_be_the_client_even_once_named():
    heard = await play_lines(
        "host",
        "ok so the client is at 415-555-0121",
        "yes",
        "that's Mrs. Adeyemi btw",
        "add Mulder",
        "yes",
        "alright the client's gotta jump off, let her go",
    )
    assert heard[-1].calls == [("remove_participant", {"who": "Adeyemi"})]


async def test_a_name_a_leg_already_has_is_confirmed_not_renamed():
    heard = await play_lines("host", *_LONDON, "The 0174 person's name is London.")
    assert heard[-1].calls == []
    assert render(PROMPTS.offline.answers.already_named, who="London") in _said(heard[-1])


async def test_call_him_by_the_name_he_has_is_no_read_back():
    heard = await play_lines("host", *_LONDON, "Please call him London, not Suresh.")
    assert heard[-1].calls == []
    assert render(PROMPTS.offline.answers.already_named, who="London") in _said(heard[-1])


async def test_the_rest_of_the_line_follows_a_yes_in_other_words():
    line = "he has an American mobile: 415-555-0156. And please tell me who is on the call."
    heard = await play_lines("host", line, "Ja, genau.")
    assert [n for n, _ in heard[-1].calls] == ["add_sip_participant", "list_participants"]
