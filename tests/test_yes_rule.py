"""The yes rule (`is_clear_yes`, `says_no`), one test per part of it, on a small vocabulary of
the test's own so each part is seen alone; the shipped words are measured on the corpus
(test_yes_corpus.py). And the checks `prompts/confirmation.yaml` gets when it is loaded."""

import shutil

import pytest

from prompts.confirmation_words import ConfirmationWords
from prompts.loader import PromptError, load_prompts
from workflows.call.confirmation import (
    MAX_REPLY_CHARS,
    NO_SCAN_CHARS,
    ReadBack,
    check,
    is_clear_yes,
    says_no,
    words_of,
)
from workflows.call.settings import PROMPTS_DIR

WORDS = ConfirmationWords(
    yes=["yes", "yeah", "right", "that's right", "go", "go ahead", "dial", "uh huh"],
    filler=["please", "thank you", "ma'am"],
    lead_in=["um", "and"],
    no=["no", "not", "don't", "yeah right"],
)


def yes(text: str) -> bool:
    return is_clear_yes(text, WORDS, "")


@pytest.mark.parametrize(
    "reply",
    [
        "yes",
        "Yes.",
        "YES!",
        "yes, please",
        "um, yes please",
        "That's right, thank you.",
        "go ahead and dial",
        "yes ma'am",
        "uh-huh",
        "yes - go ahead",
        "right, yeah",
    ],
)
def test_yes_phrases_with_filler_and_lead_ins_confirm(reply):
    assert yes(reply)


@pytest.mark.parametrize("reply", ["", "um", "please", "thank you", "um, and please", "!"])
def test_a_reply_without_a_yes_phrase_does_not_confirm(reply):
    assert not yes(reply)


@pytest.mark.parametrize("reply", ["yes, um", "yes and", "go ahead and", "yes please and"])
def test_a_reply_ending_on_a_lead_in_does_not_confirm(reply):
    assert not yes(reply)


@pytest.mark.parametrize(
    "reply", ["yes, Dana", "yes I think", "yes and also dial", "sure", "yes, but go ahead"]
)
def test_any_word_outside_the_vocabulary_makes_it_not_a_clear_yes(reply):
    assert not yes(reply)


@pytest.mark.parametrize("reply", ["Monica, yes", "yes, Monica Reyes", "Reyes, yes please"])
def test_the_words_of_the_destinations_own_name_may_stand_beside_a_yes(reply):
    assert is_clear_yes(reply, WORDS, "Monica Reyes")
    assert not yes(reply)  # without that name it is any other word


@pytest.mark.parametrize(
    "reply", ["Dana, yes", "yes, Monica and Dana", "Monica", "Monica Reyes, please", "Monica, no"]
)
def test_another_name_or_the_name_without_a_yes_does_not_confirm(reply):
    assert not is_clear_yes(reply, WORDS, "Monica Reyes")


def test_a_number_read_back_lends_no_words():
    assert not is_clear_yes("yes, four one five", WORDS, "+1 415-555-0100")


@pytest.mark.parametrize("reply", ["yeah right", "Yeah, right!", "um, yeah right"])
def test_a_no_phrase_made_of_yes_words_does_not_confirm(reply):
    assert yes("yeah") and yes("right") and yes("right yeah")  # the words alone do
    assert not yes(reply)


def test_the_longest_phrase_is_read():
    assert yes("go ahead") and not yes("ahead")  # "go" then "ahead" would be no yes


@pytest.mark.parametrize("reply", ["yes 0162", "yes, 4", "yes \u0664", "yes \uff14", "1 yes"])
def test_digits_never_confirm(reply):
    assert not yes(reply)


@pytest.mark.parametrize("reply", ["yes?", "Right?", "yes ?", "\u00bfyes", "yes\uff1f", "yes?!"])
def test_a_question_never_confirms(reply):
    assert not yes(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "yes :(",
        "yes :-(",
        "yes \U0001f44e",
        "yes \u274c",
        "yes \U0001f641",
        "yes \U0001f644",
        "yes \U0001f602",
        "yes ;)",
        "yes /s",
        "yes (not)",
        "yes #ok",
        "yes *sigh*",
        "yes <b>",
        "yes \U0001f44d\U0001f44e",
        "yes\u200b",
        "y\u0337e\u0337s\u0337",
    ],
)
def test_a_sign_other_than_light_punctuation_does_not_confirm(reply):
    assert not yes(reply)


@pytest.mark.parametrize(
    "mark",
    ["\U0001f44d", "\U0001f44c", "\u2705", "\u2714", "\u2713", "\u2611", "\U0001f60a", ":)", ":-)"],
)
def test_a_sign_that_agrees_may_stand_beside_a_yes_but_is_not_one(mark):
    assert yes(f"yes {mark}") and yes(f"{mark}yes{mark}")
    assert not yes(mark) and not yes(f"um {mark}")


def test_skin_tones_and_emoji_style_do_not_change_a_sign():
    assert yes("yes \U0001f44d\U0001f3fd") and yes("yes \u2714\ufe0f")
    assert not yes("yes \U0001f44e\U0001f3fd")


