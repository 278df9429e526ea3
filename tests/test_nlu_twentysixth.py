"""The rehearsal model, twenty-sixth round (issue 22): what the sixteenth and seventeenth testers
met. The receptionist hears a name given in passing and keeps a need given before the name; the
one person dialled in is named in people's words. One rule a test; expected words are rendered
from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes
from workflows.rehearsal.about_host import said_length
from workflows.rehearsal.nlu.passing import name_in_passing
from workflows.rehearsal.nlu.problems import PROBLEM_RE, support_need
from workflows.rehearsal.receptionist_turns import _is_request

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_WORDS = _PROMPTS.confirmation
_ADD = ("add 415 555 0124", "yes")
_LEG = "+1 415-555-0124"


def _handover(heard) -> dict:
    """The arguments the receptionist handed the call over with ({} when it did not)."""
    calls = [args for turn in heard for name, args in turn.calls]
    names = [name for turn in heard for name, _ in turn.calls]
    return calls[names.index("transfer_to_conference_host")] if calls and names else {}


def _said(heard) -> str:
    return "\n".join(heard.lines)


# ----------------------------------------------- 1. the name given in passing
def test_letters_held_in_a_greeting_still_greet():
    line = "heyyy it's Jaylen lol, my manager said call u to get the sales ppl on a call"
    assert name_in_passing(line, _is_request) == "Jaylen"


def test_name_is_at_the_end_of_a_long_line_is_the_name():
    line = "I am calling regarding a conference call for our weekly review. Name is Venkatesh."
    assert name_in_passing(line, _is_request) == "Venkatesh"


def test_x_is_my_name_is_the_name():
    line = "Hello, I need a conference call for the audit team. Suresh is my name."
    assert name_in_passing(line, _is_request) == "Suresh"


def test_a_lower_case_word_alone_as_the_first_clause_is_the_name():
    assert name_in_passing("mike. need a conference.", _is_request) == "Mike"


@pytest.mark.parametrize("line", ["anyway. need a conference.", "basically, I need a call"])
def test_a_common_word_alone_first_is_no_name(line):
    assert name_in_passing(line, _is_request) is None


@pytest.mark.parametrize("line", ["honestly. need a conference.", "seriously, set up a call"])
def test_an_adverb_alone_first_is_no_name(line):
    assert name_in_passing(line, _is_request) is None


@pytest.mark.parametrize("line", ["conference. need it now", "transfer, to sales please"])
def test_a_request_word_alone_first_is_no_name(line):
    assert name_in_passing(line, _is_request) is None


async def test_the_receptionist_takes_the_name_given_in_passing():
    heard = await play_lines("receptionist", "mike. need a conference.")
    assert _handover(heard) == {"caller_name": "Mike", "reason": "a conference call"}


# ----------------------------------------------- 2. the need given before the name
def test_a_thing_that_stopped_doing_its_job_is_a_problem_for_support():
    line = "so my invoices stopped downloading since yesterday and I need someone to look"
    assert PROBLEM_RE.search(line)
    assert support_need(line) == "support with their invoices not downloading"


async def test_a_problem_told_as_a_story_is_the_need_kept_for_the_name():
    story = "Hi, yeah, so my invoices stopped downloading since yesterday, can someone look at it"
    heard = await play_lines("receptionist", story, "it's Kayleigh. K-A-Y-L-E-I-G-H.")
    assert heard[0].lines == [_OFFLINE.ask_name]
    assert _handover(heard)["reason"] == "support with their invoices not downloading"


async def test_do_you_have_someone_there_is_wanting_to_speak_to_them():
    heard = await play_lines(
        "receptionist", "Hey. Do you guys have a Fox Mulder there?", "I'm his assistant, Rosa."
    )
    assert _handover(heard) == {"caller_name": "Rosa", "reason": "speaking to Fox Mulder"}


async def test_someone_asked_about_before_the_name_is_the_need():
    heard = await play_lines("receptionist", "hello, is Monica Reyes around today?", "it's Tom")
    assert _handover(heard) == {"caller_name": "Tom", "reason": "speaking to Monica Reyes"}


async def test_someone_asked_about_with_the_name_still_asks_what_for():
    heard = await play_lines("receptionist", "Hi, I'm Sam Jones. is Fox Mulder around today?")
    assert heard[0].calls == []
    assert heard[0].lines == [render(_OFFLINE.ask_reason, name="Sam Jones")]


async def test_can_you_dial_people_in_for_me_is_the_request():
    first = "Hello? Is this the conference line? Can you dial people in for me?"
    heard = await play_lines("receptionist", first, "Do you need my name? ok, it's Rosa.")
    assert _handover(heard) == {"caller_name": "Rosa", "reason": "a conference call"}


async def test_can_you_transfer_calls_for_me_is_a_transfer():
    heard = await play_lines("receptionist", "can you transfer calls for me?", "Tom")
    assert _handover(heard)["reason"] == "a transfer"


async def test_a_quick_question_whether_it_can_dial_is_still_only_a_question():
    first = "quick question, can you actually dial other people into a call for me?"
    heard = await play_lines("receptionist", first, "Tom")
    assert heard[1].calls == []
    assert heard[1].lines == [render(_OFFLINE.ask_reason, name="Tom")]


# ----------------------------------------------- 3. the one dialled in, named in people's words
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("That one is Priya, my team lead", "Priya"),
        ("that's the supplier, call 'em Vinnie", "Vinnie"),
    ],
)
async def test_that_one_or_em_is_the_one_person_on_the_call(line, name):
    heard = await play_lines("host", *_ADD, line)
    assert heard[2].calls == [("name_participant", {"who": _LEG, "name": name})]


async def test_the_guy_on_the_line_is_named_not_listed():
    line = "no, I mean his name's Vinnie, the guy who's on the line"
    heard = await play_lines("host", *_ADD, line)
    assert heard[2].calls == [("name_participant", {"who": _LEG, "name": "Vinnie"})]


async def test_a_name_the_leg_has_already_is_said_not_given_again():
    line = "no, I mean his name's Vinnie, the guy who's on the line"
    heard = await play_lines("host", *_ADD, "call 'em Vinnie", line)
    assert heard[3].calls == []
    assert heard[3].lines == [render(_OFFLINE.answers.already_named, who="Vinnie")]


async def test_that_one_with_two_on_the_call_and_none_just_joined_names_no_one():
    two = (*_ADD, "add 415 555 0125", "yes", "who's on the call?")
    heard = await play_lines("host", *two, "That one is Priya")
    assert "name_participant" not in [name for name, _ in heard[5].calls]


async def test_that_one_just_joined_is_named_among_two():
    heard = await play_lines("host", *_ADD, "add 415 555 0125", "yes", "That one is Priya")
    assert heard[4].calls == [("name_participant", {"who": "+1 415-555-0125", "name": "Priya"})]


async def test_call_em_with_a_directory_name_names_no_one():
    heard = await play_lines("host", *_ADD, "call 'em Mulder")
    assert "name_participant" not in [name for name, _ in heard[2].calls]


# ----------------------------------------------- 4. small things the testers noticed
async def test_even_only_stresses_a_team_question_while_a_read_back_waits():
    heard = await play_lines("host", "add the sales desk", "wait who's even in sales")
    team = render(_OFFLINE.team_members, team="Sales", who="Dana Scully and Sales desk")
    assert heard[1].lines[0] == team
    assert "add_sip_participant" not in [name for name, _ in heard[1].calls]


def test_the_before_the_read_backs_own_name_is_a_yes_to_it():
    assert is_clear_yes("yeah dial the desk", _WORDS, "Sales desk")
    assert not is_clear_yes("yeah dial the Dana one", _WORDS, "Sales desk")


def test_bet_is_a_yes():
    assert is_clear_yes("ok bet", _WORDS, "Sales desk")


@pytest.mark.parametrize("line", ["yeah bro dial it", "sure thing dude, ring her"])
def test_bro_and_dude_stand_beside_a_yes_like_mate(line):
    assert is_clear_yes(line, _WORDS, "Fox Mulder")


@pytest.mark.parametrize("line", ["bro no", "yeah bro?", "yeah bro, and Dana"])
def test_bro_never_makes_a_refusal_a_question_or_more_a_yes(line):
    assert not is_clear_yes(line, _WORDS, "Fox Mulder")


def test_under_a_minute_is_said_so():
    assert said_length(0.8, _PROMPTS) == _OFFLINE.answers.call_length_short


def test_about_a_minute_is_said_so():
    assert said_length(1.3, _PROMPTS) == _OFFLINE.answers.call_length_one


def test_longer_is_said_in_whole_minutes():
    assert said_length(2.4, _PROMPTS) == render(_OFFLINE.answers.call_length, minutes="2")
