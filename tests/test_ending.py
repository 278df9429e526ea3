"""One way to end a call (`workflows/lifecycle/ending.py`) and one writer of a leg's status
(`events.on_status`): whoever ends the call first wins, at once, and a hang-up a tool
announces itself is recorded once and never announced twice."""

import asyncio
from dataclasses import replace
from types import SimpleNamespace

import pytest

from prompts.schema import render
from tests.support.gates import Gate, gated_call, gated_detector
from tests.support.harness import TEST_SETTINGS, ManualTime, prompts, simulated_call
from tests.support.scripted_llm import until
from workflows.lifecycle import events
from workflows.lifecycle.dialing import answered, start_dial
from workflows.lifecycle.ending import (
    GOODBYE_IN_FLIGHT,
    caller_left,
    end_call_once,
    settle_dials,
)
from workflows.telephony.protocol import TelephonyError


def endings(state) -> list[str]:
    return [r["why"] for r in state.log.records if r["event"] == "ending"]


async def test_the_caller_leaving_ends_the_call_once_and_nothing_ends_it_again():
    state = simulated_call()
    state.caller.identity = "caller"
    wind_down = caller_left(state, "CLIENT_INITIATED")
    assert wind_down is not None and state.ending  # at once, before the task runs
    assert end_call_once(state, None, "end_call") is None
    assert caller_left(state, "CLIENT_INITIATED") is None
    await wind_down
    assert endings(state) == ["caller left"]
    assert state.telephony.deleted == 1


async def answered_legs(state, *numbers: str):
    legs = [start_dial(state, number, f"Callee {number[-2:]}", "") for number in numbers]
    await until(lambda: all(leg.answered for leg in legs))
    return legs


async def test_after_the_caller_leaves_remove_legs_hangs_up_and_marks_only_the_dialled():
    # The backend reports nothing back (as a room stops reporting to an agent that leaves):
    # the ending itself records each leg it hung up.
    state = gated_call(settings=replace(TEST_SETTINGS, on_caller_hangup="remove_legs"), quiet=True)
    dana, fox = await answered_legs(state, "+14155550100", "+14155550101")
    await caller_left(state, "CLIENT_INITIATED")
    assert state.telephony.hung_up == [dana.identity, fox.identity]
    assert state.telephony.deleted == 0
    for leg in (dana, fox):
        assert (leg.live, leg.history[-1].detail) == (False, "PARTICIPANT_REMOVED")


async def test_live_legs_are_marked_hung_up_once_the_room_is_deleted():
    state = gated_call(quiet=True)
    [leg] = await answered_legs(state, "+14155550100")
    await caller_left(state, "CLIENT_INITIATED")
    assert (state.telephony.deleted, state.room_deleted) == (1, True)
    assert (leg.live, leg.history[-1].detail) == (False, "ROOM_DELETED")


def failing(what: str):
    async def fail(*args):
        raise TelephonyError("unavailable", f"{what}: server down")

    return fail


async def test_a_failed_delete_room_is_never_reported_as_done():
    state = gated_call(quiet=True)
    [leg] = await answered_legs(state, "+14155550100")
    state.telephony.inner.inner.delete_room = failing("delete room")
    await caller_left(state, "CLIENT_INITIATED")
    assert (state.room_deleted, leg.live) == (False, True)
    assert [r["what"] for r in state.log.records if r["event"] == "hang_up_failed"] == [
        "delete the room"
    ]


async def test_a_failed_hang_up_leaves_that_leg_live_and_the_others_are_still_hung_up():
    state = gated_call(settings=replace(TEST_SETTINGS, on_caller_hangup="remove_legs"), quiet=True)
    dana, fox = await answered_legs(state, "+14155550100", "+14155550101")
    backend = state.telephony.inner.inner
    hang_up = backend.hang_up

    async def refuse_dana(identity):
        if identity == dana.identity:
            raise TelephonyError("unavailable", "remove: server down")
        await hang_up(identity)

    backend.hang_up = refuse_dana
    await caller_left(state, "CLIENT_INITIATED")
    assert (dana.live, fox.live) == (True, False)
    assert [r["what"] for r in state.log.records if r["event"] == "hang_up_failed"] == [
        f"hang up {dana.identity}"
    ]


