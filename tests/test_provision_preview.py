"""`python -m workflows.provision --dry-run` and `--export`: the exact requests a real run sends,
printed or written for the lk CLI, with nothing changed on the LiveKit API test server; and the
module run as a command."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest
from google.protobuf import json_format
from livekit.protocol import sip

from tests.support import provision_cli
from tests.support.provision_cli import (
    DESCRIPTION,
    PASSWORD,
    changes_sent,
    env_for,
    expected_outbound,
    expected_rule,
    expected_trunk,
    ids,
    json_of,
    provision,
)

# Fixtures: see tests/support/provision_cli.py.
server, config = provision_cli.server, provision_cli.config


async def test_dry_run_prints_the_exact_requests_and_sends_nothing(server, config, capsys):
    code, out, err = await provision(
        capsys, "--dry-run", "--config", str(config), env=env_for(server)
    )

    assert (code, err) == (0, "")
    assert changes_sent(server) == []
    assert not server.inbound_trunks and not server.dispatch_rules and not server.outbound_trunks
    assert out == (
        "Dry run: LiveKit is only read. Each request below is what a real run sends.\n"
        "inbound trunk 'reception-in': would create\n"
        "POST /twirp/livekit.SIP/CreateSIPInboundTrunk\n"
        f"{json_of(sip.CreateSIPInboundTrunkRequest(trunk=expected_trunk()))}\n"
        "dispatch rule 'reception-rule': would create\n"
        "POST /twirp/livekit.SIP/CreateSIPDispatchRule\n"
        + json_of(
            sip.CreateSIPDispatchRuleRequest(dispatch_rule=expected_rule("<new inbound trunk ID>"))
        )
        + "\noutbound trunk 'reception-out': would create\n"
        "POST /twirp/livekit.SIP/CreateSIPOutboundTrunk\n"
        f"{json_of(sip.CreateSIPOutboundTrunkRequest(trunk=expected_outbound('***')))}\n"
        'auth_password is shown as "***"; a real run sends SIP_OUTBOUND_PASSWORD.\n'
        '"<new inbound trunk ID>" stands for the ID the new inbound trunk gets.\n'
        "Dry run: nothing was sent.\n"
    )
    assert PASSWORD not in out


async def test_dry_run_prints_the_update_that_the_real_run_then_sends(server, config, capsys):
    await provision(capsys, "--config", str(config), env=env_for(server))
    env = env_for(server, SIP_INBOUND_NUMBER="+14155550142")

    _, dry, _ = await provision(capsys, "--dry-run", "--config", str(config), env=env)
    assert changes_sent(server, 0) == [
        "CreateSIPInboundTrunk",
        "CreateSIPDispatchRule",
        "CreateSIPOutboundTrunk",
    ]
    await provision(capsys, "--config", str(config), env=env)

    [sent] = server.requests_for("UpdateSIPInboundTrunk")
    assert f"POST /twirp/livekit.SIP/UpdateSIPInboundTrunk\n{json_of(sent)}\n" in dry
    _, rule_id, outbound_id = ids(server)
    assert dry.endswith(
        f"dispatch rule 'reception-rule' ({rule_id}): unchanged\n"
        f"outbound trunk 'reception-out' ({outbound_id}): unchanged\n"
        "Dry run: nothing was sent.\n"
    )


async def test_export_writes_request_files_for_the_lk_cli_without_contacting_livekit(
    tmp_path, config, capsys
):
    out_dir = tmp_path / "lk"
    code, out, err = await provision(
        capsys, "--export", str(out_dir), "--config", str(config), env=env_for(None)
    )

    assert (code, err) == (0, "")

    def read(name, request):  # as `lk` does: protojson into the Create...Request
        return json_format.Parse((out_dir / name).read_text(), request)

    assert sorted(p.name for p in out_dir.iterdir()) == [
        "dispatch-rule.json",
        "inbound-trunk.json",
        "outbound-trunk.json",
    ]
    assert read("inbound-trunk.json", sip.CreateSIPInboundTrunkRequest()) == (
        sip.CreateSIPInboundTrunkRequest(trunk=expected_trunk())
    )
    assert read("dispatch-rule.json", sip.CreateSIPDispatchRuleRequest()) == (
        sip.CreateSIPDispatchRuleRequest(dispatch_rule=expected_rule(""))
    )
    assert read("outbound-trunk.json", sip.CreateSIPOutboundTrunkRequest()) == (
        sip.CreateSIPOutboundTrunkRequest(trunk=expected_outbound("***"))
    )
    assert '"trunk": {\n    "name": "reception-in"' in (out_dir / "inbound-trunk.json").read_text()
    assert out == (
        "Wrote 3 files. Create the resources with the lk CLI, in this\n"
        "order (the first command prints the inbound trunk ID the second needs):\n"
        f"  lk sip inbound create {out_dir}/inbound-trunk.json\n"
        f"  lk sip dispatch create --trunks <inbound trunk ID> {out_dir}/dispatch-rule.json\n"
        f'  lk sip outbound create --auth-pass "$SIP_OUTBOUND_PASSWORD" '
        f"{out_dir}/outbound-trunk.json\n"
        'The SIP password is written as "***"; --auth-pass sends yours.\n'
        "Running these twice makes duplicates; this command updates in place.\n"
    )
    assert PASSWORD not in out + "".join(p.read_text() for p in out_dir.iterdir())


@pytest.mark.slow  # a real process
async def test_the_module_runs_as_a_command(server, tmp_path):
    config = tmp_path / "inbound-only.yaml"
    config.write_text(DESCRIPTION.format(create="false"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEKIT_", "SIP_"))}
    env |= env_for(server, AGENT_NAME="conference-receptionist")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "workflows.provision",
        "--dry-run",
        "--config",
        str(config),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), 60)

    assert (process.returncode, stderr.decode()) == (0, "")
    assert stdout.decode().splitlines()[:3] == [
        "Dry run: LiveKit is only read. Each request below is what a real run sends.",
        "inbound trunk 'reception-in': would create",
        "POST /twirp/livekit.SIP/CreateSIPInboundTrunk",
    ]
    assert stdout.decode().endswith("Dry run: nothing was sent.\n")
    assert [r.method for r in server.requests] == ["ListSIPInboundTrunk", "ListSIPDispatchRule"]
