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
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from livekit import rtc
from livekit.agents import AMD, Agent, AgentSession, room_io

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
            audio_output=False,
            text_input=False,
            text_output=False,
            close_on_disconnect=False,
            delete_room_on_close=False,
        )
        try:
            await listener.start(
                Agent(instructions="Listen only."), room=room, room_options=options, record=False
            )
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
            yield _person
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


async def _person() -> AnsweredBy:
    return "human"
