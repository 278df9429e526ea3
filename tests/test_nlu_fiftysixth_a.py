"""The rehearsal model, fifty-sixth round a (issue 22, testers 56 and 57): naming legs. "her
names Lucia btw" (no apostrophe) names the one just dialled; "that's Aoife. and Niamh is on
415 ..." names the leg on the call and reads the new number back; "the first one is Jaylen and
this one's Mei" names both; "Mr Ashworth then, he's on 415 ..." names that number; a title
("Dr.") is never a name on its own."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.leg_names import NOT_A_NAME, names_last
from workflows.rehearsal.numbered_names import numbered_names

_PROMPTS = prompts()
_NAMED = _PROMPTS.host.controls.participant_named


def _calls(heard, name):
    return [args for turn in heard for (tool, args) in turn.calls if tool == name]


def _dial(number):
    return (f"please add {number}", "yes")


# ----------------------------------------------- 1. "her names Lucia" (no apostrophe)
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("her names Lucia btw", "Lucia"),
        ("his names marco", "Marco"),
        ("their names Lucia", "Lucia"),
    ],
)
async def test_names_typed_without_apostrophe_name_the_one_just_dialled(line, name):
    heard = await play_lines("host", *_dial("415 555 0123"), line)
    assert [(a["who"][-4:], a["name"]) for a in _calls(heard[2:], "name_participant")] == [
        ("0123", name)
    ]


def test_names_typed_names_no_one_with_no_name_after_it():
    assert names_last("his names on the list") is None


# ----------------------------------------------- 2. named, and the next number, in one line
@pytest.mark.parametrize(
    "line",
    [
        "that's Aoife. and Niamh is on 415 555 0115",
        "she's Aoife, and Niamh's 415 555 0115",
        "her name is Aoife. Niamh is at 415-555-0115",
    ],
)
async def test_the_leg_on_the_call_is_named_and_the_next_number_read_back(line):
    heard = await play_lines("host", *_dial("415 555 0114"), line, "yes please")
    assert [(a["who"][-4:], a["name"]) for a in _calls(heard[2:3], "name_participant")] == [
        ("0114", "Aoife")
    ]
    assert _calls(heard[2:3], "read_back_number")[0]["phone_number"] == "4155550115"
    assert _calls(heard[3:], "add_sip_participant")[0]["phone_number"] == "4155550115"
    assert [(a["who"][-4:], a["name"]) for a in _calls(heard[3:], "name_participant")] == [
        ("0115", "Niamh")
    ]


@pytest.mark.parametrize(
    "line",
    [
        "the first one is Jaylen and this one's Mei",
        "the first one's Jaylen, the second one is Mei",
        "first one is Jaylen and the last one is Mei",
    ],
)
async def test_two_legs_named_by_order_in_one_line_are_both_named(line):
    heard = await play_lines("host", *_dial("415 555 0146"), *_dial("415 555 0174"), line)
    named = {a["who"][-4:]: a["name"] for a in _calls(heard[4:], "name_participant")}
    assert named == {"0146": "Jaylen", "0174": "Mei"}
    assert sum(_NAMED.split("$")[0] in said for said in heard[4].lines) >= 1


# ----------------------------------------------- 3. "Mr Ashworth then, he's on 415 ..."
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Right, Mr Ashworth then, he's on 415.555.0193 extension 12", "Mr Ashworth"),
        ("ok Mrs Patel then, she's at 415 555 0193", "Mrs Patel"),
        ("Right, Dr. Okoro then, he is on 415-555-0193", "Okoro"),
    ],
)
async def test_a_name_then_hes_on_a_number_names_that_number(line, name):
    heard = await play_lines("host", line, "Yes, lovely", "who's on")
    assert _calls(heard[1:], "add_sip_participant")[0]["phone_number"].startswith("4155550193")
    assert [a["name"] for a in _calls(heard[1:], "name_participant")] == [name]
    assert any(name in said for said in heard[2].lines)  # the leg took it (an extension too)


def test_numbered_names_reads_then_hes_on():
    line = "Oh bother. Right, Mr Ashworth then, he's on 415.555.0193 extension 12"
    assert numbered_names(line) == {"4155550193": "Mr Ashworth"}


# ----------------------------------------------- 4. a title is never a name on its own
@pytest.mark.parametrize(
    ("dial", "line", "name"),
    [
        (
            "please add Dr. Okafor, his mobile is 415-555-0129",
            "that's Dr. Okafor who just joined, please call him Okafor",
            "Okafor",
        ),
        (
            "add Mr. Hartley, his mobile is 415 555 0129",
            "that's Mr. Hartley, call him Hartley",
            "Hartley",
        ),
        (
            "Prof. Lindqvist next, his number is 415 555 0129",
            "the one who just joined is Prof. Lindqvist, call him Lindqvist",
            "Lindqvist",
        ),
    ],
)
async def test_a_title_and_the_name_asked_for_name_the_leg_once(dial, line, name):
    heard = await play_lines("host", dial, "yes", line)
    named = [a["name"] for a in _calls(heard[2:], "name_participant")]
    assert len(named) <= 1 and all(n == name for n in named)  # never "Dr", never twice
    assert not any(
        a["name"].lower().strip(".") in NOT_A_NAME for a in _calls(heard, "name_participant")
    )


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("that's Dr. Okafor who just joined, please call him Okafor", "Okafor"),
        ("that's Mrs. Reyes on the line, call her Reyes", "Reyes"),
        ("he's Dr Okafor, just call him Okafor please", "Okafor"),
    ],
)
async def test_a_title_and_the_name_name_a_leg_with_no_name_once(line, name):
    heard = await play_lines("host", *_dial("415-555-0129"), line)
    assert [a["name"] for a in _calls(heard[2:], "name_participant")] == [name]


@pytest.mark.parametrize("title", ["dr", "mr", "mrs", "ms", "prof"])
def test_a_title_alone_is_no_name(title):
    assert title in NOT_A_NAME
