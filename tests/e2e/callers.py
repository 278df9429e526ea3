"""Callers on the real stack: a test participant standing in for a phone caller, who types lines
into the room's text input and reads the agent's transcription stream, as a web client of the
agent would. Used by the e2e fixtures (conftest.py) and by the worker tests and the capacity
measurement (through workers.py)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

from livekit import api, rtc
from livekit.rtc.data_stream import StreamError

from tests.e2e.livekit_stack import Server, unique, until

TOPIC_CHAT = "lk.chat"  # livekit.agents.types.TOPIC_CHAT: the room's text input
TOPIC_TRANSCRIPTION = "lk.transcription"  # ...TOPIC_TRANSCRIPTION: the agent's replies
SILENCE_RATE = 16000  # Hz, the caller's microphone


class Caller:
    """The test participant standing in for a phone caller: types lines into the room's text
    input and reads the agent's transcription stream."""

    def __init__(self, room: rtc.Room, room_name: str):
        self.room = room
        self.room_name = room_name
        self.heard: list[str] = []
        self.started: list[float] = []  # when each agent line began (its stream opened)
        self._tasks: set[asyncio.Task] = set()
        room.register_text_stream_handler(TOPIC_TRANSCRIPTION, self._on_transcription)

    def _on_transcription(self, reader: rtc.TextStreamReader, participant_identity: str) -> None:
        self.started.append(time.monotonic())  # the agent began to speak this line

        async def read() -> None:
            try:
                text = await reader.read_all()
            except StreamError:  # the call ended while the agent spoke
                return
            if text.strip():
                self.heard.append(text.strip())

        task = asyncio.create_task(read())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def publish_silence(self) -> None:
        """A microphone track carrying silence, as a phone line does between words: the agent
        runs its voice activity detection and recognizer on it for the whole call."""
        source = rtc.AudioSource(SILENCE_RATE, 1)
        track = rtc.LocalAudioTrack.create_audio_track("mic", source)
        await self.room.local_participant.publish_track(
            track, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE)
        )
        frame = rtc.AudioFrame.create(SILENCE_RATE, 1, SILENCE_RATE // 50)  # 20 ms of zeros

        async def feed() -> None:  # capture_frame waits while the source's buffer is full
            while True:
                await source.capture_frame(frame)

        task = asyncio.create_task(feed())
        self._tasks.add(task)

    async def say(self, text: str) -> None:
        await self.room.local_participant.send_text(text, topic=TOPIC_CHAT)

    async def hears(self, text: str, timeout: float, after: int = 0) -> None:
        """Wait until `text` is heard (among lines heard from index `after` on)."""
        await until(
            lambda: text in self.heard[after:],
            timeout,
            f"{self.room_name}: the caller to hear {text!r}; heard: {self.heard!r}",
        )

    async def say_and_hear(self, line: str, reply: str, timeout: float) -> None:
        mark = len(self.heard)
        await self.say(line)
        await self.hears(reply, timeout, after=mark)


async def call(server: Server, lk: api.LiveKitAPI, agent_name: str) -> Caller:
    """A new call: the caller joins a new room, then the agent is dispatched to it by name
    (LiveKit's dispatch picks the worker). Hang up with `hang_up`."""
    room_name = unique("call")
    token = (
        api.AccessToken(server.api_key, server.api_secret)
        .with_identity("caller")
        .with_name("Ada")
        .with_grants(api.VideoGrants(room_join=True, room=room_name))
        .to_jwt()
    )
    room = rtc.Room()
    caller = Caller(room, room_name)
    await room.connect(server.url, token)
    await lk.agent_dispatch.create_dispatch(
        api.CreateAgentDispatchRequest(agent_name=agent_name, room=room_name)
    )
    return caller


async def hang_up(caller: Caller) -> None:
    for task in list(caller._tasks):
        task.cancel()
    await caller.room.disconnect()


@contextlib.asynccontextmanager
async def calls_hung_up() -> AsyncIterator[list[Caller]]:
    """A list to put callers in; each one is disconnected on the way out, whatever happened."""
    callers: list[Caller] = []
    try:
        yield callers
    finally:
        for c in callers:
            with contextlib.suppress(Exception):
                await hang_up(c)
