"""The rehearsal model, fifty-fifth round d (issue 22): legs and contacts by description, from
testers 53-55. Several numbers described in one line ("florist is 415 ... and the venue is
415 ...") are each that leg; "the 0156 one dropped? is he still on" asks about that leg; "try
the supplier again" after "I need to ring a supplier" is the number dialled for them; "the car
phone" said before is that number; "ring Ms Scully rather than the desk" looks up Scully; a
pick among contacts and a number in one line: the pick first, the number after. One rule a test;
expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support import harness

_PROMPTS = harness.prompts()


def _calls(heard, tool: str) -> list[dict]:
    return [args for name, args in heard.calls if name == tool]


# ----------------------------------------------- 1. several numbers described in one line
@pytest.mark.parametrize(
    ("given", "line"),
    [
        (
            "florist is 415 555 0121 and the venue is 415 555 0135",
            "the florist one can go now, we sorted the flowers",
        ),
        (
            "the bakery is 415 555 0121 and the venue is 415 555 0135",
            "ok the bakery one can hang up now",
        ),
        (
            "the caterer's on 415 555 0121, the venue on 415 555 0135",
            "the caterer can drop off now",
        ),
    ],
)
async def test_each_number_described_in_a_line_of_several_is_that_leg(given, line):
    heard = await play_lines("host", given, "yes", "yes", line)
    assert _calls(heard[-1], "remove_participant") == [{"who": "+1 415-555-0121"}]


# ----------------------------------------------- 1. last digits, then "is he still on"
@pytest.mark.parametrize(
    "line",
    [
        "the 0121 one dropped? is he still on",
        "the 0121 guy, is he still connected?",
        "what about 0121? is she still there?",
    ],
)
async def test_a_leg_pointed_at_then_a_pronoun_question_is_about_that_leg(line):
    heard = await play_lines("host", "add 415 555 0121", "yes", "add 415 555 0135", "yes", line)
    status = render(
        _PROMPTS.offline.person_status, who="+1 415-555-0121", status=_PROMPTS.host.status.active
    )
    assert status in heard[-1].lines


# ----------------------------------------------- 2. a role spoken of as "a supplier"
@pytest.mark.parametrize(
    "line",
    ["try the supplier again would you", "give the supplier another go", "ring my supplier again"],
)
async def test_a_role_spoken_of_with_a_is_the_number_dialled_for_them(line):
    heard = await play_lines(
        "host",
        "I need to ring a supplier and have my accountant on as well. try 415 555 0186",
        "yes",
        "let's get the accountant first then, she's on 415 555 0133",
        "yes",
        line,
    )
    numbers = [a.get("phone_number") for a in _calls(heard[-1], "read_back_number")]
    assert numbers == ["4155550186"]


# ----------------------------------------------- 3. a phone described before
@pytest.mark.parametrize(
    ("before", "line", "purpose"),
    [
        (
            "I need to forward myself to his car phone",
            "please transfer just me to the car phone now",
            "transfer",
        ),
        ("I want to get my office line on", "add the office line to this call instead", "add"),
        ("I need his home phone on this call", "ok now ring his home phone please", "add"),
    ],
)
async def test_a_phone_described_earlier_is_the_number_given_for_it(before, line, purpose):
    heard = await play_lines(
        "host", before, "it's 415 555 0166", "no wait", "add Monica Reyes", "yes", line
    )
    assert _calls(heard[-1], "read_back_number") == [
        {"phone_number": "4155550166", "purpose": purpose}
    ]


@pytest.mark.parametrize(
    "line", ["transfer only me to Fox Mulder", "transfer just me over to Fox Mulder please"]
)
async def test_just_me_in_a_transfer_is_the_caller(line):
    heard = await play_lines("host", "add Monica Reyes", "yes", line)
    names = [a["name"] for a in _calls(heard[-1], "look_up_contact")]
    assert names == ["Fox Mulder"]


# ----------------------------------------------- 4. "rather than X": X dropped
@pytest.mark.parametrize(
    "line",
    [
        "No, please ring Ms Scully rather than the desk.",
        "ring Ms Scully rather than the sales desk please",
        "please call Ms Scully not the sales line",
    ],
)
async def test_rather_than_the_desk_is_dropped_from_the_lookup(line):
    heard = await play_lines("host", "add the sales desk", line)
    assert [a["name"] for a in _calls(heard[-1], "look_up_contact")] == ["Scully"]


# ----------------------------------------------- 4. the pick and a number in one line
@pytest.mark.parametrize(
    "line",
    [
        "The one from Sales, please. Mr. Liu's mobile too, it's 917-555-0145.",
        "the sales one. and also add 917 555 0145",
        "Dana from Sales please; then 917 555 0145 as well",
    ],
)
async def test_a_pick_and_a_number_reads_the_pick_back_first_then_the_number(line):
    heard = await play_lines("host", "add Dana", line, "yes")
    assert [a["name"] for a in _calls(heard[-2], "look_up_contact")] == ["Dana Scully"]
    assert _calls(heard[-2], "read_back_number") == []
    numbers = [a["phone_number"] for a in _calls(heard[-1], "read_back_number")]
    assert numbers == ["9175550145"]
