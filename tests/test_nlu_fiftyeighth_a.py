"""The rehearsal model, fifty-eighth round a (issue 22): the host asked to leave while the
caller stays on with the others. "can you leave and keep me connected to support?", "u can
hang up on ur end", "u can leave us to it" and "transfer me to him directly and u hang up" (him
on the call) get `host_stays`: nobody removed, nothing ended. "can i leave and the two of them
stay on?" right after a participant spoke is answered (`when_caller_leaves`), never silence.
Ending the call or removing the desk in so many words still does. Expected words are rendered
from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines, tool_args, tool_names
from tests.support.harness import prompts

_ANSWERS = prompts().offline.answers
_DESK = ("add the support desk", "yes")
_NUMBER = ("add 415 555 0138", "yes")


@pytest.mark.parametrize(
    "line",
    [
        "can you leave and keep me connected to support?",
        "could you drop off and leave me on with support",
        "can u leave the call but keep me n support connected?",
        "would you leave the call and let me keep talking to support",
        "ok support has it, u can hang up on ur end, thanks ava",
        "you can drop off on your side now ava, thanks",
        "thanks, u can disconnect on your end",
        "ava you can leave us to it now",
    ],
)
async def test_host_asked_to_leave_the_caller_on_stays(line):
    heard = await play_lines("host", *_DESK, line)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.host_stays]


@pytest.mark.parametrize(
    "line",
    [
        "k can u transfer me to him directly and u hang up",
        "can you put me through to them and you drop off",
        "just connect me to him and then you can leave",
    ],
)
async def test_transfer_to_the_one_on_and_host_gone_never_ends(line):
    heard = await play_lines("host", *_NUMBER, line)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.host_stays]


async def test_sent_away_right_after_a_participant_is_answered():
    heard = await play_lines(
        "host", *_DESK, "Support: sure, let's take a look", "ok ur good ava, u can leave us to it"
    )
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.host_stays]


@pytest.mark.parametrize(
    "line", ["can i leave and the two of them stay on?", "can I hang up and support stays on?"]
)
async def test_asking_to_leave_right_after_a_participant_is_answered(line):
    heard = await play_lines("host", *_DESK, "Support: thank you, you can hang up now", line)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.when_caller_leaves]


@pytest.mark.parametrize(
    "line",
    ["ok that's everything, end the call", "hang up on everyone", "end the call, you can go"],
)
async def test_ending_in_so_many_words_still_ends(line):
    heard = await play_lines("host", *_DESK, line)
    assert tool_names(heard[-1:]) == ["end_call"]


@pytest.mark.parametrize(
    "line", ["hang up on support", "drop the support desk", "support can drop off now"]
)
async def test_removing_the_desk_still_removes(line):
    heard = await play_lines("host", *_DESK, line)
    assert tool_names(heard[-1:]) == ["remove_participant"]
    assert tool_args(heard[-1:], "remove_participant")["who"] == "Support desk"
