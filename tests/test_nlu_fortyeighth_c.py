"""The rehearsal model, forty-eighth round c (issue 22): wrong endings, extensions, described
legs and keys. Hanging up a leg named by what it is ("hang up the insurance line") removes it;
"Amir, ..., you can hang up now" said to Amir lets Amir go; neither ends the call. "leave her"
declines the offer to try again. An extension said after a read-back (or after a comma) is the
number's extension, never its last digits. Expected words come from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand

_P = prompts()
_OFFLINE = _P.offline
_SOFIA_AND_INSURER = (
    "my wife first, 415 555 0123",
    "yes",
    "now the insurance, 415 555 0190",
    "yes",
)
_AMIR = ("Amir first, his number is 212 555 0177", "yes")


def _tools(turn) -> list[str]:
    return [name for name, _ in turn.calls]


# ----------------------------------------------- 1. hanging up a described leg
@pytest.mark.parametrize(
    "line",
    [
        "forget it, hang up the insurance line, we'll call back tomorrow",
        "ok hang up the insurance company please",
        "hang up the insurance, we'll try again tomorrow",
    ],
)
async def test_hanging_up_a_described_leg_removes_it_and_the_call_goes_on(line):
    heard = await play_lines("host", *_SOFIA_AND_INSURER, line)
    assert heard[-1].calls == [("remove_participant", {"who": "+1 415-555-0190"})]


@pytest.mark.parametrize(
    "line", ["hang up the call", "ok hang up the phone", "hang up", "please hang up now"]
)
def test_hanging_up_the_call_or_the_phone_still_ends_it(line):
    assert understand(line).ends_call


# ----------------------------------------------- 2. "Amir, ... you can hang up now"
@pytest.mark.parametrize(
    "line",
    [
        "Amir, thanks, that's all I needed, you can hang up now",
        "ok Amir, cheers mate, you're free to drop off",
        "Amir, great, that's everything. You can go now",
    ],
)
async def test_you_can_hang_up_said_to_someone_lets_them_go(line):
    heard = await play_lines("host", *_AMIR, line)
    assert heard[-1].calls == [("remove_participant", {"who": "+1 212-555-0177"})]


async def test_you_can_hang_up_said_to_the_host_still_ends_the_call():
    line = f"{_P.host.name}, thanks, that's all I needed, you can hang up now"
    heard = await play_lines("host", *_AMIR, line)
    assert "end_call" in _tools(heard[-1])


@pytest.mark.parametrize(
    "line",
    [
        "she's probably asleep. leave her. Amir, can you hear me?",
        "leave her, she's on nights",
        "nah leave her be, she worked a double. Amir, can you hear me ok?",
    ],
)
async def test_leave_her_declines_trying_again(line):
    heard = await play_lines("host", *_AMIR, "then Bernadette, 415 555 0180", "yes", line)
    assert heard[-1].lines == [_OFFLINE.anything_else]
    assert not heard[-1].calls


# ----------------------------------------------- 3. extensions
@pytest.mark.parametrize(
    "line",
    [
        "And the extension 312, please do not forget.",
        "oh and don't forget the extension, 312",
        "he's on ext. 312 by the way",
    ],
)
async def test_an_extension_after_the_read_back_is_added_to_that_number(line):
    heard = await play_lines("host", "the partner in San Francisco: (415) 555-0157", line)
    number = {"phone_number": "4155550157 ext 312", "purpose": "add"}
    assert heard[-1].calls == [("read_back_number", number)]


@pytest.mark.parametrize(
    "line",
    [
        "(415) 555-0157, extension 312.",
        "call 415 555 0157, ext 312 please",
        "it's 415-555-0157, extension: 312",
    ],
)
def test_an_extension_after_a_comma_is_the_numbers_extension(line):
    reading = understand(line)
    assert reading.numbers == ("4155550157 ext 312",)


# ----------------------------------------------- 4. "end it for every1"
@pytest.mark.parametrize(
    "line",
    [
        "aight we r done here, end it for every1",
        "we r done, end it for every1",
        "ok u can end it for every1 now",
    ],
)
def test_text_slang_for_everyone_ends_the_call(line):
    assert understand(line).ends_call


# ----------------------------------------------- 5. "claims is option 2, can you punch that in"
@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("ugh its one of those robot menus. claims is option 2, can you punch that in", "2"),
        ("claims is option 2, punch that in", "2"),
        ("it says billing is 3, can you hit that", "3"),
    ],
)
async def test_an_option_then_punch_that_in_presses_it(line, key):
    heard = await play_lines("host", "add 415 555 0190", "yes", line)
    assert heard[-1].calls == [("send_digits", {"digits": key})]


# ----------------------------------------------- 6. "she can come back on now"
@pytest.mark.parametrize(
    "line",
    ["Right, she can come back on now.", "ok she can come back on", "Dana can come back on now"],
)
async def test_she_can_come_back_on_unmutes_her(line):
    heard = await play_lines("host", "add Dana White", "yes", "mute her", line)
    assert heard[-1].calls == [("mute_participant", {"who": "Dana White", "muted": False})]


def test_coming_back_on_another_day_is_no_unmute():
    assert understand("she can come back on the call tomorrow").action != "unmute"


# ----------------------------------------------- 8. the last group of a number corrected
@pytest.mark.parametrize(
    "line",
    [
        "His number is four one five, five five five, zero one, three nine... no sorry, zero one "
        "four nine",
        "it's four one five, five five five, zero one, three nine, no sorry, zero one four nine",
        "four one five, five five five, zero one, three nine. no wait, zero one four nine",
    ],
)
def test_the_last_group_corrected_in_words_keeps_the_whole_number(line):
    assert understand(line).numbers == ("4155550149",)


def test_a_count_after_a_number_joins_no_digits():
    assert understand("call 415 555 0139, 24 people, no sorry").numbers == ("4155550139",)


# ----------------------------------------------- 7. a leg introduced by a description
_HOTLINE = (
    "Vendor hotline is 415.555.0114",
    "yes",
    "now bring in Raj, our network engineer, 415 555 0135",
    "yes",
)
_CATERER_AND_FLORIST = (
    "caterer first, 415 555 0180",
    "yes",
    "ok the florist then, shes at four one five five five five oh one seven seven",
    "yes",
)


@pytest.mark.parametrize(
    "line",
    [
        "The hotline's just playing hold music. Mute it until someone answers.",
        "the hotline is on hold music, mute it",
        "ugh hold music on the hotline. can you mute it",
    ],
)
async def test_a_leg_introduced_by_a_description_is_found_by_it(line):
    heard = await play_lines("host", *_HOTLINE, line)
    assert heard[-1].calls == [("mute_participant", {"who": "+1 415-555-0114", "muted": True})]


@pytest.mark.parametrize(
    "line",
    [
        "fine. try the caterer one more time",
        "ok give the caterer another go now",
        "call the caterer again please",
    ],
)
async def test_a_redial_of_a_described_leg_reads_back_its_number(line):
    heard = await play_lines("host", *_CATERER_AND_FLORIST, line)
    number = {"phone_number": "4155550180", "purpose": "add"}
    assert heard[-1].calls == [("read_back_number", number)]
