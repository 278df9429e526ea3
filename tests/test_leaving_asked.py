"""A question about the caller leaving is answered, never acted on (testers 53 and 55, UNSAFE):
"if I hang up will Ines and Fox stay connected?" ended the call for everyone, and "I'll drop off
now but please keep the call going for them" did too. Asked, the host says the call ends for
everyone with the caller; told to keep the call going for the others, it asks first. Expected
words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts

_ANSWERS = prompts().offline.answers
_TWO = ("add Dana Scully", "yes", "add Fox Mulder", "yes")


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


@pytest.mark.parametrize(
    "line",
    [
        "Ava, if I hang up will Dana and Fox stay connected?",
        "what happens to the others if I hang up?",
        "if I hang up will they stay connected?",
        "Ava, if I hang up does the call keep going?",
        "can I hang up and leave them on?",
        "will the others get cut off if I hang up?",
        "should I hang up now?",
        "if I leave, does the call keep going for them?",
        "if i drop off will u keep them connected",
    ],
)
async def test_a_question_about_leaving_is_answered_never_ends_nor_looks_up(line):
    heard = await play_lines("host", *_TWO, line)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.when_caller_leaves]


@pytest.mark.parametrize(
    "line",
    ["ok thanks, I'll hang up now", "can you hang up now please?", "end the call. can I go?"],
)
async def test_leaving_or_an_end_asked_of_the_host_still_ends(line):
    heard = await play_lines("host", *_TWO, line)
    assert _names(heard[-1]) == ["end_call"]


@pytest.mark.parametrize(
    "line",
    [
        "Thank you. Dr. Whitfield will take it from here; I'll drop off now but please keep the "
        "call going for them.",
        "I'm off now, keep the call going for the others",
        "gotta go, keep it running for them pls",
        "Thank you. I'll drop off now and leave Mr. Liu and Dana to talk.",
        "I'm heading off, I'll leave Dana and Fox to sort it out",
    ],
)
async def test_leaving_with_the_call_to_be_kept_going_asks_first(line):
    heard = await play_lines("host", *_TWO, line)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.leave_or_end]
