"""A room that emits participant events exactly the way `livekit.rtc.Room` does.

Participants are real `rtc.RemoteParticipant` objects built from the FFI protobuf (with an
invalid handle, so nothing native is touched); attribute changes and disconnects update the
participant's info before the event is emitted, as `rtc/room.py` does.
"""

from __future__ import annotations

from livekit import rtc
from livekit.rtc._proto import handle_pb2, participant_pb2

SIP = rtc.ParticipantKind.PARTICIPANT_KIND_SIP
STANDARD = rtc.ParticipantKind.PARTICIPANT_KIND_STANDARD


class FakeRoom(rtc.EventEmitter):
    def __init__(self, name: str = "room-test") -> None:
        super().__init__()
        self.name = name
        self.remote_participants: dict[str, rtc.RemoteParticipant] = {}

    def join(self, identity: str, *, kind=SIP, **attributes: str) -> rtc.RemoteParticipant:
        owned = participant_pb2.OwnedParticipant(
            handle=handle_pb2.FfiOwnedHandle(id=0),
            info=participant_pb2.ParticipantInfo(
                identity=identity, name=identity, kind=kind, attributes=attributes
            ),
        )
        participant = rtc.RemoteParticipant(owned)
        self.remote_participants[identity] = participant
        self.emit("participant_connected", participant)
        return participant

    def set_attributes(self, identity: str, **changed: str) -> None:
        participant = self.remote_participants[identity]
        merged = {**participant.attributes, **changed}
        participant._info.attributes.clear()
        participant._info.attributes.update(merged)
        self.emit("participant_attributes_changed", dict(changed), participant)

    def leave(self, identity: str, reason: str) -> None:
        participant = self.remote_participants.pop(identity)
        participant._info.disconnect_reason = rtc.DisconnectReason.Value(reason)
        self.emit("participant_disconnected", participant)

    def key(self, identity: str, digits: str) -> None:
        """`identity` presses each of `digits` on its phone (the bridge's RFC 2833 events)."""
        participant = self.remote_participants.get(identity)
        for digit in digits:
            code = "0123456789*#".index(digit) if digit in "0123456789*#" else 0
            self.emit("sip_dtmf_received", rtc.SipDTMF(code, digit, participant))
