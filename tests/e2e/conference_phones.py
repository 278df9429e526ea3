"""A conference on real phones: a sipp caller rings the agent through the SIP bridge, and the
sipp callee the host dials answers and then speaks, each of its lines held until the test
cues it (a fact the test saw: the call log, what the agent said), not after a head start.

Used by tests/e2e/test_hears_everyone_real.py. A callee's cue is an INFO inside its call,
built from the bridge's INVITE (the callee's side of the dialog). sipp takes one call: a
second number dialled reaches the same address and is not answered, but its INVITEs are
there to count (`Conference.invites_for`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from livekit import api, rtc
from livekit.rtc.data_stream import StreamError

from tests.e2e import rtp
from tests.e2e.capture import Capture
from tests.e2e.livekit_stack import unique, until
from tests.e2e.phones import Cue, PhoneCall, Say, Wait, ring
from tests.e2e.sipp import HEAD, REPLY, SDP, Sipp, _pause, _play, run_sipp

__all__ = ["Callee", "Conference", "conference", "sound_before", "speaking_callee"]


def speaking_callee(steps: list[Say | Wait | Cue], silence: Path, hold: float) -> str:
    """A dialled phone that answers (180, 200 OK), then plays `steps` with line silence
    between them (the n-th `Cue` waits, up to its `within`, for the n-th INFO), then holds
    the call until the far end's BYE (up to `hold` s)."""
    tag = ";tag=[pid]SIPpTag01[call_number]"
    xml = HEAD.format(name="speaking-callee")
    xml += '  <recv request="INVITE" rrs="true"/>\n'
    xml += REPLY.format(status="180 Ringing", to_tag=tag, body="")
    xml += REPLY.format(status="200 OK", to_tag=tag, body=SDP)
    xml += '  <recv request="ACK" rtd="true"/>\n'
    xml += _play(silence, -1)
    cues = 0
    for step in steps:
        if isinstance(step, Say):
            xml += _play(step.wav) + _pause(step.seconds) + _play(silence, -1)
        elif isinstance(step, Cue):
            cues += 1
            xml += f'  <nop><action><log message="waiting for cue {cues}"/></action></nop>\n'
            xml += f'  <recv request="INFO" timeout="{int(step.within * 1000)}"/>\n'
        else:
            xml += _pause(step.seconds)
    xml += f'  <recv request="BYE" timeout="{int(hold * 1000)}"/>\n'
    xml += REPLY.format(status="200 OK", to_tag="", body="")
    return xml + "</scenario>\n"


@dataclass
class Callee:
    """The speaking callee's sipp and the cues the test gives it, in order."""

    sipp: Sipp
    ip: str
    cues: int = 0

    def media_port(self) -> int:
        """Where the callee receives its audio (its 200 OK's SDP)."""
        [ok] = [m for w, m in self.sipp.trace_messages() if w == "sent" and "m=audio" in m][:1]
        return int(ok.split("m=audio ", 1)[1].split()[0])

    async def cue(self, within: float = 60) -> None:
        """Let the callee go on past its next Cue: once it waits there, an INFO in its first
        call, sent again until it has arrived."""
        self.cues += 1
        n = self.cues
        await until(
            lambda: f"waiting for cue {n}\n" in self.sipp.logs(), within, f"callee at cue {n}"
        )
        invite = self.sipp.received("INVITE")[0]
        headers = {
            h.split(":", 1)[0].strip().lower(): h.split(":", 1)[1].strip()
            for h in invite.splitlines()[1:]
            if ":" in h
        }
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.bind((self.ip, 0))
            info = (
                f"INFO sip:callee@{self.ip}:{self.sipp.port} SIP/2.0\r\n"
                f"Via: SIP/2.0/UDP {self.ip}:{sock.getsockname()[1]};branch=z9hG4bK-cue-{n}\r\n"
                f"From: {headers['from']}\r\nTo: {headers['to']}\r\n"
                f"Call-ID: {headers['call-id']}\r\nCSeq: {100 + n} INFO\r\n"
                "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
            )
            async with asyncio.timeout(within):
                while len(self.sipp.received("INFO")) < n:
                    sock.sendto(info.encode(), (self.ip, self.sipp.port))
                    for _ in range(50):
                        await asyncio.sleep(0.1)
                        if len(self.sipp.received("INFO")) >= n:
                            break


@dataclass(frozen=True)
class Said:
    at: float  # time.time()
    text: str


