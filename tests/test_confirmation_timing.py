"""A yes answers only a read-back the caller had already heard: the reply that confirms must
have begun after the read-back finished playing. On a voice call the reply's start is the
framework's start of speech for the turn; typed, the moment Enter was pressed (the console
test is test_console_timing)."""

import asyncio
import time
from dataclasses import replace

import pytest
from livekit.agents import llm
from livekit.agents.voice import SpeechHandle
from livekit.agents.voice.events import UserStateChangedEvent

from prompts.schema import render
from tests.support.harness import ManualTime, prompts
from tests.support.host_calls import host, host_state, messages, say, start
from tests.support.scripted_llm import reads_back_then_dials, until
from workflows.call.confirmation import WINDOW_SECONDS, ReadBack, check
from workflows.lifecycle import questions
from workflows.lifecycle.recording import turn_started

HOST, WORDS = prompts().host, prompts().confirmation
NUMBER, SPOKEN, E164 = "+1 415 555 0161", "+1 415-555-0161", "+14155550161"


def dialled(state) -> list[str]:
    return [r.phone_number for r in state.telephony.dialled]


def said(session) -> list[str]:
    """Everything said so far, by anyone."""
    return [i.text_content or "" for i in session.history.items if i.type == "message"]


def read_again(who: str) -> str:
    return f"{HOST.not_confirmed} {render(HOST.read_back, who=who)}"


# ------------------------------------------------------------- the rule itself


def said_read_back(at: float = 100.0) -> ReadBack:
    text = render(HOST.read_back, who=SPOKEN)
    return ReadBack(E164, SPOKEN, "add", "", text, "turn", said_item="item", said_at=at, over=True)


@pytest.mark.parametrize(
    "began, refusal",
    [
        (99.0, "began_before_read_back_ended"),  # under way before the read-back ended
        (99.999, "began_before_read_back_ended"),
        (None, "began_before_read_back_ended"),  # a reply nobody timed never confirms
        (100.0, None),
        (100.5, None),
        (100.0 + WINDOW_SECONDS, None),
        (100.1 + WINDOW_SECONDS, "too_late"),  # the window is measured to the reply's start
    ],
)
def test_a_yes_counts_only_if_it_began_after_the_read_back_ended(began, refusal):
    assert check(said_read_back(), [("user", "yes")], began, WORDS) == refusal


@pytest.mark.parametrize(
    "read_back, after, refusal",
    [
        (ReadBack(E164, SPOKEN, "add", "", "text", "turn"), [("user", "yes")], "not_said"),
        (replace(said_read_back(), void=True), [("user", "yes")], "two_read_backs"),
        (said_read_back(), [], "no_reply"),
        (said_read_back(), [("assistant", "Anything else?"), ("user", "yes")], "spoke_between"),
        (
            said_read_back(),
            [("user", "yes"), ("assistant", "Sorry?"), ("user", "yes")],
            "another_turn",
        ),
        (said_read_back(), [("user", "yes, but wait")], "not_a_clear_yes"),
        (said_read_back(), [("user", "yes"), ("assistant", "Dana has joined.")], None),
    ],
)
def test_each_rule_refuses_on_its_own(read_back, after, refusal):
    assert check(read_back, after, 100.5, WORDS) == refusal  # begun in time in every case


class Saying:
    """The session as `questions.ask` uses it, saying each text into a real SpeechHandle that
    the test ends: played in full, or cut off after part of it was heard."""

    def __init__(self) -> None:
        self.history = llm.ChatContext()
        self.handle = SpeechHandle.create()

    def say(self, text: str, played_until: float | None = None) -> SpeechHandle:
        """Say `text`; its message carries the framework's end of playout when given."""
        self.handle = SpeechHandle.create()
        metrics = {} if played_until is None else {"stopped_speaking_at": played_until}
        message = self.history.add_message(role="assistant", content=text, metrics=metrics)
        self.handle._item_added([message])
        return self.handle

    async def end(self, cut_off: bool = False) -> None:
        """The latest speech ends."""
        if cut_off:
            self.handle.interrupt()
        self.handle._mark_done()
        await asyncio.sleep(0)  # the done callbacks run


@pytest.mark.parametrize("cut_off", [True, False])
async def test_a_read_back_cut_off_is_not_said_and_nothing_answers_it(cut_off):
    state, session = host_state(), Saying()
    state.session = session
    read_back = ReadBack(E164, SPOKEN, "add", "", render(HOST.read_back, who=SPOKEN), "turn")
    questions.ask(state, read_back, read_back.text)
    assert questions.waiting(state) is read_back  # still being said
    await session.end(cut_off)
    session.history.add_message(role="user", content="yes")
    began = state.clock()
    after = [("user", "yes")]
    if cut_off:
        assert questions.waiting(state) is None
        assert check(read_back, after, began, WORDS) == "not_said"
    else:
        assert read_back.said_item == session.history.items[0].id
        assert check(read_back, after, began, WORDS) is None


async def test_while_the_question_is_asked_again_only_a_yes_to_that_utterance_counts():
    state, session = host_state(), Saying()
    state.session = session
    read_back = ReadBack(E164, SPOKEN, "add", "", render(HOST.read_back, who=SPOKEN), "turn")
    questions.ask(state, read_back, read_back.text)
    await session.end()
    again = questions.ask_again(state, read_back, "Dana has joined the call.")
    session.history.add_message(role="user", content="yes")  # heard while it is said again
    after = [("user", "yes")]
    assert check(state.read_back, after, state.clock(), WORDS) == "not_said"
    await session.end()
    assert state.read_back.said_item == again.chat_items[-1].id
    assert check(state.read_back, after, state.clock(), WORDS) is None


