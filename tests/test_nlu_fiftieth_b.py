"""The rehearsal model, fiftieth round b (issue 22): the caller names a leg, or calls it by what
they said it is, in their own words; a leg never takes the caller's own name. Expected words
come from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.leg_names import given_name, names_last
from workflows.rehearsal.numbered_names import numbered_names
from workflows.rehearsal.second_thoughts import _SAME_NUMBER_RE

_PROMPTS = prompts()
_TWO = ("add 415 555 0156", "yes", "add 415 555 0178", "yes")


def _named(heard) -> list[tuple[str, str]]:
    return [(a["who"], a["name"]) for n, a in heard[-1].calls if n == "name_participant"]


# ----------------------------------------------- 1. naming a leg
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("thats my landlord Gary", "Gary"),
        ("that's my daughter Susan on the line", "Susan"),
        ("this is my neighbour Ruth btw", "Ruth"),
        ("no no, thats my son Diego", "Diego"),
    ],
)
async def test_thats_my_role_name_names_the_one_leg(line, name):
    heard = await play_lines("host", "add 415 555 0185", "yes", line)
    assert _named(heard) == [("+1 415-555-0185", name)]


@pytest.mark.parametrize(
    "line",
    [
        "Thanks. My colleague is Dr. Baptiste.",
        "my colleague's name is Baptiste",
        "ok, my colleague is called Baptiste",
    ],
)
async def test_a_leg_introduced_by_what_it_is_is_named_among_several(line):
    heard = await play_lines(
        "host",
        "And my colleague is 415 555 0138, no wait, 0183",
        "Correct",
        "the pharmacy is 415 555 0192",
        "yes",
        line,
    )
    assert _named(heard) == [("+1 415-555-0183", "Baptiste")]


@pytest.mark.parametrize(
    "line",
    [
        "the 0156 is Harold, 0178 is Beth",
        "0156 is Harold, the 0178 one is Beth",
        "0156's Harold, 0178's Beth",
    ],
)
async def test_two_legs_named_in_one_line_with_a_comma(line):
    heard = await play_lines("host", *_TWO, line)
    assert _named(heard) == [("+1 415-555-0156", "Harold"), ("+1 415-555-0178", "Beth")]


@pytest.mark.parametrize(
    "line",
    [
        "k now get my wife, shes 4155550139",
        "my son, hes 415 555 0139",
        "my mum, she's 415 555 0139",
    ],
)
async def test_shes_before_a_number_is_no_name(line):
    assert numbered_names(line) == {}
    heard = await play_lines("host", line, "ya")
    assert [n for n, _ in heard[-1].calls] == ["add_sip_participant"]


@pytest.mark.parametrize(
    "line",
    [
        "lol her name isnt shes, its Tina",
        "her name's not shes, it's Tina",
        "her name is not Shes, its Tina",
    ],
)
async def test_her_name_isnt_x_its_y_renames_the_leg(line):
    heard = await play_lines("host", "add 415 555 0139", "yes", line)
    assert _named(heard) == [("+1 415-555-0139", "Tina")]


async def test_her_name_isnt_x_renames_the_leg_called_x():
    heard = await play_lines("host", "Bob is 415 555 0150", "yes", "his name isnt Bob, its Rob")
    assert _named(heard) == [("Bob", "Rob")]


@pytest.mark.parametrize(
    ("line", "who", "name"),
    [
        ("Luis is my brother, the last one", "+1 415-555-0178", "Luis"),
        ("Maria is my sister, the first one", "+1 415-555-0156", "Maria"),
        ("Ken's my uncle, the second number", "+1 415-555-0178", "Ken"),
    ],
)
async def test_name_is_my_role_and_an_order_names_that_leg(line, who, name):
    assert given_name(line) == name
    heard = await play_lines("host", *_TWO, line)
    assert _named(heard) == [(who, name)]


async def test_the_first_number_i_gave_you_gone_is_read_back_never_another_leg_renamed():
    heard = await play_lines(
        "host",
        "My daughter, her number is 415 555 0186",
        "yes",
        "then her husband Robert, his mobile is 415.555.0133",
        "That's right.",
        "Could you please try Susan again now?",
        "Susan is my daughter, the first number I gave you, the one that was busy.",
    )
    assert not _named(heard)
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155550186", "purpose": "add"})
    ]


@pytest.mark.parametrize(
    "line", ["that number is Okafor", "that line's Okafor", "this number is Mr Okafor"]
)
async def test_that_number_is_a_name_names_the_leg_never_redials(line):
    assert names_last(line) == "Okafor"
    assert not _SAME_NUMBER_RE.search(line)
    heard = await play_lines("host", "add 415 555 0129", "yes please", line)
    assert heard[-1].calls == [("name_participant", {"who": "+1 415-555-0129", "name": "Okafor"})]


# ----------------------------------------------- 2. calling a leg by what the caller said it is
@pytest.mark.parametrize(
    ("said", "line"),
    [
        ("bassist is the same but ending 0147", "mute the bassist, he's tuning"),
        ("the bassist has the same number but ending in 0147", "mute the bassist"),
        ("my sister's the same but ends in 0147", "mute my sister please"),
    ],
)
async def test_a_leg_described_beside_last_digits_is_found_by_that_word(said, line):
    heard = await play_lines("host", "drummer's at 415 555 0146", "yeah", said, "yep", line)
    assert heard[-1].calls == [("mute_participant", {"who": "+1 415-555-0147", "muted": True})]


@pytest.mark.parametrize(
    ("line", "call"),
    [
        (
            "mute the bank line its playing music",
            ("mute_participant", {"who": "+1 415-555-1029", "muted": True}),
        ),
        ("ok hang up on the bank, keep tina", ("remove_participant", {"who": "+1 415-555-1029"})),
        ("please mute the bank", ("mute_participant", {"who": "+1 415-555-1029", "muted": True})),
    ],
)
async def test_a_leg_described_beside_a_number_it_could_not_use_is_found_by_that_word(line, call):
    heard = await play_lines("host", "bank first, its 415 555 1o29", "415 555 1029", "yup", line)
    assert heard[-1].calls == [call]


# ----------------------------------------------- 3. a leg never takes the caller's own name
@pytest.mark.parametrize(
    "line",
    [
        "ok try his cell instead, 415 555 0163",
        "try his mobile then, 415 555 0163",
        "he has a cell too, 415 555 0163",
    ],
)
async def test_the_callers_own_name_is_never_given_to_a_dialled_leg(line):
    heard = await play_lines(
        "receptionist",
        "helo my nmae is Rosa Delgado",
        "can u transfr me to my sons work line pls",
        "Rosa Delgado. I want to talk to my son at his work",
        "yes its four one five, five five five, zero one seven seven",
        "ok then dont transfer, just call him and i stay here",
        "yes",
        line,
        "yes",
    )
    assert [n for n, _ in heard[-1].calls] == ["add_sip_participant"]
