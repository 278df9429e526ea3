"""The rehearsal model, fifty-third round c (issue 22): leaving, ending and removing the right
one. "I'll take it from here" sends the host away and never ends the call; a role said in a
removal or a mute ("my manager has to jump off, let her go") is the leg known by that role, and
with no leg known so the host asks which person, never the one dialled last. One rule a test;
expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts

_PROMPTS = prompts()
_ANSWERS = _PROMPTS.offline.answers
_ONE = ("add Dana Scully", "yes")
_TWO = ("add Fox Mulder", "yes", "and Dana Scully", "yes")
_MANAGER = ("add my manager, Monica", "yes", "and also Fox Mulder", "yes")


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. the host sent away, the call goes on
_TAKE_IT = [
    "ok we're all set, thanks Ava, I'll take it from here",
    "thanks Ava, we've got it from here",
    "we're good from here, thanks Ava",
    "you can go now Ava, we'll carry on",
    "I can take it from here, thanks",
    "all good, I'll handle it from here, bye",
]


@pytest.mark.parametrize("line", _TAKE_IT)
async def test_taking_it_from_here_keeps_the_call_and_the_host_stays(line):
    heard = await play_lines("host", *_ONE, line)
    assert "end_call" not in _names(heard[-1]) and "remove_participant" not in _names(heard[-1])
    assert heard[-1].lines == [_ANSWERS.host_stays]


async def test_taking_it_from_here_then_asking_to_end_still_ends_the_call():
    heard = await play_lines("host", *_ONE, "we'll take it from here, actually no, end the call")
    assert _names(heard[-1]) == ["end_call"]


async def test_carrying_on_beside_a_request_does_the_request():
    heard = await play_lines("host", *_ONE, "we'll carry on, add Fox Mulder too")
    assert _names(heard[-1]) == ["look_up_contact"]


# ----------------------------------------------- 2. a role in a removal or a mute
@pytest.mark.parametrize(
    "line",
    [
        "ok my manager has to jump off, let her go",
        "my manager has to go, drop her",
        "my boss needs to drop, let her go",
    ],
)
async def test_a_role_in_a_removal_removes_the_leg_asked_for_by_that_role(line):
    heard = await play_lines("host", *_MANAGER, line)
    assert heard[-1].calls == [("remove_participant", {"who": "Monica Reyes"})]


@pytest.mark.parametrize(
    ("role", "line", "tool"),
    [
        ("my sister", "my sister's done, mute her", "mute_participant"),
        ("my lawyer", "ok the lawyer can go now, hang up on him", "remove_participant"),
    ],
)
async def test_a_role_said_beside_a_number_finds_that_leg(role, line, tool):
    heard = await play_lines("host", f"{role}, 415 555 0123", "yes", "add Fox Mulder", "yes", line)
    assert _names(heard[-1]) == [tool]
    assert heard[-1].calls[0][1]["who"] == "+1 415-555-0123"


@pytest.mark.parametrize(
    "line",
    [
        "my sister has to go, let her go",
        "my cousin needs to leave, remove him",
        "my brother has to jump off, drop him",
    ],
)
async def test_a_role_no_leg_is_known_by_asks_which_person(line):
    heard = await play_lines("host", *_TWO, line)
    assert heard[-1].calls == [] and heard[-1].lines == [_PROMPTS.offline.which_person]


async def test_the_role_gone_asks_which_person_never_the_one_left():
    heard = await play_lines("host", *_MANAGER, "remove my manager", "remove my manager")
    assert heard[-2].calls == [("remove_participant", {"who": "Monica Reyes"})]
    assert heard[-1].calls == [] and heard[-1].lines == [_PROMPTS.offline.which_person]


# ----------------------------------------------- 3. the caller dialling on their own, then bye
@pytest.mark.parametrize(
    "line",
    [
        "never mind then, I'll call him myself. bye",
        "ok forget it, i'll ring him myself, thanks bye",
        "nah I'll just dial him on my own. bye",
    ],
)
async def test_calling_them_oneself_then_bye_looks_no_one_up_and_ends(line):
    heard = await play_lines("host", "can you add my accountant, 415 555 0187", line)
    assert _names(heard[-1]) == ["end_call"]


async def test_calling_them_oneself_is_no_request():
    heard = await play_lines("host", *_ONE, "I'll call her myself")
    assert "look_up_contact" not in _names(heard[-1])
    assert "add_sip_participant" not in _names(heard[-1])
