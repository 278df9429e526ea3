"""Every wait in the ending is bounded on the call's clock (`workflows/lifecycle/ending.py`):
what is being said, then the goodbye; the room is deleted within seconds whatever the TTS does,
and what was cut is in the call log."""

import asyncio
from types import SimpleNamespace

import pytest

from tests.support.harness import ManualTime, prompts, simulated_call
from workflows.lifecycle.ending import (
    GOODBYE_BOUND,
    GOODBYE_BOUND_PER_CHAR,
    GOODBYE_IN_FLIGHT,
    PLAYOUT_BOUND,
    end_call_once,
)


class Speech:
    """A speech handle whose playout ends only when interrupted (a stuck TTS), or at once."""

    def __init__(self, stuck: bool) -> None:
        self.interrupted = False
        self._done = asyncio.Event()
        if not stuck:
            self._done.set()

    async def wait_for_playout(self) -> None:
        await self._done.wait()

    def interrupt(self, *, force: bool = False) -> None:
        self.interrupted = force
        self._done.set()


class Session:
    """What the ending uses of an AgentSession."""

    def __init__(self, speech: Speech | Exception, audio: object | None = None) -> None:
        self.speech = speech
        self.said: list[str] = []
        self.interruptible: list[bool | None] = []
        self.drained: bool | None = None  # how shutdown() was called
        self.output = SimpleNamespace(audio=audio)  # None: text only (no phone to reach)

    def say(self, text: str, allow_interruptions: bool | None = None) -> Speech:
        if isinstance(self.speech, Exception):
            raise self.speech
        self.said.append(text)
        self.interruptible.append(allow_interruptions)  # None: the session's default (yes)
        return self.speech

    def shutdown(self, *, drain: bool = True) -> None:
        self.drained = drain


def timed_call() -> tuple:
    state, time = simulated_call(), ManualTime()
    time.install(state)
    return state, time


async def test_a_goodbye_that_never_finishes_still_deletes_the_room_within_seconds():
    state, time = timed_call()
    session = Session(Speech(stuck=True))
    ending = end_call_once(state, session, "end_call", goodbye=prompts().shared.goodbye)
    await time.advance(0)  # the ending begins
    await time.advance(1)  # long enough to start saying it, not to cut it off
    assert (session.said, state.telephony.deleted) == ([prompts().shared.goodbye], 0)
    await time.advance(4)
    await asyncio.wait_for(ending, 1)
    assert state.telephony.deleted == 1
    assert session.speech.interrupted and session.drained is False  # cut, not waited for
    bound = GOODBYE_BOUND + GOODBYE_BOUND_PER_CHAR * len(prompts().shared.goodbye)
    assert cuts(state) == [("the goodbye", bound)]


def cuts(state) -> list[tuple[str, float]]:
    """What the ending stopped waiting for, and after how long, as the call log says."""
    return [(r["what"], r["seconds"]) for r in state.log.records if r["event"] == "ending_wait_cut"]


async def test_a_playout_that_never_finishes_is_cut_and_the_goodbye_still_said():
    state, time = timed_call()
    session = Session(Speech(stuck=False))
    ending = end_call_once(state, session, "end_call", goodbye="Bye!", first=asyncio.Event().wait)
    await time.advance(0)  # the ending begins
    await time.advance(1)
    assert session.said == []
    await time.advance(4)
    await asyncio.wait_for(ending, 1)
    assert (session.said, state.telephony.deleted, session.drained) == (["Bye!"], 1, False)
    assert cuts(state) == [("the playout", PLAYOUT_BOUND)]


@pytest.mark.parametrize("failure", [RuntimeError("TTS failed"), asyncio.CancelledError()])
async def test_a_playout_that_fails_still_ends_the_call_and_is_not_counted_as_heard(failure):
    state, _ = timed_call()
    session = Session(Speech(stuck=False))

    async def playout() -> None:
        raise failure

    ending = end_call_once(state, session, "end_call", goodbye="Bye!", first=playout)
    await asyncio.wait_for(ending, 1)
    # Whatever was being said may not have been heard: speech left is cut, not drained.
    assert (session.said, state.telephony.deleted, session.drained) == (["Bye!"], 1, False)
    assert cuts(state) == []  # it failed; nothing was waited out


async def test_a_goodbye_heard_in_time_ends_the_call_at_once_letting_speech_drain():
    state, _ = timed_call()
    session = Session(Speech(stuck=False))
    await asyncio.wait_for(end_call_once(state, session, "end_call", goodbye="Bye!"), 1)
    assert (state.telephony.deleted, session.drained) == (1, True)
    assert session.interruptible == [False]  # the caller talking over it does not cut it


async def test_a_goodbye_said_to_a_phone_gets_its_last_audio_there_before_the_room_goes():
    state, time = timed_call()
    session = Session(Speech(stuck=False), audio=object())  # audio on its way to a phone
    ending = end_call_once(state, session, "end_call", goodbye="Bye!")
    await time.advance(0)
    await time.advance(GOODBYE_IN_FLIGHT - 0.1)
    assert (session.said, state.telephony.deleted) == (["Bye!"], 0)
    await time.advance(0.1)
    await asyncio.wait_for(ending, 1)
    assert state.telephony.deleted == 1


async def test_a_goodbye_the_closing_session_refuses_still_deletes_the_room():
    state, _ = timed_call()
    session = Session(RuntimeError("AgentSession isn't running"))
    await asyncio.wait_for(end_call_once(state, session, "end_call", goodbye="Bye!"), 1)
    assert (state.telephony.deleted, session.drained) == (1, False)


async def test_a_longer_goodbye_is_given_the_time_it_takes_to_say():
    state, time = timed_call()
    session = Session(Speech(stuck=True))
    goodbye = prompts().shared.timeouts.max_duration  # about six seconds of speech
    ending = end_call_once(state, session, "max call duration", goodbye=goodbye)
    await time.advance(0)
    await time.advance(6.5)
    assert state.telephony.deleted == 0
    await time.advance(5)
    await asyncio.wait_for(ending, 1)
    assert state.telephony.deleted == 1
