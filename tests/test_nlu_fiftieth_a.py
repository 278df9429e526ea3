"""The rehearsal model, fiftieth round a (issue 22): typos as a class. A lower-case word one edit
from exactly one of the rules' words is read as it ("helo my nmae is Rosa", "can u transfr me",
"a confrence call", "my name is actualy ..."); English words, names, capitalised and short words
never change; a letter o/l typed among a number's digits is the digit ("415 555 1o29")."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu.spelling import VOCABULARY, as_meant, meant_word


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("nmae", "name"),
        ("transfr", "transfer"),
        ("confrence", "conference"),
        ("actualy", "actually"),
        ("remvoe", "remove"),
        ("unmtue", "unmute"),
        ("plase", "please"),
        ("extenstion", "extension"),
        ("everyoen", "everyone"),
        ("finsihed", "finished"),
    ],
)
def test_a_typo_of_one_of_the_rules_words_is_that_word(typed, meant):
    assert meant_word(typed) == meant


@pytest.mark.parametrize("name", ["tina", "marcus", "dana", "Deshawn", "Siobhan", "Olu", "deshawn"])
def test_names_are_never_corrected(name):
    assert meant_word(name) == name
    assert as_meant(f"add {name} please") == f"add {name} please"


def test_known_names_of_the_call_and_capitalised_and_short_words_are_never_corrected():
    assert meant_word("remvoe", frozenset({"remvoe"})) == "remvoe"  # a name said on the call
    assert meant_word("Nmae") == "Nmae"  # capitalised: a name
    assert meant_word("muet") == "mute" and meant_word("mte") == "mte"  # under four letters


@pytest.mark.parametrize("word", ["pleas", "lien", "sons", "dont", "shes", "whos", "ringin"])
def test_english_words_and_typed_forms_the_rules_read_are_kept(word):
    assert meant_word(word) in (word, "ringing")  # "ringin" is no English word: ringing


def test_a_typo_as_near_two_of_the_rules_words_is_left_as_typed():
    assert meant_word("helo") == "helo"  # hello or help: a guess
    assert meant_word("wnat") == "wnat"  # want or what


def test_no_yes_or_no_word_is_a_target():
    assert not VOCABULARY & {"yeah", "okay", "alright", "right", "correct", "wrong", "yes"}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("bank first, its 415 555 1o29", "bank first, its 415 555 1029"),
        ("call 4l5 555 0129", "call 415 555 0129"),
        ("and 415-555-O147 too", "and 415-555-0147 too"),
        ("415 555 0I29", "415 555 0129"),
    ],
)
def test_letters_among_digits_are_digits(typed, meant):
    assert as_meant(typed) == meant


@pytest.mark.parametrize(
    "line", ["lol I said O-L-U", "oil the door, Olu", "call l 2 o", "I'm Ollie, I need 2 lines"]
)
def test_letters_in_words_are_never_digits(line):
    assert as_meant(line) == line


async def test_a_typed_number_with_a_letter_is_read_back():
    heard = await play_lines("host", "bank first, its 415 555 1o29")
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155551029", "purpose": "add"})
    ]


async def test_a_name_given_with_typos_is_taken():
    heard = await play_lines("receptionist", "helo my nmae is Rosa Delgado")
    assert heard[-1].lines == [render(prompts().offline.ask_reason, name="Rosa Delgado")]


async def test_the_own_name_corrected_with_typos_is_corrected():
    heard = await play_lines(
        "host", "add 415 555 0123", "yes", "oh btw my name is actualy Olivia Okafor"
    )
    assert ("correct_caller_name", {"name": "Olivia Okafor"}) in heard[-1].calls


async def test_a_mistyped_transfer_is_a_transfer():
    heard = await play_lines("host", "can u transfr me to Fox Mulder")
    assert heard[-1].calls == [("look_up_contact", {"name": "Fox Mulder", "purpose": "transfer"})]