@dataclass
class Conference:
    """One call in progress: the caller's phone (a `ring` task), the speaking callee, what
    the agent said in the room (its own transcription), and the worker's call log."""

    phone: asyncio.Task[PhoneCall]
    callee: Callee
    call_logs: Path
    capture: Capture
    agent_said: list[Said] = field(default_factory=list)
    agent_state: list[str] = field(default_factory=list)

    def log(self, since: float = 0.0) -> list[dict]:
        """The call's log records written at or after `since` (time.time())."""
        records = []
        for path in self.call_logs.glob("*.jsonl"):
            for line in path.read_text().splitlines():
                with contextlib.suppress(ValueError):  # a line being written
                    records.append(json.loads(line))
        return [r for r in records if r.get("ts", 0) >= since]

    def when_said(self, text: str) -> float | None:
        """When the agent's transcription of a line holding `text` ended (time.time())."""
        return next((said.at for said in self.agent_said if text in said.text), None)

    def said_since(self, since: float) -> list[str]:
        return [s.text for s in self.agent_said if s.at >= since]

    def finished(self, text: str) -> bool:
        """Whether the agent has said a line holding `text` and is listening now."""
        return any(text in said.text for said in self.agent_said) and self.listening()

    def listening(self) -> bool:
        return bool(self.agent_state) and self.agent_state[-1] == "listening"

    async def quiet(self, within: float = 60) -> None:
        """Wait until the agent is listening (it has finished what it was saying)."""
        await asyncio.sleep(0.5)  # a reply just begun has not turned the state yet
        await until(self.listening, within, "the agent to finish speaking")

    def invites_for(self, digits: str) -> int:
        """INVITE packets (retransmissions too) the bridge sent to the callee's address for a
        number ending `digits`."""
        return sum(
            1
            for p in rtp.read_pcap(self.capture.path)
            if p.dport == self.callee.sipp.port
            and p.payload.startswith(b"INVITE ")
            and digits.encode() in p.payload.split(b"\r\n", 1)[0]
        )


@contextlib.asynccontextmanager
async def conference(
    stack,
    lk: api.LiveKitAPI,
    folder: Path,
    number: str,
    caller_steps: list[Say | Wait | Cue],
    callee_steps: list[Say | Wait | Cue],
    callee_port: int,
    call_logs: Path,
) -> AsyncIterator[Conference]:
    """The caller rings `number` and plays `caller_steps`; whatever the host dials reaches the
    speaking callee at `callee_port`. Yields once the caller is answered and an observer is
    in the call's room; everything is stopped on the way out."""
    silence = folder / "callee-silence.ulaw"
    rtp.phone_wav(silence, silence=1.0)
    scenario = speaking_callee(callee_steps, silence, hold=600)
    sipp = await run_sipp(folder, "callee", scenario, ip=stack.peer_ip, port=callee_port)
    before = await _call_rooms(lk)  # rooms other calls left behind are not this one's
    answered = asyncio.Event()
    phone = asyncio.create_task(
        ring(
            folder,
            number,
            caller_steps,
            phone_ip=stack.peer_ip,
            bridge_ip=stack.ip,
            ending="hang_up",
            answered=answered,
        )
    )
    try:
        async with Capture(folder / "callee.pcap", f"udp and dst host {stack.peer_ip}") as cap:
            call = Conference(phone, Callee(sipp, stack.peer_ip), call_logs, cap)
            await until(answered.is_set, 60, "the caller's call to be answered")
            async with asyncio.timeout(30):
                while not (new := await _call_rooms(lk) - before):
                    await asyncio.sleep(0.2)
            [room_name] = new
            async with _observer(stack, room_name, call):
                yield call
    finally:
        phone.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await phone
        for room in await _call_rooms(lk) - before:  # the legs are hung up (BYE) with it
            await lk.room.delete_room(api.DeleteRoomRequest(room=room))
        await sipp.stop()


async def _call_rooms(lk: api.LiveKitAPI) -> set[str]:
    rooms = (await lk.room.list_rooms(api.ListRoomsRequest())).rooms
    return {r.name for r in rooms if r.name.startswith("call-")}


@contextlib.asynccontextmanager
async def _observer(stack, room_name: str, call: Conference) -> AsyncIterator[None]:
    """A silent participant in the call's room: what the agent says (its transcription) and
    its state, as any participant can read them."""
    token = (
        api.AccessToken(stack.api_key, stack.api_secret)
        .with_identity(unique("observer"))
        .with_grants(api.VideoGrants(room_join=True, room=room_name, can_publish=False))
        .to_jwt()
    )
    room = rtc.Room()
    tasks: set[asyncio.Task] = set()

    def agent(identity: str) -> bool:
        p = room.remote_participants.get(identity)
        return p is not None and p.kind == rtc.ParticipantKind.PARTICIPANT_KIND_AGENT

    def on_stream(reader: rtc.TextStreamReader, sender: str) -> None:
        if not agent(sender):
            return

        async def read() -> None:
            with contextlib.suppress(StreamError):
                if text := (await reader.read_all()).strip():
                    call.agent_said.append(Said(time.time(), text))

        task = asyncio.create_task(read())
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    def on_attributes(changed: dict[str, str], participant: rtc.Participant) -> None:
        if "lk.agent.state" in changed and agent(participant.identity):
            call.agent_state.append(changed["lk.agent.state"])

    room.register_text_stream_handler("lk.transcription", on_stream)
    room.on("participant_attributes_changed", on_attributes)
    await room.connect(stack.url, token, rtc.RoomOptions(auto_subscribe=False))
    try:
        for p in room.remote_participants.values():
            if p.kind == rtc.ParticipantKind.PARTICIPANT_KIND_AGENT:
                call.agent_state.append(p.attributes.get("lk.agent.state", ""))
        yield
    finally:
        await room.disconnect()


def sound_before(callee: Callee, capture: Capture, at: float, seconds: float = 3.0) -> bool:
    """Whether the callee's phone received sound (not line silence) in the `seconds` before
    `at` (time.time()): the agent's transcription of a line ends with its audio, so this is
    that line reaching the phone. (Matching the line's loudness contour, `where_said`, failed
    once at a load average of 13: the agent's audio stutters.)"""
    packets = rtp.rtp_to(capture.packets(), callee.ip, callee.media_port())
    return rtp.first_sound([r for r in packets if at - seconds <= r.time <= at]) is not None