@pytest.mark.parametrize(
    "reply", ["yes...", "yes\u2026", "well... yes", "um... yes", "yes -", "yes\u2014", "yes \u2013"]
)
def test_a_pause_or_a_reply_trailing_off_does_not_confirm(reply):
    assert not yes(reply)


def test_the_length_cap():
    words = ("yes " * MAX_REPLY_CHARS)[: MAX_REPLY_CHARS - 1].rsplit(" ", 1)[0]
    at_cap = words + "!" * (MAX_REPLY_CHARS - len(words))
    assert len(at_cap) == MAX_REPLY_CHARS and yes(at_cap)
    assert not yes(at_cap + "!")


def test_apostrophes_do_not_count_and_letters_are_normalised_first():
    assert yes("thats right") and yes("that\u2019s right") and yes("yes maam")
    assert yes("that\u2018s right")  # the opening quote typed for an apostrophe
    assert yes("\uff59\uff45\uff53")  # full-width letters are the same letters
    assert not yes("\u0443es")  # a Cyrillic letter is not a Latin one


@pytest.mark.parametrize(
    "reply, refuses",
    [
        ("no", True),
        ("No, thank you.", True),
        ("don't", True),
        ("dont", True),
        ("yes, do not", True),
        ("that's not right", True),
        ("yeah right", True),
        ("yes", False),
        ("yeah, that's right", False),
        ("nothing", False),  # words, not letters: "no" is not in "nothing"
    ],
)
def test_says_no_finds_a_no_phrase_among_the_words(reply, refuses):
    assert says_no(reply, WORDS) is refuses


def test_a_no_is_looked_for_in_a_bounded_start_of_the_reply():
    """However long the reply (a typed one has no cap), a no within the bound is found."""
    assert says_no("yes " * (NO_SCAN_CHARS // 4 - 1) + "no", WORDS)
    assert not says_no("yes " * (NO_SCAN_CHARS // 4) + "no", WORDS)


def test_words_of_keeps_apostrophes_and_drops_the_rest():
    assert words_of("Uh-huh, THAT\u2019S it: 0162!") == ["uh", "huh", "that's", "it"]


# --------------------------------------------------------------- checks on loading the file


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('  - "ta"\n', '  - "ta"\n  - "yes"\n', "'yes' is also a 'yes' phrase"),
        ('  - "ta"\n', '  - "ta"\n  - "thats right"\n', "'thats right' is also a 'yes' phrase"),
        ('  - "erm"\n', '  - "erm"\n  - "please"\n', "'please' is also a 'filler' phrase"),
        ('  - "erm"\n', '  - "erm"\n  - "not now"\n', "'not now' contains 'not'"),
        ('  - "yes"\n', '  - "yes"\n  - "yes dont"\n', "'yes dont' contains \"don't\""),
        # the go-aheads for one action only: in no other list, holding no "no"
        (
            '  - "transfer me"\n',
            '  - "transfer me"\n  - "go ahead"\n',
            "'go ahead' is also a 'yes'",
        ),
        ('  - "introduce me"\n', '  - "introduce me"\n  - "transfer me"\n', "also a 'yes_to_t"),
        ('  - "introduce me"\n', '  - "introduce me"\n  - "um"\n', "'um' is also a 'lead_in'"),
        ('  - "transfer me"\n', '  - "transfer me"\n  - "dont transfer"\n', 'contains "don\'t"'),
    ],
)
def test_a_phrase_in_two_lists_or_holding_a_no_is_refused_at_its_line(tmp_path, old, new, message):
    shutil.copytree(PROMPTS_DIR, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "confirmation.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = len(lines) - lines[::-1].index(new.splitlines()[-1])  # the line added
    with pytest.raises(PromptError) as error:
        load_prompts(tmp_path)
    assert f"confirmation.yaml:{line}:" in str(error.value)
    assert message in str(error.value)


def test_the_check_lends_the_read_backs_own_name_and_no_other():
    """`check` reads the name from the read-back it was given (`ReadBack.name`)."""
    monica = ReadBack("+14155550170", "Monica Reyes", "add", "", "read", "t1", "i1", 10.0)
    number = ReadBack("+14155550170", "+1 415-555-0170", "add", "", "read", "t1", "i1", 10.0)
    assert check(monica, [("user", "Monica, yes")], 11.0, WORDS) is None
    assert check(number, [("user", "Monica, yes")], 11.0, WORDS) == "not_a_clear_yes"
    assert check(monica, [("user", "Dana, yes")], 11.0, WORDS) == "not_a_clear_yes"


def test_a_read_back_without_both_its_item_and_its_end_time_is_not_said():
    """Both are set together once it played in full; either alone never confirms."""
    for item, at in (("i1", None), (None, 10.0)):
        partial = ReadBack("+14155550170", "+1 415-555-0170", "add", "", "read", "t1", item, at)
        assert check(partial, [("user", "yes")], 11.0, WORDS) == "not_said"
