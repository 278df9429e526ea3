"""The rehearsal model, twenty-eighth round (issue 22): what the nineteenth tester met. Clear
yeses typed in a hurry or in slang are dialled, their near misses never are; the receptionist
keeps a need said with the name. One rule a test; expected words are rendered from the prompt
files."""

from __future__ import annotations

import pytest

from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes

_PROMPTS = prompts()
_WORDS = _PROMPTS.confirmation


# ----------------------------------------------- 1. clear yeses refused
@pytest.mark.parametrize("line", ["yes pls", "yeah plz dial it"])
def test_pls_stands_beside_a_yes_like_please(line):
    assert is_clear_yes(line, _WORDS, "Monica Reyes")


@pytest.mark.parametrize("line", ["pls", "yes pls no", "pls, not that one"])
def test_pls_is_never_a_yes_alone_nor_beside_a_no(line):
    assert not is_clear_yes(line, _WORDS, "Monica Reyes")


@pytest.mark.parametrize("line", ["Yes, that one also", "yep, this one also"])
def test_that_one_also_is_the_second_read_back_as_well(line):
    assert is_clear_yes(line, _WORDS, "+1 415-555-0199")


@pytest.mark.parametrize("line", ["that one also, and 0143", "that one also, and Dana"])
def test_that_one_also_with_more_is_no_yes(line):
    assert not is_clear_yes(line, _WORDS, "+1 415-555-0199")


@pytest.mark.parametrize("line", ["aight", "aight, go ahead"])
def test_aight_is_alright(line):
    assert is_clear_yes(line, _WORDS, "Fox Mulder")


@pytest.mark.parametrize("line", ["yeah send it", "ok send it please"])
def test_send_it_is_a_go_ahead(line):
    assert is_clear_yes(line, _WORDS, "Fox Mulder")


def test_aight_cool_send_it_is_a_yes():
    assert is_clear_yes("aight cool, send it", _WORDS, "Fox Mulder")


@pytest.mark.parametrize("line", ["send it to Dana", "send it?", "aight, but not Dana", "aight?"])
def test_send_it_and_aight_never_carry_more_or_a_question(line):
    assert not is_clear_yes(line, _WORDS, "Fox Mulder")
