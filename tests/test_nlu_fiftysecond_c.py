"""The rehearsal model, fifty-second round c (issue 22): legs named in people's words, from
testers 45 and 46. "call him Robert from now on" names the leg just joined; an ordinal ("the
second one") names the leg in that place of the dial order; two namings by role in one line
name both (a role no leg answers to is asked about alone); a name greeted at the start of a line
is never the name of the number dialled in it; "shes called noor" in lower case names; "that
number is Okafor" names the leg even with an Okafor in the directory. One rule a test;
expected words are rendered from the prompt files."""

from __future__ import annotations

import dataclasses

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support import harness
from workflows.call.directory import Contact, Directory

_PROMPTS = harness.prompts()
_ANSWERS = _PROMPTS.offline.answers
_ONE = ("add 212 555 0139", "yes")
_TWO = ("add 415 555 0176", "yes", "add 415 555 0164", "yes")


def _calls(heard) -> list[tuple[str, dict]]:
    return [(name, dict(args)) for name, args in heard.calls]


def _named(heard) -> list[tuple[str, str]]:
    return [(a["who"], a["name"]) for n, a in heard.calls if n == "name_participant"]


# ----------------------------------------------- 1. "call him Robert from now on": a name
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Can you call him Robert from now on, please", "Robert"),
        ("you don't need to name them, just call him Ravi", "Ravi"),
        ("could you call her Maya please", "Maya"),
        ("ok. would you call them Sam from now on", "Sam"),
    ],
)
async def test_call_him_a_name_names_the_leg_just_joined(line, name):
    heard = await play_lines("host", *_ONE, line)
    assert _calls(heard[-1]) == [("name_participant", {"who": "+1 212-555-0139", "name": name})]


@pytest.mark.parametrize(
    "line", ["can you call him at 415 555 0188 please", "call him Marcus Webb at 415 555 0188"]
)
async def test_call_him_at_a_number_is_still_a_dial_read_back(line):
    heard = await play_lines("host", *_ONE, line)
    assert [n for n, _ in heard[-1].calls] == ["read_back_number"]


async def test_dont_call_him_a_name_names_no_one():
    heard = await play_lines("host", *_ONE, "don't call him Ravi")
    assert _named(heard[-1]) == []


# ----------------------------------------------- 2. ordinals: the leg in that place
@pytest.mark.parametrize(
    ("line", "who", "name"),
    [
        ("Can you name the second one Ewa, that's my wife", "+1 415-555-0164", "Ewa"),
        ("name the first number Tomek please", "+1 415-555-0176", "Tomek"),
        ("could you call the first one Tomek", "+1 415-555-0176", "Tomek"),
        ("the first guy is Tomek", "+1 415-555-0176", "Tomek"),
        ("the second lady is Ewa", "+1 415-555-0164", "Ewa"),
    ],
)
async def test_an_ordinal_names_the_leg_in_that_place_of_the_dial_order(line, who, name):
    heard = await play_lines("host", *_TWO, line)
    assert _named(heard[-1]) == [(who, name)]


# ----------------------------------------------- 3. two namings by role in one line
_ROLES = ("my brother first, 415 555 0123", "yes", "and my dad, 415 555 0124", "yes")


@pytest.mark.parametrize(
    "line",
    [
        "my dad's name is Rick and my brother is Tom",
        "my brothers name is Tom, and dad is Rick",
        "my brother is Tom; my dad is Rick",
    ],
)
async def test_two_namings_by_role_name_both_legs(line):
    heard = await play_lines("host", *_ROLES, line)
    assert sorted(_named(heard[-1])) == [("+1 415-555-0123", "Tom"), ("+1 415-555-0124", "Rick")]
    assert _PROMPTS.offline.which_person not in heard[-1].lines


async def test_a_role_no_leg_answers_to_is_asked_about_alone_and_the_answer_names_it():
    lines = ("my sister first, 415 555 0165", "yes", "and 415 555 0176", "yes")
    heard = await play_lines(
        "host", *lines, "my sisters name is Kayla, and my dad is Tom", "the 0176 one"
    )
    assert _named(heard[-2]) == [("+1 415-555-0165", "Kayla")]
    assert render(_ANSWERS.which_named, name="Tom") in heard[-2].lines
    assert _named(heard[-1]) == [("+1 415-555-0176", "Tom")]


# ----------------------------------------------- 4. a name greeted is the person greeted
@pytest.mark.parametrize(
    "line",
    [
        "Renata, hi, thanks for taking my call. Ava, can you add my colleague at 312 555 0149 too",
        "Hi Renata, good to have you. Ava, can you add my colleague at 312 555 0149 too",
        "Renata! hello. Ava, please add my colleague 312 555 0149",
        "Morning Renata! Ava, add 312 555 0149 as well",
    ],
)
async def test_a_name_greeted_at_the_start_is_never_the_new_number_s_name(line):
    said = ("add 312 555 0123", "yes", "Her name is Renata, by the way", line, "yes go ahead")
    heard = await play_lines("host", *said)
    assert [n for n, _ in heard[-1].calls] == ["add_sip_participant"]


async def test_a_name_said_with_the_number_still_names_it():
    heard = await play_lines("host", *_ONE, "Tom, his number is 312 555 0149", "yes")
    assert _named(heard[-1]) == [("3125550149", "Tom")]


# ----------------------------------------------- 5. lower-case names after "called"
@pytest.mark.parametrize(
    ("line", "name"),
    [("shes called noor", "Noor"), ("hes named raj", "Raj"), ("she goes by noor", "Noor")],
)
async def test_a_lower_case_name_after_called_names_the_leg(line, name):
    heard = await play_lines("host", *_ONE, line)
    assert _named(heard[-1]) == [("+1 212-555-0139", name)]


@pytest.mark.parametrize("line", ["shes called back", "hes called in sick", "she goes by the book"])
async def test_an_everyday_word_after_called_names_no_one(line):
    heard = await play_lines("host", *_ONE, line)
    assert _named(heard[-1]) == []


# ----------------------------------------------- 6. "that number is Okafor" with an Okafor
@pytest.fixture
def okafor_in_directory(monkeypatch):
    shipped = harness.files()
    okafor = Contact(name="Chidi Okafor", team="Finance", number="+14155550172")
    directory = Directory(contacts=[*shipped.directory.contacts, okafor])
    edited = dataclasses.replace(shipped, directory=directory)
    monkeypatch.setattr(harness, "files", lambda: edited)


@pytest.mark.parametrize(
    "line", ["that number is Okafor", "ok that line is Okafor", "that number's Okafor btw"]
)
async def test_that_number_is_a_surname_names_the_leg_even_with_a_contact_so_named(
    okafor_in_directory, line
):
    heard = await play_lines("host", *_TWO, line)
    assert _calls(heard[-1]) == [("name_participant", {"who": "+1 415-555-0164", "name": "Okafor"})]


async def test_add_a_surname_still_reads_back_the_directory_contact(okafor_in_directory):
    heard = await play_lines("host", *_TWO, "add Okafor")
    assert [n for n, _ in heard[-1].calls] == ["look_up_contact"]
