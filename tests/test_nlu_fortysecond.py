"""The rehearsal model, forty-second round (issue 22): warm transfers asked in plain words, the
introduction's reason as the caller's problem, a need said before a spelled name, the
receptionist's ear for needs, questions about a transfer answered, "do the needful" and a
decline with a goodbye. One rule a test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes
from workflows.rehearsal.introduction import about_from, introduced_reason
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.caller import call_reason
from workflows.rehearsal.nlu.goodbye import says_goodbye
from workflows.rehearsal.nlu.problems import support_need
from workflows.rehearsal.nlu.slang import unslanged
from workflows.rehearsal.nlu.text import negated
from workflows.rehearsal.nlu.transfer_asks import PICKED_UP_RE

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_MULDER = "Fox Mulder from Support at +1 415-555-0144"


def says_yes(text: str, words) -> bool:
    """The caller's clear yes to a read-back of +1 415-555-0133."""
    return is_clear_yes(text, words, "+1 415-555-0133")


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. a warm transfer asked in plain words
@pytest.mark.parametrize(
    "line",
    [
        "put me through to him but tell him what it's about first",
        "could you explain to her what happened before you connect me",
        "fill him in on the situation beforehand",
    ],
)
def test_telling_them_then_first_or_before_asks_the_introduction(line):
    assert understand(line).action == "warm_transfer"


@pytest.mark.parametrize(
    "line",
    ["can you first tell them my problem and then connect me?", "first just brief him please"],
)
def test_first_then_telling_them_asks_the_introduction(line):
    assert understand(line).action == "warm_transfer"


def test_having_a_word_with_them_first_asks_the_introduction():
    assert understand("would you mind having a word with her first?").action == "warm_transfer"


def test_so_i_dont_have_to_explain_asks_the_introduction_though_it_says_dont():
    assert understand("connect me so I don't have to explain it").action == "warm_transfer"


@pytest.mark.parametrize(
    "line", ["don't tell him first, just put me through", "first, tell me who is on the call"]
)
def test_a_telling_negated_or_said_to_the_caller_asks_no_introduction(line):
    assert understand(line).action != "warm_transfer"


async def test_having_a_word_first_is_no_no_to_the_transfer():
    line = "Would you mind having a word with him first so I don't have to explain it all again?"
    heard = await play_lines("host", "transfer me to Fox Mulder", line)
    said = render(_PROMPTS.host.transfer.read_back_warm, who=_MULDER)
    assert said in heard[1].lines
    assert render(_OFFLINE.dropped_transfer, who=_MULDER) not in heard[1].lines


async def test_wanting_a_called_off_transfer_with_an_introduction_reads_back_the_warm_one():
    heard = await play_lines(
        "host",
        "transfer me to Fox Mulder",
        "no",
        "No, I do want him. Just introduce me to him first, please",
    )
    assert heard[2].calls == [
        ("look_up_contact", {"name": "Fox Mulder", "purpose": "warm_transfer"})
    ]


# ----------------------------------------------- 2. the introduction's reason
def test_the_problem_named_not_told_leaves_the_callers_need_to_say():
    assert about_from("can you first tell them my problem and then connect me?") is None


def test_a_told_problem_ends_at_its_clause():
    said = about_from("tell him my laptop won't boot and then connect me to him")
    assert said == "how their laptop won't boot"


def test_a_need_cut_at_i_was_told():
    line = "I'm calling about a billing dispute on our account and I was told to speak with Fox"
    assert call_reason(line) == "a billing dispute on our account"


def test_the_introduction_says_the_need_of_them():
    assert introduced_reason("a billing dispute on our account") == (
        "a billing dispute on their account"
    )


def test_the_introduction_says_a_charge_as_being_charged():
    assert introduced_reason("support because they were double charged") == ("being double charged")


# ----------------------------------------------- 3. a need said before a spelled name
def test_blinking_red_is_a_problem():
    assert support_need("my router's been blinking red all morning") == (
        "support with their router blinking red"
    )


def test_cant_get_online_is_a_problem():
    assert support_need("I can't get online") == "support with getting online"


async def test_a_person_asked_for_before_a_spelled_name_is_read_back():
    heard = await play_lines(
        "receptionist",
        "Hi, I'm calling about a billing dispute and I was told to speak with Fox Mulder",
        "Sandra Oyelaran. That's O-Y-E-L-A-R-A-N.",
    )
    assert ("look_up_contact", {"name": "Fox Mulder", "purpose": "transfer"}) in heard[1].calls


