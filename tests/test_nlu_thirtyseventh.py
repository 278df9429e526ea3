"""The rehearsal model, thirty-seventh round (issue 22): the receptionist and text slang.
Names in lower-case slang, a yes that is no name, the need said before the name kept, questions
asked of the receptionist answered, and "ye" as a yes to a read-back. One rule a test; expected
words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from tests.yes_corpus import shipped_words
from workflows.call.confirmation import is_clear_yes
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.caller import caller_name
from workflows.rehearsal.nlu.text import normalise
from workflows.rehearsal.nlu.transfer_asks import KIND_RE
from workflows.rehearsal.nlu.warm import COLD_RE

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_ANSWERS = _OFFLINE.answers


def _handover(heard) -> dict:
    return next(args for name, args in heard.calls if name == "transfer_to_conference_host")


def _looked_up(heard) -> dict:
    return next(args for name, args in heard.calls if name == "look_up_contact")


# ----------------------------------------------- 1. names in lower-case text slang
@pytest.mark.parametrize("line", ["yo its jay", "its jay"])
def test_its_without_an_apostrophe_gives_the_name(line):
    assert caller_name(line) == "Jay"


def test_a_laugh_after_the_name_is_not_part_of_it():
    assert caller_name("hey its mo lol") == "Mo"


async def test_its_jay_not_jai_lol_at_the_host_corrects_the_callers_name():
    heard = await play_lines("receptionist", "Jai here, need a conf call", "its jay not jai lol")
    assert heard[-1].calls == [("correct_caller_name", {"name": "Jay"})]


async def test_a_lower_case_name_after_its_corrects_the_callers_name():
    heard = await play_lines("receptionist", "Jai here, need a conf call", "it's jay, not jai")
    assert heard[-1].calls == [("correct_caller_name", {"name": "Jay"})]


# ----------------------------------------------- text slang written out
def test_text_slang_is_read_as_the_words_it_stands_for():
    assert normalise("can u get me thru to dana pls") == "can you get me through to dana please"


@pytest.mark.parametrize("spelled", ["Olu. O-L-U.", "olu, o l u", "ula, u l a", "a thruway"])
def test_a_spelled_letter_or_a_longer_word_is_no_slang(spelled):
    assert normalise(spelled) == spelled


# ----------------------------------------------- 2. a one-word answer that is no name
@pytest.mark.parametrize("word", ["ye", "yea", "yep", "k", "sure"])
async def test_a_yes_to_the_name_question_is_no_name_and_asks_again_helpfully(word):
    heard = await play_lines("receptionist", "need to get thru to dana scully", word)
    assert heard[-1].lines == [_OFFLINE.ask_name_not_yes]
    assert heard[-1].calls == []


async def test_lol_to_the_name_question_is_no_name():
    heard = await play_lines("receptionist", "need to get thru to dana scully", "lol")
    assert heard[-1].lines == [_OFFLINE.ask_name_not_yes]


async def test_a_name_after_the_yes_is_the_callers_name():
    heard = await play_lines("receptionist", "hello", "yep", "Maya", "need a conf call")
    assert _handover(heard[-1])["caller_name"] == "Maya"


async def test_a_no_to_the_name_question_is_not_called_a_yes():
    heard = await play_lines("receptionist", "need to get thru to dana scully", "no")
    assert _OFFLINE.ask_name_not_yes not in heard[-1].lines


# ----------------------------------------------- 3. the need before the name is kept
@pytest.mark.parametrize(
    "line", ["i need to get through to the front desk", "need to get thru to dana scully"]
)
def test_getting_through_to_someone_is_a_transfer(line):
    assert understand(line).action == "transfer"


def test_get_me_to_support_is_a_transfer_but_get_me_to_join_is_not():
    assert understand("can u get me to support").action == "transfer"
    assert understand("get me to join the call").action != "transfer"


async def test_a_need_said_when_the_name_was_asked_asks_the_name_plainly():
    heard = await play_lines("receptionist", "hi", "need to get thru to dana scully")
    assert heard[-1].lines == [_OFFLINE.ask_name]


async def test_the_need_before_the_name_is_handed_over_and_read_back():
    heard = await play_lines("receptionist", "need to get thru to dana scully", "ye", "its jay")
    assert _handover(heard[-1])["caller_name"] == "Jay"
    assert _looked_up(heard[-1]) == {"name": "dana scully", "purpose": "transfer"}


async def test_straight_through_said_later_keeps_the_person_asked_for():
    heard = await play_lines(
        "receptionist",
        "need to get thru to dana scully",
        "nah just send me straight thru, no intro",
        "its jay",
    )
    assert "dana scully" in _handover(heard[-1])["reason"]


async def test_a_transfer_asked_for_later_keeps_the_person_named_before():
    heard = await play_lines(
        "receptionist", "need to get thru to dana scully", "i just want a transfer", "its jay"
    )
    assert _handover(heard[-1])["reason"] == "getting through to dana scully"


async def test_a_question_about_a_transfer_is_no_need():
    heard = await play_lines(
        "receptionist", "if you transfer me somewhere, do I lose you?", "its jay"
    )
    assert heard[-1].lines == [render(_OFFLINE.ask_reason, name="Jay")]


# ----------------------------------------------- 4. questions at the receptionist
async def test_the_receptionists_name_asked_says_who_it_is_then_asks_the_callers():
    heard = await play_lines("receptionist", "whats ur name btw")
    assert heard[-1].lines == [f"{_ANSWERS.receptionist_is} {_OFFLINE.ask_name}"]


def test_warm_or_cold_is_a_question_of_the_kind():
    assert KIND_RE.search("is it gonna be warm or cold")


async def test_warm_or_cold_asked_of_the_receptionist_is_answered_not_taken_as_cold():
    heard = await play_lines("receptionist", "hold up, is it gonna be warm or cold")
    assert heard[-1].lines == [f"{_ANSWERS.transfer_kind_ahead} {_OFFLINE.ask_name}"]


async def test_losing_the_agent_asked_of_the_receptionist_is_answered_as_the_host_does():
    heard = await play_lines("receptionist", "if you transfer me somewhere, do I lose you?")
    assert heard[-1].lines == [f"{_OFFLINE.transfer_question} {_OFFLINE.ask_name}"]


async def test_straight_through_with_no_intro_is_noted_then_the_name_asked():
    heard = await play_lines("receptionist", "nah just send me straight thru, no intro")
    assert heard[-1].lines == [f"{_ANSWERS.straight_through} {_OFFLINE.ask_name}"]


def test_skip_the_intro_is_straight_through():
    assert COLD_RE.search("skip the intro, straight on")


def test_a_director_is_no_direct_transfer():
    assert not COLD_RE.search("my director wants a catch-up with the regional managers")


async def test_straight_through_to_someone_named_is_a_need_not_a_note():
    heard = await play_lines("receptionist", "put me straight thru to dana scully, no intro")
    assert _ANSWERS.straight_through not in " ".join(heard[-1].lines)


# ----------------------------------------------- 5. "ye" as a yes to a read-back
@pytest.mark.parametrize("reply", ["ye", "Ye.", "ye ye"])
def test_ye_is_a_clear_yes(reply):
    assert is_clear_yes(reply, shipped_words(), "Dana Scully", "transfer")


@pytest.mark.parametrize("reply", ["ye?", "ye no", "ye but not him", "ya think?", "ye lol jk"])
def test_ye_beside_a_doubt_or_a_no_is_no_clear_yes(reply):
    assert not is_clear_yes(reply, shipped_words(), "Dana Scully", "transfer")


async def test_ye_to_a_transfers_read_back_transfers():
    heard = await play_lines("host", "transfer me to dana scully, cold, no intro", "ye")
    assert [name for name, _ in heard[-1].calls] == ["transfer_call"]
