"""The read-back question on the air: said to the caller, heard in full, asked again after news.

A read-back (`ReadBack`, `workflows/call/confirmation.py`) is said by `ask`. Once its speech
has played out in full, it is anchored to its item in the session history and to the time it
ended; only then can the caller's yes count, and only a yes begun after that time. News said
while the question waits (`events.say`: "… is ringing", "… has joined") would close its
window, so the news is said with the read-back again after it, in one utterance
(`ask_again`), anchored afresh: the caller's next yes answers a question they just heard.
"""

from __future__ import annotations

from dataclasses import replace

from livekit.agents import llm
from livekit.agents.voice import SpeechHandle

from workflows.call.confirmation import WINDOW_SECONDS, ReadBack
from workflows.lifecycle.recording import on_call_clock
from workflows.lifecycle.state import CallState


def ask(state: CallState, read_back: ReadBack, text: str) -> SpeechHandle:
    """Say `text`, which ends with `read_back`'s question, and make it the question waiting
    for the caller. Raises RuntimeError when the session is closing (nothing changes then)."""
    if state.session is None:
        raise RuntimeError("no session to say the read-back in")
    handle = state.session.say(text)
    state.read_back = read_back
    handle.add_done_callback(lambda done: _ended(state, read_back, done))
    return handle


def _ended(state: CallState, read_back: ReadBack, handle: SpeechHandle) -> None:
    """The question's speech ended: if it played in full, the caller's yes can count from now."""
    read_back.over = True
    messages = [item for item in handle.chat_items if item.type == "message"]
    if handle.interrupted or not messages or state.read_back is not read_back:
        return  # cut off, never said, or replaced meanwhile: nothing to answer
    said = messages[-1]  # added once played out: shown in the console, heard on a call
    ended = said.metrics.get("stopped_speaking_at")  # the framework's end of playout
    read_back.said_item = said.id
    read_back.said_at = state.clock() if ended is None else on_call_clock(state, ended)


def said_after(state: CallState, read_back: ReadBack) -> list[llm.ChatMessage]:
    """The messages said by anyone after `read_back` was said, in order ([] if it was not)."""
    items = state.session.history.items if state.session is not None else []
    at = next((i for i, item in enumerate(items) if item.id == read_back.said_item), None)
    if at is None:  # not said in full (no item: no history item has a None id), or gone
        return []
    return [
        item
        for item in items[at + 1 :]
        if item.type == "message" and item.role in ("user", "assistant")
    ]


def waiting(state: CallState) -> ReadBack | None:
    """The read-back whose question is still waiting for the caller's answer: being said, or
    said in full within the window with nothing said by anyone since. None otherwise."""
    pending = state.read_back
    if pending is None or pending.void:
        return None
    if not pending.over:
        return pending  # still to be heard
    if pending.said_at is None or state.clock() - pending.said_at > WINDOW_SECONDS:
        return None  # cut off, or the window has closed
    return None if said_after(state, pending) else pending


def ask_again(state: CallState, pending: ReadBack, news: str) -> SpeechHandle:
    """Say `news`, then `pending`'s question again in the same breath: a new window, anchored
    to this utterance, for the same destination issued by the same agent turn."""
    again = replace(pending, said_item=None, said_at=None, over=False)
    return ask(state, again, f"{news} {pending.text}")
