"""The LiveKit SIP resources `python -m workflows.provision` manages, as data.

Each resource has a desired state built from the settings and `provision.yaml` (beside this
module); `plan` compares it with what LiveKit has and yields the create or update request (or none).
`export` writes the create requests as JSON files for `lk sip ... create`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from google.protobuf.duration_pb2 import Duration
from google.protobuf.json_format import MessageToJson
from google.protobuf.message import Message
from livekit import api
from livekit.protocol import sip

from workflows.provisioning.config import Description, ProvisionSettings

REDACTED = "***"


@dataclass(frozen=True)
class Kind:
    """A kind of LiveKit SIP resource and the fields this command manages on it."""

    label: str  # "inbound trunk"; its first word is the `lk sip` subcommand
    method: str  # suffix of the SipService methods list_/create_/update_<method>
    managed: tuple[str, ...]  # compared and updated; every other field is left as it is

    @property
    def proto(self) -> str:  # "SIPInboundTrunk"
        return "SIP" + self.method.title().replace("_", "")

    @property
    def id_field(self) -> str:
        return "sip_dispatch_rule_id" if self is RULE else "sip_trunk_id"

    def create(self, resource: Message) -> Message:
        wrapper = "dispatch_rule" if self is RULE else "trunk"
        return getattr(sip, f"Create{self.proto}Request")(**{wrapper: resource})

    def update(self, resource_id: str, resource: Message) -> Message:
        request = getattr(sip, f"Update{self.proto}Request")
        return request(**{self.id_field: resource_id, "replace": resource})


INBOUND = Kind("inbound trunk", "inbound_trunk", ("numbers", "krisp_enabled", "ringing_timeout"))
RULE = Kind("dispatch rule", "dispatch_rule", ("rule", "trunk_ids", "room_config.agents"))
OUTBOUND = Kind(
    "outbound trunk", "outbound_trunk", ("address", "numbers", "auth_username", "auth_password")
)


def desired_inbound(s: ProvisionSettings, d: Description) -> Message:
    spec = d.inbound_trunk
    return sip.SIPInboundTrunkInfo(
        name=spec.name,
        numbers=[s.inbound_number],
        krisp_enabled=spec.krisp_enabled,
        ringing_timeout=Duration(seconds=spec.ringing_timeout),
    )


def desired_rule(s: ProvisionSettings, d: Description, trunk_id: str | None) -> Message:
    """Individual dispatch: a new room per caller, and the worker dispatched by name."""
    individual = sip.SIPDispatchRuleIndividual(room_prefix=d.dispatch_rule.room_prefix)
    return sip.SIPDispatchRuleInfo(
        name=d.dispatch_rule.name,
        rule=sip.SIPDispatchRule(dispatch_rule_individual=individual),
        trunk_ids=[trunk_id] if trunk_id else [],
        room_config=api.RoomConfiguration(agents=[api.RoomAgentDispatch(agent_name=s.agent_name)]),
    )


def desired_outbound(s: ProvisionSettings, d: Description) -> Message:
    return sip.SIPOutboundTrunkInfo(
        name=d.outbound_trunk.name,
        address=s.outbound_address,
        numbers=[s.outbound_number],
        auth_username=s.outbound_username,
        auth_password=s.outbound_password,
    )


_DONE = {"create": "created", "update": "updated", "unchanged": "unchanged"}


@dataclass
class Change:
    """What one resource needs: "create", "update" (the `changed` fields) or "unchanged"."""

    kind: Kind
    name: str
    action: str
    resource_id: str | None = None
    changed: tuple[str, ...] = ()
    request: Message | None = None  # None when unchanged

    def summary(self, dry_run: bool = False) -> str:
        where = f"{self.kind.label} '{self.name}'"
        where += f" ({self.resource_id})" if self.resource_id else ""
        verb = f"would {self.action}" if dry_run and self.request else _DONE[self.action]
        return f"{where}: {verb}" + (f" {', '.join(self.changed)}" if self.changed else "")


def plan(kind: Kind, desired: Any, existing: Any | None) -> Change:
    """Compare the managed fields; an update replaces the resource with them set."""
    if existing is None:
        return Change(kind, desired.name, "create", request=kind.create(desired))
    resource_id = getattr(existing, kind.id_field)
    changed = tuple(f for f in kind.managed if _get(existing, f) != _get(desired, f))
    if not changed:
        return Change(kind, desired.name, "unchanged", resource_id)
    merged = type(existing)()
    merged.CopyFrom(existing)
    for path in changed:
        *parents, last = path.split(".")
        parent = _get(merged, ".".join(parents)) if parents else merged
        parent.ClearField(last)
        parent.MergeFrom(type(parent)(**{last: _get(desired, path)}))
    for generated in (kind.id_field, "created_at", "updated_at"):
        merged.ClearField(generated)
    return Change(
        kind, desired.name, "update", resource_id, changed, kind.update(resource_id, merged)
    )


def _get(message: Any, path: str) -> Any:
    for part in path.split("."):
        message = getattr(message, part)
    return message


def to_json(message: Message) -> str:
    """Protobuf JSON (what `lk` reads) with every SIP password replaced by "***"."""
    copy = type(message)()
    copy.CopyFrom(message)
    stack: list[Any] = [copy]
    while stack:
        current = stack.pop()
        for fd, value in current.ListFields():
            if fd.name == "auth_password":
                setattr(current, fd.name, REDACTED)
            elif fd.message_type is not None and not fd.is_repeated:
                stack.append(value)
    return MessageToJson(copy, indent=2)


def export(s: ProvisionSettings, d: Description, directory: Path) -> list[str]:
    """Write each create request as a JSON file for `lk sip ... create`; return the commands."""
    directory.mkdir(parents=True, exist_ok=True)
    files = [
        (INBOUND, desired_inbound(s, d), "inbound-trunk.json", ""),
        (RULE, desired_rule(s, d, None), "dispatch-rule.json", "--trunks <inbound trunk ID> "),
    ]
    if d.outbound_trunk.create:
        auth = '--auth-pass "$SIP_OUTBOUND_PASSWORD" ' if s.outbound_password else ""
        files.append((OUTBOUND, desired_outbound(s, d), "outbound-trunk.json", auth))
    commands = []
    for kind, resource, filename, flags in files:
        path = directory / filename
        path.write_text(to_json(kind.create(resource)) + "\n", encoding="utf-8")
        commands.append(f"  lk sip {kind.label.split()[0]} create {flags}{path}")
    return commands
