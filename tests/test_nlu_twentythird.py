"""The rehearsal model, twenty-third round (issue 22): what the fourteenth and fifteenth testers
met. Each test fails when its rule alone is removed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from prompts.confirmation_words import ConfirmationWords
from tests.scenarios.runner import play_lines
from tests.support.harness import files, prompts
from workflows.call.confirmation import is_clear_yes, says_no
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.people import kind
from workflows.rehearsal.nlu.problems import support_need
from workflows.rehearsal.sequence import clauses
from workflows.rehearsal.whom import keeps

_WORDS = prompts().confirmation
_TWO_ON = ("add 415 555 0124", "yes", "add the support desk", "yes")


# ------------------------------------------------ 1. two people in one request; "that guy"
@pytest.mark.parametrize(
    ("line", "parts"),
    [
        (
            "Please mute Klaus and the support desk, both",
            ["Please mute Klaus", "mute the support desk"],
        ),
        ("remove the 0124 one and Dana", ["remove the 0124 one", "remove Dana"]),
        ("unmute the desk and Klaus too", ["unmute the desk", "unmute Klaus"]),
        ("put Dana and Fox on mute", ["mute Dana", "mute Fox"]),
        ("take Dana and Fox off mute", ["unmute Dana", "unmute Fox"]),
    ],
)
def test_a_request_done_to_two_people_is_one_request_each(line, parts):
    assert clauses(line) == parts


@pytest.mark.parametrize(
    "line", ["mute them both", "mute Dana and him", "mute everyone except me and Dana"]
)
def test_two_people_are_never_read_into_a_pronoun_or_an_exception(line):
    assert clauses(line) == []


@pytest.mark.parametrize("phrase", ["that guy", "this bloke", "that lady"])
def test_that_guy_is_a_pronoun(phrase):
    assert kind(phrase) == "pronoun"


async def test_someone_on_the_call_named_before_the_verb_is_whom_it_is_about():
    *_, turn = await play_lines("host", *_TWO_ON, "And the support desk also mute please")
    assert turn.calls == [("mute_participant", {"who": "Support desk", "muted": True})]


# ------------------------------------------------------------ 5. slang yeses to a read-back
def test_too_easy_is_a_yes():
    assert is_clear_yes("too easy, yep", _WORDS, "")
    assert is_clear_yes("Too easy.", _WORDS, "")


def test_fam_stands_beside_a_yes_like_mate():
    assert is_clear_yes("yeah fam dial it", _WORDS, "")
    assert not is_clear_yes("fam", _WORDS, "")


def test_too_after_the_read_backs_own_name_is_that_one_as_well():
    assert is_clear_yes("Yes, Mulder too", _WORDS, "Fox Mulder")
    assert not is_clear_yes("Yes, Mulder too", _WORDS, "Dana Scully")


def test_with_before_the_read_backs_own_name_leads_in():
    assert is_clear_yes("go ahead with Marcus then", _WORDS, "Marcus")
    assert not is_clear_yes("go ahead with Dana then", _WORDS, "Marcus")
    assert not is_clear_yes("yes, with", _WORDS, "")  # unfinished


def test_thats_before_the_read_backs_own_name_leads_in():
    assert is_clear_yes("yes that's Monica, go on", _WORDS, "Monica Reyes")
    assert not is_clear_yes("yes that's Dana, go on", _WORDS, "Monica Reyes")
    assert not is_clear_yes("yes, that's", _WORDS, "")  # unfinished
    assert not is_clear_yes("yes but not Monica", _WORDS, "Monica Reyes")


@pytest.mark.parametrize("line", ["sure, why not, go for it", "yeah nah yeah, do it"])
def test_a_lead_in_holding_a_no_word_is_no_refusal(line):
    assert not says_no(line, _WORDS)
    assert is_clear_yes(line, _WORDS, "")


@pytest.mark.parametrize("line", ["Sure, why not.", "yeah nah yeah", "why not"])
def test_a_lead_in_holding_a_no_word_never_ends_a_yes(line):
    assert not is_clear_yes(line, _WORDS, "")


@pytest.mark.parametrize("line", ["yeah nah", "yeah nah yeah nah", "why not, no", "sure, not now"])
def test_a_no_outside_such_a_lead_in_still_refuses(line):
    assert says_no(line, _WORDS)
    assert not is_clear_yes(line, _WORDS, "")


@pytest.mark.parametrize("line", ["yess", "yesss, dial it", "okayyy go ahead"])
def test_a_held_last_letter_is_the_word(line):
    assert is_clear_yes(line, _WORDS, "")


def test_a_held_last_letter_reads_a_no_too():
    assert says_no("yess nooo", _WORDS)


def test_a_known_word_is_never_shortened():
    words = SimpleNamespace(
        yes=["to"],
        typed_yes=[],
        typed_yes_alone=[],
        filler=[],
        lead_in=["too"],
        no=["no"],
        lead_in_with_no=[],
        endearment=[],
    )
    assert not is_clear_yes("too", words, "")  # the lead-in "too", not the yes "to"


def _words(**lists) -> dict:
    return {"no": ["no", "not"], "yes": ["yes"]} | lists


def test_a_lead_in_with_no_must_hold_a_no_word():
    with pytest.raises(ValidationError, match="holds no 'no' phrase"):
        ConfirmationWords.model_validate(_words(lead_in_with_no=["why so"]))
    assert ConfirmationWords.model_validate(_words(lead_in_with_no=["why not"]))


def test_a_lead_in_with_no_is_in_no_other_list():
    with pytest.raises(ValidationError, match="also a 'no' phrase"):
        ConfirmationWords.model_validate(_words(lead_in_with_no=["not"]))


# ----------------------------------------------------- 2. directory picks and corrections
@pytest.mark.parametrize(
    ("line", "target"),
    [
        ("add the support one. no wait, sorry, Scully", "Scully"),
        ("transfer me to the support one, wait no, Mulder", "Mulder"),
    ],
)
def test_two_take_back_words_take_a_name_back(line, target):
    assert understand(line).target == target


@pytest.mark.parametrize(
    ("line", "target"),
    [
        ("add the support lady, White", "White"),
        ("add the sales guy, Scully please", "Scully"),
        ("add the support guy, please", "the support guy"),
    ],
)
def test_a_person_described_then_named_is_the_one_named(line, target):
    assert understand(line).target == target


def test_ruling_out_another_contact_keeps_the_read_back():
    directory = files().directory
    assert keeps("Sales desk", "ok sure, the desk, not Dana. go ahead", directory)
    assert keeps("Fox Mulder", "Mulder, not the support desk", directory)
    assert not keeps("Sales desk", "the desk, not the sales desk", directory)
    assert not keeps("Sales desk", "not Dana", directory)  # nothing of the desk kept
    assert not keeps("Sales desk", "the desk, not that", directory)  # rules out nobody known


# ------------------------------------------------------- 3. transfers in people's words
@pytest.mark.parametrize(
    ("line", "target"),
    [
        ("just flick me over to Dana Scully, no need to intro me", "Dana Scully"),
        ("switch me across to Mulder please", "Mulder"),
        ("can you bounce me over to the support desk", "the support desk"),
    ],
)
def test_flick_switch_bounce_me_over_to_someone_is_a_transfer(line, target):
    reading = understand(line)
    assert (reading.action, reading.target) == ("transfer", target)


@pytest.mark.parametrize("line", ["grand so, that's fine, transfer me across", "transfer me over"])
def test_transfer_me_across_names_nobody(line):
    reading = understand(line)
    assert (reading.action, reading.target) == ("transfer", None)


async def test_a_transfer_to_nobody_with_nothing_read_back_asks_to_whom():
    *_, turn = await play_lines("host", "add 415 555 0124", "yes", "ok, transfer me across")
    assert (turn.calls, turn.lines) == ([], [prompts().offline.ask_transfer_to])


@pytest.mark.parametrize(
    "line",
    [
        "The invoice is showing the wrong amount, I need support",
        "my invoice is showing the wrong amount only",
        "the invoice is only showing the wrong amount",
    ],
)
def test_a_wrong_amount_shown_reads_as_a_clean_clause(line):
    assert support_need(line) == "support with the wrong amount on the invoice"


# ---------------------------------------------------------- 4. numbers corrected, legs described
@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("first one's 415-555-0142... wait, no, scratch that, it ends in 0124", "4155550124"),
        ("add 415 555 0142, scratch that, the last digits are 0124", "4155550124"),
    ],
)
def test_scratch_that_before_the_number_said_again_is_a_correction(line, number):
    reading = understand(line)
    assert (reading.cancel, reading.phone_number) == (False, number)


@pytest.mark.parametrize(
    "line", ["cancel that, call 415 555 0199 instead", "call 415 555 0142. actually cancel that"]
)
def test_a_cancel_not_between_a_number_and_its_correction_still_cancels(line):
    assert understand(line).cancel


@pytest.mark.parametrize(
    ("first", "later"),
    [
        ("my brother, 415 555 0123", "mute my brother"),
        ("add the accountant on 415 555 0123", "mute the accountant"),
    ],
)
async def test_someone_described_beside_their_number_is_that_leg(first, later):
    *_, turn = await play_lines("host", first, "yes", later)
    assert turn.calls == [("mute_participant", {"who": "+1 415-555-0123", "muted": True})]
