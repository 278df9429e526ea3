"""The addressing rule and the permission table (issue 23, items 2 and 3), as pure rules."""

from __future__ import annotations

import pytest

from workflows.call.addressing import is_addressed
from workflows.call.permissions import PARTICIPANT_MAY, decide

NAMES = ["Ava"]


@pytest.mark.parametrize(
    "text",
    [
        "Ava, who is on the call?",
        "ava mute me",
        "Hey Ava, I have to drop off",
        "okay so Ava, add Fox Mulder",
        "sorry Ava, could you say that again?",
        "who's on the call, Ava?",
        "thanks, Ava.",
        "Host, mute me",
        "hey host, who is on?",
    ],
)
def test_said_to_the_host(text):
    assert is_addressed(text, NAMES)


@pytest.mark.parametrize(
    "text",
    [
        "who else is on the call?",
        "I think Ava muted him",
        "the host can add them later",
        "Avalon is a nice place",
        "add 415 555 0133",
        "yes",
        "",
        "Ava's team is on it, right",
    ],
)
def test_not_said_to_the_host(text):
    assert not is_addressed(text, NAMES)


def test_the_answer_to_a_question_just_asked_is_addressed_without_the_name():
    assert is_addressed("the 0133 one", NAMES, answers_question=True)
    assert not is_addressed("the 0133 one", NAMES)


def test_the_hosts_name_comes_from_the_prompt_file_and_host_always_works():
    assert is_addressed("Max, mute me", ["Max"])
    assert not is_addressed("Ava, mute me", ["Max"])
    assert is_addressed("host, mute me", [""])


# (action, about themselves) -> what a participant gets; the caller may do everything.
TABLE = [
    ("who_is_on", False, "allowed"),
    ("mute", True, "allowed"),
    ("mute", False, "only_self"),
    ("remove", True, "allowed"),
    ("remove", False, "only_self"),
    ("add", False, "ask_caller"),
    ("dial", False, "caller_only"),
    ("dial", True, "caller_only"),
    ("transfer", False, "caller_only"),
    ("transfer", True, "caller_only"),
    ("end", False, "caller_only"),
    ("press_keys", False, "caller_only"),
    ("rename", False, "caller_only"),
]


@pytest.mark.parametrize(("action", "about_self", "verdict"), TABLE)
def test_the_permission_table(action, about_self, verdict):
    assert decide(action, by_caller=False, about_self=about_self) == verdict
    assert decide(action, by_caller=True, about_self=about_self) == "allowed"


def test_the_table_covers_every_action():
    assert {action for action, _, _ in TABLE} == set(PARTICIPANT_MAY)
