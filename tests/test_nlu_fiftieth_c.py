"""The rehearsal model, fiftieth round c (issue 22): questions it cannot answer, and people on
the call asking the host mid-line. A plain question no rule reads gets an honest "I can't tell
you that" and never changes a read-back waiting; a participant who calls the host by name in
the middle of a line is heard from there. Expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.addressing import addressed_at, is_addressed
from workflows.call.asking import asks

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_CANNOT = _OFFLINE.answers.cannot_tell
_TRANSFER = ("transfer me to Dana Scully",)
_ADD = ("add 415 555 0123",)
_ACTS = ("add_sip_participant", "transfer_call", "remove_participant", "list_participants")


# ----------------------------------------------- the one test of "this line asks something"
@pytest.mark.parametrize(
    "line",
    [
        "is this call recorded",
        "sorry, what's the time difference with them",
        "wait, if he doesnt pick up what happens",
        "do they speak Spanish",
        "did it go through",
        "How long is the wait usually for them?",
    ],
)
def test_a_plain_question_asks(line):
    assert asks(line)


@pytest.mark.parametrize("line", ["do it", "mute Dana", "have Dana call me", "dont call her"])
def test_a_command_asks_nothing(line):
    assert not asks(line)


def test_a_doubtful_yes_is_no_question_of_a_few_words():
    assert asks("yes?") and not asks("yes?", words=3)


# ----------------------------------------------- 1. questions it cannot answer
@pytest.mark.parametrize(
    ("first", "line", "acts"),
    [
        (_TRANSFER, "How long is the wait usually for them?", "transfer_call"),
        (_TRANSFER, "sorry, what's the time difference with them, are they even open?", None),
        (_ADD, "what time do they close", "add_sip_participant"),
        (_ADD, "can they see my number?", None),
        (_TRANSFER, "do they speak Spanish?", None),
        (_ADD, "is this call recorded?", None),
        (_TRANSFER, "what's the weather like over there?", None),
        (_ADD, "will they call me back if they miss it?", "add_sip_participant"),
        (_ADD, "what's her email address?", None),
        (_TRANSFER, "where are they based?", None),
        (_ADD, "are they open on weekends?", None),
        (_TRANSFER, "can I get a receipt for this?", "transfer_call"),
    ],
)
async def test_a_question_it_cannot_answer_is_said_so_and_the_read_back_kept(first, line, acts):
    heard = await play_lines("host", *first, line, "yes")
    asked, yes = heard[-2], heard[-1]
    assert asked.lines[0] == _CANNOT
    assert len(asked.lines) == 2  # the read-back, read again
    assert not any(name in _ACTS for name, _ in asked.calls)
    if acts:
        assert [name for name, _ in yes.calls] == [acts]


@pytest.mark.parametrize(
    "line",
    ["is this call being recorded?", "what are their opening hours?", "do they speak French"],
)
async def test_with_nothing_waiting_the_question_is_said_so_and_nothing_done(line):
    heard = await play_lines("host", line)
    assert heard[-1].lines == [_CANNOT] and heard[-1].calls == []


async def test_a_request_it_cannot_do_still_hears_what_it_can():
    heard = await play_lines("host", "can you send them a text message please")
    assert heard[-1].lines == [_OFFLINE.host_not_understood]


@pytest.mark.parametrize(
    "line", ["is this call costing me anything btw", "hello?? i asked if it costs money"]
)
async def test_a_cost_question_is_answered_and_the_read_back_kept(line):
    heard = await play_lines("host", *_ADD, line, "yes")
    assert heard[-2].lines[0] == _OFFLINE.answers.cost
    assert [name for name, _ in heard[-1].calls] == ["add_sip_participant"]


@pytest.mark.parametrize(
    "line", ["wait, if he doesnt pick up what happens", "if nobody picks up what happens"]
)
async def test_not_answered_asked_of_a_transfer_keeps_its_read_back(line):
    heard = await play_lines("host", *_TRANSFER, line, "yes")
    assert heard[-2].lines[0] == _OFFLINE.transfer_picked_up
    assert [name for name, _ in heard[-1].calls] == ["transfer_call"]


async def test_not_answered_asked_of_an_add_keeps_its_read_back():
    heard = await play_lines("host", *_ADD, "wait, if she doesnt answer what happens", "yes")
    assert heard[-2].lines[0] == _OFFLINE.answers.add_not_answered
    assert [name for name, _ in heard[-1].calls] == ["add_sip_participant"]


# ----------------------------------------------- 2. participants asking the host mid-line
@pytest.mark.parametrize(
    "line",
    [
        "sorry, I'm driving, Ava can you put me on mute",
        "hello Venkatesh, it is asking me for a PIN, Ava please press one two three four hash",
    ],
)
def test_the_host_named_at_a_clause_asking_it_is_addressed(line):
    assert is_addressed(line, ["Ava"]) and addressed_at(line, ["Ava"]) is not None


@pytest.mark.parametrize("line", ["I think Ava muted him", "yes, Ava is great, thanks"])
def test_the_host_named_in_passing_is_not_addressed(line):
    assert not is_addressed(line, ["Ava"])


_BETH = ("add 415 555 0122", "yes", "0122 is Beth")


async def test_a_participant_asking_mid_line_to_be_muted_is_muted():
    heard = await play_lines("host", *_BETH, "Beth: sorry, I'm driving, Ava can you put me on mute")
    assert heard[-1].calls == [("mute_participant", {"who": "Beth", "muted": True})]


async def test_a_participant_asking_for_keys_hears_only_the_caller_may():
    lines = ("add 212 555 0119", "yes", "his name is Suresh")
    said = "Suresh: hello, it is asking me for a PIN, Ava please press one two three four hash"
    heard = await play_lines("host", *lines, said)
    assert [name for name, _ in heard[-1].calls] == ["send_digits"]
    refusal = _PROMPTS.host.for_participants.caller_only
    assert heard[-1].lines == [refusal.replace("$speaker", "Suresh").replace("$caller_name", "Ada")]


async def test_a_participant_asking_for_a_contact_puts_the_read_back_to_the_caller():
    said = "Dana White: Let me loop in Fox, he handles refunds. Ava, can you add Fox Mulder?"
    heard = await play_lines("host", "add Dana White", "yes", said, "Dana White: yes", "yes")
    assert heard[-3].calls == [("look_up_contact", {"name": "Fox Mulder", "purpose": "add"})]
    assert heard[-2].calls == []  # a participant's yes dials nothing
    assert [name for name, _ in heard[-1].calls] == ["add_sip_participant"]


async def test_a_participant_asking_if_everyone_hears_them_gets_who_is_on():
    heard = await play_lines(
        "host",
        "add 415 555 0172",
        "yes",
        "that's Susan",
        "Susan: Hi Mum! Ava, can everyone hear me okay?",
    )
    assert heard[-1].calls == [("list_participants", {})]
