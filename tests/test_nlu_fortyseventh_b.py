"""The rehearsal model, forty-seventh round b (issue 22): a leg still ringing is not on the call,
a participant asking to be let go leaves, and a question about the directory while a transfer
read-back waits is no "if they're not reached". Expected words come from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.asked import asks_for_their_own
from workflows.rehearsal.nlu.transfer_asks import not_reached_asked

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_RINGING = ("add 415 555 0187", "yes")


# ----------------------------------------------- 2. a ringing leg is not on the call
@pytest.mark.parametrize(
    "line",
    [
        "tell him it's me first, then connect me",
        "transfer me to him",
        "introduce me to her then put me through",
    ],
)
async def test_a_transfer_to_a_leg_still_ringing_says_it_is_ringing(line):
    heard = await play_lines("host", *_RINGING, line)
    said = "\n".join(heard[-1].lines)
    who = "+1 415-555-0187"
    assert render(_OFFLINE.still_ringing_for_you, who=who) in said
    assert render(_OFFLINE.already_with_you, who=who) not in said
    assert not heard[-1].calls


async def test_a_transfer_to_a_leg_that_answered_is_still_already_with_you():
    heard = await play_lines("host", "add Dana Scully", "yes", "transfer me to her")
    said = "\n".join(heard[-1].lines)
    assert render(_OFFLINE.already_with_you, who="Dana Scully") in said


# ----------------------------------------------- 3. a participant asking to be let go
@pytest.mark.parametrize(
    ("add", "line", "who"),
    [
        (
            "add the sales desk",
            "Sales: Ava, we'll hang up and call Mr Tanaka back later, please let us go",
            "Sales desk",
        ),
        ("add Fox Mulder", "Fox: can you let me go, Ava?", "Fox Mulder"),
        ("add Fox Mulder", "Fox: Ava, can I drop off now?", "Fox Mulder"),
        ("add Dana Scully", "Dana: Ava, we're gonna hang up now, bye", "Dana Scully"),
    ],
)
async def test_a_participant_asking_to_be_let_go_removes_themselves(add, line, who):
    heard = await play_lines("host", add, "yes", line)
    assert heard[-1].calls == [("remove_participant", {"who": who})]


async def test_a_participant_asking_to_hang_up_on_everyone_still_asks_to_end_the_call():
    heard = await play_lines("host", "add Fox Mulder", "yes", "Fox: Ava, hang up on everyone")
    assert heard[-1].calls == [("end_call", {})]


# ----------------------------------------------- 4. "not in your directory" is no "not reached"
@pytest.mark.parametrize(
    "line",
    [
        "if that's not in your directory, what then?",
        "and if she's not in the directory?",
        "what if he isn't in your contacts, what happens?",
    ],
)
async def test_a_directory_question_while_a_transfer_waits_is_answered_and_read_back(line):
    assert not not_reached_asked(line)
    heard = await play_lines("host", "transfer me to dana scully", line)
    said = "\n".join(heard[-1].lines)
    assert render(_OFFLINE.followups.number_kind, who="Dana Scully") in said
    assert _OFFLINE.transfer_picked_up not in said
    assert heard[-1].calls[-1][0] == "look_up_contact"
    assert heard[-1].calls[-1][1]["purpose"] == "transfer"


def test_not_in_alone_is_still_not_reached():
    assert not_reached_asked("if she's not in, what happens?")


# ----------------------------------------------- 1. asked for at the receptionist, acted on
@pytest.mark.parametrize(
    ("line", "name", "who"),
    [
        ("kevin o'brien. can u put me thru to my foreman", "Kevin O'Brien", "my foreman"),
        ("hi its kevin, can you get my foreman on the line", "Kevin", "my foreman"),
        ("this is dave, pls put me through to my brother", "Dave", "my brother"),
    ],
)
async def test_someone_asked_for_at_the_receptionist_is_asked_for_by_the_host(line, name, who):
    heard = await play_lines("receptionist", line)
    said = "\n".join(heard[-1].lines)
    assert render(_PROMPTS.host.greeting_asked, caller_name=name) in said
    assert _OFFLINE.bring_whom not in said
    assert any(c[0] == "look_up_contact" and c[1]["name"] == who for c in heard[-1].calls)


@pytest.mark.parametrize(
    "line", ["hi, I'm Tom, I need a conference call", "Tom here, can you add 415 555 0199"]
)
def test_a_plain_request_is_not_someone_of_their_own(line):
    assert not asks_for_their_own([line])


async def test_a_conference_asked_for_keeps_the_general_greeting():
    heard = await play_lines("receptionist", "hi, I'm Tom, I need a conference call")
    said = "\n".join(heard[-1].lines)
    assert render(_PROMPTS.host.greeting, caller_name="Tom") in said


@pytest.mark.parametrize(
    "line", ["Fox: Ava, I'll drop off the report later", "Fox: Ava, let me go check the number"]
)
async def test_a_participant_saying_other_things_with_those_words_is_not_let_go(line):
    heard = await play_lines("host", "add Fox Mulder", "yes", line)
    assert ("remove_participant", {"who": "Fox Mulder"}) not in heard[-1].calls
