"""The rehearsal model, forty-sixth round (a) (issue 22): a name said with its number names that
leg once dialled (titles, lower case, "my mate tom 415 ..."); a title alone, a word like
"first" or the caller's own name never does; the leg just dialled named in people's words
("call him marcus", "the guy u just called is marcus", "The New York one is Kofi"). One rule a
test."""

from __future__ import annotations

import pytest

from prompts.loader import load_prompts
from tests.scenarios.runner import play_lines
from workflows.call.settings import PROMPTS_DIR
from workflows.rehearsal.lower_names import capitalised
from workflows.rehearsal.numbered_names import numbered_names

_PROMPTS = load_prompts(PROMPTS_DIR)


def _named(heard) -> list[dict]:
    return [args for name, args in heard.calls if name == "name_participant"]


# ----------------------------------------------- 1. a name said with its number
@pytest.mark.parametrize(
    ("line", "number", "name"),
    [
        ("mr alvarez 510 555 0129 and mrs chen 510 555 0136", "5105550129", "Mr Alvarez"),
        ("mr alvarez 510 555 0129 and mrs chen 510 555 0136", "5105550136", "Mrs Chen"),
        (
            "Now please add my CA, Mr. Suresh Iyer, nine one seven, five five five, "
            "zero one six four",
            "9175550164",
            "Suresh Iyer",
        ),
        ("whatever. now his gf kayla 347-555-0118", "3475550118", "Kayla"),
        (
            "Yes, my lawyer. Host, please add Anita Patel at 773-555-0157",
            "7735550157",
            "Anita Patel",
        ),
        ("k now add my mate tom 4155550163", "4155550163", "Tom"),
        ("Dr. Patel first, his cell is 415.555.0186", "4155550186", "Dr Patel"),
        ("add my younger boy Idris 718 555 0144", "7185550144", "Idris"),
    ],
)
def test_a_name_said_with_its_number_is_read(line, number, name):
    assert numbered_names(line).get(number) == name


@pytest.mark.parametrize(
    "line",
    [
        "add dr 415 555 0187",  # a title alone
        "mr first 415 555 0187",
        "add my work cell 415 555 0187",
        "call Sales at 415 555 0187",  # a desk, not a person
        "add 415 555 0187",
    ],
)
def test_no_wrong_word_is_a_name(line):
    assert numbered_names(line) == {}


@pytest.mark.parametrize(
    ("lines", "number", "name", "mute", "muted"),
    [
        (
            ("k now add my mate tom 4155550163", "yes"),
            "4155550163",
            "Tom",
            "mute tom hes on a train lol",
            "Tom",
        ),
        (
            ("mr alvarez 510 555 0129 and mrs chen 510 555 0136", "yes", "yes"),
            "5105550136",
            "Mrs Chen",
            "can you mute mrs chen",
            "Mrs Chen",
        ),
        (
            ("Dr. Patel first, his cell is 415.555.0187", "yes"),
            "4155550187",
            "Dr Patel",
            "mute dr patel",
            "Dr Patel",
        ),
    ],
)
async def test_the_leg_takes_the_name_and_is_muted_by_it(lines, number, name, mute, muted):
    heard = await play_lines("host", *lines, mute)
    named = [args for turn in heard for args in _named(turn)]
    assert {"who": number, "name": name} in named
    assert ("mute_participant", {"who": muted, "muted": True}) in heard[-1].calls


async def test_the_callers_own_name_never_names_the_leg():
    heard = await play_lines(
        "receptionist",
        "Hi, Lucia here. I need to add my doctor",
        "Lucia again, his number is 415 555 0187",
        "go for it",
    )
    assert any(name == "add_sip_participant" for name, _ in heard[-1].calls)
    assert _named(heard[-1]) == []


async def test_a_leg_busy_at_once_is_not_said_missing():
    heard = await play_lines("host", "Dr. Patel first, his cell is 415.555.0186", "yes")
    gone = _PROMPTS.host.controls.not_on_call.replace("$who", "4155550186")
    assert gone not in heard[-1].lines


# ----------------------------------------------- 3. the leg just dialled, named in people's words
@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("call him marcus", "call him Marcus"),
        ("the guy u just called is marcus", "the guy u just called is Marcus"),
        ("no. the 718 number, thats marcus", "no. the 718 number, that's Marcus"),
        ("call him back", "call him back"),  # no name
        ("the 718 number, thats wrong", "the 718 number, thats wrong"),
    ],
)
def test_lower_case_names_of_the_leg_just_dialled_are_written_so(line, written):
    assert capitalised(line) == written


_TWO = ("add 415 555 0190", "yes", "add 718 555 0191", "yes")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("the guy u just called is marcus", "Marcus"),
        ("call him marcus", "Marcus"),
        ("ok call her kayla", "Kayla"),
        ("no. the 718 number, thats marcus", "Marcus"),
        ("his name's marcus btw", "Marcus"),
        ("The New York one is Kofi", "Kofi"),
    ],
)
async def test_the_leg_just_dialled_is_named(line, name):
    heard = await play_lines("host", *_TWO, line)
    assert _named(heard[-1]) == [{"who": "+1 718-555-0191", "name": name}]
    assert not any(call == "look_up_contact" for call, _ in heard[-1].calls)


async def test_a_place_no_leg_is_in_asks_which():
    heard = await play_lines(
        "host", "add 415 555 0190", "yes", "add 510 555 0191", "yes", "The New York one is Kofi"
    )
    assert _named(heard[-1]) == []
    assert _PROMPTS.offline.which_person in heard[-1].lines
