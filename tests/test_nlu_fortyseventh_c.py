"""The rehearsal model, forty-seventh round (issue 22): a question whether someone would be
dropped ("If you dial him, will I lose Monica?") lets nobody go: tester 35 heard "Monica Reyes has
been removed from the call." It is answered and the read-back is asked again."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu.dismiss import asks_if_dropped, find_dismissal

_QUESTIONS = [
    "If you dial him, will I lose Monica?",
    "wait, do I lose Monica if you add this one?",
    "so would we lose Monica when he joins?",
    "will we lose the sales desk if I transfer?",
]


@pytest.mark.parametrize("line", _QUESTIONS)
def test_a_question_whether_someone_is_lost_lets_nobody_go(line):
    assert find_dismissal(line) is None
    assert asks_if_dropped(line)


@pytest.mark.parametrize(
    ("line", "whom"),
    [
        ("lose the 212 number", "the 212 number"),
        ("would you let Dana go?", "Dana"),
        ("can you let them go?", None),
        ("the sales desk isn't needed anymore, can you let them go?", "the sales desk"),
    ],
)
def test_requests_to_the_host_still_let_them_go(line, whom):
    assert (found := find_dismissal(line)) is not None and found[0] == whom
    assert not asks_if_dropped(line)


@pytest.mark.parametrize("line", _QUESTIONS[:3])
async def test_asked_while_an_add_waits_it_is_answered_and_asked_again(line):
    heard = await play_lines("host", "add Monica Reyes", "yes", "add 415 555 0133", line)
    asked = heard[-1]
    assert "remove_participant" not in [name for name, _ in asked.calls]
    assert asked.lines[0] == prompts().offline.will_add
    assert asked.calls == [("read_back_number", {"phone_number": "4155550133", "purpose": "add"})]
