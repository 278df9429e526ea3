"""The server's record of rooms and their participants: participant events for tests, the
RoomService handlers and the (room-scoped) AgentDispatchService handlers."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from livekit.protocol import agent_dispatch as ad
from livekit.protocol import models
from livekit.protocol import room as rm

from tests.support.livekit_server.fields import set_field
from tests.support.livekit_server.twirp import TwirpError, new_id

Listener = Callable[[str, str, models.ParticipantInfo, dict[str, Any]], Awaitable[None] | None]


@dataclass
class ServerRoom:
    """The server's record of one room (not an ``rtc.Room``: see tests/support/fake_room.py)."""

    info: models.Room
    participants: dict[str, models.ParticipantInfo] = field(default_factory=dict)
    dispatches: dict[str, ad.AgentDispatch] = field(default_factory=dict)


class Rooms:
    """Rooms, participants and agent dispatches; LiveKitTestServer sets the state up."""

    rooms: dict[str, ServerRoom]
    _listeners: list[Listener]
    _ringing: dict[tuple[str, str], asyncio.Event]  # set when the callee leaves

    def on_participant_event(self, callback: Listener) -> Callable[[], None]:
        """``callback(kind, room, participant, extra)``; kind is "joined",
        "attributes_changed" (extra["changed"]) or "left" (extra["reason"], a DisconnectReason
        name). Sync or async; awaited in order. Returns an unsubscribe function."""
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback)

    async def add_participant(
        self,
        room: str,
        identity: str,
        *,
        kind: int = 0,
        name: str = "",
        attributes: dict[str, str] | None = None,
        metadata: str = "",
    ) -> models.ParticipantInfo:
        """Join a participant (creating the room); an existing identity is kicked first."""
        r = self._ensure_room(room)
        if identity in r.participants:
            await self.disconnect_participant(room, identity, "DUPLICATE_IDENTITY")
        now = time.time()
        p = models.ParticipantInfo(
            sid=new_id("PA_"),
            identity=identity,
            name=name,
            kind=kind,  # type: ignore[arg-type]
            state=models.ParticipantInfo.State.ACTIVE,
            joined_at=int(now),
            joined_at_ms=int(now * 1000),
            attributes=attributes or {},
            metadata=metadata,
        )
        r.participants[identity] = p
        await self._emit("joined", room, p)
        return p

    async def set_attributes(self, room: str, identity: str, attrs: dict[str, str]) -> None:
        """Merge attributes (an empty value deletes) and fire "attributes_changed"."""
        p = self._participant(room, identity)
        changed = {k: v for k, v in attrs.items() if p.attributes.get(k, "") != v}
        for k, v in changed.items():
            if v:
                p.attributes[k] = v
            else:
                del p.attributes[k]
        if changed:
            await self._emit("attributes_changed", room, p, changed=changed)

    async def disconnect_participant(
        self, room: str, identity: str, reason: str = "CLIENT_INITIATED"
    ) -> None:
        """Remove a participant (e.g. the callee hangs up) and fire "left"."""
        r = self.rooms.get(room)
        p = r.participants.pop(identity, None) if r else None
        if p is not None:
            if gone := self._ringing.get((room, identity)):
                gone.set()  # a phone still ringing stops: the dial ends at once
            p.state = models.ParticipantInfo.State.DISCONNECTED
            p.disconnect_reason = models.DisconnectReason.Value(reason)
            await self._emit("left", room, p, reason=reason)

    async def _emit(self, kind: str, room: str, p: models.ParticipantInfo, **extra: Any) -> None:
        snapshot = models.ParticipantInfo()
        snapshot.CopyFrom(p)
        for callback in list(self._listeners):
            result = callback(kind, room, snapshot, extra)
            if inspect.isawaitable(result):
                await result

    def _ensure_room(self, name: str) -> ServerRoom:
        if name not in self.rooms:
            now = time.time()
            info = models.Room(
                sid=new_id("RM_"),
                name=name,
                creation_time=int(now),
                creation_time_ms=int(now * 1000),
            )
            self.rooms[name] = ServerRoom(info)
        return self.rooms[name]

    def _room(self, name: str) -> ServerRoom:
        if name not in self.rooms:
            raise TwirpError("not_found", "requested room does not exist")
        return self.rooms[name]

    def _participant(self, room: str, identity: str) -> models.ParticipantInfo:
        p = self._room(room).participants.get(identity)
        if p is None:
            raise TwirpError("not_found", "participant does not exist")
        return p

    # ------------------------------------------------------------------- RoomService
    async def _create_room(self, req: rm.CreateRoomRequest) -> models.Room:
        if not req.name:
            raise TwirpError("invalid_argument", "no room name")
        existed = req.name in self.rooms
        info = self._ensure_room(req.name).info
        if not existed:
            info.empty_timeout, info.departure_timeout = req.empty_timeout, req.departure_timeout
            info.max_participants, info.metadata = req.max_participants, req.metadata
        return info

    async def _list_rooms(self, req: rm.ListRoomsRequest) -> rm.ListRoomsResponse:
        rooms = [r for n, r in self.rooms.items() if not req.names or n in req.names]
        for r in rooms:
            r.info.num_participants = len(r.participants)
        return rm.ListRoomsResponse(rooms=[r.info for r in rooms])

    async def _delete_room(self, req: rm.DeleteRoomRequest) -> rm.DeleteRoomResponse:
        for identity in list(self._room(req.room).participants):
            await self.disconnect_participant(req.room, identity, "ROOM_DELETED")
        del self.rooms[req.room]
        return rm.DeleteRoomResponse()

    async def _list_participants(self, req: Any) -> rm.ListParticipantsResponse:
        return rm.ListParticipantsResponse(participants=self._room(req.room).participants.values())

    async def _get_participant(self, req: rm.RoomParticipantIdentity) -> models.ParticipantInfo:
        return self._participant(req.room, req.identity)

    async def _remove_participant(self, req: Any) -> rm.RemoveParticipantResponse:
        self._participant(req.room, req.identity)
        await self.disconnect_participant(req.room, req.identity, "PARTICIPANT_REMOVED")
        return rm.RemoveParticipantResponse()

    async def _mute_track(self, req: rm.MuteRoomTrackRequest) -> rm.MuteRoomTrackResponse:
        p = self._participant(req.room, req.identity)
        track = next((t for t in p.tracks if t.sid == req.track_sid), None)
        if track is None:
            raise TwirpError("not_found", "track is not found")
        track.muted = req.muted
        return rm.MuteRoomTrackResponse(track=track)

    async def _update_participant(self, req: rm.UpdateParticipantRequest) -> models.ParticipantInfo:
        p = self._participant(req.room, req.identity)
        if req.metadata:
            p.metadata = req.metadata
        if req.name:
            p.name = req.name
        if req.HasField("permission"):
            p.permission.CopyFrom(req.permission)
        await self.set_attributes(req.room, req.identity, dict(req.attributes))
        return p

    # ---------------------------------------------------------- AgentDispatchService
    async def _create_dispatch(self, req: ad.CreateAgentDispatchRequest) -> ad.AgentDispatch:
        d = ad.AgentDispatch(
            id=new_id("AD_"), state=ad.AgentDispatchState(created_at=time.time_ns())
        )
        for fd, value in req.ListFields():
            set_field(d, fd, value)
        self._ensure_room(req.room).dispatches[d.id] = d
        return d

    async def _list_dispatch(self, req: Any) -> ad.ListAgentDispatchResponse:
        found = self.rooms[req.room].dispatches.values() if req.room in self.rooms else []
        return ad.ListAgentDispatchResponse(
            agent_dispatches=[d for d in found if not req.dispatch_id or d.id == req.dispatch_id]
        )

    async def _delete_dispatch(self, req: Any) -> ad.AgentDispatch:
        d = (
            self.rooms[req.room].dispatches.pop(req.dispatch_id, None)
            if req.room in self.rooms
            else None
        )
        if d is None:
            raise TwirpError("not_found", "dispatch not found")
        d.state.deleted_at = time.time_ns()
        return d