async def test_dials_still_running_when_the_call_is_over_are_cancelled():
    state = gated_call(Gate())  # answered, but the request never returns
    start_dial(state, "+14155550100", "Dana", "")
    [task] = state.dial_tasks
    await until(lambda: state.telephony.dialled)
    await settle_dials(state, 0.01)
    assert task.cancelled() and not state.dial_tasks


async def answered_leg(state):
    leg = start_dial(state, "+14155550100", "Dana", "")
    await until(lambda: leg.answered)
    return leg


async def test_a_hang_up_the_tool_announces_is_recorded_but_not_announced_again():
    state = simulated_call()
    leg = await answered_leg(state)
    before = list(state.announcements)
    # The simulated room reports the hang-up before hang_up returns, as a real room may.
    await events.hang_up(state, leg, "removed", "PARTICIPANT_REMOVED")
    assert (leg.live, leg.outcome) == (False, "removed")
    assert before[-1] == render(prompts().host.joined, who="Dana")
    assert state.announcements == before


async def test_a_failed_hang_up_leaves_the_leg_and_its_later_hang_up_is_announced():
    state = simulated_call()
    leg = await answered_leg(state)

    async def refuse(identity):
        raise TelephonyError("unavailable", "server down")

    real_hang_up, state.telephony.hang_up = state.telephony.hang_up, refuse
    with pytest.raises(TelephonyError):
        await events.hang_up(state, leg, "removed", "PARTICIPANT_REMOVED")
    assert (leg.live, leg.outcome) == (True, "joined")
    state.telephony.hang_up = real_hang_up
    events.on_status(state, leg.identity, "hangup", "CLIENT_INITIATED")  # they hang up later
    assert leg.outcome == "hung_up"
    assert state.announcements[-1] == render(prompts().host.hung_up, who="Dana")


async def test_a_failed_dial_wakes_whoever_waits_for_the_answer():
    state = simulated_call()
    leg = start_dial(state, "+14155550186", "Dana", "")  # busy
    assert await answered(state, leg) is False
    assert (leg.live, leg.outcome) == (False, "busy")


async def test_an_answer_counts_only_once_the_voicemail_verdict_says_a_person():
    state = gated_call()
    judged = Gate()
    state.detect_voicemail = gated_detector("machine", verdict=judged)
    leg = start_dial(state, "+14155550100", "Dana", "")
    waiting = asyncio.ensure_future(answered(state, leg))
    await judged.entered.wait()
    await asyncio.sleep(0.01)
    assert leg.answered and not waiting.done()  # the phone is off the hook: not yet a person
    judged.open()
    assert await waiting is False
    assert leg.outcome == "voicemail"


# ----------------------------------------- every wait in the ending is bounded in time


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
        self.drained: bool | None = None  # how shutdown() was called
        self.output = SimpleNamespace(audio=audio)  # None: text only (no phone to reach)

    def say(self, text: str, allow_interruptions: bool = True) -> Speech:
        if isinstance(self.speech, Exception):
            raise self.speech
        self.said.append(text)
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
    assert [r["what"] for r in state.log.records if r["event"] == "ending_wait_cut"] == [
        "the goodbye"
    ]


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


async def test_a_goodbye_heard_in_time_ends_the_call_at_once_letting_speech_drain():
    state, _ = timed_call()
    session = Session(Speech(stuck=False))
    await asyncio.wait_for(end_call_once(state, session, "end_call", goodbye="Bye!"), 1)
    assert (state.telephony.deleted, session.drained) == (1, True)


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
