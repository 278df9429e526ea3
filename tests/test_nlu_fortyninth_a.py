"""The rehearsal model, forty-ninth round a (issue 22): wrong removals and endings. A question
whether someone would be dropped removes nobody (tester 38: "would that kick lorraine off?"
removed Lorraine); a participant saying they are leaving is removed, and a "her" after it is that
one only (tester 39: the vendor was removed too); "Miller can leave first, we are finished" is
Miller's finishing, not the call's; Australian slang leaving and "hooroo"."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.dismiss import asks_if_dropped

_ASKED = [
    "would that kick Monica off?",
    "wait does monica get cut off if u do that?",
    "would monica get kicked off?",
    "will that boot the boss off the call?",
    "does Monica get thrown out if you do that?",
]


@pytest.mark.parametrize("line", _ASKED)
def test_a_question_whether_someone_is_dropped_is_no_removal(line):
    assert understand(line).action != "remove"
    assert asks_if_dropped(line)


@pytest.mark.parametrize(
    "line", ["can you kick lorraine off?", "kick lorraine off", "cut off lorraine too?"]
)
def test_requests_to_remove_still_remove(line):
    assert understand(line).action == "remove"


@pytest.mark.parametrize("line", _ASKED[:4])
async def test_asked_while_a_transfer_waits_it_is_answered_and_read_back_again(line):
    heard = await play_lines("host", "add Monica Reyes", "yes", "transfer me to 415 555 0122", line)
    asked = heard[-1]
    assert asked.lines[0] == prompts().offline.transfer_others
    assert asked.calls == [
        ("read_back_number", {"phone_number": "4155550122", "purpose": "transfer"})
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Monica: Ava, I'm hopping off now",
        "Monica: Ava, I'm leaving the call now",
        "Monica: oi Ava, I gotta shoot off, chuck me off the call",
    ],
)
async def test_a_participant_leaving_is_removed_and_her_is_them_only(line):
    heard = await play_lines(
        "host",
        *("add Monica Reyes", "yes", "add 415 555 0122", "yes", "mute the 0122 line"),
        line,
        "she needs to go, drop her please",
    )
    assert heard[-2].calls == [("remove_participant", {"who": "Monica Reyes"})]
    assert heard[-1].calls == [("remove_participant", {"who": "Monica Reyes"})]


@pytest.mark.parametrize(
    "line",
    [
        "I'm hopping off now",
        "I'm leaving the call now",
        "I gotta shoot off",
        "chuck me off the call",
        "righto, that'll do us, hooroo",
    ],
)
def test_leaving_words_are_a_goodbye(line):
    assert understand(line).goodbye


@pytest.mark.parametrize(
    "line",
    [
        "I'm leaving for Denver tomorrow",
        "I'm heading off to lunch after this, add Dana",
        "is Dana leaving the call now?",
    ],
)
def test_leaving_later_or_someone_else_is_no_goodbye(line):
    assert not understand(line).goodbye


@pytest.mark.parametrize(
    "line",
    [
        "Ah, then not yet. Mr. Miller can leave first, we are finished.",
        "Not yet then. Miller can drop off first, we're done.",
    ],
)
def test_done_beside_letting_someone_go_is_theirs(line):
    reading = understand(line)
    assert reading.action == "remove" and not reading.ends_call


def test_done_alone_still_ends():
    assert understand("we are finished").ends_call
    assert understand("ok Dana can go, we are finished, end the call").ends_call
