"""The rehearsal model, forty-third round (issue 22): the host's ear for people on the call. A
name and a request in one line, questions about who is muted, short and team names, calling
back the one who left, a leading "k." and a third person's report, a line found by its
description, and two actions in one line. One rule a test; expected words are rendered from
the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.collective import as_team
from workflows.rehearsal.nlu.mute_questions import asks_if_caller_muted, asks_who_is_muted
from workflows.rehearsal.nlu.named_first import named_first
from workflows.rehearsal.short_names import starting

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_JEROME = ("add 415 555 0123", "yes")
_SHAZZA = ("add 415 555 0123", "yes", "his name is Shazza")


# ----------------------------------------------- 1. a name and a request in one line
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("great. that's Jerome by the way. now I also need Dana Scully from sales", "Dana Scully"),
        ("cool, that one's Jerome btw. and I'd like Fox Mulder too", "Fox Mulder"),
    ],
)
async def test_a_naming_then_a_need_names_the_leg_then_looks_the_contact_up(line, name):
    heard = await play_lines("host", *_JEROME, line)
    calls = heard[-1].calls
    assert calls[0] == ("name_participant", {"who": "+1 415-555-0123", "name": "Jerome"})
    assert calls[1][0] == "look_up_contact" and calls[1][1]["name"].startswith(name)


# ----------------------------------------------- 2. questions about who is muted
@pytest.mark.parametrize(
    "line",
    ["hello? who's on mute?", "who's muted and who isn't?", "is anyone muted?", "anybody on mute?"],
)
def test_a_question_about_who_is_muted_asks_for_the_list(line):
    assert asks_who_is_muted(line)
    assert understand(line).action == "list"


def test_muting_someone_is_no_question_about_who_is_muted():
    assert not asks_who_is_muted("mute Dana")
    assert understand("mute Dana").action == "mute"


async def test_who_is_on_mute_lists_the_call_and_mutes_no_one():
    heard = await play_lines("host", "add Dana Scully", "yes", "hello? who's on mute?")
    assert heard[-1].calls == [("list_participants", {})]


@pytest.mark.parametrize("line", ["am I on mute?", "did you mute me?", "is my line muted?"])
def test_the_caller_asking_if_they_are_muted_is_about_the_caller(line):
    assert asks_if_caller_muted(line)
    assert not asks_who_is_muted(line)


async def test_am_i_on_mute_is_answered_that_the_host_never_mutes_the_caller():
    heard = await play_lines("host", "add Dana Scully", "yes", "am I on mute?")
    assert heard[-1].lines == [_OFFLINE.answers.caller_not_muted]
    assert heard[-1].calls == []


# ----------------------------------------------- 3. short and team names
def test_a_word_that_starts_one_name_on_the_call_is_that_person():
    assert starting("shaz", ["Shazza", "+1 415-555-0142"]) == ["Shazza"]
    assert starting("scul", ["Dana Scully"]) == ["Dana Scully"]


def test_two_letters_start_no_name():
    assert starting("sh", ["Shazza"]) == []


async def test_unmute_a_short_name_unmutes_the_one_it_starts():
    heard = await play_lines("host", *_SHAZZA, "mute Shazza", "unmute shaz")
    assert heard[-1].calls == [("mute_participant", {"who": "Shazza", "muted": False})]


async def test_a_short_name_that_starts_two_names_asks_which():
    heard = await play_lines(
        "host", *_SHAZZA, "add 415 555 0166", "yes", "her name is Shazia", "mute sha"
    )
    assert heard[-1].lines == [_OFFLINE.which_person]
    assert heard[-1].calls == []


@pytest.mark.parametrize("said", ["the sales mob", "the sales lot", "the sales crew", "sales guys"])
def test_a_team_named_with_a_collective_word_is_the_team(said):
    assert as_team(said) == "the sales team"


def test_a_name_with_no_collective_word_stays_as_said():
    assert as_team("Dana Scully") == "Dana Scully"


async def test_grab_the_sales_mob_reads_back_the_sales_desk():
    heard = await play_lines("host", "grab the sales mob too")
    assert heard[0].calls == [("look_up_contact", {"name": "the sales team", "purpose": "add"})]


# ----------------------------------------------- 4. calling back the one who left
@pytest.mark.parametrize("line", ["ugh. call him back", "ring him back", "get him back on"])
async def test_calling_him_back_reads_back_the_number_of_the_one_who_left_last(line):
    heard = await play_lines(
        "host", *_JEROME, "add 415 555 0166", "yes", "remove 0166", "remove 0123", line
    )
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155550123", "purpose": "add"})
    ]


async def test_calling_back_a_named_leg_reads_back_its_number():
    heard = await play_lines(
        "host", *_JEROME, "his name is Jerome", "remove Jerome", "ring him back"
    )
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155550123", "purpose": "add"})
    ]


async def test_calling_back_with_no_one_gone_still_asks_the_number():
    heard = await play_lines("host", *_JEROME, "call him back")
    assert "read_back_number" not in [name for name, _ in heard[-1].calls]


# ----------------------------------------------- 5. a leading "k." and a third person's report
@pytest.mark.parametrize("line", ["k. kick her off, I'll email her instead", "kk. mute her"])
def test_a_leading_k_is_no_name(line):
    reading = understand(line)
    assert named_first(line, reading.action, None) is None
    assert reading.target != "k"


async def test_k_kick_her_off_removes_the_one_on_the_call():
    heard = await play_lines("host", "add Dana Scully", "yes", "k. kick her off, I'll email her")
    assert heard[-1].calls == [("remove_participant", {"who": "Dana Scully"})]


async def test_someone_reporting_a_new_number_gives_the_leg_no_name():
    heard = await play_lines(
        "host",
        "our brother Mike, his cell is 415 555 0141",
        "hmm actually Kate says he's on 0140 now, he changed it",
        "yep that's it",
    )
    named = [args["name"] for name, args in heard[-1].calls if name == "name_participant"]
    assert named == ["Mike"]


async def test_a_name_followed_by_says_is_not_paired_with_the_number():
    heard = await play_lines(
        "host",
        "add 415 555 0141",
        "hmm actually Kate says he's on 0140 now, he changed it",
        "yep that's it",
    )
    assert "name_participant" not in [name for name, _ in heard[-1].calls]


async def test_his_cell_is_names_the_leg_dialled_for_it():
    heard = await play_lines("host", "our brother Mike, his cell is 415 555 0141", "yes")
    named = [args["name"] for name, args in heard[-1].calls if name == "name_participant"]
    assert named == ["Mike"]


# ----------------------------------------------- 6. a line named by its description
_PHARMACY = (
    "add 415 555 0152",
    "yes",
    "Thank you. The pharmacy has another line with a recorded menu. It is 415 555 0161.",
    "yes",
)


async def test_what_the_sentence_with_the_number_is_about_finds_that_leg():
    heard = await play_lines("host", *_PHARMACY, "You may disconnect the pharmacy line now.")
    assert heard[-1].calls == [("remove_participant", {"who": "+1 415-555-0161"})]


async def test_a_line_described_right_before_its_number_finds_that_leg():
    heard = await play_lines(
        "host",
        "the office line 415 555 0161",
        "yes",
        "add 415 555 0152",
        "yes",
        "mute the office line",
    )
    assert heard[-1].calls == [("mute_participant", {"who": "+1 415-555-0161", "muted": True})]


# ----------------------------------------------- 7. two actions in one line
@pytest.mark.parametrize(
    ("line", "then"),
    [
        (
            "also get Dana from sales on, and mute the sales desk for now",
            ("mute_participant", {"who": "Sales desk", "muted": True}),
        ),
        (
            "bring in Fox Mulder and remove the sales desk",
            ("remove_participant", {"who": "Sales desk"}),
        ),
    ],
)
async def test_a_mute_or_remove_after_and_is_its_own_request_done_after_the_add(line, then):
    heard = await play_lines("host", "add the sales desk", "yes", line, "yep")
    assert heard[-2].calls[0][0] == "look_up_contact"
    assert heard[-1].calls[0][0] == "add_sip_participant"
    assert heard[-1].calls[1:] == [then]
