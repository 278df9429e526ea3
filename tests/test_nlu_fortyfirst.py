"""The rehearsal model, forty-first round (issue 22): no keys pressed for a number to call, a
number dropped by a refused yes read back again, words said to someone on the call, a
trailing remark no part of a name, asking about someone named with their number, and a
transfer asked with a question. One rule a test; expected words are rendered from the prompt
files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.addressing import said_to_another
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.numbers import digitize, find_dtmf

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_HOST = _PROMPTS.host
_HARRIET = ("dial 415 555 0143", "yes", "Her name's Harriet, by the way")


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. never press keys for a number to call
@pytest.mark.parametrize("line", ["ok, dial 0133 then", "dial 0177", "just dial 1234 for me"])
def test_dial_with_last_digits_presses_no_keys(line):
    assert find_dtmf(digitize(line))[0] is None


@pytest.mark.parametrize(
    ("line", "keys"),
    [("press 1", "1"), ("hit 0 for the operator", "0"), ("enter 1234#", "1234#"), ("dial 9", "9")],
)
def test_press_hit_enter_and_a_short_dial_still_press(line, keys):
    assert understand(line).digits == keys


async def test_dial_the_last_digits_of_a_number_talked_about_reads_it_back():
    heard = await play_lines(
        "host", "Hey, can you dial 415 555 0133 for me", "no, not yet", "ok, dial 0133 then"
    )
    assert _names(heard[-1]) == ["read_back_number"]
    assert render(_HOST.read_back, who="+1 415-555-0133") in heard[-1].lines


# ----------------------------------------------- 2. a number dropped by a refused yes
@pytest.mark.parametrize("then", ["yes", "no"])
async def test_a_number_dropped_by_a_yes_with_more_is_read_back_after_the_next(then):
    heard = await play_lines(
        "host", "can you dial 415 555 0133 for me", "yes, and then get the sales desk too", then
    )
    assert "add_sip_participant" not in _names(heard[1])
    assert render(_HOST.read_back, who="+1 415-555-0133") in heard[2].lines


# ----------------------------------------------- 3. talking to someone on the call
def test_hiya_greets_someone_on_the_call():
    assert said_to_another("Hiya Harriet, is it raining there?", ["Harriet"], ["Ava"])


def test_a_name_then_a_presence_check_is_said_to_them():
    assert said_to_another("Monica you there?", ["Monica Reyes"], ["Ava"])
    assert not said_to_another("Monica is on mute", ["Monica Reyes"], ["Ava"])


def test_a_check_then_the_name_is_said_to_them():
    assert said_to_another("can you hear me ok, Raj?", ["Raj"], ["Ava"])
    assert not said_to_another("can you hear me ok, Ava?", ["Raj"], ["Ava"])


def test_a_pleasantry_before_the_words_to_them_greets_no_one():
    assert said_to_another("no worries. Monica, can you hear me?", ["Monica Reyes"], ["Ava"])
    assert not said_to_another("mute Fox. Monica, can you hear me?", ["Monica Reyes"], ["Ava"])


@pytest.mark.parametrize(
    "line", ["Hiya Harriet, can you hear me alright?", "no worries. Harriet you there?"]
)
async def test_words_to_someone_on_the_call_get_no_reply(line):
    heard = await play_lines("host", *_HARRIET, line)
    assert heard[-1].calls == [] and heard[-1].lines == []


@pytest.mark.parametrize(
    "line", ["who's actually on then, just me and Monica?", "who's really still on?"]
)
def test_who_is_actually_on_asks_for_the_list(line):
    assert understand(line).action == "list"


async def test_a_name_alone_answers_which_person_after_a_question_about_someone():
    heard = await play_lines(
        "host", *_HARRIET, "add Fox Mulder", "yes", "is my sister still on?", "Harriet"
    )
    assert _OFFLINE.which_person in heard[-2].lines
    said = render(_OFFLINE.person_status, who="Harriet", status="connected")
    assert _names(heard[-1]) == ["list_participants"] and said in heard[-1].lines


# ----------------------------------------------- 4. a trailing remark is no part of a name
@pytest.mark.parametrize(
    ("line", "target"),
    [
        ("mute marcus hes eating", "marcus"),
        ("mute dana she's typing", "dana"),
        ("kick him hes leaving anyway", None),
    ],
)
def test_a_pronouns_remark_after_the_person_is_cut(line, target):
    assert understand(line).target == target


@pytest.mark.parametrize("line", ["mute Fox lol", "mute Fox lmao", "mute Fox btw"])
def test_chat_tails_are_no_part_of_a_name(line):
    assert understand(line).target == "Fox"


def test_since_ends_the_name():
    assert understand("remove dana since she left").target == "dana"


@pytest.mark.parametrize("role", ["boy", "mate", "bro"])
async def test_an_informal_role_in_lower_case_names_the_one_who_joined(role):
    heard = await play_lines("host", "add 415 555 0162", "yes", f"thats my {role} marcus btw")
    assert heard[-1].calls == [("name_participant", {"who": "+1 415-555-0162", "name": "Marcus"})]


async def test_an_everyday_word_after_a_role_names_no_one():
    heard = await play_lines("host", "add 415 555 0162", "yes", "thats my boy always late lol")
    assert "name_participant" not in _names(heard[-1])


# ----------------------------------------------- 5. asking about someone named with a number
async def test_a_name_said_with_instead_and_a_number_names_that_leg():
    heard = await play_lines(
        "host", "add Dana Scully", "yes", "try Shazza instead, (415) 555-0186", "yes"
    )
    assert ("name_participant", {"who": "4155550186", "name": "Shazza"}) in heard[-1].calls


@pytest.mark.parametrize(
    "line", ["is Shazza's line still engaged or what?", "is Shazza still busy?"]
)
def test_busy_or_engaged_asks_about_someone(line):
    assert understand(line).asks_about in ("Shazza's line", "Shazza")


def test_a_question_about_someone_may_open_with_the_hosts_name():
    assert understand("Ava, is Dana still on?").asks_about == "Dana"


async def test_the_status_of_a_named_busy_line_is_its_busy_news():
    heard = await play_lines(
        "host",
        "add Dana Scully",
        "yes",
        "try Shazza instead, (415) 555-0186",
        "yes",
        "is Shazza still busy?",
    )
    assert render(_HOST.busy, who="+1 415-555-0186") in heard[-1].lines


# ----------------------------------------------- 6. a transfer asked with a question
async def test_a_transfer_asked_with_a_question_is_answered_then_read_back():
    line = "can you just transfer me over to 415 555 0123? will I lose you guys if you do that?"
    heard = await play_lines("host", "add Dana Scully", "yes", line)
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155550123", "purpose": "transfer"})
    ]
    assert len(heard[-1].lines) == 2  # the answer, then the read-back


async def test_a_number_said_like_i_said_keeps_its_purpose():
    heard = await play_lines(
        "host",
        "transfer me to 415 555 0123",
        "no",
        "add 415 555 0144",
        "yes",
        "415 555 0123, like I said",
    )
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155550123", "purpose": "transfer"})
    ]
