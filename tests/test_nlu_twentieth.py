"""The twentieth round (issue 22), one rule a test: what the twelfth tester's calls found.
Digits a label names ("503 error", "ticket 4471", "0199 is the error code") are never the last
digits of a number to read back, nor a number to dial; "not a phone number" drops the read-back
waiting. Expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import files, prompts
from workflows.rehearsal.leg_names import leg_referred
from workflows.rehearsal.nlu import extract_phone_number, last_digits, understand
from workflows.rehearsal.nlu.words import everyday_word

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_FOX = ("add Fox Mulder", "yes")


def _said(heard) -> str:
    return "\n".join(heard.lines)


def _tools(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ------------------------------------------------- 1. never a number nobody said
@pytest.mark.parametrize(
    "line",
    ["the invoices portal is giving 503 error", "it keeps showing a 0199 code on screen"],
)
def test_digits_before_a_label_are_no_last_digits(line):
    assert last_digits(line) is None


@pytest.mark.parametrize(
    "line", ["my ticket number is 4471", "it says error code 0147", "we're in room 212"]
)
def test_digits_after_a_label_are_no_last_digits(line):
    assert last_digits(line) is None


def test_digits_that_are_the_label_are_no_last_digits():
    assert last_digits("503 is the error code") is None


def test_last_digits_without_a_label_still_count():
    assert last_digits("the other one, 0147") == "0147"


def test_a_long_labelled_number_is_no_number_to_dial():
    assert extract_phone_number("my order number is 44712290") == (None, None)


async def test_an_error_code_on_a_call_reads_back_no_number():
    heard = await play_lines("host", *_FOX, "Tell them the invoices portal is giving 503 error")
    assert "read_back_number" not in _tools(heard[2])


async def test_not_a_phone_number_drops_the_read_back():
    heard = await play_lines("host", "add 415 555 0187", "that isn't a phone number, sorry")
    assert heard[1].calls == []
    assert render(_OFFLINE.dropped, who="+1 415-555-0187") in _said(heard[1])


# ------------------------------------------------- 2. words that are not names
@pytest.mark.parametrize("word", ["Give", "American", "Hit", "Means"])
def test_an_everyday_word_is_no_name(word):
    assert everyday_word(word)


@pytest.mark.parametrize("word", ["Stefan", "Tobias", "Okonkwo", "John"])
def test_a_name_is_no_everyday_word(word):
    assert not everyday_word(word)


async def test_an_everyday_word_before_a_number_does_not_name_the_leg():
    line = "Give four one five five five five oh one eight seven a bell instead"
    heard = await play_lines("host", *_FOX, line, "yes")
    assert "name_participant" not in _tools(heard[3])


async def test_an_everyday_word_named_with_a_number_does_not_name_the_leg():
    line = "he has also an American number, 415 555 0123"
    heard = await play_lines("host", *_FOX, line, "yes")
    assert "name_participant" not in _tools(heard[3])


def test_an_everyday_word_opening_the_line_is_no_callers_name():
    assert understand("Means, I need technical support person").name is None


def test_a_name_opening_the_line_is_still_the_callers_name():
    assert understand("Siobhan, I need technical support").name == "Siobhan"


def test_an_everyday_word_beside_a_dialled_number_does_not_name_that_leg():
    legs = ["+1 415-555-0123"]
    assert leg_referred("he has also an American number, 415 555 0123", legs) is None
    assert leg_referred("Stefan is 415 555 0123", legs) == (legs[0], "Stefan")


# ------------------------------------------------- 3. naming people dialled in
async def test_a_name_given_with_an_aside_between_names_the_leg():
    line = "Her name, for your records, is Mrs. Okonkwo."
    heard = await play_lines("host", "add 415 555 0123", "yes", line)
    assert heard[2].calls == [("name_participant", {"who": "+1 415-555-0123", "name": "Okonkwo"})]


# ------------------------------------------------- 4. cancelling a ringing call
_RINGING = (*_FOX, "add 415 555 0187", "yes")  # 0187 rings on


@pytest.mark.parametrize("line", ["Never mind that, call it off.", "call her off, she's busy"])
def test_calling_it_off_is_a_cancel(line):
    assert understand(line).cancel


async def test_hang_up_on_that_one_hangs_up_the_one_ringing():
    heard = await play_lines("host", *_RINGING, "Ah, they're taking forever. Hang up on that one.")
    assert heard[4].calls == [("remove_participant", {"who": "+1 415-555-0187"})]


# ------------------------------------------------- 6. small words
def test_can_talk_again_is_an_unmute():
    reading = understand("ok, Raj can talk again")
    assert (reading.action, reading.target) == ("unmute", "Raj")


def test_whose_on_typed_for_whos_on_is_the_list():
    assert understand("Whose on the call now").action == "list"


def test_whose_elsewhere_is_no_list():
    assert understand("whose idea was this").action is None


def test_mister_is_a_title():
    assert understand("transfer me directly to Mister Mulder").target == "Mulder"


async def test_who_have_you_got_in_a_team_lists_the_directorys_team():
    heard = await play_lines("host", "Who've you got in sales, anyway?")
    directory = files().directory
    members = [c.name for c in directory.contacts if (c.team or "").lower() == "sales"]
    said = _said(heard[0])
    assert heard[0].calls == [] and all(name in said for name in members)


# ------------------------------------------------- 5. the reason is kept
@pytest.mark.parametrize(
    "line",
    [
        "Siobhan Murphy here, me laptop won't connect to the VPN",
        "the invoices portal is not opening, error 503. Kindly help.",
        "our website won't load for anyone",
    ],
)
def test_something_that_will_not_open_or_connect_is_a_support_need(line):
    assert understand(line).wants_support


def test_no_introduction_needed_is_cold():
    assert understand("Transfer me to him, no introduction needed.").action == "transfer"


async def test_a_plea_after_the_problem_is_no_name():
    line = "the invoices portal is not opening, error 503. Kindly help."
    heard = await play_lines("receptionist", "hello", line)
    assert "transfer_to_conference_host" not in _tools(heard[1])
