"""The routing table: each Twirp method's service, request class, handler and the JWT
grant it needs, per the client's ``_auth_header`` calls and livekit-server's
``Ensure*Permission`` checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from livekit import api
from livekit.protocol import agent_dispatch as ad
from livekit.protocol import room as rm
from livekit.protocol import sip


def _room_admin(c: api.Claims, r: Any) -> bool:
    room = r.room_name if isinstance(r, sip.TransferSIPParticipantRequest) else r.room
    return bool(c.video and c.video.room_admin and c.video.room == room)


def _room_create(c: api.Claims, r: Any) -> bool:
    return bool(c.video and c.video.room_create)


def _room_list(c: api.Claims, r: Any) -> bool:
    return bool(c.video and c.video.room_list)


def _sip_admin(c: api.Claims, r: Any) -> bool:
    return bool(c.sip and c.sip.admin)


def _sip_call(c: api.Claims, r: Any) -> bool:
    return bool(c.sip and c.sip.call)


def _transfer_allowed(c: api.Claims, r: Any) -> bool:
    return _sip_call(c, r) and _room_admin(c, r)


_R, _S, _A = "RoomService", "SIP", "AgentDispatchService"
# method -> (service, request class, handler attribute, grant check)
ROUTES: dict[str, tuple[str, Any, str, Callable[[api.Claims, Any], bool]]] = {
    "CreateRoom": (_R, rm.CreateRoomRequest, "_create_room", _room_create),
    "ListRooms": (_R, rm.ListRoomsRequest, "_list_rooms", _room_list),
    "DeleteRoom": (_R, rm.DeleteRoomRequest, "_delete_room", _room_create),
    "ListParticipants": (_R, rm.ListParticipantsRequest, "_list_participants", _room_admin),
    "GetParticipant": (_R, rm.RoomParticipantIdentity, "_get_participant", _room_admin),
    "RemoveParticipant": (_R, rm.RoomParticipantIdentity, "_remove_participant", _room_admin),
    "MutePublishedTrack": (_R, rm.MuteRoomTrackRequest, "_mute_track", _room_admin),
    "UpdateParticipant": (_R, rm.UpdateParticipantRequest, "_update_participant", _room_admin),
    "CreateSIPParticipant": (
        _S,
        sip.CreateSIPParticipantRequest,
        "_create_sip_participant",
        _sip_call,
    ),
    "TransferSIPParticipant": (
        _S,
        sip.TransferSIPParticipantRequest,
        "_transfer",
        _transfer_allowed,
    ),
    "DeleteSIPTrunk": (_S, sip.DeleteSIPTrunkRequest, "_delete_trunk", _sip_admin),
    **{
        f"{verb}SIP{kind}Trunk": (
            _S,
            getattr(sip, f"{verb}SIP{kind}TrunkRequest"),
            f"_{verb.lower()}_trunk",
            _sip_admin,
        )
        for kind in ("Inbound", "Outbound")
        for verb in ("Create", "List", "Update")
    },
    **{
        f"{verb}SIPDispatchRule": (
            _S,
            getattr(sip, f"{verb}SIPDispatchRuleRequest"),
            f"_{verb.lower()}_rule",
            _sip_admin,
        )
        for verb in ("Create", "List", "Update", "Delete")
    },
    "CreateDispatch": (_A, ad.CreateAgentDispatchRequest, "_create_dispatch", _room_admin),
    "ListDispatch": (_A, ad.ListAgentDispatchRequest, "_list_dispatch", _room_admin),
    "DeleteDispatch": (_A, ad.DeleteAgentDispatchRequest, "_delete_dispatch", _room_admin),
}
