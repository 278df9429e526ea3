"""`python -m workflows.provision` against the real livekit-server (SIP service on Redis)."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest
from livekit import api

from tests.e2e.conftest import ROOT, unique

pytestmark = pytest.mark.e2e

DESCRIPTION = """\
inbound_trunk:
  name: {prefix}-in
dispatch_rule:
  name: {prefix}-rule
  room_prefix: "call-"
outbound_trunk:
  create: true
  name: {prefix}-out
"""


async def run_provision(stack, config, **extra: str) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIP_")}
    env |= {
        "LIVEKIT_URL": stack.url,
        "LIVEKIT_API_KEY": stack.api_key,
        "LIVEKIT_API_SECRET": stack.api_secret,
        "AGENT_NAME": "e2e-receptionist",
        "SIP_INBOUND_NUMBER": "+1 415 555 0100",
        # The callee side of the outbound trunk: a SIP peer inside the stack's namespace.
        "SIP_OUTBOUND_ADDRESS": f"{stack.ip}:5070",
        "SIP_OUTBOUND_NUMBER": "+1 415 555 0111",
        **extra,
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "workflows.provision",
        "--config",
        str(config),
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode, out.decode(), err.decode()


async def named(lk: api.LiveKitAPI, prefix: str):
    inbound = await lk.sip.list_inbound_trunk(api.ListSIPInboundTrunkRequest())
    rules = await lk.sip.list_dispatch_rule(api.ListSIPDispatchRuleRequest())
    outbound = await lk.sip.list_outbound_trunk(api.ListSIPOutboundTrunkRequest())
    return (
        [t for t in inbound.items if t.name == f"{prefix}-in"],
        [r for r in rules.items if r.name == f"{prefix}-rule"],
        [t for t in outbound.items if t.name == f"{prefix}-out"],
    )


async def test_provisioning_creates_once_then_reports_unchanged(stack, lk, tmp_path):
    prefix = unique("e2e")
    config = tmp_path / "provision.yaml"
    config.write_text(DESCRIPTION.format(prefix=prefix))

    code, out, err = await run_provision(stack, config)
    assert (code, err) == (0, ""), out
    [trunk], [rule], [outbound] = await named(lk, prefix)
    assert out.splitlines()[:3] == [
        f"inbound trunk '{prefix}-in' ({trunk.sip_trunk_id}): created",
        f"dispatch rule '{prefix}-rule' ({rule.sip_dispatch_rule_id}): created",
        f"outbound trunk '{prefix}-out' ({outbound.sip_trunk_id}): created",
    ]
    # What the real server stored is what the product asked for.
    assert list(trunk.numbers) == ["+14155550100"]
    assert list(rule.trunk_ids) == [trunk.sip_trunk_id]
    assert rule.rule.dispatch_rule_individual.room_prefix == "call-"
    assert [a.agent_name for a in rule.room_config.agents] == ["e2e-receptionist"]
    assert (outbound.address, list(outbound.numbers)) == (f"{stack.ip}:5070", ["+14155550111"])

    code, out, err = await run_provision(stack, config, SIP_TRUNK_ID=outbound.sip_trunk_id)
    assert (code, err) == (0, ""), out
    assert out.splitlines()[:4] == [
        f"inbound trunk '{prefix}-in' ({trunk.sip_trunk_id}): unchanged",
        f"dispatch rule '{prefix}-rule' ({rule.sip_dispatch_rule_id}): unchanged",
        f"outbound trunk '{prefix}-out' ({outbound.sip_trunk_id}): unchanged",
        "Nothing changed: LiveKit already matches your settings.",
    ]
    assert await named(lk, prefix) == ([trunk], [rule], [outbound])  # exactly one of each

    # A changed number updates the trunk in place on the real server too.
    code, out, err = await run_provision(
        stack, config, SIP_TRUNK_ID=outbound.sip_trunk_id, SIP_INBOUND_NUMBER="+1 415 555 0109"
    )
    assert (code, err) == (0, ""), out
    [updated], _, _ = await named(lk, prefix)
    assert (updated.sip_trunk_id, list(updated.numbers)) == (trunk.sip_trunk_id, ["+14155550109"])

    for trunk_id in (trunk.sip_trunk_id, outbound.sip_trunk_id):
        await lk.sip.delete_trunk(api.DeleteSIPTrunkRequest(sip_trunk_id=trunk_id))
    await lk.sip.delete_dispatch_rule(
        api.DeleteSIPDispatchRuleRequest(sip_dispatch_rule_id=rule.sip_dispatch_rule_id)
    )


async def test_a_wrong_secret_is_named_and_nothing_is_created(stack, lk, tmp_path):
    prefix = unique("e2e")
    config = tmp_path / "provision.yaml"
    config.write_text(DESCRIPTION.format(prefix=prefix))
    secret = "not-the-secret-but-long-enough-to-sign"

    code, out, err = await run_provision(stack, config, LIVEKIT_API_SECRET=secret)

    assert (code, out) == (1, "")
    assert "LiveKit rejected the API key or secret (HTTP 401)" in err
    assert secret not in err and stack.api_secret not in err
    assert await named(lk, prefix) == ([], [], [])


async def test_a_number_claimed_by_another_trunk_is_refused_by_the_real_server(stack, lk, tmp_path):
    """Provisioning names the trunk that already has the number and creates nothing; the real
    SIP service refuses a second trunk for it, as the stand-in does."""
    other = await lk.sip.create_inbound_trunk(
        api.CreateSIPInboundTrunkRequest(
            trunk=api.SIPInboundTrunkInfo(name="someone-else", numbers=["+14155550100"])
        )
    )
    prefix = unique("e2e")
    config = tmp_path / "provision.yaml"
    config.write_text(DESCRIPTION.format(prefix=prefix))
    try:
        code, out, err = await run_provision(stack, config)
        assert code in (1, 2), (out, err)
        assert other.sip_trunk_id in err, err
        # The race the product also handles (tests/test_provision_errors.py): the server itself
        # refuses the number, in the exact words the stand-in uses.
        with pytest.raises(api.TwirpError) as refused:
            await lk.sip.create_inbound_trunk(
                api.CreateSIPInboundTrunkRequest(
                    trunk=api.SIPInboundTrunkInfo(name=f"{prefix}-in", numbers=["+14155550100"])
                )
            )
        assert (refused.value.code, refused.value.status) == ("invalid_argument", 400)
        assert refused.value.message == (
            f'Conflicting inbound SIP Trunks: "<new>" and "{other.sip_trunk_id}", using the same '
            'number(s) ["+14155550100"] without AllowedNumbers set'
        )
        [], rules, outbound = await named(lk, prefix)
        assert (rules, outbound) == ([], [])
    finally:
        await lk.sip.delete_trunk(api.DeleteSIPTrunkRequest(sip_trunk_id=other.sip_trunk_id))
