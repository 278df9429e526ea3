"""The rehearsal model, forty-eighth round e (issue 22): legs named with their numbers in more
wordings ("Amir first: 212 ...", "add my colleague Yuki? Her number is ...", "the contractor,
Luis. He's at ...", "add marcus 4155550129", "Tom at the flour mill, his number is ..."), so the
list and "mute <name>" find them. Expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
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
