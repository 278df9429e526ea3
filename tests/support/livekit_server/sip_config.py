"""SIP configuration the server stores: inbound and outbound trunks (with protocol's
number-conflict check) and dispatch rules, created, listed, updated and deleted."""

from __future__ import annotations

import re
from typing import Any

from google.protobuf.message import Message
from livekit.protocol import sip

from tests.support.livekit_server.fields import apply_action, set_field
from tests.support.livekit_server.twirp import TwirpError, new_id


def _norm(num: str) -> str:
    num = re.sub(r"[\s\-()]", "", num)
    return num if not num or num.startswith("+") else "+" + num


class SipConfig:
    """SIP trunk and dispatch-rule handlers; LiveKitTestServer sets the state up."""

    inbound_trunks: dict[str, sip.SIPInboundTrunkInfo]
    outbound_trunks: dict[str, sip.SIPOutboundTrunkInfo]
    dispatch_rules: dict[str, sip.SIPDispatchRuleInfo]

    def _store(self, req: Message) -> dict[str, Any]:
        return self.inbound_trunks if "Inbound" in type(req).__name__ else self.outbound_trunks

    def _validate_trunk(self, t: Any) -> None:
        if isinstance(t, sip.SIPInboundTrunkInfo):
            if not (t.auth_username or t.auth_password or t.allowed_addresses or t.numbers):
                raise TwirpError(
                    "invalid_argument",
                    "for security, one of the fields must be "
                    "set: AuthUsername+AuthPassword, AllowedAddresses or Numbers",
                )
            self._check_number_conflict(t)
        elif not t.numbers or not t.address:
            raise TwirpError(
                "invalid_argument",
                "no trunk numbers specified" if not t.numbers else "no outbound address specified",
            )

    def _check_number_conflict(self, t: sip.SIPInboundTrunkInfo) -> None:
        """protocol sip.ValidateTrunks: one number may belong to several inbound trunks only
        if AllowedNumbers tell them apart. Sent as invalid_argument."""
        mine = {_norm(n) for n in t.numbers} or {""}
        nums = "[" + " ".join(f'"{n}"' for n in t.numbers) + "]" if t.numbers else "<any>"
        for other in self.inbound_trunks.values():
            if other.sip_trunk_id == t.sip_trunk_id or not mine & (
                {_norm(n) for n in other.numbers} or {""}
            ):
                continue
            ids = f'"{t.sip_trunk_id or "<new>"}" and "{other.sip_trunk_id}"'
            if not t.allowed_numbers and not other.allowed_numbers:
                raise TwirpError(
                    "invalid_argument",
                    f"Conflicting inbound SIP Trunks: {ids}, "
                    f"using the same number(s) {nums} without AllowedNumbers set",
                )
            for num in t.allowed_numbers:
                if _norm(num) in {_norm(n) for n in other.allowed_numbers}:
                    raise TwirpError(
                        "invalid_argument",
                        f"Conflicting inbound SIP Trunks: {ids}"
                        f', using the same number(s) {nums} and AllowedNumber "{num}"',
                    )

    async def _create_trunk(self, req: Any) -> Message:
        if not req.HasField("trunk") or req.trunk.sip_trunk_id:
            raise TwirpError("invalid_argument", "missing trunk, or trunk id is set")
        trunk = type(req.trunk)()
        trunk.CopyFrom(req.trunk)
        self._validate_trunk(trunk)
        trunk.sip_trunk_id = new_id("ST_")
        trunk.created_at.GetCurrentTime()
        self._store(req)[trunk.sip_trunk_id] = trunk
        return trunk

    async def _list_trunk(self, req: Any) -> Message:
        numbers = {_norm(n) for n in req.numbers}
        items = [
            t
            for t in self._store(req).values()
            if (not req.trunk_ids or t.sip_trunk_id in req.trunk_ids)
            and (not numbers or not t.numbers or numbers & {_norm(n) for n in t.numbers})
        ]
        return getattr(sip, type(req).__name__.replace("Request", "Response"))(items=items)

    async def _update_trunk(self, req: Any) -> Message:
        old = self._store(req).get(req.sip_trunk_id)
        if old is None:
            raise TwirpError("not_found", "requested sip trunk does not exist")
        new = apply_action(old, req)
        self._validate_trunk(new)
        self._store(req)[req.sip_trunk_id] = new
        return new

    async def _delete_trunk(self, req: sip.DeleteSIPTrunkRequest) -> sip.SIPTrunkInfo:
        for kind, store in ((1, self.inbound_trunks), (2, self.outbound_trunks)):
            if (t := store.pop(req.sip_trunk_id, None)) is not None:
                return sip.SIPTrunkInfo(
                    sip_trunk_id=t.sip_trunk_id,
                    kind=kind,  # type: ignore
                    name=t.name,
                    metadata=t.metadata,
                )
        raise TwirpError("not_found", "requested sip trunk does not exist")

    async def _create_rule(self, req: sip.CreateSIPDispatchRuleRequest) -> sip.SIPDispatchRuleInfo:
        rule = sip.SIPDispatchRuleInfo()
        if req.HasField("dispatch_rule"):
            rule.CopyFrom(req.dispatch_rule)
        else:  # legacy flat fields
            for fd, value in req.ListFields():
                set_field(rule, fd, value)
        if not rule.HasField("rule"):
            raise TwirpError("invalid_argument", "missing rule")
        rule.sip_dispatch_rule_id = new_id("SDR_")
        rule.created_at.GetCurrentTime()
        self.dispatch_rules[rule.sip_dispatch_rule_id] = rule
        return rule

    async def _list_rule(self, req: Any) -> sip.ListSIPDispatchRuleResponse:
        return sip.ListSIPDispatchRuleResponse(
            items=[
                r
                for r in self.dispatch_rules.values()
                if (not req.dispatch_rule_ids or r.sip_dispatch_rule_id in req.dispatch_rule_ids)
                and (not req.trunk_ids or not r.trunk_ids or set(req.trunk_ids) & set(r.trunk_ids))
            ]
        )

    async def _update_rule(self, req: Any) -> sip.SIPDispatchRuleInfo:
        old = self.dispatch_rules.get(req.sip_dispatch_rule_id)
        if old is None:
            raise TwirpError("not_found", "requested sip dispatch rule does not exist")
        self.dispatch_rules[req.sip_dispatch_rule_id] = new = apply_action(old, req)
        return new

    async def _delete_rule(self, req: Any) -> sip.SIPDispatchRuleInfo:
        if (rule := self.dispatch_rules.pop(req.sip_dispatch_rule_id, None)) is None:
            raise TwirpError("not_found", "requested sip dispatch rule does not exist")
        return rule
