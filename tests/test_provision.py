"""`python -m workflows.provision` against the LiveKit API test server: the first run, a second
run and runs with changed settings, with exact output. Nothing is patched in `livekit-api`; the
server records every request it receives. Dry runs and exports: test_provision_preview.py;
errors: test_provision_errors.py."""

from __future__ import annotations

from livekit.protocol import sip

from tests.support import provision_cli
from tests.support.provision_cli import (
    DESCRIPTION,
    NUMBER,
    PASSWORD,
    changes_sent,
    env_for,
    expected_outbound,
    expected_rule,
    expected_trunk,
    ids,
    next_steps,
    provision,
)
from workflows.provision import DEFAULT_CONFIG, load_description

# Fixtures: see tests/support/provision_cli.py.
server, config = provision_cli.server, provision_cli.config


async def test_first_run_creates_the_trunk_the_dispatch_rule_and_the_outbound_trunk(
    server, config, capsys
):
    code, out, err = await provision(capsys, "--config", str(config), env=env_for(server))

    assert (code, err) == (0, "")
    trunk_id, rule_id, outbound_id = ids(server)
    assert server.requests_for("CreateSIPInboundTrunk") == [
        sip.CreateSIPInboundTrunkRequest(trunk=expected_trunk())
    ]
    assert server.requests_for("CreateSIPDispatchRule") == [
        sip.CreateSIPDispatchRuleRequest(dispatch_rule=expected_rule(trunk_id))
    ]
    assert server.requests_for("CreateSIPOutboundTrunk") == [
        sip.CreateSIPOutboundTrunkRequest(trunk=expected_outbound())
    ]
    assert out == (
        f"inbound trunk 'reception-in' ({trunk_id}): created\n"
        f"dispatch rule 'reception-rule' ({rule_id}): created\n"
        f"outbound trunk 'reception-out' ({outbound_id}): created\n" + next_steps(outbound_id)
    )
    assert PASSWORD not in out and server.api_secret not in out


async def test_second_run_changes_nothing_and_says_so(server, config, capsys):
    env = env_for(server)
    await provision(capsys, "--config", str(config), env=env)
    before = len(server.requests)
    trunk_id, rule_id, outbound_id = ids(server)

    code, out, err = await provision(
        capsys, "--config", str(config), env=env | {"SIP_TRUNK_ID": outbound_id}
    )

    assert (code, err) == (0, "")
    assert changes_sent(server, before) == []
    assert ids(server) == (trunk_id, rule_id, outbound_id)
    assert out == (
        f"inbound trunk 'reception-in' ({trunk_id}): unchanged\n"
        f"dispatch rule 'reception-rule' ({rule_id}): unchanged\n"
        f"outbound trunk 'reception-out' ({outbound_id}): unchanged\n"
        "Nothing changed: LiveKit already matches your settings.\n"
        "Next:\n"
        "  1. Start the worker: python -m workflows.main dev\n"
        f"  2. Call {NUMBER}: each call gets a new room (call-...) and the agent "
        "'conference-receptionist' answers.\n"
    )


async def test_a_new_inbound_number_updates_the_trunk_in_place_and_keeps_other_edits(
    server, config, capsys
):
    await provision(capsys, "--config", str(config), env=env_for(server))
    trunk_id, rule_id, outbound_id = ids(server)
    server.inbound_trunks[trunk_id].allowed_addresses.append("203.0.113.7")  # set in the console
    before = len(server.requests)

    env = env_for(server, SIP_INBOUND_NUMBER="+1 415 555 0142")
    code, out, err = await provision(capsys, "--config", str(config), env=env)

    assert (code, err) == (0, "")
    assert changes_sent(server, before) == ["UpdateSIPInboundTrunk"]
    assert ids(server) == (trunk_id, rule_id, outbound_id)  # no duplicate
    kept = expected_trunk("+14155550142")
    kept.allowed_addresses.append("203.0.113.7")
    assert server.requests_for("UpdateSIPInboundTrunk") == [
        sip.UpdateSIPInboundTrunkRequest(sip_trunk_id=trunk_id, replace=kept)
    ]
    assert list(server.inbound_trunks[trunk_id].numbers) == ["+14155550142"]
    assert out.splitlines()[:3] == [
        f"inbound trunk 'reception-in' ({trunk_id}): updated numbers",
        f"dispatch rule 'reception-rule' ({rule_id}): unchanged",
        f"outbound trunk 'reception-out' ({outbound_id}): unchanged",
    ]


