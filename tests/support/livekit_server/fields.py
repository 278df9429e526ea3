"""Copying protobuf fields: onto a same-named field of another message, and the
``replace`` / ``update`` actions of the UpdateSIP*Request messages."""

from __future__ import annotations

from typing import Any

from google.protobuf.message import Message

from tests.support.livekit_server.twirp import TwirpError


def set_field(dst: Message, fd: Any, value: Any) -> None:
    """Copy one field (scalar, repeated, map or message) onto a same-named field of dst."""
    if fd.name not in dst.DESCRIPTOR.fields_by_name:
        return
    if fd.message_type is not None and fd.message_type.GetOptions().map_entry:
        target = getattr(dst, fd.name)
        for k, v in value.items():
            target.pop(k, None) if v == "" else target.__setitem__(k, v)  # type: ignore
    elif fd.is_repeated:
        del getattr(dst, fd.name)[:]
        getattr(dst, fd.name).extend(value)
    elif fd.message_type is not None:
        getattr(dst, fd.name).CopyFrom(value)
    else:
        setattr(dst, fd.name, value)


def apply_action(old: Message, req: Any) -> Message:
    """UpdateSIP*Request: ``replace`` swaps the object (keeping its id), ``update`` patches
    optional fields and applies ListUpdate {set, add, remove, clear} to lists."""
    new = type(old)()
    new.CopyFrom(old)
    action = req.WhichOneof("action")
    if action is None:
        raise TwirpError("invalid_argument", "missing or unsupported update action")
    if action == "replace":
        id_field = old.DESCRIPTOR.fields[0].name  # sip_trunk_id / sip_dispatch_rule_id
        new.CopyFrom(req.replace)
        setattr(new, id_field, getattr(old, id_field))
        new.created_at.CopyFrom(old.created_at)  # type: ignore[attr-defined]
    else:
        for fd, value in req.update.ListFields():
            if fd.message_type is not None and fd.message_type.full_name == "livekit.ListUpdate":
                current = [] if value.clear else list(value.set or getattr(new, fd.name))
                current = [v for v in current if v not in value.remove]
                current += [v for v in value.add if v not in current]
                set_field(new, old.DESCRIPTOR.fields_by_name[fd.name], current)
            else:
                set_field(new, fd, value)
    new.updated_at.GetCurrentTime()  # type: ignore[attr-defined]
    return new
