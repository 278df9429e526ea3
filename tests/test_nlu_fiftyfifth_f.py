"""The rehearsal model, fifty-fifth round f (issue 22): naming legs and questions about them,
from tester 55. "name them Ines", "put her down as Ines" name the leg dialled last; "thats Luca
btw, and the next one is 646 ..." names, then reads the next number back; "can you still hear
me?" gets the still-here answer; "he needs a call with Dana and Fox at 3" is a call asked for
later. One rule a test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support import harness
from workflows.rehearsal.scheduling import asks_for_later

_PROMPTS = harness.prompts()
_HELPLINE = (
    "Hi, Tomasz Wójcik, I'm calling from the network team",
    "I need to dial into a vendor's helpline and have you stay on with me",
    "the number is (415) 555-0119",
    "correct",
)
_MARCO = (
    "hey there, this is Marco Bellini, I need to set up a quick call with a couple people",
    "first one is four one five, five five five, oh one three two",
    "yep",
)
_OLSEN = (
    "Good afternoon, this is Margaret Olsen from Olsen Bakery, I'd like a call with my suppliers",
    "first one is five one oh, two three four, nine eight seven six",
    "yes please",
)
_MOM = ("add my mom, 415 555 0147", "yes", "mute my mom")


def _named(heard) -> list[tuple[str, str]]:
    return [(a["who"], a["name"]) for n, a in heard.calls if n == "name_participant"]


# ----------------------------------------------- 1. "name them Ines": the leg dialled last
@pytest.mark.parametrize(
    "line",
    [
        "ok someone picked up. name them Ines please",
        "put them down as Ines",
        "ok she answered, name her Ines",
        "can you put him down as Ines please",
        "label her Ines thanks",
    ],
)
async def test_a_pronoun_named_names_the_leg_dialled_last(line):
    heard = await play_lines("receptionist", *_HELPLINE, line)
    assert _named(heard[-1]) == [("+1 415-555-0119", "Ines")]


@pytest.mark.parametrize("line", ["name them as well", "put them down for later"])
async def test_a_pronoun_with_no_name_names_no_one(line):
    heard = await play_lines("receptionist", *_HELPLINE, line)
    assert _named(heard[-1]) == []


# ----------------------------------------------- 2. named "btw", then the next number
@pytest.mark.parametrize(
    "line",
    [
        "thats Luca btw, and the next one is 646 555 0119",
        "thats Luca by the way. next number is 646 555 0119",
        "thats Luca, and the next one is 646-555-0119",
    ],
)
async def test_named_without_apostrophe_then_the_next_number_read_back(line):
    heard = await play_lines("receptionist", *_MARCO, line)
    assert _named(heard[-1]) == [("+1 415-555-0132", "Luca")]
    numbers = [a["phone_number"] for n, a in heard[-1].calls if n == "read_back_number"]
    assert numbers == ["6465550119"]


async def test_a_naming_repeated_is_already_named_never_read_back():
    lines = (*_OLSEN, "the man who just joined is called Sven")
    heard = await play_lines("receptionist", *lines, "the man who just joined is called Sven")
    said = _PROMPTS.offline.answers.already_named.replace("$who", "Sven")
    assert heard[-1].calls == [] and heard[-1].lines == [said]


# ----------------------------------------------- 3. "can you still hear me?"
@pytest.mark.parametrize(
    "line", ["can you still hear me?", "hello? can you hear me ok?", "Ava, can u still hear me"]
)
async def test_can_you_hear_me_is_the_still_here_answer(line):
    heard = await play_lines("host", *_MOM, line)
    assert heard[-1].lines[0] == _PROMPTS.offline.still_here
    assert [n for n, _ in heard[-1].calls] == ["list_participants"]


async def test_hear_me_said_to_another_is_not_for_the_host():
    heard = await play_lines("host", *_MOM, "Mom, can you hear me?")
    assert _PROMPTS.offline.still_here not in heard[-1].lines


@pytest.mark.parametrize("line", ["ok, mom is muted right?", "my mom is muted right?"])
async def test_mom_is_muted_right_is_answered(line):
    heard = await play_lines("host", *_MOM, line)
    assert [n for n, _ in heard[-1].calls] == ["list_participants"] and heard[-1].lines


# ----------------------------------------------- 4. a call asked for "at 3"
@pytest.mark.parametrize(
    "line",
    [
        "he needs a call with Dana and Fox at 3",
        "set up a call with Monica at 3pm",
        "can I get a conference with Fox Mulder at 4 please",
    ],
)
async def test_a_call_at_a_bare_hour_is_no_scheduling(line):
    heard = await play_lines("host", "hi this is Ada", line)
    assert heard[-1].calls == [] and heard[-1].lines == [_PROMPTS.offline.answers.no_scheduling]


@pytest.mark.parametrize(
    "line", ["add 415 555 0147 extension at 3", "call Dana at 415 555 0147", "press 3 on the call"]
)
def test_no_bare_hour_is_no_later(line):
    assert not asks_for_later(line)
