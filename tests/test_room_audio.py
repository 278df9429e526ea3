"""The agent's voice survives a speech cut while it waited for a listener: on the framework's
own RoomIO audio output (livekit-agents 1.8.9), with no server (the room is never used before
the track is published)."""

from __future__ import annotations

import asyncio
import contextlib
from unittest.mock import MagicMock

import pytest
from livekit import rtc
from livekit.agents.voice.room_io._output import _ParticipantAudioOutput

from workflows.worker.room_audio import keep_room_voice

RATE = 24000


def room_output() -> _ParticipantAudioOutput:
    return _ParticipantAudioOutput(
        MagicMock(spec=rtc.Room),
        sample_rate=RATE,
        num_channels=1,
        track_publish_options=rtc.TrackPublishOptions(),
    )


def frame() -> rtc.AudioFrame:
    return rtc.AudioFrame.create(RATE, 1, RATE // 50)


async def cut_while_waiting(output: _ParticipantAudioOutput) -> None:
    """A speech waits for its first listener and is interrupted meanwhile."""
    waiting = asyncio.create_task(output.capture_frame(frame()))
    await asyncio.sleep(0.01)
    assert not waiting.done(), "nobody listens yet: the speech must wait"
    waiting.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await waiting
    await asyncio.sleep(0)


def someone_subscribes(output: _ParticipantAudioOutput) -> None:
    """What the framework does once the agent's track has a subscriber (`_publish_track`)."""
    if not output.subscribed.done():
        output.subscribed.set_result(None)


async def test_the_next_speech_waits_for_the_listener_and_then_plays():
    output = room_output()
    keep_room_voice(MagicMock(_audio_output=output))
    await cut_while_waiting(output)
    await cut_while_waiting(output)  # and again: each cut leaves a future to wait on
    nxt = asyncio.create_task(output.capture_frame(frame()))
    await asyncio.sleep(0.01)
    assert not nxt.done(), "the next speech must wait for a listener, not end at once"
    someone_subscribes(output)
    await asyncio.wait_for(nxt, 2)  # played: no CancelledError
    assert output.captured_playout_segments == 1
    await output.aclose()


async def test_without_the_guard_the_framework_mutes_the_agent():
    """The framework's behaviour this module exists for: if this starts failing, the bug is
    fixed upstream and workflows/worker/room_audio.py can go."""
    output = room_output()
    await cut_while_waiting(output)
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(output.capture_frame(frame()), 2)
    await output.aclose()


async def test_a_subscribed_output_is_left_alone():
    output = room_output()
    keep_room_voice(MagicMock(_audio_output=output))
    someone_subscribes(output)
    first = output.subscribed
    await asyncio.sleep(0)
    assert output.subscribed is first
    await output.capture_frame(frame())
    assert output.captured_playout_segments == 1
    await output.aclose()


def test_text_only_sessions_have_nothing_to_keep():
    keep_room_voice(MagicMock(_audio_output=None))  # no audio output: nothing happens
