"""One transcription stream per participant (issue 23, items 1 and 6): each leg's track feeds
a recognizer stream of its own, whose final transcripts are that person's turns; at most
HEARD_PARTICIPANTS at once, the next one taken up when a slot frees."""

from __future__ import annotations

import asyncio

from livekit.agents import stt

from tests.support.host_calls import host_state, start
from tests.support.scripted_llm import call, relay_tool_output
from workflows.call.legs import Leg
from workflows.lifecycle.listening import Listeners


class FakeRecognizer(stt.STT):
    """A streaming recognizer whose stream says, for each frame pushed, the next line."""

    def __init__(self, lines: dict[str, list[str]]) -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=True, interim_results=False))
        self.lines = lines  # by the track a stream listens to (its frames' `sample_rate` key)
        self.opened = 0

    async def _recognize_impl(self, *args, **kwargs):
        raise NotImplementedError

    def stream(self, **_):
        self.opened += 1
        return _Stream(self.lines)


class _Stream:
    def __init__(self, lines: dict[str, list[str]]) -> None:
        self._lines, self._events = lines, asyncio.Queue()

    def push_frame(self, frame) -> None:
        text = self._lines[frame][0] if self._lines[frame] else ""
        self._lines[frame][:1] = []
        alternative = stt.SpeechData(language="en", text=text)
        self._events.put_nowait(
            stt.SpeechEvent(type=stt.SpeechEventType.FINAL_TRANSCRIPT, alternatives=[alternative])
        )

    def end_input(self) -> None:
        self._events.put_nowait(None)

    def __aiter__(self):
        return self

    async def __anext__(self):
        event = await self._events.get()
        if event is None:
            raise StopAsyncIteration
        return event

    async def aclose(self) -> None:
        pass


def frames_of(lines: dict[str, list[str]]):
    """A track is a name here; its 'frames' are that name, one per line it says."""

    async def frames(track):
        for _ in range(len(lines[track])):
            yield track
            await asyncio.sleep(0)

    return frames


def model(ctx):
    if (out := relay_tool_output(ctx)) is not None:
        return out
    return [call("list_participants")]


def leg(state, identity: str, name: str) -> None:
    state.legs[identity] = Leg(identity, "+14155550142", name, status="active", answered=True)


async def test_each_participants_final_transcripts_are_their_turns():
    state = host_state()
    leg(state, "leg-dana", "Dana Scully")
    lines = {"dana-track": ["hi Fox", "Ava, who is on the call?"]}
    recognizer = FakeRecognizer(lines)
    async with start(state, model) as c:
        listeners = Listeners(state, recognizer, None, limit=2, frames=frames_of(lines))
        assert listeners.listen("leg-dana", "dana-track")
        for _ in range(100):
            if not listeners.heard():
                break
            await asyncio.sleep(0.01)
        for _ in range(50):  # the reply, and what the tool said
            if (speech := c.session.current_speech) is not None and not speech.done():
                await speech.wait_for_playout()
            await asyncio.sleep(0.005)
        said = [
            i.text_content
            for i in c.session.current_agent.chat_ctx.items
            if i.id in state.spoken_by
        ]
        assert said == ["Dana Scully: hi Fox", "Dana Scully: Ava, who is on the call?"]
        calls = [i.name for i in c.session.history.items if i.type == "function_call"]
        assert calls == ["list_participants"]  # one reply: to the line said to the host


async def test_beyond_the_limit_a_participant_waits_for_a_free_slot():
    state = host_state()
    for who in ("a", "b", "c"):
        leg(state, f"leg-{who}", who.upper())
    recognizer = FakeRecognizer({})
    gate = asyncio.Event()

    async def frames(track):
        await gate.wait()
        return
        yield

    listeners = Listeners(state, recognizer, None, limit=2, frames=frames)
    assert listeners.listen("leg-a", "ta") and listeners.listen("leg-b", "tb")
    assert not listeners.listen("leg-c", "tc")
    assert not listeners.listen("caller", "tx")  # the caller is the session's, not a leg
    assert sorted(listeners.heard()) == ["leg-a", "leg-b"]
    listeners.stop("leg-a")
    for _ in range(10):
        await asyncio.sleep(0)
    assert sorted(listeners.heard()) == ["leg-b", "leg-c"]
    await listeners.aclose()
    assert listeners.heard() == []


def test_a_recognizer_without_streaming_is_cut_into_turns_by_the_vad():
    class Batch(FakeRecognizer):
        def __init__(self):
            stt.STT.__init__(
                self, capabilities=stt.STTCapabilities(streaming=False, interim_results=False)
            )

    try:
        Listeners(host_state(), Batch(), None, limit=1)
    except ValueError as e:
        assert "VAD" in str(e)
    else:
        raise AssertionError("a batch recognizer without a VAD was accepted")
