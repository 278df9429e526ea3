"""The rehearsal model, forty-fifth round (a) (issue 22): people addressed by a title, in lower
case or with a word after the name get no reply; a pleasantry opening a line is no name; "mute
em all except me" mutes the others; a leg named in lower case or by its last digits; the tools
read the caller's name in any letters. One rule a test."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.scenarios.runner import play_lines
from tools.conference import _names_caller
from workflows.call.addressing import said_to_another
from workflows.call.legs import Caller, everyone_but
from workflows.rehearsal.lower_names import capitalised
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.named_first import named_first
from workflows.rehearsal.nlu.numbers import digitize

_MULDER = ("add Fox Mulder", "yes")
_SCULLY = ("add Dana Scully", "yes")
_0156 = ("add 415 555 0156", "yes")
_LEG = "+1 415-555-0156"


# ----------------------------------------------- 1. said to someone on the call
@pytest.mark.parametrize(
    ("line", "other"),
    [
        ("Mr. Mulder, can you hear me alright?", "Fox Mulder"),
        ("Mulder mate, you there?", "Fox Mulder"),
        ("Dr Scully, you with us?", "Dana Scully"),
        ("marcus u still there?", "Marcus"),
        ("Fox Mulder, can you hear me?", "Fox Mulder"),
        ("Mrs. Scully r u there?", "Dana Scully"),
    ],
)
def test_a_title_a_word_after_the_name_or_lower_case_still_calls_them(line, other):
    assert said_to_another(line, [other], ["Ava"])


@pytest.mark.parametrize(
    "line",
    [
        "Mr. Mulder, mute him",  # the host asked to act on the one named
        "Mr Mulder can drop off now",  # talk about him, for the host
        "Mulder mate is here now",
        "Ava, is Mr. Mulder there?",  # the host addressed
    ],
)
def test_talk_about_them_or_to_the_host_is_not_said_to_them(line):
    assert not said_to_another(line, ["Fox Mulder"], ["Ava"])


@pytest.mark.parametrize(
    ("setup", "line"),
    [
        (_MULDER, "Mr. Mulder, can you hear me alright?"),
        (_MULDER, "Mulder mate, you there?"),
        (_SCULLY, "Dr Scully, you with us?"),
        ((*_0156, "his name is Marcus"), "marcus u still there?"),
    ],
)
async def test_said_to_someone_gets_no_reply(setup, line):
    heard = await play_lines("host", *setup, line)
    assert heard[-1].lines == [] and heard[-1].calls == []


# ----------------------------------------------- 2. a pleasantry opening a line is no name
@pytest.mark.parametrize(
    "line",
    ["sweet. stick him on mute", "lovely. mute him", "brilliant, mute him", "nice one. mute him"],
)
def test_a_pleasantry_opening_a_line_is_no_name(line):
    reading = understand(line)
    assert named_first(digitize(line), reading.action, None) is None


@pytest.mark.parametrize(
    ("line", "muted"),
    [
        ("sweet. stick him on mute", True),
        ("lovely. take him off mute", False),
        ("awesome, mute him", True),
    ],
)
async def test_a_pleasantry_then_a_pronoun_acts_on_the_one_meant(line, muted):
    heard = await play_lines("host", *_MULDER, *(() if muted else ("mute Mulder",)), line)
    assert heard[-1].calls == [("mute_participant", {"who": "Fox Mulder", "muted": muted})]


def test_a_name_opening_a_line_still_is_the_one_meant():
    line = "Dana White. mute her"
    assert named_first(digitize(line), understand(line).action, None) == "Dana White"


# ----------------------------------------------- 3. everyone but the caller
@pytest.mark.parametrize(
    "line", ["mute em all except me", "mute everyone but me", "mute all of them apart from me"]
)
async def test_muting_all_but_the_caller_mutes_everyone_dialled(line):
    heard = await play_lines("host", *_MULDER, *_SCULLY, line)
    assert heard[-1].calls == [("mute_participant", {"who": "everyone", "muted": True})]


@pytest.mark.parametrize(
    "said", ["em all except Dana", "them all but Dana", "all of em apart from Dana"]
)
def test_em_all_except_someone_leaves_them_out(said):
    assert everyone_but(said) == "Dana"


async def test_mute_em_all_except_one_mutes_the_others():
    heard = await play_lines("host", *_MULDER, *_SCULLY, "mute em all except Dana")
    assert heard[-1].calls == [("mute_participant", {"who": "Fox Mulder", "muted": True})]


# ----------------------------------------------- 4. a leg named in lower case
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("0156 is my boy marcus", "Marcus"),
        ("the 0156 one is marcus", "Marcus"),
        ("his name is marcus", "Marcus"),
        ("ok her name's mrs peterson", "Peterson"),
        ("That's Mr. Peterson.", "Peterson"),
        ("this one's called raj", "Raj"),
    ],
)
async def test_a_name_in_lower_case_names_the_leg_and_mutes_no_one(line, name):
    heard = await play_lines("host", *_0156, line)
    assert heard[-1].calls == [("name_participant", {"who": _LEG, "name": name})]


@pytest.mark.parametrize(
    "line",
    [
        "0156 is muted",
        "the 0156 one is back now",
        "0156 is my boy",
        "that's odd",
        "his name is",
        "the 0156 guy is ringing",
    ],
)
def test_no_name_is_capitalised_where_none_was_given(line):
    assert capitalised(line) == line


def test_the_name_after_his_name_is_gets_its_capital():
    assert (
        capitalised("his name is marcus, he's from sales") == "his name is Marcus, he's from sales"
    )


# ----------------------------------------------- 5. the tools read names in any letters
@pytest.mark.parametrize(
    ("caller", "who", "is_caller"),
    [
        ("Siobhán Kelly", "Siobhán", True),
        ("Siobhán", "Siobh", False),  # not a word of her name
        ("Анна Петрова", "Анна", True),
        ("Zoë", "Zo", False),
        ("Priya Raghavan", "Priya", True),
    ],
)
def test_names_caller_reads_every_letter(caller, who, is_caller):
    state = SimpleNamespace(caller=Caller(name=caller))
    assert _names_caller(state, who) is is_caller