async def test_the_greeting_names_the_one_asked_for_not_the_desk():
    line = "Hi, it's Ann, I was charged twice and they told me to speak with Fox Mulder"
    heard = await play_lines("receptionist", line)
    greeting = render(_PROMPTS.host.greeting_transfer, caller_name="Ann", who="Fox Mulder")
    assert greeting in heard[0].lines


# ----------------------------------------------- 4. the receptionist's ear
@pytest.mark.parametrize(
    ("slang", "said"),
    [
        ("tryna get a conf w dana", "trying to get a conference with dana"),
        ("a conf call goin with sales", "a conference call going with sales"),
    ],
)
def test_conference_slang_is_read_as_words(slang, said):
    assert unslanged(slang) == said


def test_a_spelled_w_is_no_with():
    assert unslanged("D-A-N-A W") == "D-A-N-A W"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("I'm after setting up a conference call", "setting up a conference call"),
        (
            "I'm after a conference call with two colleagues",
            "a conference call with two colleagues",
        ),
    ],
)
def test_im_after_is_a_need(line, reason):
    assert call_reason(line) == reason


async def test_the_right_number_for_technical_help_is_answered_yes_then_the_name():
    heard = await play_lines("receptionist", "Is this the right number for getting technical help?")
    said = " ".join(heard[0].lines)
    assert _OFFLINE.right_line in said and _OFFLINE.ask_name in said
    assert heard[0].calls == []


def test_technical_help_is_a_support_need():
    assert understand("Is this the right number for getting technical help?").wants_support


async def test_calling_more_than_one_person_is_answered_yes_then_the_name():
    line = "quick question, can you call more than one person at once?"
    heard = await play_lines("receptionist", line)
    said = " ".join(heard[0].lines)
    assert _OFFLINE.answers.capabilities in said and _OFFLINE.ask_name in said


# ----------------------------------------------- 5. questions about a transfer
async def test_what_it_will_say_to_a_direct_transfer_is_that_it_is_direct():
    heard = await play_lines(
        "host", "transfer me to Fox Mulder", "What are you going to say to him exactly?"
    )
    assert _OFFLINE.transfer_kind in heard[1].lines


@pytest.mark.parametrize(
    "line",
    [
        "will somebody actually pick up or is it gonna be a recording?",
        "would anyone even answer?",
        "is it going to be a voicemail?",
    ],
)
def test_whether_a_person_answers_is_asked_of_a_transfer(line):
    assert PICKED_UP_RE.search(line)


async def test_whether_a_voicemail_answers_is_answered_not_the_call_listed():
    heard = await play_lines("host", "transfer me to Fox Mulder", "is it going to be a voicemail?")
    assert _OFFLINE.transfer_picked_up in heard[1].lines
    assert "list_participants" not in _names(heard[1])


async def test_whether_a_person_answers_an_add_is_no_transfer_answer():
    heard = await play_lines("host", "add 415 555 0133", "will somebody actually pick up?")
    assert _OFFLINE.transfer_picked_up not in heard[1].lines


# ----------------------------------------------- 6. "do the needful", a decline with a goodbye
def test_do_the_needful_is_a_yes():
    assert says_yes("Yes, please do the needful", _PROMPTS.confirmation)
    assert says_yes("ok do the needful", _PROMPTS.confirmation)


@pytest.mark.parametrize(
    "line", ["don't do the needful", "do the needful?", "do the needful for Dana instead"]
)
def test_do_the_needful_negated_asked_or_for_another_is_no_yes(line):
    assert not says_yes(line, _PROMPTS.confirmation)


@pytest.mark.parametrize("line", ["Let's leave it there, cheerio", "ta-ra", "toodle-oo"])
def test_cheerio_and_friends_are_goodbyes(line):
    assert says_goodbye(line, negated)


def test_leaving_it_there_is_a_goodbye_only_at_its_clause_end():
    assert says_goodbye("no thanks, we'll leave it at that", negated)
    assert not says_goodbye("let's leave it there for Dana, add Fox Mulder", negated)


async def test_a_decline_with_a_goodbye_ends_the_call():
    heard = await play_lines(
        "host",
        "transfer me to Fox Mulder",
        "Actually no, don't bother. Let's leave it there, cheerio",
    )
    assert _names(heard[1]) == ["end_call"]
