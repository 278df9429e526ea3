"""LiveKitTestServer's SIP trunks and dispatch rules, through the real
``livekit.api.LiveKitAPI`` client."""

from __future__ import annotations

import pytest
from livekit import api

from tests.support.livekit_server import LiveKitTestServer, fixtures

pytestmark = pytest.mark.asyncio

server, lk = fixtures.server, fixtures.lk


async def test_trunks_crud_and_number_conflict(
    server: LiveKitTestServer, lk: api.LiveKitAPI
) -> None:
    inbound = await lk.sip.create_inbound_trunk(
        api.CreateSIPInboundTrunkRequest(
            trunk=api.SIPInboundTrunkInfo(name="in", numbers=["+15550000"], krisp_enabled=True)
        )
    )
    assert inbound.sip_trunk_id.startswith("ST_") and inbound.krisp_enabled
    with pytest.raises(api.TwirpError) as err:
        await lk.sip.create_inbound_trunk(
            api.CreateSIPInboundTrunkRequest(
                trunk=api.SIPInboundTrunkInfo(name="dup", numbers=["+15550000"])
            )
        )
    assert (err.value.code, err.value.status) == ("invalid_argument", 400)
    assert err.value.message == (
        f'Conflicting inbound SIP Trunks: "<new>" and "{inbound.sip_trunk_id}", '
        'using the same number(s) ["+15550000"] without AllowedNumbers set'
    )
    await lk.sip.create_inbound_trunk(
        api.CreateSIPInboundTrunkRequest(  # distinguishable: ok
            trunk=api.SIPInboundTrunkInfo(numbers=["+15550000"], allowed_numbers=["+1999"])
        )
    )

    out = await lk.sip.create_outbound_trunk(
        api.CreateSIPOutboundTrunkRequest(
            trunk=api.SIPOutboundTrunkInfo(name="out", address="sip.example.com", numbers=["+1555"])
        )
    )
    got = await lk.sip.list_inbound_trunk(
        api.ListSIPInboundTrunkRequest(trunk_ids=[inbound.sip_trunk_id])
    )
    assert [t.name for t in got.items] == ["in"]
    assert len((await lk.sip.list_outbound_trunk(api.ListSIPOutboundTrunkRequest())).items) == 1

    renamed = await lk.sip.update_inbound_trunk_fields(
        inbound.sip_trunk_id, name="in2", numbers=api.ListUpdate(add=["+15551111"])
    )
    assert renamed.name == "in2" and list(renamed.numbers) == ["+15550000", "+15551111"]
    replaced = await lk.sip.update_outbound_trunk(
        out.sip_trunk_id,
        api.SIPOutboundTrunkInfo(name="new", address="sip2.example.com", numbers=["+1666"]),
    )
    assert replaced.sip_trunk_id == out.sip_trunk_id and replaced.address == "sip2.example.com"
    patched = await lk.sip.update_outbound_trunk_fields(out.sip_trunk_id, numbers=["+1777"])
    assert list(patched.numbers) == ["+1777"] and patched.name == "new"

    deleted = await lk.sip.delete_trunk(api.DeleteSIPTrunkRequest(sip_trunk_id=out.sip_trunk_id))
    assert deleted.sip_trunk_id == out.sip_trunk_id and not server.outbound_trunks
    with pytest.raises(api.TwirpError) as err:
        await lk.sip.delete_trunk(api.DeleteSIPTrunkRequest(sip_trunk_id=out.sip_trunk_id))
    assert err.value.code == "not_found"


async def test_dispatch_rules_crud(server: LiveKitTestServer, lk: api.LiveKitAPI) -> None:
    rule = await lk.sip.create_dispatch_rule(
        api.CreateSIPDispatchRuleRequest(
            rule=api.SIPDispatchRule(
                dispatch_rule_individual=api.SIPDispatchRuleIndividual(room_prefix="call-")
            ),
            trunk_ids=["ST_a"],
            name="reception",
            room_config=api.RoomConfiguration(agents=[api.RoomAgentDispatch(agent_name="rx")]),
        )
    )
    assert rule.sip_dispatch_rule_id.startswith("SDR_") and rule.name == "reception"
    assert rule.room_config.agents[0].agent_name == "rx"
    listed = await lk.sip.list_dispatch_rule(api.ListSIPDispatchRuleRequest(trunk_ids=["ST_a"]))
    assert [r.sip_dispatch_rule_id for r in listed.items] == [rule.sip_dispatch_rule_id]
    none = await lk.sip.list_dispatch_rule(api.ListSIPDispatchRuleRequest(trunk_ids=["ST_b"]))
    assert list(none.items) == []
    upd = await lk.sip.update_dispatch_rule_fields(
        rule.sip_dispatch_rule_id, name="r2", attributes={"k": "v"}
    )
    assert upd.name == "r2" and upd.attributes["k"] == "v" and list(upd.trunk_ids) == ["ST_a"]
    repl = await lk.sip.update_dispatch_rule(
        rule.sip_dispatch_rule_id,
        api.SIPDispatchRuleInfo(
            rule=api.SIPDispatchRule(dispatch_rule_direct=api.SIPDispatchRuleDirect(room_name="x"))
        ),
    )
    assert repl.rule.dispatch_rule_direct.room_name == "x" and repl.name == ""
    await lk.sip.delete_dispatch_rule(
        api.DeleteSIPDispatchRuleRequest(sip_dispatch_rule_id=rule.sip_dispatch_rule_id)
    )
    assert server.dispatch_rules == {}
    with pytest.raises(api.TwirpError) as err:
        await lk.sip.create_dispatch_rule(api.CreateSIPDispatchRuleRequest(name="no rule"))
    assert err.value.code == "invalid_argument"
