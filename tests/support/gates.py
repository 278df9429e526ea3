"""Awaits a test holds open: the call can begin to end at any await on the way to something
billable, and a race test ends it exactly there."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tests.support.harness import TEST_SETTINGS, files
from workflows.call.settings import Settings
from workflows.lifecycle.setup import new_call
from workflows.lifecycle.state import CallState
from workflows.telephony.protocol import AnsweredBy, DialRequest
from workflows.telephony.simulated import SimulatedTelephony


class Gate:
    """An await that waits until the test opens it; `entered` says someone is waiting."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()
        self._open = asyncio.Event()

    async def wait(self) -> None:
        self.entered.set()
        await self._open.wait()

    def open(self) -> None:
        self._open.set()


class GatedTelephony(SimulatedTelephony):
    """The simulated backend (instant answers), recording hang-ups; `answered` holds a dial
    after the callee answered, before it returns (the request in flight). `quiet`: hang-ups
    and DeleteRoom are not reported back as status changes, as on a LiveKit server whose
    room events no longer reach an agent that is leaving."""

    def __init__(self, sink, answered: Gate | None = None, quiet: bool = False) -> None:
        super().__init__(status_sink=sink, ring_delay=0, answer_delay=0)
        self.answered = answered
        self.quiet = quiet
        self.hung_up: list[str] = []

    async def dial(self, request: DialRequest) -> AnsweredBy:
        answered_by = await super().dial(request)
        if self.answered is not None:
            await self.answered.wait()
        return answered_by

    async def hang_up(self, identity: str) -> None:
        self.hung_up.append(identity)
        if self.quiet:
            self._participants.pop(identity, None)
        else:
            await super().hang_up(identity)

    async def delete_room(self) -> None:
        if self.quiet:
            self.deleted += 1
            self._participants.clear()
        else:
            await super().delete_room()


def gated_call(
    answered: Gate | None = None, settings: Settings = TEST_SETTINGS, quiet: bool = False
) -> CallState:
    def telephony(sink):
        return GatedTelephony(sink, answered, quiet)

    state = new_call(settings, files(), "room-test", make_telephony=telephony)
    state.caller.identity, state.caller.name = "caller", "Ada"
    return state


def gated_detector(answer: AnsweredBy, start: Gate | None = None, verdict: Gate | None = None):
    """A `CallState.detect_voicemail` answering `answer`, whose start and verdict wait on
    the gates given."""

    @asynccontextmanager
    async def listen(identity: str) -> AsyncIterator:
        if start is not None:
            await start.wait()

        async def judged() -> AnsweredBy:
            if verdict is not None:
                await verdict.wait()
            return answer

        yield judged

    return listen