async def test_a_new_agent_name_updates_the_dispatch_rule_in_place(server, config, capsys):
    await provision(capsys, "--config", str(config), env=env_for(server))
    trunk_id, rule_id, outbound_id = ids(server)
    before = len(server.requests)

    env = env_for(server, AGENT_NAME="night-receptionist")
    code, out, err = await provision(capsys, "--config", str(config), env=env)

    assert (code, err) == (0, "")
    assert changes_sent(server, before) == ["UpdateSIPDispatchRule"]
    assert ids(server) == (trunk_id, rule_id, outbound_id)
    [agent] = server.dispatch_rules[rule_id].room_config.agents
    assert agent.agent_name == "night-receptionist"
    assert out == (
        f"inbound trunk 'reception-in' ({trunk_id}): unchanged\n"
        f"dispatch rule 'reception-rule' ({rule_id}): updated room_config.agents\n"
        f"outbound trunk 'reception-out' ({outbound_id}): unchanged\n"
        + next_steps(outbound_id, agent="night-receptionist")
    )


async def test_a_new_sip_password_updates_the_outbound_trunk_without_printing_it(
    server, config, capsys
):
    await provision(capsys, "--config", str(config), env=env_for(server))
    trunk_id, rule_id, outbound_id = ids(server)

    env = env_for(server, SIP_OUTBOUND_PASSWORD="rotated-password")
    code, out, err = await provision(capsys, "--config", str(config), env=env)

    assert (code, err) == (0, "")
    assert server.outbound_trunks[outbound_id].auth_password == "rotated-password"
    assert f"outbound trunk 'reception-out' ({outbound_id}): updated auth_password\n" in out
    assert "rotated-password" not in out


def test_the_shipped_description_is_valid_and_asks_only_for_inbound_calls():
    d = load_description(DEFAULT_CONFIG)
    assert (d.inbound_trunk.name, d.dispatch_rule.name, d.dispatch_rule.room_prefix) == (
        "conference-receptionist-inbound",
        "conference-receptionist-dispatch",
        "call-",
    )
    assert (d.inbound_trunk.krisp_enabled, d.outbound_trunk.create) == (False, False)


async def test_inbound_only_run_says_how_dev_mode_gets_a_trunk_for_dial_out(server, config, capsys):
    config.write_text(DESCRIPTION.format(create="false"))
    env = {k: v for k, v in env_for(server).items() if not k.startswith("SIP_OUTBOUND")}
    code, out, err = await provision(capsys, "--config", str(config), env=env)

    assert (code, err) == (0, "")
    assert not server.outbound_trunks
    [trunk_id], [rule_id] = server.inbound_trunks, server.dispatch_rules
    assert out == (
        f"inbound trunk 'reception-in' ({trunk_id}): created\n"
        f"dispatch rule 'reception-rule' ({rule_id}): created\n"
        "Next:\n"
        "  1. `dev` needs SIP_TRUNK_ID for dial-out: set outbound_trunk.create: true in the "
        "description and run this again, put an existing outbound trunk's ID in SIP_TRUNK_ID, "
        "or set TELEPHONY=simulated to take calls without real dial-out.\n"
        "  2. Start the worker: python -m workflows.main dev\n"
        f"  3. Call {NUMBER}: each call gets a new room (call-...) and the agent "
        "'conference-receptionist' answers.\n"
    )
