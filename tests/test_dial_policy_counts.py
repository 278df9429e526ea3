"""What the dial policy counts (`tools/guards.py` `earlier_dials`): a leg still dialling or
ringing counts toward the legs ringing at once, an answered or ended one does not, and a
transfer of the caller counts toward the dials per call but never as ringing."""

import time

import pytest
from livekit.agents import ToolError

from prompts.schema import render
from tests.support.harness import prompts, simulated_call
from tools.guards import allowed_number
from workflows.call.dial_policy import DialPolicy
from workflows.call.legs import Leg, Transfer

RINGING_LIMIT = render(prompts().host.refused.max_ringing, limit=1)


def call_with(*, leg_status: str | None = None, transfers: int = 0, **policy):
    state = simulated_call()
    state.policy = DialPolicy(**policy)
    if leg_status is not None:
        leg = Leg(identity="sip-a", phone_number="+14155550100", name="A", status=leg_status)
        state.legs[leg.identity] = leg
    state.transfers = [Transfer(f"tel:+1415555020{i}", at=time.time()) for i in range(transfers)]
    return state


@pytest.mark.parametrize("status", ["dialing", "ringing"])
def test_a_leg_not_yet_answered_counts_as_ringing(status):
    state = call_with(leg_status=status, max_ringing_at_once=1)
    with pytest.raises(ToolError) as refused:
        allowed_number(state, "+1 415 555 0101")
    assert refused.value.message == RINGING_LIMIT


@pytest.mark.parametrize("status", ["active", "hangup"])
def test_a_leg_answered_or_ended_does_not_count_as_ringing(status):
    state = call_with(leg_status=status, max_ringing_at_once=1)
    assert allowed_number(state, "+1 415 555 0101").e164 == "+14155550101"


def test_a_transfer_counts_toward_the_dials_per_call_but_never_as_ringing():
    state = call_with(transfers=1, max_ringing_at_once=1)
    assert allowed_number(state, "+1 415 555 0101").e164 == "+14155550101"
    state = call_with(transfers=1, max_dials_per_call=1)
    with pytest.raises(ToolError) as refused:
        allowed_number(state, "+1 415 555 0101")
    assert refused.value.message == render(prompts().host.refused.max_dials_per_call, limit=1)


def test_a_transfer_that_failed_cools_its_number_down_one_that_went_through_does_not():
    who, now = "+1 415-555-0101", time.time()
    state = call_with()
    state.transfers = [Transfer("tel:+14155550101", at=now, failed_at=now)]
    with pytest.raises(ToolError) as refused:
        allowed_number(state, "+1 415 555 0101")
    cooling = prompts().host.refused.cooldown
    assert refused.value.message in [render(cooling, who=who, seconds=s) for s in (30, 29)]
    state.transfers = [Transfer("tel:+14155550101", at=now)]  # the caller left with it
    assert allowed_number(state, "+1 415 555 0101").e164 == "+14155550101"  # not "on the call"
