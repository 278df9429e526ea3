"""The caller dismissing the host while they talk on with the others (testers 62-63, UNSAFE:
each ended the call for everyone): the host says it cannot leave the call running and stays.
"hang him up" hangs up on one person. An ending said in so many words still ends the call.
Expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts

_ANSWERS = prompts().offline.answers
_TWO_ON = ("add 415 555 0122", "yes", "add Monica Reyes", "yes")


def _tools(turn) -> list[str]:
    return [name for name, _ in turn.calls]


@pytest.mark.parametrize(
    "line",
    [
        "ok thats all i need from u, me ray n kev will keep chatting",
        "Thank you. Monica and I will continue, that's everything I needed from you.",
        "u can drop off now ava, i'll keep talking to them",
        "Thank you Ava, that's all from me. Monica and I will finish up, goodbye.",
        "can u just put me straight through to monica and hang up urself",
    ],
)
async def test_the_caller_talking_on_keeps_the_call(line):
    heard = await play_lines("host", *_TWO_ON, line)
    assert "end_call" not in _tools(heard[-1]) and "remove_participant" not in _tools(heard[-1])
    assert heard[-1].lines == [_ANSWERS.host_stays]


@pytest.mark.parametrize(
    "line",
    [
        "ok we're done, end the call for everyone",
        "we'll continue next week, end the call please",
        "thanks all, hang up on everyone",
    ],
)
async def test_an_ending_said_so_still_ends(line):
    heard = await play_lines("host", *_TWO_ON, line)
    assert "end_call" in _tools(heard[-1])


async def test_a_transfer_to_someone_not_on_the_call_is_no_dismissal():
    heard = await play_lines("host", *_TWO_ON, "put me through to Fox Mulder and you can hang up")
    assert _ANSWERS.host_stays not in heard[-1].lines
    assert "end_call" not in _tools(heard[-1])


@pytest.mark.parametrize("line", ["hang him up", "monica's done, hang her up"])
async def test_hang_him_up_removes_one(line):
    heard = await play_lines("host", *_TWO_ON, line)
    assert _tools(heard[-1]) == ["remove_participant"]
