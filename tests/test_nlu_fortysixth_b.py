"""The rehearsal model, forty-sixth round b (issue 22): the host hears leaving, ending, lists,
keys said in words and the call's state. Letting one person off removes them and never ends
the call; endings in people's words end it; "whos on" lists the call; the call-state tool's
summary is never said as it is; digits ended by a hash are keys, never a number to dial; "not
yet" to a read-back dials nothing. Expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_BOSS = ("add the boss", "yes")
_NUMBER = ("add 415 555 0192", "yes")
_RINGING = ("add 415 555 0187", "yes")


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. letting one person off
@pytest.mark.parametrize(
    "line",
    [
        "let him drop off",
        "let Tom drop off",
        "please let him drop off",
        "you can let him off",
        "Yusuf has to go to work now, you can let him off",
        "let the sales desk go",
    ],
)
def test_letting_someone_off_is_a_removal_never_the_end(line):
    reading = understand(line)
    assert reading.action == "remove"
    assert not reading.ends_call


def test_letting_someone_off_mute_is_no_removal():
    assert understand("let Dana off mute").action == "unmute"


@pytest.mark.parametrize(
    ("lines", "who"),
    [
        ((*_NUMBER, "let him drop off"), "+1 415-555-0192"),
        ((*_BOSS, "let Monica drop off"), "Monica Reyes"),
        ((*_BOSS, "you can let her off"), "Monica Reyes"),
    ],
)
async def test_letting_someone_off_removes_them_and_the_call_goes_on(lines, who):
    heard = (await play_lines("host", *lines))[-1]
    assert heard.calls == [("remove_participant", {"who": who})]
    assert _PROMPTS.shared.goodbye not in heard.lines


# ----------------------------------------------- 2. endings in people's words
@pytest.mark.parametrize(
    "line",
    [
        "aight im done, cya",
        "Right, Monica and I will wrap up here. Please end the call for us both, thanks",
        "I'll stay on hold with the bank myself. Thank you for your help, goodbye",
    ],
)
async def test_an_ending_in_the_callers_words_ends_the_call(line):
    heard = (await play_lines("host", *_BOSS, line))[-1]
    assert _names(heard) == ["end_call"]
    assert _OFFLINE.help not in heard.lines


def test_ending_the_call_for_someone_else_is_not_the_end():
    assert not understand("end the call for Dana").ends_call
    assert understand("please end the call for all of us").ends_call


def test_thanks_for_the_help_is_no_request_for_help():
    assert understand("thanks for the help, bye").action is None
    assert understand("I need help").action == "help"


# ----------------------------------------------- 3. lists
@pytest.mark.parametrize(
    "line",
    [
        "whos on rn",
        "whos on",
        "Monica: Ava whos on this call",
        "Monica: Ava, is anyone else coming?",
    ],
)
async def test_who_is_on_in_short_words_lists_the_call(line):
    heard = (await play_lines("host", *_BOSS, *_RINGING, line))[-1]
    assert heard.calls == [("list_participants", {})]
    assert _OFFLINE.help not in heard.lines and _OFFLINE.host_not_understood not in heard.lines


# ----------------------------------------------- 4. the call's state, never said raw
@pytest.mark.parametrize(
    "line",
    [
        "Monica: Ava, how long have we been on?",
        "ava hows long we been on",
        "how long have we been on",
    ],
)
async def test_how_long_is_answered_with_the_length_only(line):
    heard = (await play_lines("host", *_BOSS, line))[-1]
    assert _names(heard) == ["get_call_state"]
    assert heard.lines == [_OFFLINE.answers.call_length_short]


@pytest.mark.parametrize("line", ["is it still ringing?", "Monica: Ava, is it still ringing?"])
async def test_still_ringing_names_who_rings_and_never_the_reason(line):
    heard = (await play_lines("host", *_BOSS, *_RINGING, line))[-1]
    host = _PROMPTS.host
    ringing = render(host.participant, who="+1 415-555-0187", status=host.status.ringing)
    assert len(heard.lines) == 1 and ringing in heard.lines[0]
    assert "a conference call" not in heard.lines[0]  # the caller's reason
    assert heard.lines[0].startswith(render(host.participants, list="").rstrip(". "))


# ----------------------------------------------- 5. keys said in words
@pytest.mark.parametrize(
    ("line", "keys"),
    [
        ("now enter my customer ID, 4 4 7 2 9 then hash", "44729#"),
        ("press the keys 44729 and then pound", "44729#"),
        ("it's asking for the account number followed by the pound key: 8 8 2 0 1", "88201#"),
        ("enter 4 4 7 2 9 followed by the pound key", "44729#"),
        ("and the pound key please", "#"),
    ],
)
async def test_keys_said_in_words_are_pressed_never_dialled(line, keys):
    reading = understand(line)
    assert (reading.action, reading.digits, reading.phone_number) == ("dtmf", keys, None)
    heard = (await play_lines("host", *_NUMBER, line))[-1]
    assert heard.calls == [("send_digits", {"digits": keys})]


def test_a_number_with_no_hash_is_still_a_number():
    assert understand("add 415 555 0192").phone_number == "4155550192"
    assert understand("press one then pound").digits == "1#"


# ----------------------------------------------- 6. not yet, to a read-back
@pytest.mark.parametrize("line", ["not yet, hold off on that", "no, not yet", "hold off on that"])
async def test_not_yet_to_a_read_back_dials_nothing_and_says_so(line):
    heard = (await play_lines("host", "add 415 555 0192", line))[-1]
    assert heard.lines == [render(_OFFLINE.dropped, who="+1 415-555-0192")]
    assert heard.calls == []


async def test_hold_on_a_sec_still_reads_back():
    heard = (await play_lines("host", "add 415 555 0192", "hold off a sec"))[-1]
    assert _OFFLINE.dropped.split("$")[0] not in " ".join(heard.lines)
