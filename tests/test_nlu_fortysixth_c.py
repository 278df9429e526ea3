"""The rehearsal model, forty-sixth round c (issue 22): the receptionist, names and needs.
Slang and terse introductions ("ya its jay", "need 2 talk w dana ... n my mate", "kevin
o'brien. can u put me thru"), "I am" in other languages ("soy", "c'est", "ich bin"), the
caller settling on another name ("no wait, Kat is fine", "Just Kat, please.", "my name is just
Amélie. Amélie Roussel.") and a double charge that needs a person, not a conference."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines, tool_args, tool_names
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.needs import declines_conference
from workflows.rehearsal.nlu.own_name import settled_name
from workflows.rehearsal.nlu.problems import support_need
from workflows.rehearsal.nlu.slang import unslanged

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_HANDOVER = "transfer_to_conference_host"


# ----------------------------------------------- 1. slang and terse introductions
@pytest.mark.parametrize(("line", "name"), [("ya its jay", "Jay"), ("yep its maria", "Maria")])
def test_a_slang_its_gives_the_name(line, name):
    assert understand(line).name == name


async def test_ya_its_jay_is_thanked_and_asked_the_need():
    heard = await play_lines("receptionist", "ya its jay")
    assert heard[0].lines == [render(_OFFLINE.ask_reason, name="Jay")]


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("need 2 talk w dana in sales n my mate", "need to talk with dana in sales and my mate"),
        ("I need 2 people on the call", "I need 2 people on the call"),  # a number stays
        ("call 415 555 2 0 1 2", "call 415 555 2 0 1 2"),
    ],
)
def test_text_slang_to_and_and(line, written):
    assert unslanged(line) == written


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("jake. need a call w my bro and his gf", "a call with my bro and his gf"),
        ("need 2 talk w dana in sales n my mate", "talking with dana in sales and my mate"),
        ("Need a conference call.", None),  # the action says it
    ],
)
def test_a_terse_need_is_the_reason(line, reason):
    assert understand(line).reason == reason


async def test_a_terse_name_and_need_hand_over_at_once():
    heard = await play_lines("receptionist", "jake. need a call w my bro and his gf")
    assert tool_args(heard, _HANDOVER) == {
        "caller_name": "Jake",
        "reason": "a call with my bro and his gf",
    }


async def test_a_need_in_slang_asks_the_name_then_hands_over():
    heard = await play_lines("receptionist", "need 2 talk w dana in sales n my mate", "its sam")
    assert heard[0].lines == [_OFFLINE.ask_name]
    assert tool_args(heard, _HANDOVER)["caller_name"] == "Sam"


async def test_a_surname_with_an_apostrophe_said_alone_is_the_name():
    heard = await play_lines("receptionist", "kevin o'brien. can u put me thru to my foreman")
    assert tool_args(heard, _HANDOVER)["caller_name"] == "Kevin O'Brien"


# ----------------------------------------------- 2. "I am" in other languages
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("hola, soy Lucia Fernandez, i want make conferance call pls", "Lucia Fernandez"),
        ("Bonjour! C'est Amélie. I'm calling about a problem, my account's locked", "Amélie"),
        ("Hallo, ich bin Jonas Weber, I need a conference", "Jonas Weber"),
        ("Buongiorno, mi chiamo Marco Rossi", "Marco Rossi"),
        ("Bonjour, je suis Claire", "Claire"),
    ],
)
def test_i_am_in_other_languages_gives_the_name(line, name):
    assert understand(line).name == name


async def test_cest_is_never_part_of_the_name():
    heard = await play_lines(
        "receptionist", "Bonjour! C'est Amélie. I'm calling about a problem, my account's locked"
    )
    assert tool_args(heard, _HANDOVER)["caller_name"] == "Amélie"


# ----------------------------------------------- 3. the caller settles on another name
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Hi, this is Katherine, no wait, Kat is fine. I'd like a conference call", "Kat"),
        ("It's Robert, no wait, just Bob. I need a conference.", "Bob"),
        ("Non non, my name is just Amélie. Amélie Roussel.", "Amélie Roussel"),
    ],
)
def test_the_name_settled_on_in_the_line(line, name):
    assert understand(line).name == name


@pytest.mark.parametrize(
    ("line", "name"),
    [("Just Kat, please.", "Kat"), ("no, just kat", "Kat"), ("Kat is fine", "Kat")],
)
def test_a_name_settled_on_alone(line, name):
    assert settled_name(line) == name


@pytest.mark.parametrize("line", ["just that please", "Just the two of them", "Dana please"])
def test_other_lines_settle_on_no_name(line):
    assert settled_name(line) is None


@pytest.mark.parametrize("line", ["Just Kat, please.", "Kat is fine.", "no, just Kat"])
async def test_the_receptionist_takes_the_name_settled_on(line):
    heard = await play_lines(
        "receptionist", "Hi, this is Katherine", line, "I need a conference call"
    )
    assert heard[1].lines == [render(_OFFLINE.ask_reason, name="Kat")]
    assert tool_args(heard, _HANDOVER) == {"caller_name": "Kat", "reason": "a conference call"}


async def test_my_name_is_just_at_the_receptionist_renames():
    heard = await play_lines(
        "receptionist",
        "Hi, this is Amelie Dupont",
        "Non non, my name is just Amélie. Amélie Roussel.",
        "I need a conference call",
    )
    assert tool_args(heard, _HANDOVER)["caller_name"] == "Amélie Roussel"


@pytest.mark.parametrize("line", ["Just Kat, please.", "Kat is fine."])
async def test_the_host_corrects_the_name_settled_on(line):
    heard = await play_lines(
        "receptionist", "Hi, this is Katherine. I need a conference call.", line
    )
    assert heard[1].calls == [("correct_caller_name", {"name": "Kat"})]


async def test_a_name_corrected_during_a_read_back_is_no_cancel():
    heard = await play_lines(
        "receptionist",
        "Bonjour! C'est Amélie Dupont. I'm calling about a problem, my account's locked",
        "Non non, my name is just Amélie. Amélie Roussel.",
    )
    assert ("correct_caller_name", {"name": "Amélie Roussel"}) in heard[1].calls
    assert render(_OFFLINE.dropped_transfer, who="Support desk") not in " ".join(heard[1].lines)


# ----------------------------------------------- 4. a problem that needs a person
@pytest.mark.parametrize(
    ("line", "need"),
    [
        (
            "I'm having trouble with my bill, it's been charged twice this month",
            "support with a double charge on their bill",
        ),
        ("They billed me twice for my subscription.", "support with a double charge"),
        ("someone to sort out the double charge", "support with a double charge"),
    ],
)
def test_a_double_charge_is_a_support_need(line, need):
    assert support_need(line) == need
    assert understand(line).wants_support


@pytest.mark.parametrize(
    ("line", "declines"),
    [
        ("Oh, I don't really want a conference, I just want someone", True),
        ("No, not a conference call, I just need someone", True),
        ("I want a conference call", False),
        ("I don't know who to talk to", False),
    ],
)
def test_a_conference_said_not_wanted(line, declines):
    assert declines_conference(line) is declines


_BILL = (
    "I'm having trouble with my bill, it's been charged twice this month and I don't know who"
    " to talk to."
)
_NO_CONFERENCE = (
    "Oh, I don't really want a conference, I just want someone to sort out the double charge."
)


async def test_a_double_charge_is_handed_over_for_the_support_offer():
    heard = await play_lines("receptionist", "Hi, I'm Tom Reed.", _BILL, _NO_CONFERENCE)
    assert tool_args(heard, _HANDOVER)["reason"] == "support with a double charge on their bill"
    assert heard[1].calls[-1] == ("look_up_contact", {"name": "support", "purpose": "transfer"})
    # "I don't really want a conference" is no "no" to the transfer read back: asked again
    assert heard[2].calls == [("look_up_contact", {"name": "support", "purpose": "transfer"})]
    assert "transfer_call" not in tool_names(heard)


async def test_no_conference_after_one_asked_offers_the_support_desk():
    heard = await play_lines(
        "receptionist", "Hi, I'm Tom Reed. I need a conference call.", _NO_CONFERENCE
    )
    assert heard[1].calls == [("look_up_contact", {"name": "support", "purpose": "transfer"})]
    assert _OFFLINE.anything_else not in heard[1].lines
