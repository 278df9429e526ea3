"""The rehearsal model, twenty-seventh round (issue 22): what the eighteenth tester met. A
question about hanging up is answered, never acted on; a name ends where the words about it
start; a take-back with a new name corrects; the second thing in a line is kept. One rule a
test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts, simulated_call
from workflows.call.confirmation import is_clear_yes
from workflows.rehearsal.mentions import contacts_named
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.questions import REGIONS_QUESTION_RE
from workflows.rehearsal.nlu.requests import HELP_RE
from workflows.rehearsal.sequence import clauses

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_WARM = "put me through to Fox Mulder but introduce me first"
_TWO_ON = ("add Dana Scully", "yes", "add Mulder", "yes")
_WORDS = _PROMPTS.confirmation


def _names(heard) -> list[str]:
    return [name for turn in heard for name, _ in turn.calls]


# ----------------------------------------------- 1. a question never ends the call
@pytest.mark.parametrize(
    "line",
    [
        "I know, I'm asking, once he's on do you hang up on me?",
        "so does the call end for me once he picks up?",
        "will you leave me once they answer",
    ],
)
def test_a_question_about_hanging_up_is_no_goodbye(line):
    reading = understand(line)
    assert not reading.ends_call and not reading.goodbye
    assert reading.asks_about_transfer


@pytest.mark.parametrize(
    "line",
    [
        "wait, if you do that, will I still be able to talk to you afterwards?",
        "can I still speak with you after he joins?",
    ],
)
def test_talking_to_the_host_afterwards_is_the_transfer_question(line):
    assert understand(line).asks_about_transfer


async def test_do_you_hang_up_on_me_while_a_warm_transfer_waits_is_answered():
    heard = await play_lines("host", _WARM, "once he's on do you hang up on me?", "ok go ahead")
    assert heard[1].lines[0] == _OFFLINE.transfer_question
    assert "end_call" not in _names(heard[1:2])
    assert "warm_transfer" in _names(heard[2:])


def test_asking_the_host_to_end_the_call_still_ends_it():
    assert understand("can you end the call please").ends_call


# ----------------------------------------------- 2. where a name in a lookup ends
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("I need to talk to Fox Mulder about a case, but introduce me first", "Fox Mulder"),
        ("add Dana Scully regarding the quarterly numbers", "Dana Scully"),
        ("transfer me to the sales desk directly, no introduction needed", "the sales desk"),
        ("ring Mulder I think, he knows the account", "Mulder"),
    ],
)
def test_the_name_ends_before_the_words_about_it(line, name):
    assert understand(line).target == name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Please also add someone from the sales team, Dana I think", "Dana from the sales team"),
        ("add someone from support, maybe Dana", "Dana from support"),
    ],
)
def test_someone_from_a_team_then_a_name_is_that_name_in_that_team(line, name):
    assert understand(line).target == name


def test_someone_from_a_team_with_no_name_after_stays_the_team():
    assert understand("bring in someone from sales, thanks").target == "someone from sales"


def test_an_everyday_word_after_someone_from_a_team_is_no_name():
    assert understand("add someone from sales, Thanks").target == "someone from sales"


# ----------------------------------------------- 3. "scratch that" inside a correction
def test_a_take_back_with_a_new_name_corrects_and_cancels_nothing():
    reading = understand("hit up Mulder for me. nah scratch that, Scully, my bad")
    assert (reading.action, reading.target, reading.cancel) == ("add", "Scully", False)


def test_hit_up_is_a_request_to_call():
    assert understand("hit up Mulder for me").target == "Mulder"


def test_scratch_that_alone_still_cancels():
    assert understand("call Mulder. scratch that").cancel


# ----------------------------------------------- 4. the second thing in a line kept
def test_two_contacts_joined_by_and_are_each_named():
    directory = simulated_call().directory
    line = "I need to get Scully and the sales desk on a call with me"
    assert [directory.find(n)[0].name for n in contacts_named(directory, line)] == [
        "Dana Scully",
        "Sales desk",
    ]


async def test_the_second_named_to_the_receptionist_is_read_back_after_the_first():
    first = "Hi, it's Priya from accounts, I need to get Scully and the sales desk on a call"
    heard = await play_lines("receptionist", first, "yes, that's her")
    said = "\n".join(heard[1].lines)
    assert "Sales desk at +1 415-555-0150" in said


async def test_a_name_after_the_number_names_the_leg():
    heard = await play_lines("host", "next up is 212-555-0163, my buddy Tony", "yeah go for it")
    assert ("name_participant", {"who": "2125550163", "name": "Tony"}) in heard[1].calls


def test_a_while_clause_is_no_second_request():
    line = "Could you pop Mr Mulder on mute while Dana and I have a natter?"
    assert clauses(line) == []


async def test_mute_while_two_talk_mutes_only_the_one_named():
    line = "mute Mulder whilst Dana and I go over the numbers"
    heard = await play_lines("host", *_TWO_ON, line)
    assert heard[4].calls == [("mute_participant", {"who": "Fox Mulder", "muted": True})]


# ----------------------------------------------- 5. small things
@pytest.mark.parametrize(
    "line", ["Yes, that is better, please do that", "that's better, go ahead", "yes please do it"]
)
def test_better_and_please_do_that_are_a_yes(line):
    assert is_clear_yes(line, _WORDS, "Support desk")


@pytest.mark.parametrize(
    "line", ["is that better?", "that is better, but hold on", "please do that later"]
)
def test_near_misses_of_better_are_no_yes(line):
    assert not is_clear_yes(line, _WORDS, "Support desk")


async def test_a_name_spelled_out_in_letters_renames_the_caller_and_reads_back_again():
    lines = ("hi", "jon", "transfer. 650-555-0119", "wait. its John with an h. J O H N")
    heard = await play_lines("receptionist", *lines)
    assert [name for name, _ in heard[3].calls] == ["correct_caller_name", "read_back_number"]
    assert heard[3].calls[0][1] == {"name": "John"}


async def test_letters_of_another_name_rename_no_one():
    heard = await play_lines("receptionist", "hi", "jon", "transfer. 650-555-0119", "it's D A N A")
    assert "correct_caller_name" not in _names(heard[3:])


@pytest.mark.parametrize(
    "line",
    ["can you ring people in Britain for me?", "would you be able to dial someone in Germany"],
)
def test_a_country_named_is_a_question_about_dial_regions(line):
    assert REGIONS_QUESTION_RE.search(line)


async def test_the_receptionist_answers_a_country_question_from_the_dial_policy():
    heard = await play_lines("receptionist", "can you ring people in Britain for me?")
    said = render(_OFFLINE.answers.dial_regions, regions="the United States")
    assert heard[0].lines[0].startswith(said)


def test_what_exactly_can_you_do_asks_for_help():
    assert HELP_RE.search("so what exactly can you do?")


async def test_what_can_you_do_beside_a_request_is_answered_then_the_name_asked():
    line = "Um, hi, so what exactly can you do? Like can you connect me with a specific person?"
    heard = await play_lines("receptionist", line)
    assert heard[0].lines == [f"{_OFFLINE.help} {_OFFLINE.ask_name}"]


async def test_help_in_a_need_is_no_question_about_what_the_host_does():
    line = "Good evening, I need help with my invoice. Kindly connect me to the support team."
    heard = await play_lines("receptionist", line)
    assert heard[0].lines == [_OFFLINE.ask_name]


async def test_letters_in_a_request_rename_no_one():
    heard = await play_lines("receptionist", "hi", "Dan", "I need a conference", "add D A N A")
    assert "correct_caller_name" not in _names(heard[3:])
