"""Each participant's own transcription: one STT stream per dialled leg's audio track.

The session's room input is the caller's. Every leg the host dialled in is heard here: its
audio track (`rtc.AudioStream`) feeds a `stt.stream()` of its own (a recognizer without
streaming, such as pocketsphinx, runs through the framework's `stt.StreamAdapter`, which
cuts turns with the VAD's stream), and each final transcript is that person's turn
(`hearing.hear`, which names them and decides whether the host answers).

Each stream costs a recognizer, so at most `HEARD_PARTICIPANTS` legs are transcribed at
once. Beyond that a leg is not heard by the host (everyone on the call still hears them):
it is logged and written to the call log as `not_heard`, and its track is taken up if a
slot frees before it leaves. 0 hears nobody but the caller.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable

from livekit import rtc
from livekit.agents import stt, vad

from workflows.lifecycle import hearing
from workflows.lifecycle.state import CallState

log = logging.getLogger("call")

SAMPLE_RATE = 16000  # what the recognizers here take; the stream resamples the track
Frames = Callable[[rtc.Track], AsyncIterator[rtc.AudioFrame]]


async def track_frames(track: rtc.Track) -> AsyncIterator[rtc.AudioFrame]:
    """A remote audio track's frames, mono at SAMPLE_RATE."""
    stream = rtc.AudioStream.from_track(track=track, sample_rate=SAMPLE_RATE, num_channels=1)
    try:
        async for event in stream:
            yield event.frame
    finally:
        await stream.aclose()


class Listeners:
    """The transcription streams of one call's participants, at most `limit` at once."""

    def __init__(
        self,
        state: CallState,
        recognizer: stt.STT,
        detector: vad.VAD | None,
        limit: int,
        frames: Frames = track_frames,
    ) -> None:
        if not recognizer.capabilities.streaming:
            if detector is None:
                raise ValueError("a recognizer without streaming needs a VAD to cut turns")
            recognizer = stt.StreamAdapter(stt=recognizer, vad=detector)
        self._state, self._stt, self._limit, self._frames = state, recognizer, limit, frames
        self._tasks: dict[str, asyncio.Task] = {}
        self._waiting: dict[str, rtc.Track] = {}  # legs beyond the limit, in arrival order

    def attach(self, room: rtc.Room) -> None:
        """Listen to each leg's audio track as it is subscribed, and stop when it goes."""

        @room.on("track_subscribed")
        def _subscribed(track: rtc.Track, _pub, participant: rtc.RemoteParticipant) -> None:
            if track.kind == rtc.TrackKind.KIND_AUDIO:
                self.listen(participant.identity, track)

        @room.on("track_unsubscribed")
        def _unsubscribed(_track, _pub, participant: rtc.RemoteParticipant) -> None:
            self.stop(participant.identity)

        @room.on("participant_disconnected")
        def _left(participant: rtc.RemoteParticipant) -> None:
            self.stop(participant.identity)

    def listen(self, identity: str, track: rtc.Track) -> bool:
        """Transcribe a leg's track; False when it is not a leg, already heard, or over the
        limit (it waits for a free slot then)."""
        if identity not in self._state.legs or identity in self._tasks:
            return False
        if len(self._tasks) >= self._limit:
            if identity not in self._waiting:
                log.warning("not transcribing %s: HEARD_PARTICIPANTS=%d", identity, self._limit)
                self._state.log.write("not_heard", identity=identity, limit=self._limit)
            self._waiting[identity] = track
            return False
        self._waiting.pop(identity, None)
        task = asyncio.create_task(self._transcribe(identity, track), name=f"hear {identity}")
        self._tasks[identity] = task
        task.add_done_callback(lambda _: self._done(identity, task))
        return True

    def heard(self) -> list[str]:
        """The legs being transcribed now."""
        return list(self._tasks)

    def stop(self, identity: str) -> None:
        self._waiting.pop(identity, None)
        if task := self._tasks.get(identity):
            task.cancel()

    async def aclose(self) -> None:
        self._waiting.clear()
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _done(self, identity: str, task: asyncio.Task) -> None:
        if self._tasks.get(identity) is task:
            del self._tasks[identity]
        if not task.cancelled() and (error := task.exception()) is not None:
            log.error("transcribing %s failed: %s", identity, error)
        for waiting, track in list(self._waiting.items()):  # a slot is free: the next one
            if self.listen(waiting, track):
                break

    async def _transcribe(self, identity: str, track: rtc.Track) -> None:
        stream = self._stt.stream()

        async def feed() -> None:
            async for frame in self._frames(track):
                stream.push_frame(frame)
            stream.end_input()

        feeding = asyncio.create_task(feed())
        try:
            async for event in stream:
                if event.type != stt.SpeechEventType.FINAL_TRANSCRIPT or not event.alternatives:
                    continue
                if text := event.alternatives[0].text.strip():
                    await hearing.hear(self._state, identity, text)
        finally:
            feeding.cancel()
            await asyncio.gather(feeding, return_exceptions=True)
            await stream.aclose()
