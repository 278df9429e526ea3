"""The rehearsal model, fifty-seventh round e (issue 22): the receptionist's names and needs. The
caller's name as a record holds it ("my name on file is Aoife Brennan") is their name; a
greeting in another language, English asked for, then the name; a name spelled letter by letter
or written with its accent is the name, never the need; people of the caller's own by role ("me
supplier and me foreman", "have my foreman on the call") are added one at a time; a call
organised for someone else ("my manager needs a call set up with Dana Scully") keeps whom with.
One rule a test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.asked import asks_for_their_own
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.caller import caller_name
from workflows.rehearsal.spelled import as_spelled, spelled_out

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_START = ("hi um my name is Aoife", "i need a group call for my study group")


def _calls(heard, name: str) -> list[dict]:
    return [args for n, args in heard.calls if n == name]


# ----------------------------------------------- 1. the name on file
@pytest.mark.parametrize(
    "line",
    [
        "oh also its actually pronounced ee-fa but spelled the same, nvm. actually my name on file"
        " is Aoife Brennan",
        "btw the account's in the name of Aoife Brennan",
        "oh and it's under Aoife Brennan if you need it",
        "my account is under Aoife Brennan, fyi",
        "I'm on file as Aoife Brennan",
    ],
)
async def test_the_name_on_file_is_the_callers_name(line):
    heard = await play_lines("receptionist", *_START, line)
    assert _calls(heard[-1], "correct_caller_name") == [{"name": "Aoife Brennan"}]


async def test_it_is_under_someone_else_renames_no_one():
    heard = await play_lines("receptionist", *_START, "it's under Dana Scully")
    assert _calls(heard[-1], "correct_caller_name") == []


def test_the_name_on_file_at_the_greeting():
    assert caller_name("hi, my name on file is Aoife Brennan") == "Aoife Brennan"
    assert caller_name("hi, it's under Aoife Brennan") == "Aoife Brennan"


# ----------------------------------------------- 2. English, please
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Bonjour… sorry, English please. Marie Dubois", "Marie Dubois"),
        ("Hola... perdón, in English please: Carlos Ruiz", "Carlos Ruiz"),
        ("Guten Tag! oh, sorry, English. Jonas Weber", "Jonas Weber"),
        ("sorry, English. Klaus Becker.", "Klaus Becker"),
    ],
)
def test_the_name_after_english_asked_for(line, name):
    assert caller_name(line) == name


async def test_the_receptionist_takes_the_name_after_english():
    heard = await play_lines("receptionist", "Bonjour… sorry, English please. Marie Dubois")
    assert render(_OFFLINE.ask_reason, name="Marie Dubois") in heard[0].lines


# ----------------------------------------------- 3. spelled names
@pytest.mark.parametrize(
    ("line", "plain"),
    [
        ("S-I-O-B-H-A-N", "Siobhan"),
        (
            "hello, S I O B H A N, I need a conference call",
            "hello, Siobhan, I need a conference call",
        ),
        ("S. I. O. B. H. A. N.", "Siobhan."),
        ("the code is X-Q-Z", "the code is X-Q-Z"),
        ("call U S A now", "call U S A now"),
    ],
)
def test_a_name_spelled_alone_is_the_word(line, plain):
    assert spelled_out(line) == plain


def test_a_name_with_its_accent_or_spelled_anew():
    assert as_spelled("Siobhan", "spelt Siobhán with the accent") == "Siobhán"
    assert as_spelled("Shivawn", "S-I-O-B-H-A-N") == "Siobhan"
    assert as_spelled("Margaret Odonell", "my code is X-Q-Z") == "Margaret Odonell"


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (("hi", "S-I-O-B-H-A-N"), "Siobhan"),
        (("hi its Shivawn", "S-I-O-B-H-A-N"), "Siobhan"),
        (("hi my name is Siobhan", "spelt Siobhán with the accent"), "Siobhán"),
    ],
)
async def test_a_spelling_is_the_name_never_the_need(lines, name):
    heard = await play_lines("receptionist", *lines)
    assert heard[-1].calls == []
    assert render(_OFFLINE.ask_reason, name=name) in heard[-1].lines


# ----------------------------------------------- 4. people of their own, by role
@pytest.mark.parametrize(
    "line",
    [
        "need to get me supplier and me foreman on a call",
        "I need to have my foreman on the call",
        "can you have my foreman on the call",
    ],
)
def test_people_by_role_are_asked_for(line):
    assert asks_for_their_own([line])
    assert understand(line).action == "add"


def test_a_question_about_who_is_on_stays_a_question():
    assert understand("do you have Dana on the call?").action == "status"


async def test_two_of_their_own_are_added_one_at_a_time():
    heard = await play_lines(
        "receptionist",
        "g'day mate, Bazza here, Barry Hughes",
        "need to get me supplier and me foreman on a call",
        "it's 415 555 0186",
        "yes",
    )
    assert _OFFLINE.bring_whom not in heard[1].lines
    assert _calls(heard[1], "look_up_contact") == [{"name": "my supplier", "purpose": "add"}]
    assert _calls(heard[-1], "look_up_contact") == [{"name": "my foreman", "purpose": "add"}]


# ----------------------------------------------- 5. a call organised for someone else
@pytest.mark.parametrize(
    ("line", "who"),
    [
        ("my manager needs a call set up with Dana Scully", "Dana Scully"),
        ("my client wants a call arranged with Fox Mulder", "Fox Mulder"),
    ],
)
async def test_a_call_for_someone_else_is_a_conference_with_whom_named(line, who):
    heard = await play_lines("receptionist", "hi its Jo, I'm calling for my manager", line)
    assert _calls(heard[-1], "look_up_contact") == [{"name": who, "purpose": "add"}]
    assert who in _calls(heard[-1], "transfer_to_conference_host")[0]["reason"]
