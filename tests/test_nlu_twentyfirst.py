"""The rehearsal model, twenty-first round (issue 22): what the fifteenth tester met on the
final main of 2026-12-06. Each test fails when its rule alone is removed."""

from __future__ import annotations

import pytest

from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.named_first import named_first


@pytest.mark.parametrize(
    ("line", "target"),
    [
        ("the 0124 guy keeps typing, shut him up would ya", "the one ending in 0124"),
        ("shut Dana up", "Dana"),
    ],
)
def test_shut_someone_up_is_a_mute_of_them(line, target):
    reading = understand(line)
    assert (reading.action, reading.target) == ("mute", target)


def test_kindly_before_put_him_on_mute_is_no_name():
    reading = understand("there is some noise from his side, kindly put him on mute")
    assert (reading.action, reading.target) == ("mute", None)  # "him": the model resolves it


@pytest.mark.parametrize(
    "line", ["have another crack at it", "give it another bash", "try her now"]
)
def test_another_crack_and_try_her_now_are_a_redial(line):
    assert understand(line).action == "redial"


@pytest.mark.parametrize("line", ["there's an echo. kindly pop them on mute", "ugh, mute her"])
def test_an_opening_remark_is_not_the_name_a_pronoun_stands_for(line):
    assert named_first(line, "mute", None) is None
