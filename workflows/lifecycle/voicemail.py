"""Voicemail detection on a dialled leg, with the framework's answering-machine detection.

`livekit.agents.AMD` classifies whoever answered from its session's audio input, and its own
example starts it before `CreateSIPParticipant` so no word of the greeting is missed. In a
conference the main session listens to the caller, so each dialled leg gets a listening
session of its own: linked to that leg alone, with no audio or text output and no LLM of its
own (it never replies), started before the dial and closed with the verdict. The caller's
audio input is never switched, the host goes on talking to the caller meanwhile, and two legs
answering together each have their own detector.

It needs speech (STT) and a real model (AMD classifies with the session's LLM) and a real room:
the worker turns it on only then (`workflows/main.py`). Simulated telephony rehearses a
machine answer directly (+1 415 555 0177).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from livekit import rtc
from livekit.agents import AMD, Agent, AgentSession, room_io
from livekit.agents.types import ATTRIBUTE_AGENT_STATE

from workflows.lifecycle.state import VoicemailDetector
from workflows.telephony.protocol import AnsweredBy

log = logging.getLogger("voicemail")
DETECTION_TIMEOUT = 15.0  # seconds after the answer; undecided counts as a person


def amd_detector(session: AgentSession, room: rtc.Room) -> VoicemailDetector:
    """A `CallState.detect_voicemail` running AMD on each leg from the moment it is dialled."""

    @asynccontextmanager
    async def listen(identity: str) -> AsyncIterator[Callable[[], Awaitable[AnsweredBy]]]:
        listener = AgentSession(
            stt=session.stt,
            vad=session.vad,
            turn_handling={"turn_detection": "vad" if session.vad else "stt"},
        )
        options = room_io.RoomOptions(
            participant_identity=identity,  # this leg's audio only
            # The room has one pre-connect audio handler, the main session's: a listener of
            # its own would be refused at start and remove the main one when it closes.
            audio_input=room_io.AudioInputOptions(pre_connect_audio=False),
            audio_output=False,
            text_input=False,
            text_output=False,
            close_on_disconnect=False,
            delete_room_on_close=False,
        )
        try:
            await listener.start(
                Agent(instructions="Listen only."),
                room=room,
                room_options=options,
                record=False,
                session_host=False,  # the call's own session is the one to drive and observe
            )
            _keep_the_calls_state(listener, session, room)
            amd = AMD(
                listener,
                llm=session.llm,  # the call's model classifies the greeting
                participant_identity=identity,
                interrupt_on_machine=False,  # the listener says nothing to interrupt
                ivr_detection=False,
            )
        except Exception as e:  # no detector: the dial goes on, answers count as people
            log.warning("voicemail detection for %s not started: %s", identity, e)
            await listener.aclose()
            yield a_person
            return

        async def verdict() -> AnsweredBy:
            try:
                result = await asyncio.wait_for(amd.execute(), DETECTION_TIMEOUT)
            except (TimeoutError, RuntimeError) as e:
                log.warning("voicemail detection on %s undecided (%s): a person", identity, e)
                return "human"
            log.info("leg %s answered by %s", identity, result.category.value)
            return "machine" if result.is_machine else "human"

        try:
            async with amd:
                yield verdict
        finally:
            await listener.aclose()

    return listen


def _keep_the_calls_state(listener: AgentSession, session: AgentSession, room: rtc.Room) -> None:
    """The listener's RoomIO publishes its own state ("listening") as the agent's: put the
    call's state back after each of its writes (handlers, and so their writes, run in order)."""
    writes: set[asyncio.Task] = set()

    async def write() -> None:
        with contextlib.suppress(Exception):  # the room is closing: nothing left to show
            await room.local_participant.set_attributes(
                {ATTRIBUTE_AGENT_STATE: session.agent_state}
            )

    def restore(_event=None) -> None:
        task = asyncio.create_task(write())
        writes.add(task)
        task.add_done_callback(writes.discard)

    listener.on("agent_state_changed", restore)
    restore()


async def a_person() -> AnsweredBy:
    """The verdict without detection: whoever answered counts as a person."""
    return "human"


@asynccontextmanager
async def no_detection(identity: str) -> AsyncIterator[Callable[[], Awaitable[AnsweredBy]]]:
    """The detector of a call without voicemail detection (text only, rehearsal)."""
    yield a_person
