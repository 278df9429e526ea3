"""The rehearsal model, fifty-first round f (issue 22, tester 44): a number the dial policy
refused is never read back again; a greeting to someone on the call is said to them; names
given in passing ("get marcus then, 4155550147", "shes called Noor", "my sis") are kept; "call
him that" is the naming said again; "i didnt want to call anyone. unmute bisi" is the unmute;
a letter typed for a digit in a group ("415 555 O1 46"); "add my colleague and then transfer
me to support" adds first and reads the transfer back after."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines, tool_names
from workflows.rehearsal.leg_names import names_last
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.spelling import as_meant
from workflows.rehearsal.numbered_names import numbered_names
from workflows.rehearsal.roles import forms_of, role_of
from workflows.rehearsal.then_transfer import transfer_later, without_later_transfer


# ----------------------------------------------- 1. a refused number is never asked again
@pytest.mark.parametrize(
    ("refused", "then"),
    [
        (
            "First please add my manager, his number is +91 98450 12345",
            "Oh okay. Then add Monica Reyes",
        ),
        ("add my boss, +44 20 7946 0018", "ok fine, get Dana Scully then"),
        ("can u call my cousin on +33 1 42 68 53 00", "alright, then Fox Mulder please"),
    ],
)
async def test_a_refused_number_is_not_read_back_after_the_next_dial(refused, then):
    heard = await play_lines("host", refused, then, "Yes correct")
    assert tool_names(heard[2:]) == ["add_sip_participant"]


# ----------------------------------------------- 1. a greeting to someone on the call
@pytest.mark.parametrize(
    ("add", "greeting"),
    [
        ("add Monica Reyes please", "Monica ma'am, good morning, thank you for joining."),
        ("get Dana Scully on", "good afternoon Dana, welcome"),
        ("can you add Fox Mulder", "thanks for joining, Fox"),
    ],
)
async def test_a_greeting_to_someone_on_the_call_gets_no_reply(add, greeting):
    heard = await play_lines("host", add, "yes", greeting)
    assert heard[2].calls == [] and heard[2].lines == []


async def test_a_greeting_while_a_read_back_waits_keeps_it_waiting():
    heard = await play_lines(
        "host",
        "add Dana Scully",
        "yes",
        "add Fox Mulder",
        "Dana ma'am, thank you for joining",
        "yes",
    )
    assert all(args.get("name") in (None, "Fox Mulder") for _, args in heard[3].calls)
    assert tool_names(heard[4:]) == ["add_sip_participant"]


# ----------------------------------------------- 2. names given in passing
@pytest.mark.parametrize(
    ("line", "number", "name"),
    [
        ("fine. get marcus then, 4155550147", "4155550147", "Marcus"),
        ("call priya then, 415 555 0162", "4155550162", "Priya"),
        ("ok grab tom too, 415-555-0111", "4155550111", "Tom"),
    ],
)
def test_a_lower_case_name_before_then_and_its_number_is_kept(line, number, name):
    assert numbered_names(line) == {number: name}


@pytest.mark.parametrize("line", ["get everyone then, 4155550147", "call them then, 4155550147"])
def test_no_name_is_taken_from_an_everyday_word(line):
    assert numbered_names(line) == {}


@pytest.mark.parametrize(
    ("line", "name"),
    [("shes called Noor", "Noor"), ("hes named Tom", "Tom"), ("she goes by Priya", "Priya")],
)
def test_shes_called_names_the_one_dialled_last(line, name):
    assert names_last(line) == name


def test_shes_without_a_calling_word_names_no_one():
    assert names_last("shes calling now") is None


@pytest.mark.parametrize(
    ("short", "whole"), [("sis", "sister"), ("bro", "brother"), ("dad", "father")]
)
def test_a_roles_short_form_is_the_role(short, whole):
    assert role_of(short) == whole and short in forms_of(whole)


@pytest.mark.parametrize(
    ("described", "named", "mute", "name"),
    [
        (
            "my sister first, her cell is 415-555-0133",
            "her name is Bisi btw",
            "mute my sis",
            "Bisi",
        ),
        ("my brother, 415 555 0123", "his name is Kofi", "mute my bro pls", "Kofi"),
        ("my father, 415 555 0124", "his name is Tunde", "can you mute my dad", "Tunde"),
    ],
)
async def test_a_short_role_finds_the_leg_described_by_the_role(described, named, mute, name):
    heard = await play_lines("host", described, "yes", named, mute)
    assert heard[3].calls == [("mute_participant", {"who": name, "muted": True})]


# ----------------------------------------------- 3. "call him that", a request disowned
@pytest.mark.parametrize(
    "line",
    [
        "the accountant is Mr Osei, call him that",
        "the accountant is Mr Osei, just call him that",
        "the accountant is Mr Osei, call him that please",
    ],
)
async def test_call_him_that_is_the_naming_and_no_look_up(line):
    heard = await play_lines("host", "the accountant, hes on 212 555 7798", "yes", line)
    assert tool_names(heard[2:]) == ["name_participant"]


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ("no no, i didnt want to call anyone. unmute bisi pls", "unmute"),
        ("I did not ask you to add anybody, just mute Dana", "mute"),
        ("i never asked u to dial someone new. can u drop dana", "remove"),
    ],
)
def test_a_request_disowned_leaves_the_one_after_it(line, action):
    assert understand(line).action == action


def test_a_request_still_made_is_read():
    assert understand("I want to call Dana").action == "add"


# ----------------------------------------------- 4. a letter for a digit in a group
@pytest.mark.parametrize(
    ("line", "digits"),
    [
        ("she's at 415 555 O1 46", "415 555 01 46"),
        ("add my friend, 415 555 l4 62", "415 555 14 62"),
        ("call 415-555-O1-23 please", "415-555-01-23"),
    ],
)
def test_a_letter_in_a_group_between_digit_groups_is_a_digit(line, digits):
    assert digits in as_meant(line)


def test_a_short_run_not_between_groups_is_left():
    assert as_meant("room o1 please") == "room o1 please"


# ----------------------------------------------- 5. an add, then a transfer
@pytest.mark.parametrize(
    "line",
    [
        "Bonjour, c'est Amélie. I need to add my colleague then transfer myself to support, ok?",
        "hi it's Tom Baker, can you add my assistant and then put me through to support",
        "Hi, this is Grace Lee. I'd like to get my colleague on and then connect me to support",
    ],
)
async def test_an_add_then_a_transfer_asks_who_first_and_transfers_after(line):
    assert transfer_later(line) == "support" and "support" not in without_later_transfer(line)
    heard = await play_lines("receptionist", line, "my colleague is Fox Mulder", "yes", "ok")
    assert tool_names(heard[:1]) == ["transfer_to_conference_host"]
    assert tool_names(heard[2:3]) == ["add_sip_participant"]  # read back once they are on
    assert heard[3].calls == [("look_up_contact", {"name": "support", "purpose": "transfer"})]


def test_a_transfer_alone_is_no_later_transfer():
    assert transfer_later("then put me through to support") is None
