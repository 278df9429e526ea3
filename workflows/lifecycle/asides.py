"""The caller's words to someone else on the call: kept as context, never answered.

The session is the caller's, so every turn of theirs reaches the host's `llm_node`. Once
another participant is on, a turn said to them ("hi Dana, how was the trip?",
`said_to_another`) is dropped before any model runs. Any other turn that `may_be_aside`
allows (not addressed to the host, answering no question it just put to the caller) is left
to the model: it replies with only the marker (`asides.marker` in
prompts/conference_host.yaml) when it finds nothing for the host in it. `unless_aside` drops
a reply that is only the marker and logs `caller_aside`. The marker is never spoken: where
the caller had to be answered, `asides.unheard` is said instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator

from livekit.agents import llm

from workflows.call.addressing import may_be_aside, puts_a_question, said_to_another
from workflows.lifecycle.hearing import SPEAKER
from workflows.lifecycle.state import CallState

_EDGES = " \t\n\"'`"  # around a marker a model quoted or spaced


def callers_turn(state: CallState, chat_ctx: llm.ChatContext) -> llm.ChatMessage | None:
    """The caller's message the model is asked to answer, when that is what it answers."""
    last = chat_ctx.items[-1] if chat_ctx.items else None
    if last is None or last.type != "message" or last.role != "user":
        return None
    if last.id in state.spoken_by or (last.extra or {}).get(SPEAKER):
        return None  # a participant's turn, said to the host (`hearing.py`)
    return last


def participants_turn(chat_ctx: llm.ChatContext) -> bool:
    """Whether the model is asked to answer a participant's turn (always said to the host)."""
    last = chat_ctx.items[-1] if chat_ctx.items else None
    return last is not None and last.type == "message" and last.role == "user"


def others_on(state: CallState) -> list[str]:
    """The names of the people on the call besides the caller."""
    return [leg.name for leg in state.live_legs() if leg.answered]


def to_another(
    state: CallState, turn: llm.ChatMessage, chat_ctx: llm.ChatContext | None = None
) -> bool:
    """Whether the caller greets or calls by name someone on the call (no model needed); a
    name the host's last question to the caller said is their answer, said to the host."""
    others = others_on(state)
    host = [state.prompts.host.name]
    asked = _question_put(state, chat_ctx) if chat_ctx is not None else ""
    return bool(others) and said_to_another(turn.text_content or "", others, host, asked)


def _question_put(state: CallState, chat_ctx: llm.ChatContext) -> str:
    """The host's last line, when it asked the caller something ("Which one do you mean?")."""
    said = [i for i in chat_ctx.items[:-1] if i.type == "message" and i.role == "assistant"]
    line = said[-1].text_content or "" if said else ""
    if (pending := state.read_back) is not None and pending.text and pending.text in line:
        line = pending.text  # "Dana Scully has joined the call. Just to confirm, that's Front
        # desk ...": the question is the read-back alone, never the news before it
    return line if state.asked is None and puts_a_question(line) else ""


def question_pending(state: CallState, chat_ctx: llm.ChatContext) -> bool:
    """Whether the caller's last turn may answer a question the host put to them: the
    read-back waiting (still being said, or the host's last line), or the host's last line
    asked something, and not of a participant (`CallState.asked`)."""
    said = [i for i in chat_ctx.items[:-1] if i.type == "message" and i.role == "assistant"]
    line = said[-1] if said else None
    pending = state.read_back
    if pending is not None:
        if not pending.over or (line is not None and line.id == pending.said_item):
            return True
    return line is not None and state.asked is None and puts_a_question(line.text_content or "")


def aside_allowed(state: CallState, chat_ctx: llm.ChatContext, turn: llm.ChatMessage) -> bool:
    """Whether the caller's `turn` may go unanswered, if the model finds nothing in it."""
    return may_be_aside(
        turn.text_content or "",
        [state.prompts.host.name],
        others_on=bool(others_on(state)),
        question_pending=question_pending(state, chat_ctx),
    )


async def unless_aside(
    reply: AsyncIterable, state: CallState, allowed: bool | None
) -> AsyncIterator:
    """The model's `reply`, streamed on, unless its text is only the marker. Then nothing is
    said: logged as `caller_aside` when `allowed` (the caller's turn may go unanswered);
    `asides.unheard` said instead when it may not (False); dropped when the reply answers no
    user turn (None: a tool's result, the greeting). Text that could still become the marker
    is held back; tool calls pass at once, and a marker beside one is only dropped."""
    words = state.prompts.host.asides
    held: list = []
    text, acted = "", False
    async for chunk in reply:
        content = _text_of(chunk)
        acted = acted or _calls_a_tool(chunk)
        if content is None:
            yield chunk
            continue
        held.append(chunk)
        text += content
        if not _could_be_marker(text, words.marker):
            for early in held:
                yield early
            held = []
    if not held:
        return
    if not _is_marker(text, words.marker):  # only a beginning of it: "[", blanks
        for early in held:
            yield early
        return
    if acted or allowed is None:
        return
    if allowed:
        state.log.write("caller_aside")
        return
    state.log.write("aside_unheard")
    yield words.unheard


def _text_of(chunk) -> str | None:
    """A chunk's text, or None for a chunk that is not only text (a tool call, usage)."""
    if isinstance(chunk, str):
        return chunk
    if isinstance(chunk, llm.ChatChunk) and chunk.delta is not None:
        if not chunk.delta.tool_calls:
            return chunk.delta.content or ""
    return None


def _calls_a_tool(chunk) -> bool:
    return isinstance(chunk, llm.ChatChunk) and bool(chunk.delta and chunk.delta.tool_calls)


def _could_be_marker(text: str, marker: str) -> bool:
    said = text.lstrip(_EDGES).lower()
    return marker.lower().startswith(said) or _is_marker(text, marker)


def _is_marker(text: str, marker: str) -> bool:
    return text.strip(_EDGES + ".").lower() == marker.lower()
