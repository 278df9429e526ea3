"""The rehearsal model, fifty-fourth round e (issue 22): endings, scheduling and participants'
requests. A thanks-and-done line typed without its apostrophe ("thats all for today") is the
goodbye; a call asked for later gets the plain answer that the host cannot schedule calls, and
nothing is dialled; the caller leaving while saying the others should keep talking is asked
first; "nah forget it" to "try another number?" is a plain okay. One rule a test; expected
words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.play import PHONE_DELAYS
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.scheduling import asks_for_later

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_ANSWERS = _OFFLINE.answers
_ONE = ("add Dana Scully", "yes")
_TWO = ("add Dana Scully", "yes", "add Fox Mulder", "yes")
_BUSY = ("add 415 555 0186", "yes")


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. thanks-and-done, typed without apostrophes
@pytest.mark.parametrize(
    "line",
    [
        "perfect, thats all for today, thank you!",
        "ok thats all, thank you",
        "thats it for today thanks",
        "thatll be all cheers",
        "that'll be all, thanks",
        "we're done for today, cheers",
    ],
)
async def test_thanks_and_done_ends_the_call(line):
    heard = await play_lines("host", *_ONE, line)
    assert _names(heard[-1]) == ["end_call"]


async def test_thats_all_right_is_still_no_goodbye():
    heard = await play_lines("host", *_ONE, "is it ok if I add one more, if thats all right?")
    assert "end_call" not in _names(heard[-1])


# ----------------------------------------------- 2. a call asked for later
@pytest.mark.parametrize(
    "line",
    [
        "oh wait, not right now, the meeting is at 3 o'clock this afternoon",
        "hold on, can you call her at 4pm instead?",
        "could we set it up for later today?",
    ],
)
async def test_a_call_for_later_with_a_read_back_waiting_is_answered_and_asked_again(line):
    heard = await play_lines("host", "add Dana Scully", line, "yes")
    assert heard[1].lines[0] == _ANSWERS.no_scheduling  # then the read-back, asked again
    assert "add_sip_participant" not in _names(heard[1])
    assert _names(heard[1]) == _names(heard[0])


async def test_a_cancel_with_a_scheduling_question_calls_off_and_answers():
    heard = await play_lines(
        "host", "add Dana Scully", "no, don't dial anyone yet. can you schedule it for 3pm?"
    )
    assert heard[-1].calls == []
    assert heard[-1].lines[0].startswith(_OFFLINE.dropped.split("$")[0])
    assert heard[-1].lines[0].endswith(_ANSWERS.no_scheduling)
    after = await play_lines(
        "host", "add Dana Scully", "no, don't dial anyone yet. can you schedule it for 3pm?", "yes"
    )
    assert "add_sip_participant" not in _names(after[-1])


@pytest.mark.parametrize(
    "line",
    [
        "so can you set it up for later today or not?",
        "can you schedule calls?",
        "could you call them tomorrow morning?",
    ],
)
async def test_a_call_for_later_with_nothing_waiting_gets_the_answer(line):
    heard = await play_lines("host", line)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.no_scheduling]


@pytest.mark.parametrize(
    "text", ["add 415 555 0100", "call me back later", "bye, talk tomorrow", "I'll go at 3pm"]
)
def test_lines_asking_nothing_for_later_are_no_scheduling(text):
    assert not asks_for_later(text)


# ----------------------------------------------- 3. the caller leaving, the others to talk on
@pytest.mark.parametrize(
    "line",
    [
        "ok fair enough. I'm going to hang up myself now but they should keep talking",
        "I'm hanging up now, the others should carry on",
        "bye, the rest can stay on",
        "I have to go, but everyone else should keep going",
    ],
)
async def test_leaving_while_the_others_should_talk_on_asks_first(line):
    heard = await play_lines("host", *_TWO, line)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.leave_or_end]
    ended = await play_lines("host", *_TWO, line, "yes")
    assert _names(ended[-1]) == ["end_call"]


async def test_a_plain_bye_still_ends_at_once():
    heard = await play_lines("host", *_TWO, "ok bye")
    assert _names(heard[-1]) == ["end_call"]


# ----------------------------------------------- 4. "nah forget it" to "try another number?"
# (the phones take a moment, as on a call: the busy news is the last thing the host said)
@pytest.mark.parametrize("line", ["nah forget it", "forget it", "nah, scrap that", "never mind"])
async def test_a_no_to_another_number_is_a_plain_okay(line):
    heard = await play_lines("host", *_ONE, *_BUSY, line, settings=PHONE_DELAYS)
    assert heard[-1].calls == [] and heard[-1].lines == [_OFFLINE.anything_else]


async def test_cancel_with_nothing_asked_still_says_nothing_to_cancel():
    heard = await play_lines("host", *_ONE, "who's on?", "forget it")
    assert heard[-1].lines != [_OFFLINE.anything_else]


# ----------------------------------------------- 5. participants asking the host
_FOR_PARTICIPANTS = _PROMPTS.host.for_participants


@pytest.mark.parametrize(
    "line",
    [
        "Dana: hey Ava, please hop off the call now",
        "Dana: Ava, would you mind leaving us alone now?",
        "Dana: ava pls hop off this call",
    ],
)
async def test_a_participant_sending_the_host_away_never_leaves_themselves(line):
    heard = await play_lines("host", *_ONE, line)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.host_stays_for_you]


async def test_a_participant_leaving_themselves_still_leaves():
    heard = await play_lines("host", *_ONE, "Dana: Ava, I have to hop off now, bye")
    assert _names(heard[-1]) == ["remove_participant"]


@pytest.mark.parametrize(
    "line",
    [
        "Dana: Ava can you put Ada through to Fox Mulder?",
        "Dana: Ava, could you patch her through to Fox Mulder?",
        "Dana: Ava, transfer Ada to Fox Mulder please",
    ],
)
async def test_a_participant_asking_a_transfer_for_the_caller_is_refused(line):
    heard = await play_lines("host", "hi, it's Ada", *_ONE, line)
    assert _names(heard[-1]) == ["look_up_contact"]
    assert heard[-1].calls[0][1]["name"] == "Fox Mulder"
    refused = render(_FOR_PARTICIPANTS.caller_only, speaker="Dana Scully", caller_name="Ada")
    assert refused in heard[-1].lines


async def test_a_participant_asking_to_add_someone_still_goes_to_the_caller():
    heard = await play_lines("host", "hi, it's Ada", *_ONE, "Dana: Ava, can you add Fox Mulder?")
    assert _names(heard[-1]) == ["look_up_contact"]
    assert heard[-1].calls[0][1]["purpose"] == "add"
