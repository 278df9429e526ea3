"""The rehearsal model, fortieth round (issue 22): a yes with an endearment, a line that
explains then says yes, and more. One rule a test; expected words are rendered from the prompt
files."""

from __future__ import annotations

import pytest

from prompts.confirmation_words import ConfirmationWords
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes
from workflows.rehearsal.earlier import _spelled_with
from workflows.rehearsal.leg_names import given_name
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.receptionist_turns import is_a_name
from workflows.rehearsal.spelled import as_spelled

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_WORDS = _PROMPTS.confirmation


def _calls(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. a yes with an endearment is a yes
@pytest.mark.parametrize("line", ["Yes dear, that's him", "sure hun", "yes sweetie, go on"])
def test_an_endearment_beside_a_yes_is_a_yes(line):
    assert is_clear_yes(line, _WORDS, "Dana Scully")


@pytest.mark.parametrize("line", ["dear", "sweetie", "oh dear", "yes dear?", "dear me, no"])
def test_an_endearment_is_never_a_yes_on_its_own_or_beside_a_no(line):
    assert not is_clear_yes(line, _WORDS, "")


def test_a_real_name_beside_a_yes_still_refuses_a_number_read_back():
    assert not is_clear_yes("yes dear, Dana", _WORDS, "")


def test_an_endearment_in_another_list_is_refused_at_load():
    lists = {"no": ["no"], "yes": ["yes"], "filler": ["dear"], "endearment": ["dear"]}
    with pytest.raises(ValueError, match="also a 'filler' phrase"):
        ConfirmationWords.model_validate(lists)


def test_an_endearment_alone_is_no_name_to_the_receptionist():
    assert not is_a_name("yes dear", _PROMPTS)


# ----------------------------------------------- 2. an explanation, then the yes
async def test_a_line_that_explains_then_says_yes_reads_back_again():
    heard = await play_lines(
        "host", "add 415 555 0147", "Oh I see, you haven't rung him yet. Yes, please ring him"
    )
    assert _calls(heard[-1]) == ["read_back_number"]
    assert _OFFLINE.wrong_number not in heard[-1].lines


async def test_an_explanation_then_a_no_is_still_a_correction():
    heard = await play_lines("host", "add 415 555 0147", "Oh I see. No, that's wrong")
    assert heard[-1].lines == [_OFFLINE.wrong_number]


# ----------------------------------------------- 3. spellings of the caller's own name
def test_a_spelling_beside_a_name_writes_the_word_it_spells():
    assert as_spelled("Margaret Odonell", "That's O-D-O-N-N-E-L-L, two n's") == "Margaret Odonnell"


def test_a_spelling_close_to_no_word_of_the_name_changes_none():
    assert as_spelled("Margaret Odonell", "my code is X-Q-Z") == "Margaret Odonell"


async def test_the_receptionist_takes_the_name_as_spelled():
    heard = await play_lines(
        "receptionist", "Margaret Odonell. That's O-D-O-N-N-E-L-L", "I need a conference call"
    )
    assert heard[-1].calls[0][1]["caller_name"] == "Margaret Odonnell"


def test_a_double_letter_said_corrects_the_callers_own_name():
    assert _spelled_with("It's Odonnell dear, with the double n", "Margaret Odonell") == (
        "Odonnell"
    )


async def test_a_spelling_is_never_a_dialled_legs_name():
    heard = await play_lines("host", "that's K-O-W-A-L-C-Z-Y-K btw. add 212-555-0134", "yes")
    assert "name_participant" not in _calls(heard[-1])


# ----------------------------------------------- 4. a name said with a number stays with it
async def test_a_name_then_the_pronouns_number_names_that_leg():
    heard = await play_lines("host", "give Robbo a bell, he's on 415 555 0187", "yes")
    assert ("name_participant", {"who": "4155550187", "name": "Robbo"}) in heard[-1].calls


async def test_a_contacts_own_number_dialled_as_digits_is_named_as_the_contact():
    heard = await play_lines("host", "add 415 555 0142", "yes")
    assert ("name_participant", {"who": "4155550142", "name": "Dana Scully"}) in heard[-1].calls


async def test_a_contact_dialled_from_the_directory_is_not_named_again():
    heard = await play_lines("host", "add Dana Scully", "yes")
    assert "name_participant" not in _calls(heard[-1])


def test_a_possessive_is_no_name():
    assert given_name("You just told me 0142 is Dana's number") == "Dana"


# ----------------------------------------------- 5. plurals and context
@pytest.mark.parametrize("line", ["Unmute the pair of them", "unmute the two of them"])
async def test_the_pair_of_them_is_everyone_but_the_caller(line):
    heard = await play_lines("host", "add 415 555 0147", "yes", "add 415 555 0146", "yes", line)
    assert heard[-1].calls == [("mute_participant", {"who": "everyone", "muted": False})]


async def test_a_name_said_against_a_teams_read_back_is_that_teams():
    heard = await play_lines("host", "add the sales desk", "make it Dana rather than the desk")
    assert heard[-1].calls == [("look_up_contact", {"name": "Dana Scully", "purpose": "add"})]


async def test_a_name_said_with_a_no_against_a_teams_read_back_is_that_teams():
    heard = await play_lines("host", "add the support desk", "no, Dana instead of the desk")
    assert heard[-1].calls == [("look_up_contact", {"name": "Dana White", "purpose": "add"})]


# ----------------------------------------------- 6. "is she on mute or smth?"
def test_on_mute_or_smth_asks_about_her():
    assert understand("is she on mute or smth? i cant hear her").action == "status"


async def test_on_mute_or_something_is_answered_with_her_state():
    heard = await play_lines(
        "host", "add Dana Scully", "yes", "mute her", "is she on mute or something? cant hear her"
    )
    assert _calls(heard[-1]) == ["list_participants"]
    assert heard[-1].lines and _PROMPTS.host.status.muted in heard[-1].lines[0]


async def test_his_mobile_after_a_busy_line_is_the_same_persons():
    heard = await play_lines(
        "host",
        "First one's Davo, on 415 555 0186.",
        "yes",
        "Yeah nah, he's always flat out. Try his mobile, four one five, five five five, oh one "
        "five five.",
        "yes",
    )
    assert ("name_participant", {"who": "4155550155", "name": "Davo"}) in heard[-1].calls


async def test_a_corrected_other_number_keeps_the_persons_name():
    heard = await play_lines(
        "host",
        "also need our Berlin guy Klaus, +49 30 1234 5678",
        "ugh fine. he has a US cell, 415-555-0174, I think",
        "wait no, it's 0147 not 0174, I always flip those",
        "yes, dial",
    )
    assert ("name_participant", {"who": "4155550147", "name": "Klaus"}) in heard[-1].calls


async def test_a_number_said_without_his_or_her_names_no_one():
    heard = await play_lines(
        "host", "First one's Davo, on 415 555 0186.", "yes", "now add 415 555 0155", "yes"
    )
    assert "name_participant" not in _calls(heard[-1])