async def test_a_read_back_ends_when_its_playout_ended():
    state, session = host_state(), Saying()
    state.session = session
    read_back = ReadBack(E164, SPOKEN, "add", "", render(HOST.read_back, who=SPOKEN), "turn")
    played_until = time.time() - 1.0  # the audio ended a second before the speech was done
    session.say = lambda text: Saying.say(session, text, played_until)
    questions.ask(state, read_back, read_back.text)
    await session.end()
    session.history.add_message(role="user", content="yes")
    assert check(read_back, [("user", "yes")], state.clock() - 0.5, WORDS) is None


# ------------------------------------------------------------- typed or spoken too soon


async def test_a_yes_typed_with_the_one_before_does_not_answer_the_next_read_back():
    """Issue 19: "call 0155 and 0156", then "yes⏎yes⏎" typed in one go: the second yes was
    typed before 0156 was read back."""
    async with host() as (session, state):
        await say(session, "call 415 555 0155 and 415 555 0156")
        typed = state.clock()  # both typed now, after 0155's read-back
        turn_started(state, typed)
        first = await session.run(user_input="yes")  # news of 0155 may follow: not here
        assert render(HOST.read_back, who="+1 415-555-0156") in messages(first)
        turn_started(state, typed)
        result = await session.run(user_input="yes")
        assert read_again("+1 415-555-0156") in messages(result)
        joined = render(HOST.joined, who="+1 415-555-0155")
        await until(lambda: said(session)[-1].startswith(joined))  # the last news, and the question
        turn_started(state, state.clock())  # typed after the read-back again: it counts
        await session.run(user_input="yes")
        await until(lambda: len(dialled(state)) == 2)
    assert dialled(state) == ["+14155550155", "+14155550156"]


async def test_a_yes_typed_before_a_correction_was_read_back_does_not_dial_it():
    """Issue 19: "0155 and 0156, no wait, 0157", "yes⏎yes⏎": 0156 was dialled."""
    async with host() as (session, state):
        await say(session, "call 415 555 0155 and 415 555 0156, no wait, 415 555 0157")
        typed = state.clock()
        for _ in range(2):
            turn_started(state, typed)
            await session.run(user_input="yes")
        await until(lambda: dialled(state))
        await asyncio.sleep(0.05)
    assert "+14155550156" not in dialled(state)


async def test_the_reply_is_timed_from_when_it_began_not_when_the_model_acts():
    time_ = ManualTime()
    state = host_state()
    time_.install(state)
    async with start(state, reads_back_then_dials(NUMBER, NUMBER)) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        await time_.advance(2)
        turn_started(state, time_.now - 3)  # began while the read-back was still playing
        result = await c.session.run(user_input="yes")
        assert messages(result) == [read_again(SPOKEN)]
        await time_.advance(1)
        turn_started(state, time_.now)
        await c.session.run(user_input="yes")
        await until(lambda: dialled(state))
    assert dialled(state) == [E164]


async def test_a_yes_after_the_window_is_told_it_came_late_and_asked_again():
    time_ = ManualTime()
    state = host_state()
    time_.install(state)
    async with start(state, reads_back_then_dials(NUMBER, NUMBER)) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        await time_.advance(WINDOW_SECONDS + 1)
        turn_started(state, time_.now)
        result = await c.session.run(user_input="yes")
        assert messages(result) == [f"{HOST.too_late} {render(HOST.read_back, who=SPOKEN)}"]
        await time_.advance(1)
        turn_started(state, time_.now)
        await c.session.run(user_input="yes")  # the yes to the read-back said again dials
        await until(lambda: dialled(state))
    assert dialled(state) == [E164]


def user_turn(text: str, started_speaking_at: float) -> llm.ChatMessage:
    """A caller turn as the framework hands it over from speech: with its start of speech."""
    return llm.ChatMessage(
        role="user", content=[text], metrics={"started_speaking_at": started_speaking_at}
    )


@pytest.mark.parametrize("early", [True, False])
async def test_a_spoken_yes_is_timed_from_its_start_of_speech(early):
    state = host_state()
    async with start(state, reads_back_then_dials(NUMBER, NUMBER)) as c:
        before = time.time()  # the caller starts to say "yes" while the read-back plays
        await c.session.run(user_input=f"add {NUMBER}")
        began = before if early else time.time()
        await c.session.generate_reply(user_input=user_turn("yes", began))
        if early:
            await until(lambda: read_again(SPOKEN) in said(c.session))
        else:
            await until(lambda: dialled(state))
    assert dialled(state) == ([] if early else [E164])


def speaking(at: float) -> UserStateChangedEvent:
    """The framework's event when voice activity detection hears the caller start to speak."""
    return UserStateChangedEvent(old_state="listening", new_state="speaking", created_at=at)


async def test_a_caller_already_speaking_when_the_read_back_ended_does_not_confirm():
    state = host_state()
    async with start(state, reads_back_then_dials(NUMBER, NUMBER)) as c:
        before = time.time()
        await c.session.run(user_input=f"add {NUMBER}")
        c.session.emit("user_state_changed", speaking(before))  # over the read-back's end
        c.session.emit("user_state_changed", speaking(time.time()))  # a pause, then "yes"
        result = await c.session.run(user_input="yes")
        assert messages(result) == [read_again(SPOKEN)]
        assert dialled(state) == []
        await c.session.run(user_input="yes")  # the next turn starts afresh
        await until(lambda: dialled(state))
    assert dialled(state) == [E164]
