"""The rehearsal model, fiftieth round d (issue 22): ending the call, the caller leaving and
letting a leg go, in people's words. The caller leaving while the others are told to carry on
is asked whether to end it for everyone; leave to go in one's own time is no removal; a no
naming someone else reads them back; wrap-ups end the call; a ringing leg left is called off.
One rule a test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand

_PROMPTS = prompts()
_ANSWERS = _PROMPTS.offline.answers
_TWO = ("add Dana Scully", "yes", "add Fox Mulder", "yes")
_ONE = ("add Dana Scully", "yes")
_HAROLD = ("can you get Harold? he is at 415 555 0121", "yes", "Harold: hi all, I need to go soon")


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. the caller leaving the others talking
_LEAVES = [
    "Thank you both. I'll leave you to sort it out with Fox, I'm dropping off now. Goodbye.",
    "k im outta here, yall keep talkin. bye",
    "Well that's lovely. I'll leave you three to chat, you can hang up on me now",
    "ok you two keep chatting, i'm off. bye",
    "I'll let you two get on with it. Bye now",
]


@pytest.mark.parametrize("line", _LEAVES)
async def test_leaving_the_others_to_talk_asks_before_ending_anything(line):
    heard = await play_lines("host", *_TWO, line)
    assert "end_call" not in _names(heard[-1]) and "remove_participant" not in _names(heard[-1])
    assert heard[-1].lines == [_ANSWERS.leave_or_end]


@pytest.mark.parametrize("answer", ["yes please", "yeah go ahead", "ok bye then"])
async def test_a_yes_or_a_goodbye_to_the_question_ends_the_call(answer):
    heard = await play_lines("host", *_TWO, _LEAVES[0], answer)
    assert _names(heard[-1]) == ["end_call"]


@pytest.mark.parametrize("answer", ["no", "no, leave them talking"])
async def test_a_no_to_the_question_keeps_the_call_and_says_why(answer):
    heard = await play_lines("host", *_TWO, _LEAVES[1], answer)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.caller_cannot_leave]


async def test_a_plain_goodbye_with_nobody_told_to_carry_on_still_ends_the_call():
    heard = await play_lines("host", *_ONE, "lovely, thanks so much. goodbye")
    assert _names(heard[-1]) == ["end_call"]


@pytest.mark.parametrize(
    "line",
    [
        "Never mind, Dana and I will manage. Thank you so much, goodbye.",
        "it's fine, me and Dana can manage. thanks, bye",
        "no worries, we'll manage. cheers, bye",
    ],
)
async def test_managing_with_the_one_on_the_call_keeps_the_host_quietly(line):
    heard = await play_lines("host", *_ONE, line)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.host_stays]


# ----------------------------------------------- 2. leave to go in one's own time; instead
@pytest.mark.parametrize(
    "line",
    [
        "sure. Harold you can drop whenever",
        "Harold, feel free to hop off any time you need",
        "no stress Harold, you can leave whenever you're ready",
        "Harold can drop whenever he needs to",
    ],
)
def test_leave_to_go_in_ones_own_time_is_no_removal_and_no_goodbye(line):
    reading = understand(line)
    assert reading.action is None and reading.said_to is None
    assert not reading.goodbye and not reading.ends_call


@pytest.mark.parametrize(
    "line", ["sure. Harold you can drop whenever", "Harold, feel free to hop off any time you need"]
)
async def test_leave_to_go_in_ones_own_time_is_an_aside(line):
    heard = await play_lines("host", *_HAROLD, line)
    assert heard[-1].calls == [] and heard[-1].lines == []


@pytest.mark.parametrize(
    "line", ["drop Harold whenever", "Harold, you can hang up now", "Harold can drop off now"]
)
def test_letting_someone_go_now_is_still_a_removal(line):
    reading = understand(line)
    assert reading.action == "remove" or reading.said_to == "Harold"


@pytest.mark.parametrize(
    "line",
    [
        "no wait, not Mulder — Monica. Mulder's on vacation",
        "no, not Fox - Monica please. Fox is on leave this week",
        "nah not Mulder, Monica. Mulder's away",
    ],
)
async def test_a_no_naming_someone_else_reads_them_back(line):
    heard = await play_lines("host", "add Fox Mulder", line)
    assert heard[-1].calls[0] == ("look_up_contact", {"name": "Monica", "purpose": "add"})


# ----------------------------------------------- 3. wrap-ups; leaving a ringing leg
@pytest.mark.parametrize(
    "line",
    [
        "great, let's end it here. thanks everyone!",
        "ok we can finish there, thanks all",
        "right, let's stop here. cheers guys",
        "righto, that'll do us, hooroo",
        "ok that'll do me for today, thanks",
    ],
)
async def test_a_wrap_up_ends_the_call(line):
    heard = await play_lines("host", *_ONE, line)
    assert _names(heard[-1]) == ["end_call"]


def test_stopping_for_a_moment_is_no_ending():
    assert not understand("let's stop here for a sec and check who's on").ends_call


@pytest.mark.parametrize(
    "line",
    [
        "ah he's not answering, leave him",
        "he's not picking up, just leave him",
        "no answer, leave him be",
    ],
)
async def test_leaving_a_ringing_leg_who_does_not_answer_stops_calling_him(line):
    heard = await play_lines(
        "host", "first one's +1 (415) 555-0187, that's Ciaran", "grand, yes", line
    )
    assert heard[-1].calls == [("remove_participant", {"who": "Ciaran"})]


def test_leave_him_without_a_missed_answer_calls_nothing_off():
    assert not understand("no, actually, leave him. transfer me to the operator").cancel


async def test_a_participant_leaving_is_still_removed_alone():
    heard = await play_lines("host", *_ONE, "Dana: Ava, gotta go, take me off")
    assert _names(heard[-1]) == ["remove_participant"]
