"""The rehearsal model, fifty-eighth round e (issue 22): questions the host answers. A city
abroad ("can you dial a london number?", "he is in london") asks what the host may dial; someone
on the call asked by name with no comma after it ("monica can you stay on while i ...") is an
aside; asking the host to record the call gets that it cannot; a request and the call's length
asked in one line ("unmute him, and how long has this been going on?") get both. One rule a
test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.addressing import said_to_another
from workflows.rehearsal.nlu.questions import REGIONS_QUESTION_RE
from workflows.rehearsal.sequence import clauses

_PROMPTS = prompts()
_ANSWERS = _PROMPTS.offline.answers
_REGIONS = _ANSWERS.dial_regions.split("$regions")[0]  # the policy's regions: any words
_ON = ("can you get Harold? he is at 415 555 0121", "yes", "Harold: hello, who is this?")


def _names(turn) -> list[str]:
    return [name for name, _ in turn.calls]


def _says_regions(turn) -> bool:
    return any(line.startswith(_REGIONS) for line in turn.lines)


# ----------------------------------------------- 1. a city abroad
@pytest.mark.parametrize(
    "line",
    [
        "ava can you dial a london number?",
        "hi harold, this is samira. ava, is there a way to get my boss on? he is in london",
        "could you call someone in dublin for us?",
        "do you do berlin numbers?",
        "can you ring a toronto mobile?",
    ],
)
async def test_a_city_abroad_gets_the_regions(line):
    heard = await play_lines("host", *_ON, line)
    assert _says_regions(heard[-1])
    assert not {"look_up_contact", "read_back_number"} & set(_names(heard[-1]))


@pytest.mark.parametrize(
    "line",
    [
        "bring in Sydney please",
        "can you add Paris Hilton",
        "I would like to make a conference with my partner in Hamburg",  # a need, told
    ],
)
def test_a_first_name_is_no_city(line):
    assert not REGIONS_QUESTION_RE.search(line)


async def test_where_the_person_is_asked_of_them_is_no_regions_answer():
    heard = await play_lines("host", *_ON, "are you in london today?")
    assert not _says_regions(heard[-1])


# ----------------------------------------------- 2. asked to stay, by name, no comma
@pytest.mark.parametrize(
    "line",
    [
        "monica can you stay on while i find him on teams",
        "monica could you hang on a sec while i check",
        "Monica would you mind waiting a moment",
    ],
)
def test_a_name_then_can_you_is_said_to_them(line):
    assert said_to_another(line, ["Monica Reyes"], ["Ava"])


@pytest.mark.parametrize(
    "line", ["Monica can you add Dana", "monica can you mute him", "Monica can drop off now"]
)
def test_what_the_host_does_stays_for_the_host(line):
    assert not said_to_another(line, ["Monica Reyes"], ["Ava"])


async def test_asked_to_stay_on_gets_no_reply():
    line = "ok never mind. harold can you stay on while i find him on teams"
    heard = await play_lines("host", *_ON, "who is on now", line)  # the host spoke last
    assert heard[-1].lines == [] and heard[-1].calls == []


# ----------------------------------------------- 3. recording
@pytest.mark.parametrize(
    "line",
    [
        "Is it possible to record this call?",
        "Ava, can you record the call?",
        "could we get a recording of this?",
        "can you start recording please",
    ],
)
async def test_recording_asked_gets_that_it_cannot(line):
    heard = await play_lines("host", *_ON, line)
    assert _ANSWERS.no_recording in heard[-1].lines


async def test_whether_it_is_recorded_is_still_not_known():
    heard = await play_lines("host", *_ON, "is this call recorded?")
    assert _ANSWERS.no_recording not in heard[-1].lines


# ----------------------------------------------- 4. a request and the call's length
@pytest.mark.parametrize(
    "line",
    [
        "unmute him, and how long has this been going on?",
        "unmute harold and how long have we been talking?",
        "unmute him, how long's this call been going?",
    ],
)
async def test_unmute_and_the_length_both(line):
    heard = await play_lines("host", *_ON, "mute harold please", line)
    calls = heard[-1].calls
    assert ("mute_participant", {"who": "Harold", "muted": False}) in calls
    assert "get_call_state" in _names(heard[-1])
    assert _ANSWERS.call_length_short in heard[-1].lines


def test_how_long_it_will_take_stays_one_request():
    assert clauses("add Dana and how long will it take?") == []
