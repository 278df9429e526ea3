"""The rehearsal model, fifty-fourth round d (issue 22): commands on legs, from testers 50-52.
A take-back inside a line ("unmute everybody, um, actually no just mute Sven") keeps only what
follows; "aren't muted" said of several; "and the other one too" with two on the call is the
one the last request was not done to; "the 312 vendor" is the 312 leg; text-speak for
everyone ("evry1"); "Alvarez, talk later. drop him" removes Alvarez; "is Dana muted?" and "my
mom is muted right?" are answered yes or no. One rule a test; expected words are rendered
from the prompt files."""

from __future__ import annotations

import re

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support import harness

_PROMPTS = harness.prompts()
_CONTROLS = _PROMPTS.host.controls
_TWO = ("add 312 555 0148", "yes", "and 718 555 0122", "yes")
_SVEN, _OTHER = "+1 312-555-0148", "+1 718-555-0122"


def _calls(heard, tool: str) -> list[dict]:
    return [args for name, args in heard.calls if name == tool]


# ----------------------------------------------- 1. a take-back inside the line
@pytest.mark.parametrize(
    "line",
    [
        "ok can you unmute everybody, um, actually no just mute the 0148 one, his line is noisy",
        "unmute everyone, scratch that, just mute the 0148 one",
        "mute everyone, no wait, only the 0148 one",
        "mute the 0122 one, actually no, just the 0148 one",
    ],
)
async def test_a_take_back_inside_a_line_keeps_only_what_follows(line):
    heard = await play_lines("host", *_TWO, line)
    assert _calls(heard[-1], "mute_participant") == [{"who": _SVEN, "muted": True}]


# ----------------------------------------------- 1. several not muted: plural
async def test_several_not_muted_are_said_in_the_plural():
    heard = await play_lines("host", *_TWO, "unmute everyone")
    both = f"{_SVEN} and {_OTHER}"
    assert heard[-1].lines == [render(_CONTROLS.not_muted_several, who=both)]
    heard = await play_lines("host", *_TWO, "mute everyone", "mute everyone")
    assert heard[-1].lines == [render(_CONTROLS.already_muted_several, who=both)]


# ----------------------------------------------- 2. the other one, too
@pytest.mark.parametrize(
    "line",
    ["and the other one too pls", "same for the other guy", "and the other one as well please"],
)
async def test_the_other_one_is_the_leg_the_last_request_was_not_done_to(line):
    heard = await play_lines("host", *_TWO, "mute everyone", "ok unmute the 312 one", line)
    assert _calls(heard[-1], "mute_participant") == [{"who": _OTHER, "muted": False}]


@pytest.mark.parametrize(
    "line",
    [
        "ok we're sorted. can you drop the 312 vendor, keep the other",
        "remove the 312 supplier please",
        "kick the 0148 client",
    ],
)
async def test_a_leg_by_its_digits_and_a_role_word(line):
    heard = await play_lines("host", *_TWO, line)
    (removed,) = _calls(heard[-1], "remove_participant")
    assert re.sub(r"\D", "", removed["who"]).endswith("3125550148")
    assert render(_CONTROLS.not_on_call, who="") not in " ".join(heard[-1].lines)


# ----------------------------------------------- 3. text-speak for everyone
@pytest.mark.parametrize("line", ["mute evry1", "mute evryone pls", "mute ev1", "mute all of em"])
async def test_text_speak_for_everyone(line):
    heard = await play_lines("host", *_TWO, line)
    assert _calls(heard[-1], "mute_participant") == [{"who": "everyone", "muted": True}]


# ----------------------------------------------- 4. a goodbye to one, then their removal
@pytest.mark.parametrize(
    "line",
    [
        "alright Alvarez, talk later. drop him pls",
        "Alvarez, see ya. remove him",
        "thanks Alvarez. bye. hang up on him please",
    ],
)
async def test_a_goodbye_to_one_then_drop_him_removes_him_and_keeps_the_call(line):
    heard = await play_lines(
        "host", "call Alvarez at 415 555 0147", "yes", "and 415 555 0162", "yes", line
    )
    assert [n for n, _ in heard[-1].calls] == ["remove_participant"]
    assert _calls(heard[-1], "remove_participant") == [{"who": "Alvarez"}]  # as named


@pytest.mark.parametrize(
    "line",
    [
        "hang up on the pharmacy but stay with me",
        "drop the pharmacy, I'm staying on",
        "kick the pharmacy off please",
    ],
)
async def test_a_leg_placed_as_a_pharmacy_is_removed_and_the_call_kept(line):
    heard = await play_lines(
        "host", "add 415 555 0138", "yes", "and the pharmacy is 415 555 0192", "yes", line
    )
    assert _calls(heard[-1], "remove_participant") == [{"who": "+1 415-555-0192"}]
    assert "end_call" not in [n for n, _ in heard[-1].calls]


# ----------------------------------------------- 4. whether one is muted: yes or no
@pytest.mark.parametrize(
    "line", ["Ava, is Dana muted?", "Dana's on mute, yeah?", "is Dana on mute right now?"]
)
async def test_whether_one_is_muted_is_answered_yes_or_no(line):
    lines = ("add Dana White", "yes")
    heard = await play_lines("host", *lines, line)
    assert heard[-1].lines == [render(_PROMPTS.offline.is_not_muted, who="Dana White")]
    heard = await play_lines("host", *lines, "mute Dana", line)
    assert heard[-1].lines == [render(_PROMPTS.offline.is_muted, who="Dana White")]


@pytest.mark.parametrize(
    "line", ["my mom is muted right?", "my mom's on mute now yeah", "is my mom muted?"]
)
async def test_whether_a_leg_known_by_a_role_is_muted(line):
    lines = ("add my mom at 415 555 0138", "yes", "and the pharmacy is 415 555 0192", "yes")
    heard = await play_lines("host", *lines, line)
    assert heard[-1].lines == [render(_PROMPTS.offline.is_not_muted, who="+1 415-555-0138")]
    assert [n for n, _ in heard[-1].calls] == ["list_participants"]
