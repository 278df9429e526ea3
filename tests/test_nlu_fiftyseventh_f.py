"""The rehearsal model, fifty-seventh round f (issue 22, tester 58 and helpers' notes): a
price asked of the host by name after words to the sales desk ("... ava, how much r they")
gets the answer that it cannot tell that here; the caller saying how long they have ("gotta
go in ten mins") is acknowledged and nothing is ended; a warm transfer's introduction says its
reason as words "about" can take ("a question about their invoice", "their badge not working")."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.intro_phrase import as_phrase, without_team
from workflows.rehearsal.introduction import about_from, introduced_reason
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.time_left import time_left

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_SALES_ON = (
    "add the sales desk pls",
    "yes",
    "Sales desk: hi, this is the sales desk, how can we help?",
)


# ----------------------------------------------- 1. a price asked of the host by name
@pytest.mark.parametrize(
    "line",
    [
        "hey, we need a quote for 40 seats. ava, how much r they",
        "ava how much are they per seat",
        "we'd want 40 licences. so what's the price, ava?",
        "ok. ava, how much for 40 seats?",
    ],
)
async def test_a_price_asked_of_the_host_by_name_is_not_known_here(line):
    heard = await play_lines("host", *_SALES_ON, line)
    assert heard[-1].calls == []
    assert heard[-1].lines == [_OFFLINE.answers.cannot_tell]  # not the call's cost


async def test_a_price_asked_of_the_sales_desk_is_still_theirs():
    heard = await play_lines("host", *_SALES_ON, "how much are they?")
    assert heard[-1].calls == []
    assert heard[-1].lines == []  # said to the sales desk: no answer of the host's


# ----------------------------------------------- 2. how long the caller has
@pytest.mark.parametrize(
    "line",
    [
        "gotta go in ten mins",
        "I only have 5 minutes",
        "need to leave at 3",
        "i have to leave in 10 minutes",
        "I've got a hard stop at 4",
        "I need to drop off at half past",
        "im heading out in 20 mins",
        "heads up, i need to leave at 3",
    ],
)
async def test_time_left_is_acknowledged_and_nothing_ends(line):
    assert time_left(line)
    heard = await play_lines("host", "add the sales desk", "yes", "Sales desk: hello", line)
    assert heard[-1].calls == []
    assert heard[-1].lines == [_OFFLINE.followups.people_noted]


@pytest.mark.parametrize(
    "line",
    [
        "I need to drop off at half past",
        "i have to hop off at 4pm",
        "I need to leave at noon",
        "heads up, i need to leave at 3",
    ],
)
def test_leaving_at_a_time_is_no_goodbye_nor_a_transfer(line):
    reading = understand(line)
    assert not reading.goodbye
    assert reading.action is None


@pytest.mark.parametrize(
    "line", ["I have 5 people to add", "add 40 seats", "gotta go, bye", "is there a time limit?"]
)
def test_other_lines_tell_no_time_left(line):
    assert not time_left(line)


def test_a_heads_up_for_them_is_still_a_warm_transfer():
    reading = understand("give her a heads up first and then put me through to Dana")
    assert reading.action == "warm_transfer"


# ----------------------------------------------- 3. the introduction's reason as a phrase
@pytest.mark.parametrize(
    ("said", "phrase"),
    [
        ("his badge is not working", "their badge not working"),
        ("their badge is broken", "their badge being broken"),
        ("her printer isn't printing", "their printer not printing"),
        ("the app is crashing", "the app crashing"),
        ("how their account is locked", "how their account is locked"),
        ("their router dropping the connection", "their router dropping the connection"),
    ],
)
def test_a_sentence_of_them_is_said_as_a_phrase(said, phrase):
    assert as_phrase(said) == phrase


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("support with a question about their invoice", "a question about their invoice"),
        ("support with a quick question about my bill", "a question about their bill"),
        ("sales about an enquiry for 40 seats", "an enquiry for 40 seats"),
    ],
)
def test_a_team_word_before_a_need_of_its_own_kind_is_dropped(reason, said):
    assert introduced_reason(reason) == said


@pytest.mark.parametrize(
    "reason",
    ["support with their router dropping the connection", "support with a double charge"],
)
def test_other_needs_keep_their_wording(reason):
    assert without_team(reason) == reason
    assert introduced_reason(reason) == reason


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("also can you say it more simple, 'his badge is not working'", "their badge not working"),
        ("just tell her: my laptop is dead", "their laptop being dead"),
    ],
)
def test_the_callers_own_words_are_said_as_a_phrase(line, words):
    assert about_from(line) == words


@pytest.mark.parametrize(
    ("first", "ask", "about"),
    [
        (
            "hi, I'm Sam, I need support with a question about my invoice",
            "can you introduce me to the support desk",
            "a question about their invoice",
        ),
        (
            "hey its Tom, I have a question about my statement",
            "introduce me to support please",
            "a question about their statement",
        ),
    ],
)
async def test_the_warm_transfer_says_the_need_without_the_team_word(first, ask, about):
    heard = await play_lines("receptionist", first, ask, "yes")
    assert heard[-1].calls[0] == ("warm_transfer", {"about": about})
