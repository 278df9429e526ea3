"""The read-back question on the air (workflows/lifecycle/questions.py), against a session
whose speech the test plays out: the question waits while it is being said, counts from the
end of its speech for `WINDOW_SECONDS`, is closed by anything said after it (and by nothing
else in the history), and asked again after news it starts afresh, anchored to its own speech."""

from __future__ import annotations

from livekit.agents import llm

from tests.support.harness import ManualTime, simulated_call
from workflows.call.confirmation import WINDOW_SECONDS, ReadBack
from workflows.lifecycle import questions

TEXT = "Just to confirm, that's +1 415-555-0161. Shall I dial it?"


class _Speech:
    """A speech handle that ends when the test says so, as the framework's does."""

    def __init__(self, history: llm.ChatContext, text: str) -> None:
        self.history, self.text, self.callbacks = history, text, []
        self.chat_items: list[llm.ChatItem] = []
        self.interrupted = False

    def add_done_callback(self, callback) -> None:
        self.callbacks.append(callback)

    def end(self, interrupted: bool = False, said: bool = True) -> None:
        text = self.text[: len(self.text) // 2] if interrupted else self.text
        if said:  # a speech dropped before it played (the session closing) adds nothing
            self.chat_items = [self.history.add_message(role="assistant", content=text)]
        self.interrupted = interrupted
        for callback in self.callbacks:
            callback(self)


class _Session:
    def __init__(self) -> None:
        self.history = llm.ChatContext()
        self.speeches: list[_Speech] = []

    def say(self, text: str) -> _Speech:
        self.speeches.append(_Speech(self.history, text))
        return self.speeches[-1]


def _call():
    state, time = simulated_call(), ManualTime()
    time.install(state)
    state.session = _Session()
    return state, time


def _read_back() -> ReadBack:
    return ReadBack("+14155550161", "+1 415-555-0161", "add", "", TEXT, "turn")


def test_the_question_waits_while_said_and_for_the_window_after_it_ended():
    state, time = _call()
    asked = _read_back()
    speech = questions.ask(state, asked, TEXT)
    assert questions.waiting(state) is asked  # being said: news now would ask it again
    assert questions.said_after(state, asked) == []
    speech.end()
    assert asked.said_at == time.now
    time.now += WINDOW_SECONDS
    assert questions.waiting(state) is asked  # a yes begun now still counts
    time.now += 0.001
    assert questions.waiting(state) is None


def test_only_what_someone_said_after_it_closes_the_question():
    state, _ = _call()
    asked = _read_back()
    questions.ask(state, asked, TEXT).end()
    history = state.session.history
    history.items.append(llm.FunctionCall(call_id="c1", name="get_call_state", arguments="{}"))
    history.add_message(role="system", content="The caller is Ada.")
    assert questions.waiting(state) is asked
    reply = history.add_message(role="user", content="yes")
    assert questions.said_after(state, asked) == [reply]
    assert questions.waiting(state) is None


def test_a_question_cut_off_or_gone_from_the_history_has_nothing_after_it():
    state, _ = _call()
    cut = _read_back()
    questions.ask(state, cut, TEXT).end(interrupted=True)
    state.session.history.add_message(role="user", content="yes")
    assert questions.said_after(state, cut) == [] and questions.waiting(state) is None
    gone = _read_back()
    questions.ask(state, gone, TEXT).end()
    state.session.history.items.clear()
    assert questions.said_after(state, gone) == []


def test_with_no_session_nothing_was_said_after_a_question():
    state, _ = _call()
    asked = _read_back()
    questions.ask(state, asked, TEXT).end()
    state.session = None
    assert questions.said_after(state, asked) == []


def test_asked_again_after_news_the_question_starts_afresh():
    state, time = _call()
    first = _read_back()
    questions.ask(state, first, TEXT).end()
    state.session.history.add_message(role="user", content="um")  # under way as news comes
    speech = questions.ask_again(state, first, "Dana has joined.")
    again = state.read_back
    assert speech.text == f"Dana has joined. {TEXT}" and again is not first
    assert questions.waiting(state) is again  # being said
    time.now += 1
    speech.end(interrupted=True)  # the caller talked over it
    assert questions.waiting(state) is None  # cut off: not the earlier question's window
    assert questions.said_after(state, again) == []  # nor anchored to the earlier speech


def test_a_question_whose_speech_never_played_is_not_anchored():
    state, _ = _call()
    asked = _read_back()
    questions.ask(state, asked, TEXT).end(said=False)
    assert (asked.over, asked.said_item, asked.said_at) == (True, None, None)
    assert questions.waiting(state) is None
