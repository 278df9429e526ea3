"""Simulated legs speak: in the text console, `Dana: who else is on the call?` is said by the
participant on the call named Dana (README, "The console"). A line whose prefix names nobody
on the call is the caller's, as typed."""

from __future__ import annotations

import re

from livekit.agents.voice import SpeechHandle

from workflows.call.legs import Leg
from workflows.lifecycle.hearing import hear
from workflows.lifecycle.state import CallState

_PREFIX = re.compile(r"^\s*([^:\d][^:]{0,39}?)\s*:\s*(\S.*)$", re.S)


def spoken_by(state: CallState, line: str) -> tuple[Leg | None, str]:
    """The participant a typed line is said by, and their words; (None, line): the caller's.
    The prefix is a leg's name, or one word of it ("Dana" for Dana Scully), of exactly one
    leg that has joined the call and not left."""
    found = _PREFIX.match(line)
    if found is None:
        return None, line
    said_name = " ".join(found.group(1).lower().split())
    legs = [
        leg
        for leg in state.live_legs()
        if leg.answered and (said_name == leg.name.lower() or said_name in leg.name.lower().split())
    ]
    if len(legs) != 1:
        return None, line
    return legs[0], found.group(2).strip()


async def say_as(state: CallState, leg: Leg, text: str) -> None:
    """`leg` says `text` on the call; returns once any reply to it has been said."""
    handle: SpeechHandle | None = await hear(state, leg.identity, text)
    if handle is not None:
        await handle.wait_for_playout()
