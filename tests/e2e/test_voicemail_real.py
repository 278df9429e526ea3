"""Voicemail detection (`workflows/lifecycle/voicemail.py`) against the real livekit-server.

An agent, a caller and a dialled "callee" are real `rtc.Room` participants in one room. The
main `AgentSession` listens to the caller (who is silent); `amd_detector` is entered before the
callee joins, as a dial would, and the callee then plays an espeak-ng greeting at phone quality.
The speech models are stand-ins: an STT that reports a fixed line once a stream has heard sound,
and a scripted classifier that answers AMD's `save_prediction` tool by that line; silero is the
VAD. The framework's AMD, RoomIO and the real server's tracks do the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import numpy as np
import pytest
from livekit import api, rtc
from livekit.agents import Agent, AgentSession, room_io, stt
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, NOT_GIVEN
from livekit.agents.voice.amd.classifier import AMD_PROMPT
from livekit.plugins import silero

from tests.e2e.conftest import unique, until
from tests.speech_bench import PHONE_RATE, phone_line
from tests.support.scripted_llm import ScriptedLLM, call
from workflows.lifecycle.voicemail import amd_detector

pytestmark = pytest.mark.e2e

VOICEMAIL = "hi you have reached dana please leave a message after the tone"
PERSON = "hello this is dana"
LOUD = 500  # peak of a 16-bit frame above which it is sound, not silence
HEARD_AFTER = 0.5  # seconds of sound a stream hears before it reports the line


class LineSTT(stt.STT):
    """A streaming STT that reports `line` once a stream has had HEARD_AFTER s of sound."""

    def __init__(self, line: str) -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=True, interim_results=False))
        self.line = line
        self.streams: list[_LineStream] = []

    @property
    def model(self) -> str:
        return "line"

    @property
    def provider(self) -> str:
        return "tests"

    async def _recognize_impl(self, buffer, *, language=NOT_GIVEN, conn_options=None):
        raise NotImplementedError("streaming only")

    def stream(self, *, language=NOT_GIVEN, conn_options=DEFAULT_API_CONNECT_OPTIONS):
        stream = _LineStream(stt=self, conn_options=conn_options)
        self.streams.append(stream)
        return stream


class _LineStream(stt.RecognizeStream):
    heard = 0.0  # seconds of sound
    frames = 0

    async def _run(self) -> None:
        said = False
        async for frame in self._input_ch:
            if isinstance(frame, self._FlushSentinel):
                continue
            self.frames += 1
            if np.abs(np.frombuffer(frame.data, dtype=np.int16)).max(initial=0) > LOUD:
                self.heard += frame.duration
            if not said and self.heard >= HEARD_AFTER:
                said = True
                text = self._stt.line
                data = stt.SpeechData(language="en", text=text, confidence=1.0)
                event = stt.SpeechEvent(
                    type=stt.SpeechEventType.FINAL_TRANSCRIPT, alternatives=[data]
                )
                self._event_ch.send_nowait(event)


def classify(ctx):
    """AMD's classifier chat: a greeting that mentions a message is a voicemail."""
    transcript = ctx.items[-1].text_content or ""
    return [call("save_prediction", label="machine-vm" if "message" in transcript else "human")]


def token(stack, room_name: str, identity: str, kind: str = "standard") -> str:
    return (
        api.AccessToken(stack.api_key, stack.api_secret)
        .with_identity(identity)
        .with_kind(kind)
        .with_grants(
            api.VideoGrants(room_join=True, room=room_name, can_update_own_metadata=kind == "agent")
        )
        .to_jwt()
    )


async def publish(room: rtc.Room) -> rtc.AudioSource:
    source = rtc.AudioSource(PHONE_RATE, 1)
    track = rtc.LocalAudioTrack.create_audio_track("mic", source)
    options = rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE)
    await room.local_participant.publish_track(track, options)
    return source


