"""A read-back asked for again is read back anew by its tool (tester 57 call 7): "could you say
that again?" had the words repeated, so the yes after them was not right after the read-back
and was refused. Now the caller's next yes is the one the rule waits for; a line that is not
a read-back is still simply said again."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


@pytest.mark.parametrize(
    "again",
    [
        "Sorry dear, my hearing isn't what it was, could you say that again?",
        "sorry, what was that?",
        "can you repeat that",
        "pardon?",
    ],
)
@pytest.mark.parametrize(
    ("asked", "acts"),
    [
        ("add 415 555 0165", "add_sip_participant"),
        ("transfer me to 415 555 0165", "transfer_call"),
        ("add Fox Mulder", "add_sip_participant"),
    ],
)
async def test_a_read_back_said_again_is_read_back_and_the_yes_after_it_acts(asked, acts, again):
    heard = await play_lines("host", asked, again, "yes please, go ahead")
    assert _names(heard[1]) == _names(heard[0])  # read back anew, by the same tool
    assert _names(heard[2]) == [acts]


async def test_another_line_said_again_is_only_said_again():
    heard = await play_lines("host", "who's on the call?", "sorry, what was that?")
    assert heard[1].calls == [] and heard[1].lines == heard[0].lines
