"""The rehearsal model, forty-fourth round (issue 22): four wrong actions from the thirtieth
tester's calls. "hang up that ringing number" calls that leg off, not the call; a verb opening
a line is no name; the caller's own name or a spelling never names a dialled leg; "thanks a
million" is no number. One rule a test."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from workflows.rehearsal.leg_names import given_name
from workflows.rehearsal.nlu.cancel import find_cancel
from workflows.rehearsal.nlu.goodbye import END_RE
from workflows.rehearsal.nlu.numbers import digitize

_RINGING = ("add 415 555 0187", "yes")
_LEG = "+1 415-555-0187"
_BRITTANY = "hey there! this is Brittany Collins, I'm trying to get a quick conference call going"


# ----------------------------------------------- 1. hanging up one leg
@pytest.mark.parametrize(
    "line",
    [
        "hang up that ringing number",
        "hang up the ringing one",
        "hang up that call",
        "hang up the 0187",
    ],
)
def test_hanging_up_a_leg_is_a_cancel(line):
    assert find_cancel(digitize(line), -1)[0]


@pytest.mark.parametrize(
    "line", ["hang up that ringing number", "hang up the ringing one", "hang up the 0187"]
)
def test_hanging_up_a_leg_is_no_end_of_the_call(line):
    assert not END_RE.search(line)


@pytest.mark.parametrize("line", ["ok hang up", "hang up the call", "hang up this call now"])
def test_hang_up_alone_or_the_call_still_ends_the_call(line):
    assert END_RE.search(line)


def test_stop_that_call_is_a_cancel():
    assert find_cancel("actually he is not picking only, kindly stop that call", -1)[0]


async def test_hang_up_that_ringing_number_removes_the_ringing_leg():
    heard = await play_lines(
        "host", *_RINGING, "No no, I said cancel it. Hang up that ringing number"
    )
    assert heard[-1].calls == [("remove_participant", {"who": _LEG})]


@pytest.mark.parametrize("line", ["hang up", "hang up on everyone", "hang up the call"])
async def test_hang_up_alone_or_on_everyone_still_ends(line):
    heard = await play_lines("host", *_RINGING, line)
    assert ("end_call", {}) in heard[-1].calls


# ----------------------------------------------- 2. a verb opening a line is no name
@pytest.mark.parametrize(
    "line", ["Cancel the 0187 call", "Abort the 0187 call", "Drop the 0187 one"]
)
def test_a_verb_opening_a_line_is_no_name(line):
    assert given_name(line) is None


async def test_cancel_the_0187_call_cancels_it():
    heard = await play_lines("host", *_RINGING, "Cancel the 0187 call")
    assert heard[-1].calls == [("remove_participant", {"who": _LEG})]


# ----------------------------------------------- 3. the caller's name never names a leg
async def test_their_number_after_the_callers_own_name_is_no_other_number_of_the_caller():
    heard = await play_lines(
        "receptionist", _BRITTANY, "their number is (415) 555-0123", "yep that's right"
    )
    assert [name for name, _ in heard[-1].calls] == ["add_sip_participant"]


async def test_a_spelling_of_the_callers_name_never_names_the_leg():
    heard = await play_lines(
        "receptionist",
        "hello? is this the conference line? what can you actually do?",
        "uh, Siobhan. that's S-I-O-B-H-A-N. I need to get my sister on a call",
        "her mobile is four fifteen, five five five, oh one nine nine",
        "that's it, yes",
    )
    assert [name for name, _ in heard[-1].calls] == ["add_sip_participant"]


@pytest.mark.parametrize("line", ["Brittany is 415 555 0123", "Collins is on 415 555 0123"])
async def test_a_word_of_the_callers_own_name_never_names_the_leg_dialled(line):
    heard = await play_lines("receptionist", _BRITTANY, line, "yes")
    assert [name for name, _ in heard[-1].calls] == ["add_sip_participant"]


async def test_a_name_said_with_the_number_still_names_the_leg():
    heard = await play_lines("receptionist", _BRITTANY, "Marco is 415 555 0123", "yes")
    assert ("name_participant", {"who": "4155550123", "name": "Marco"}) in heard[-1].calls


# ----------------------------------------------- 4. number words that are no phone number
@pytest.mark.parametrize(
    "line", ["thanks a million, bye now", "one in a million", "a hundred percent", "a thousand"]
)
def test_number_words_that_are_no_number_make_no_digits(line):
    assert not any(c.isdigit() for c in digitize(line))


def test_a_number_said_in_hundreds_still_makes_digits():
    assert "800" in digitize("one eight hundred five five five")


async def test_thanks_a_million_bye_after_letting_someone_go_ends_the_call():
    heard = await play_lines(
        "host", *_RINGING, "forget her so, I'll text her. thanks a million, bye now"
    )
    assert ("end_call", {}) in heard[-1].calls
    assert "read_back_number" not in [name for name, _ in heard[-1].calls]
