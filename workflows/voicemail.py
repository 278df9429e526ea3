"""Voicemail detection on a dialled leg, with the framework's answering-machine detection.

`livekit.agents.AMD` classifies the first words of whoever answered from the session's audio
input, so for the few seconds it listens the session's input is switched from the caller to
the new leg, then back. It needs speech (STT and an LLM for the classifier) and a real room:
the worker turns it on only then (`workflows/main.py`). Simulated telephony rehearses a
machine answer directly (+1 415 555 0177).
"""

from __future__ import annotations

import asyncio
import logging

from livekit.agents import AMD, AgentSession

from tools.telephony import AnsweredBy
from workflows.call_state import CallState

log = logging.getLogger("voicemail")
DETECTION_TIMEOUT = 15.0  # seconds; undecided counts as a person


def amd_detector(session: AgentSession, state: CallState):
    """A `CallState.detect_voicemail` that runs AMD on the leg that just answered."""

    async def detect(identity: str) -> AnsweredBy:
        room_io = session.room_io
        caller = state.caller.identity
        room_io.set_participant(identity)
        try:
            async with AMD(session, participant_identity=identity) as amd:
                result = await asyncio.wait_for(amd.execute(), DETECTION_TIMEOUT)
            log.info("leg %s answered by %s", identity, result.category.value)
            return "machine" if result.is_machine else "human"
        except (TimeoutError, RuntimeError) as e:
            log.warning("voicemail detection on %s undecided (%s): assuming a person", identity, e)
            return "human"
        finally:
            if caller:
                room_io.set_participant(caller)

    return detect
