"""The rehearsal model, fifty-second round a (issue 22, testers 45 and 46): keys asked in
sequence in one line are each pressed, a key named right after keys went in is pressed, a line
said to a participant by name gets no reply and no tool, and "who exactly is on the call?"
lists who is on."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.key_sequence import follow_up_keys

_PROMPTS = prompts()
_BANK = ("add 1 800 555 0123", "yes")
_SISTER = ("now please bring my sister Funmi in, her number is 646 555 0117", "yes")


def _pressed(heard) -> str:
    return "".join(args["digits"] for name, args in heard.calls if name == "send_digits")


# ----------------------------------------------- 1. keys in sequence in one line
@pytest.mark.parametrize(
    ("line", "keys"),
    [
        ("ok. Press 1 for me please, then 4", "14"),
        ("press 1 and then 4", "14"),
        ("press 1, and after that press 4", "14"),
        ("hit 2 please. then the 3", "23"),
        ("press one then four then hash", "14#"),
        ("push 9 first, next 2", "92"),
    ],
)
def test_keys_in_sequence_are_read_in_order(line, keys):
    reading = understand(line)
    assert (reading.action, reading.digits) == ("dtmf", keys)


@pytest.mark.parametrize(
    ("line", "keys"),
    [("ok. Press 1 for me please, then 4", "14"), ("press 2, and after that press 5", "25")],
)
async def test_keys_in_sequence_are_all_pressed(line, keys):
    heard = await play_lines("host", *_BANK, line)
    assert _pressed(heard[-1]) == keys


@pytest.mark.parametrize(
    "line", ["press 1 then 415 555 0123", "press 1 then add Dana", "press 1 then 2 3 4 5 6 7"]
)
def test_a_number_or_request_after_then_adds_no_key(line):
    assert understand(line).digits == "1"


# ----------------------------------------------- 1. a key named right after keys were pressed
@pytest.mark.parametrize(
    ("line", "keys"),
    [
        ("and then 4", "4"),
        ("now 3", "3"),
        ("you forgot the 4", "4"),
        ("also hash", "#"),
        ("and then four please", "4"),
        ("what about the 4?", "4"),
        ("1, and after that 4", "14"),
    ],
)
async def test_a_key_named_right_after_keys_is_pressed(line, keys):
    heard = await play_lines("host", *_BANK, "press 2", line)
    assert heard[-1].calls == [("send_digits", {"digits": keys})]
    assert heard[-1].lines == [render(_PROMPTS.host.controls.digits_sent, digits=" ".join(keys))]


@pytest.mark.parametrize("line", ["now 3", "and then 4", "also hash"])
async def test_a_key_word_with_no_keys_just_pressed_presses_nothing(line):
    heard = await play_lines("host", *_BANK, line)
    assert "send_digits" not in [name for name, _ in heard[-1].calls]


@pytest.mark.parametrize("line", ["0147 is Kayla", "now 0147", "then 415 555 0123", "Kayla"])
def test_a_bare_number_is_no_key_follow_up(line):
    assert follow_up_keys(line) == ""


# ----------------------------------------------- 2. a line said to a participant by name
@pytest.mark.parametrize(
    "line",
    [
        "the bank wants my account number now. Funmi, should I say it out loud?",
        "hold on a sec. Funmi, can you hear me ok?",
        "right, the menu's asking again. Funmi, do you think I should press 3?",
        "Funmi, should I say it out loud?",
    ],
)
async def test_a_line_said_to_a_participant_gets_no_reply_and_no_tool(line):
    heard = await play_lines("host", *_BANK, *_SISTER, line)
    assert heard[-1].calls == []
    assert heard[-1].lines == []


async def test_a_line_to_a_participant_that_turns_to_the_host_is_acted_on():
    heard = await play_lines("host", *_BANK, *_SISTER, "Funmi, should I say it? Ava, mute her")
    assert heard[-1].calls == [("mute_participant", {"who": "Funmi", "muted": True})]


async def test_a_request_before_a_line_to_a_participant_is_still_acted_on():
    heard = await play_lines("host", *_BANK, *_SISTER, "Remove the bank. Funmi, can you hear me?")
    assert [name for name, _ in heard[-1].calls] == ["remove_participant"]


async def test_a_line_beside_a_participants_name_still_answers_a_read_back():
    heard = await play_lines(
        "host", *_BANK, *_SISTER, "add 415 555 0188", "yes. Funmi, you'll hear a ring"
    )
    assert heard[-1].calls  # a yes or a read-back again (the yes rule decides), never silence


# ----------------------------------------------- 3. "who exactly is on the call?"
@pytest.mark.parametrize(
    "line",
    [
        "Fine, stay then. Who exactly is on the call now?",
        "ok. so who precisely is here right now?",
        "alright, who really is on now?",
    ],
)
async def test_who_exactly_is_on_lists_the_participants(line):
    assert understand(line).action == "list"
    heard = await play_lines("host", *_BANK, *_SISTER, line)
    assert [name for name, _ in heard[-1].calls] == ["list_participants"]


def test_who_exactly_is_someone_is_no_list():
    assert understand("who exactly is Kayla?").action != "list"