async def play(source: rtc.AudioSource, speech: rtc.AudioFrame | None = None) -> None:
    """`speech` (if any), then silence until cancelled; `capture_frame` paces it in real time."""
    step = PHONE_RATE // 100  # 10 ms
    pcm = bytes(speech.data) if speech is not None else b""
    for start in range(0, len(pcm) // 2, step):
        chunk = pcm[start * 2 : (start + step) * 2]
        await source.capture_frame(rtc.AudioFrame(chunk, PHONE_RATE, 1, len(chunk) // 2))
    quiet = rtc.AudioFrame.create(PHONE_RATE, 1, step)
    while True:
        await source.capture_frame(quiet)


@pytest.mark.parametrize(
    "line, expected, category",
    [(VOICEMAIL, "machine", "machine-vm"), (PERSON, "human", "human")],
    ids=["voicemail", "person"],
)
async def test_amd_detector_on_a_real_room(stack, caplog, line, expected, category):
    caplog.set_level(logging.INFO)
    room_name = unique("e2e-vm")
    speech = await asyncio.to_thread(phone_line, line)
    heard = LineSTT(line)
    model = ScriptedLLM(classify)
    rooms: dict[str, rtc.Room] = {who: rtc.Room() for who in ("agent", "caller", "callee")}
    agent_room, callee = rooms["agent"], rooms["callee"]
    tasks: list[asyncio.Task] = []
    subscribed = asyncio.Event()
    agent_room.on(
        "track_subscribed",
        lambda track, pub, p: p.identity == "callee" and subscribed.set(),
    )
    async with contextlib.AsyncExitStack() as cleanup:

        async def disconnect() -> None:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            for room in rooms.values():
                await room.disconnect()

        cleanup.push_async_callback(disconnect)
        await agent_room.connect(stack.url, token(stack, room_name, "agent", "agent"))
        await rooms["caller"].connect(stack.url, token(stack, room_name, "caller"))
        tasks.append(asyncio.create_task(play(await publish(rooms["caller"]))))

        session = AgentSession(
            stt=heard,
            vad=await asyncio.to_thread(silero.VAD.load),
            llm=model,
            turn_handling={"turn_detection": "vad"},
        )
        cleanup.push_async_callback(session.aclose)
        events: list[str] = []
        session.on("user_input_transcribed", lambda ev: events.append(f"heard {ev.transcript}"))
        session.on("speech_created", lambda ev: events.append(f"speech {ev.source}"))
        session.on(
            "conversation_item_added",
            lambda ev: ev.item.type == "message" and events.append(f"said {ev.item.role}"),
        )
        seen_states: list[str] = []
        rooms["caller"].on(
            "participant_attributes_changed",
            lambda changed, p: (
                "lk.agent.state" in changed and seen_states.append(changed["lk.agent.state"])
            ),
        )
        await session.start(
            Agent(instructions="Talk with the caller."),
            room=agent_room,
            room_options=room_io.RoomOptions(
                participant_identity="caller", audio_output=False, text_output=False
            ),
            record=False,
            # Outside a job both sessions would be "primary" and host a remote session on the
            # same byte-stream topic; in a worker the job makes the first one the only host.
            session_host=False,
        )
        linked: list[str | None] = []

        def link() -> str | None:
            p = session.room_io.linked_participant
            linked.append(p.identity if p else None)
            return linked[-1]

        await until(lambda: link() == "caller", 10, "the main session to link the caller")
        linked.clear()  # from here on (before it was linked, None was expected)

        handlers = dict(agent_room._byte_stream_handlers)
        async with amd_detector(session, agent_room)("callee") as verdict:
            link()
            # The dial: the callee joins, publishes, and speaks once the agent receives it.
            await callee.connect(stack.url, token(stack, room_name, "callee"))
            source = await publish(callee)
            await asyncio.wait_for(subscribed.wait(), 10)
            tasks.append(asyncio.create_task(play(source, speech)))
            link()
            answered_by = await asyncio.wait_for(verdict(), 30)
            link()
        link()

        assert answered_by == expected, caplog.text[-4000:]
        # The listener left the room's stream handlers as the main session had them (a private
        # dict of the SDK's, the only view of them).
        assert agent_room._byte_stream_handlers == handlers
        assert set(linked) == {"caller"}, linked
        assert session.room_io.linked_participant.identity == "caller"
        # The verdict came from the classifier on the callee's words, not a fallback.
        predictions = [r for r in caplog.records if r.getMessage() == "amd prediction"]
        assert [(r.category, r.reason) for r in predictions] == [(category, "llm")]
        assert f"leg callee answered by {category}" in caplog.text
        assert [t.items[0].text_content for t in model.turns] == [AMD_PROMPT] * len(model.turns)
        assert {t.items[-1].text_content for t in model.turns} == {line}
        # The main session heard only the silent caller and said nothing.
        assert events == [], events
        assert set(seen_states) <= {"initializing", "listening"}, seen_states  # as the caller saw
        main_stream = heard.streams[0]
        assert (main_stream.frames > 0, main_stream.heard) == (True, 0.0)
        assert any(s.heard >= HEARD_AFTER for s in heard.streams[1:])
