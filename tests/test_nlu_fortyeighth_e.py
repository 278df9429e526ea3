"""The rehearsal model, forty-eighth round e (issue 22): legs named with their numbers in more
wordings ("Amir first: 212 ...", "add my colleague Yuki? Her number is ...", "the contractor,
Luis. He's at ...", "add marcus 4155550129", "Tom at the flour mill, his number is ..."), so the
list and "mute <name>" find them. Expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.numbered_names import numbered_names

_P = prompts()


# ----------------------------------------------- 1. a leg named with its number
@pytest.mark.parametrize(
    ("line", "number", "name"),
    [
        ("Amir first: 212 555 0177", "2125550177", "Amir"),
        ("could you add my colleague Yuki? Her number is 415.555.0175.", "4155550175", "Yuki"),
        ("Now the contractor, Luis. He's at 415 555 0187.", "4155550187", "Luis"),
        ("add marcus 4155550129", "4155550129", "Marcus"),
        ("Tom at the flour mill, his number is (415) 555-0133.", "4155550133", "Tom"),
        ("And the second is Priya from the dairy, 415-555-0158.", "4155550158", "Priya"),
    ],
)
def test_the_name_said_with_the_number(line, number, name):
    assert numbered_names(line) == {number: name}


@pytest.mark.parametrize(
    "line",
    [
        "The New York office first: 212 555 0177",
        "add another 415 555 0133",
        "add him 415 555 0133",
        "Sales first: 415 555 0133",
        "Thanks. He's at 415 555 0133",
    ],
)
def test_no_name_with_the_number(line):
    assert numbered_names(line) == {}


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Amir first: 415 555 0177", "Amir"),
        ("add marcus 4155550177", "Marcus"),
        ("the contractor, Luis. He's at 415 555 0177.", "Luis"),
    ],
)
async def test_the_leg_dialled_is_named_and_found(line, name):
    heard = await play_lines("host", line, "yes", f"mute {name}")
    assert ("name_participant", {"who": "4155550177", "name": name}) in heard[1].calls
    assert heard[-1].calls == [("mute_participant", {"who": name, "muted": True})]


# ----------------------------------------------- 2. a title is never a name; renames rename
@pytest.mark.parametrize(
    "line",
    ["the 0112 number is Mr Adeyemi btw", "The 0112 number is Mr. Adeyemi.", "0112 is Dr Adeyemi"],
)
async def test_a_title_is_never_the_name(line):
    heard = await play_lines("host", "add 415 555 0112", "yes", line)
    assert heard[-1].calls == [("name_participant", {"who": "+1 415-555-0112", "name": "Adeyemi"})]


@pytest.mark.parametrize(
    "line",
    ["rename Patel to Raj please", "ugh. change Patel to Raj", "can u rename patel as Raj pls"],
)
async def test_a_rename_of_a_leg_on_the_call_renames_it(line):
    heard = await play_lines("host", "add 415 555 0112", "yes", "0112 is Patel", line)
    assert heard[-1].calls == [("name_participant", {"who": "Patel", "name": "Raj"})]


# ----------------------------------------------- 4. participants' own lines
@pytest.mark.parametrize(
    ("lines", "line", "name"),
    [
        (("add marcus 4155550129", "yes"), "marcus: ava whos on here rn", "Marcus"),
        (
            ("Priya from the dairy, 415-555-0158", "yes"),
            "Priya: Hello Ava, who else is on?",
            "Priya",
        ),
        (
            ("Susan, her number is 415 555 0172", "yes"),
            "Susan: Ava, can everyone hear me okay?",
            "Susan",
        ),
        (("Susan, her number is 415 555 0172", "yes"), "Susan: Ava, am I on mute?", "Susan"),
    ],
)
async def test_a_participant_hears_who_is_on_from_their_side(lines, line, name):
    heard = await play_lines("host", *lines, line)
    assert heard[-1].calls == [("list_participants", {})]
    said = " ".join(heard[-1].lines)
    assert render(_P.host.for_participants.asker_entry, speaker=name) in said


async def test_me_is_the_participant_named_with_their_number():
    lines = ("Priya from the dairy, 415-555-0158", "yes", "mute Priya")
    heard = await play_lines("host", *lines, "Priya: Ava, can you unmute me? I think I'm muted.")
    assert heard[-1].calls == [("mute_participant", {"who": "Priya", "muted": False})]


# ----------------------------------------------- 5. the caller's own name corrected by spelling
_HEARD_AS = "Hiya, it's Shivawn here, I'm after a call with a few people from work"


@pytest.mark.parametrize(
    "line",
    [
        "oh it's actually spelled S-I-O-B-H-A-N, sorry, everyone gets that wrong",
        "my name's actually spelled S-I-O-B-H-A-N",
        "it's spelled S-I-O-B-H-A-N by the way",
    ],
)
async def test_the_callers_name_corrected_by_its_spelling(line):
    heard = await play_lines("receptionist", _HEARD_AS, line)
    assert heard[-1].calls == [("correct_caller_name", {"name": "Siobhan"})]


async def test_a_spelling_of_another_name_is_not_the_callers():
    heard = await play_lines("receptionist", _HEARD_AS, "it's spelled M-U-L-D-E-R")
    assert "correct_caller_name" not in [c[0] for c in heard[-1].calls]


# ----------------------------------------------- 3. words to someone on the call; "back."
@pytest.mark.parametrize(
    "line",
    [
        "sry monica, quick one. ava can u grab mulder too",
        "sorry Monica, one sec. Ava, can you add mulder too",
        "thanks monica! ava grab mulder as well",
    ],
)
async def test_someone_spoken_to_is_not_brought_in_again(line):
    heard = await play_lines("host", "add Monica Reyes", "yes", line, "ya")
    assert [c[0] for c in heard[-1].calls] == ["add_sip_participant"]


@pytest.mark.parametrize("line", ["back. unmute him", "back! unmute him please", "lol. unmute him"])
def test_back_is_never_a_name(line):
    reading = understand(line)
    assert (reading.action, reading.target) == ("unmute", None)
