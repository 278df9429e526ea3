"""A go-ahead that names the read-back's own action is a yes to that read-back alone: "that's
fine, yes, transfer me" to a transfer's read-back (the twenty-first tester, call 5), "yes,
introduce me" to a warm transfer's; to any other read-back they change the request and refuse."""

from __future__ import annotations

import pytest

from prompts.schema import render
from tests.support.harness import prompts
from tests.support.host_calls import host, say
from workflows.call.confirmation import is_clear_yes

WORDS = prompts().confirmation
TRANSFER = prompts().host.transfer


@pytest.mark.parametrize(
    ("line", "add", "transfer", "warm"),
    [
        ("that's fine, yes, transfer me", False, True, True),
        ("Yes, transfer me.", False, True, True),
        ("ok go ahead and transfer me", False, True, True),
        ("yes, introduce me", False, False, True),
        ("yes please, introduce me first", False, False, True),
        ("yes, dial it", True, True, True),  # a go-ahead for every read-back stays one
        # hostile near-misses: never a yes to any read-back
        ("yes, transfer me to Dana", False, False, False),
        ("don't transfer me", False, False, False),
        ("transfer me?", False, False, False),
        ("yes transfer me, and add Dana", False, False, False),
        ("no, introduce me first", False, False, False),
        ("transfer me instead", False, False, False),
    ],
)
def test_a_go_ahead_naming_an_action_is_a_yes_to_that_action_only(line, add, transfer, warm):
    said = [is_clear_yes(line, WORDS, "", p) for p in ("add", "transfer", "warm_transfer")]
    assert said == [add, transfer, warm]


def test_without_a_purpose_the_rule_is_the_strict_one_for_adding():
    assert not is_clear_yes("yes, transfer me", WORDS, "")  # a caller that forgets is refused


async def test_yes_transfer_me_to_a_transfers_read_back_transfers_through_the_real_tools():
    async with host() as (session, state):
        assert await say(session, "transfer me to +1 415 555 0123") == [
            render(TRANSFER.read_back, who="+1 415-555-0123")
        ]
        said = await say(session, "that's fine, yes, transfer me")
        assert said[0] == render(TRANSFER.transferring, who="+1 415-555-0123")
    assert state.telephony.transfers == [("caller", "tel:+14155550123")]


async def test_yes_transfer_me_to_an_adds_read_back_dials_nobody():
    async with host() as (session, state):
        await say(session, "add +1 415 555 0123")
        await say(session, "yes, transfer me")
    assert state.telephony.dialled == [] and state.telephony.transfers == []
