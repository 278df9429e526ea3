"""The dial policy is strict by default: an omitted key (or an empty file) means the shipped
value, never "allow everything"."""

from __future__ import annotations

import pytest
import yaml

from agents.conference_host import ConferenceHost
from prompts.schema import load_file, render
from tests.support.harness import prompts, running_call, simulated_call
from tests.support.scripted_llm import host_model
from workflows.call.dial_policy import DialPolicy
from workflows.call.settings import DIAL_POLICY_FILE

SHIPPED = load_file(DIAL_POLICY_FILE, DialPolicy)


def test_the_model_defaults_are_the_shipped_policy():
    assert DialPolicy() == SHIPPED
    assert SHIPPED.denied_prefixes and SHIPPED.denied_number_types  # it is a strict file


@pytest.mark.parametrize("key", list(DialPolicy.model_fields))
def test_a_key_left_out_of_the_file_takes_the_shipped_value(key, tmp_path):
    data = yaml.safe_load(DIAL_POLICY_FILE.read_text())
    del data[key]
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data))

    assert getattr(load_file(path, DialPolicy), key) == getattr(SHIPPED, key)


@pytest.mark.parametrize(
    "number, rule, values",
    [
        ("+1 900 555 0100", "denied_prefix", {"who": "+1 900-555-0100"}),
        ("1-900-555-0199", "denied_prefix", {"who": "+1 900-555-0199"}),
        (
            "+1 500 555 0006",
            "number_type",
            {"who": "+1 500-555-0006", "kind": "personal forwarding"},
        ),
    ],
)
async def test_an_empty_policy_file_still_refuses_premium_numbers(number, rule, values, tmp_path):
    path = tmp_path / "policy.yaml"
    path.write_text("{}\n")
    state = simulated_call()
    state.policy = load_file(path, DialPolicy)
    state.caller.name, state.caller.reason = "Ada", "sync"

    agent = ConferenceHost(state.prompts, state.caller)
    async with running_call(host_model, state=state, agent=agent) as c:
        result = await c.session.run(user_input=f"add {number}")
        refusals = [
            e.item.output
            for e in result.events
            if e.type == "function_call_output" and e.item.is_error
        ]
        assert refusals == [render(getattr(prompts().host.refused, rule), **values)]
        await c.session.run(user_input="yes")
    assert state.telephony.dialled == []
