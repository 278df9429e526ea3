"""The recognizer's grammar: the product's vocabulary (directory, caller names, the prompts'
confirmation words), and words pocketsphinx's dictionary cannot say left out and logged."""

from __future__ import annotations

import pytest

from tests.support.harness import files, prompts
from workflows.call.directory import Directory
from workflows.call.settings import Settings
from workflows.speech.grammar import (
    CALLER_NAMES,
    DIGITS,
    NO_WORDS,
    YES_WORDS,
    Vocabulary,
    build_grammar,
    normalise,
    project_vocabulary,
)
from workflows.speech.pocketsphinx import PocketSphinxSTT
from workflows.worker.pipeline import build_stt


def test_grammar_holds_the_products_vocabulary():
    vocab = project_vocabulary(files().directory, ("Ada", "Sam"), ("yes", "sounds good"), ("nope",))
    jsgf = build_grammar(vocab).jsgf
    for phrase in [
        "dana scully",
        "mulder",
        "sales desk",
        "help desk",
        "ada",
        "sam",
        "sounds good",
        "nope",
        "who is on the call",
        "goodbye",
        "remove",
        "mute",
        "add",
        "call",
        "dial",
        "this is",
        "i'm",
        "extension",
        "press",
        "star",
        *DIGITS,
    ]:
        assert phrase in jsgf, phrase
    assert "sarah" not in jsgf  # the given names replace the built-in list


def test_grammar_leaves_out_words_the_dictionary_cannot_say():
    vocab = Vocabulary(caller_names=("Ada", "Xyzzy"), contact_names=("Dana Qwrtz",))
    grammar = build_grammar(vocab, known=lambda word: "xyzzy" not in word and "qwrtz" not in word)
    assert grammar.dropped == ("xyzzy", "dana qwrtz")
    assert "xyzzy" not in grammar.jsgf and "ada" in grammar.jsgf


# A directory of the test's own: names added to the shipped one need not be in the dictionary.
SAYABLE = Directory.model_validate(
    {
        "contacts": [
            {"name": "Dana Scully", "team": "Sales", "number": "+14155550142"},
            {"name": "Support desk", "aliases": ["helpdesk"], "number": "+14155550151"},
        ]
    }
)


def test_default_word_lists_are_in_the_recognizers_dictionary():
    recognizer = PocketSphinxSTT(project_vocabulary(SAYABLE))
    assert recognizer.grammar.dropped == ()  # "unmute" and "helpdesk" get pronunciations
    for phrase in (*YES_WORDS, *NO_WORDS, *CALLER_NAMES, "unmute", "helpdesk"):
        assert normalise(phrase) in recognizer.grammar.jsgf


def test_every_directory_phrase_is_in_the_grammar_or_named_as_left_out():
    """The directory in use (shipped or edited): a name the dictionary lacks ("Chidi Okafor")
    is left out and named, never a failure."""
    recognizer = PocketSphinxSTT(project_vocabulary(files().directory))
    for contact in files().directory.contacts:
        for phrase in (contact.name, *contact.aliases):
            said = normalise(phrase)
            assert said in recognizer.grammar.jsgf or said in recognizer.grammar.dropped


def test_grammar_uses_the_confirmation_words_of_the_prompts():
    words = prompts().confirmation
    recognizer = build_stt(Settings(mode="console", stt="pocketsphinx"), files())
    jsgf = recognizer.grammar.jsgf
    yes_rule = next(line for line in jsgf.splitlines() if line.startswith("<yes> ="))
    no_rule = next(line for line in jsgf.splitlines() if line.startswith("<no> ="))
    yes, no = {normalise(w) for w in words.yes}, {normalise(w) for w in words.no}
    assert (yes | no) & set(recognizer.grammar.dropped) == set()  # all in the dictionary
    assert yes <= set(yes_rule[8:-1].split(" | "))
    assert no <= set(no_rule[7:-1].split(" | "))


def test_names_the_recognizer_cannot_say_are_logged_not_fatal(caplog):
    recognizer = PocketSphinxSTT(Vocabulary(caller_names=("Ada", "Xqzzyv")))
    assert recognizer.grammar.dropped == ("xqzzyv",)
    assert "not in pocketsphinx's dictionary: xqzzyv" in caplog.text


def test_the_answer_grammar_has_answers_and_no_commands():
    """While a read-back waits the recognizer hears only answers: yes, no, a corrected number,
    goodbye. No request and no name, so a short reply cannot come out as "add scully"."""
    grammar = build_grammar(project_vocabulary(files().directory, ("Ada",), ("yes",), ("no",)))
    rules = dict(
        line.rstrip(";").split(" = ", 1) for line in grammar.answer.splitlines() if " = " in line
    )
    assert set(rules) == {
        "public <answer>",
        *(f"<{r}>" for r in ("lead", "correction", "digit", "group", "number", "yes", "no")),
        *(f"<{r}>" for r in ("goodbye", "filler")),
    }
    words = set(" ".join(rules.values()).replace("|", " ").split())
    for command in ("add", "dial", "remove", "mute", "transfer", "press", "scully", "sales"):
        assert command not in words
    assert {"yes", "no", "four", "fifteen", "goodbye", "please"} <= words


@pytest.mark.parametrize(
    "transcript, words",
    [
        ("Call 6, 4, 6.", "call six four six"),
        ("Add 415-555-0199.", "add four one five five five five zero one nine nine"),
        ("Add plus 44, 20, 15.", "add plus forty four twenty fifteen"),
        ("Dial 07.", "dial zero seven"),
        ("call four fifteen", "call four fifteen"),
    ],
)
def test_the_bench_reads_a_transcript_s_numerals_as_spoken_words(transcript, words):
    from tests.speech_bench import spoken

    assert spoken(transcript) == words
