"""The rehearsal model, fifty-fourth round c (issue 22): legs named in more wordings, from
testers 50-52. A name that merely looks like a word of the caller's name ("Sven" beside
"Olsen") still names the leg; "the man who just joined is called Sven"; "his name is Sven" with
someone named joining after him names the one with no name; a role said alone or with a name in
any Latin letters ("intern's name is Tomás"); "can you name that line Dr Patel's office" keeps
the whole name; "that's Luca, my partner. next one is 646 ..." names, then reads back. One rule
a test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support import harness

_PROMPTS = harness.prompts()
_OLSEN = (
    "Good afternoon, this is Margaret Olsen from Olsen Bakery, I'd like a call with my suppliers",
    "first one is five one oh, two three four, nine eight seven six",
    "yes please",
)
_INTERN = ("add 415 555 0147 its the new intern", "yes")
_DENTIST = ("the number is 312 555 0134", "yeah")
_MARCO = (
    "hey there, this is Marco Bellini, I need to set up a quick call with a couple people",
    "first one is four one five, five five five, oh one three two",
    "yep",
)


def _named(heard) -> list[tuple[str, str]]:
    return [(a["who"], a["name"]) for n, a in heard.calls if n == "name_participant"]


# ----------------------------------------------- 1. the newest leg named, the caller's aside
@pytest.mark.parametrize(
    "line",
    [
        "thats Sven from the flour mill",
        "his name is Sven",
        "the man who just joined is called Sven",
        "the guy that just picked up is named Sven",
    ],
)
async def test_a_name_near_the_callers_own_still_names_the_new_leg(line):
    heard = await play_lines("receptionist", *_OLSEN, line)
    assert _named(heard[-1]) == [("+1 510-234-9876", "Sven")]


async def test_his_name_with_a_named_one_after_names_the_one_with_no_name():
    lines = (*_OLSEN, "now can you also get Monica from management", "yes go ahead")
    heard = await play_lines("receptionist", *lines, "his name is Sven")
    assert _named(heard[-1]) == [("+1 510-234-9876", "Sven")]


async def test_the_callers_own_name_still_names_no_one():
    heard = await play_lines("receptionist", *_OLSEN, "this is Margaret")
    assert _named(heard[-1]) == []


# ----------------------------------------------- 2. a role alone, a name in any Latin letters
@pytest.mark.parametrize(
    "line",
    [
        "intern's name is Tomás",
        "the intern's name is Tomás",
        "my intern is called Tomás",
        "our intern is Tomás",
    ],
)
async def test_the_intern_named(line):
    heard = await play_lines("host", *_INTERN, line)
    assert _named(heard[-1]) == [("+1 415-555-0147", "Tomás")]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "ok the receptionist picked up, can you name that line Dr Patel's office",
            "Dr Patel's office",
        ),
        ("can you call that number Patel's office please", "Patel's office"),
        ("please label it Dr. Patel, thanks", "Dr. Patel"),
    ],
)
async def test_a_line_named_keeps_the_whole_name(line, name):
    heard = await play_lines("host", *_DENTIST, line)
    assert _named(heard[-1]) == [("+1 312-555-0134", name)]


# ----------------------------------------------- 3. named, then the next number read back
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("that's Luca, my partner. next one is 646-555-0119", "Luca"),
        ("her name's Lucia. second number is 646 555 0119", "Lucia"),
        ("that's Luca. next up is 646 555 0119", "Luca"),
    ],
)
async def test_a_name_then_the_next_number_does_both(line, name):
    heard = await play_lines("receptionist", *_MARCO, line)
    assert [n for n, _ in heard[-1].calls] == ["name_participant", "read_back_number"]
    assert _named(heard[-1]) == [("+1 415-555-0132", name)]
    assert heard[-1].calls[-1][1]["phone_number"] == "6465550119"


# ----------------------------------------------- 5. a role said with its number: no look-up
_TOMAS = "hi, this is Tomás, I need a conference call"


@pytest.mark.parametrize(
    "line",
    [
        "my boss will join from his own phone in a sec, it's 917-555-0148",
        "my manager is joining from her cell, 917 555 0148",
        "add my boss, he's on 917 555 0148",
    ],
)
async def test_a_role_with_its_number_is_never_looked_up(line):
    heard = await play_lines("receptionist", _TOMAS, line, "yes")
    assert [n for n, _ in heard[-1].calls] == ["add_sip_participant"]


async def test_a_role_and_a_number_apart_are_both_brought():
    heard = await play_lines("receptionist", _TOMAS, "add my boss and 917 555 0148", "yes")
    assert [n for n, _ in heard[-1].calls] == ["add_sip_participant", "look_up_contact"]
