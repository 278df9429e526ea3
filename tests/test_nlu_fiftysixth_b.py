"""The rehearsal model, fifty-sixth round b (issue 22, tester 57): a bill wrong or a question
about one is support at the receptionist; an introduction asked before the desk is named holds
for the transfer; "trying to reach my pharmacy, put me through to them" is a transfer, and "I
just want to be transferred to the pharmacy" to an add read back is that number's transfer.
Expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.problems import PROBLEM_RE, support_need


@pytest.mark.parametrize(
    ("line", "need"),
    [
        ("my internet bill is all messed up, need somebody to sort it", "their bill wrong"),
        ("My name is Jürgen Baumann, I have a question about my invoice", "their invoice"),
        ("got a query regarding my phone bill", "their bill"),
        ("quick question on our last statement", "their statement"),
        ("my electricity bill got screwed up", "their bill wrong"),
    ],
)
def test_a_bill_wrong_or_asked_about_is_a_support_need(line, need):
    assert PROBLEM_RE.search(line)
    assert need in (support_need(line) or "")


@pytest.mark.parametrize(
    "line", ["a question about Dana", "my bill is paid", "I have a question about the meeting"]
)
def test_other_questions_and_bills_are_no_problem(line):
    assert not PROBLEM_RE.search(line)


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("yo its marcus", "my internet bill is all messed up, need somebody to sort it"),
        ("My name is Jürgen Baumann", "I have a question about my invoice"),
    ],
)
async def test_the_receptionist_hands_a_billing_problem_to_the_support_offer(name, line):
    heard = await play_lines("receptionist", name, line)
    calls = heard[-1].calls
    assert calls[0][0] == "transfer_to_conference_host"
    assert calls[-1] == ("look_up_contact", {"name": "support", "purpose": "transfer"})
    greeting = render(prompts().host.greeting, caller_name=calls[0][1]["caller_name"])
    assert greeting not in heard[-1].lines


@pytest.mark.parametrize(
    ("ask", "desk"),
    [
        (
            "please connect me with someone who can help, but tell them first who I am",
            "the support desk please",
        ),
        ("connect me to someone and let them know who I am", "support please"),
        ("put me through to somebody but brief them first", "tech support"),
    ],
)
async def test_an_introduction_asked_before_the_desk_holds_for_its_transfer(ask, desk):
    heard = await play_lines("host", ask, desk)
    assert heard[-1].calls == [("look_up_contact", {"name": "support", "purpose": "warm_transfer"})]


async def test_a_plain_transfer_to_no_one_then_the_desk_stays_direct():
    heard = await play_lines("host", "can you put me through to someone", "support please")
    assert heard[-1].calls == [("look_up_contact", {"name": "support", "purpose": "transfer"})]


@pytest.mark.parametrize(
    "line",
    [
        "I'm trying to reach my pharmacy, could you put me through to them? "
        "The number is (415) 555-0155",
        "I've been trying to get hold of my dentist, can you transfer me to them? "
        "It's 415 555 0155",
        "I'm trying to contact my bank, could you put me through? the number is 415 555 0155",
    ],
)
async def test_trying_to_reach_someone_then_put_through_is_a_transfer(line):
    assert understand(line).action == "transfer"
    heard = await play_lines("host", line)
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155550155", "purpose": "transfer"})
    ]


def test_trying_to_reach_someone_then_adding_them_is_still_an_add():
    assert understand("I'm trying to reach Dana, can you add her?").action == "add"


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (
            "I need to call my pharmacy, the number is 415 555 0155",
            "I don't need you to dial it into a meeting dear, "
            "I just want to be transferred to the pharmacy",
        ),
        (
            "add my dentist please, 415 555 0155",
            "I don't want you to add them to a call, just put me through to my dentist",
        ),
        (
            "ring our branch office on 415 555 0155",
            "we don't need you to call them in, transfer me to the branch office",
        ),
    ],
)
async def test_the_place_of_an_add_read_back_asked_as_a_transfer_is_its_number(first, then):
    heard = await play_lines("host", first, then)
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155550155", "purpose": "transfer"})
    ]
