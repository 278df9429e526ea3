"""Participants' turns: what the people the host dialled in say, heard and attributed.

The session is the caller's (its room input, the confirmation rule). A participant's turn
comes from their own transcription stream (`listening.py`) or, in rehearsal, from a typed
"Dana: ..." line; `hear` puts it into the host's conversation as a user-role message that
names the speaker ("Dana Scully: who else is on?"), recorded in `CallState.spoken_by` so the
code never takes it for the caller's. Addressed to the host (`workflows/call/addressing.py`),
it gets a reply, whose speech is recorded as answering that person
(`CallState.replying_to`: the tools act for them, `tools/guards.py`). Otherwise it is only
context: it joins the host's chat context, never the session history the confirmation rule
reads, and no model runs.
"""

from __future__ import annotations

import logging

from livekit.agents import AgentSession, llm
from livekit.agents.voice import SpeechHandle

from workflows.call.addressing import is_addressed
from workflows.call.legs import Leg
from workflows.lifecycle.state import CallState

log = logging.getLogger("call")

MAX_HEARD_CHARS = 600  # a participant's turn beyond this is cut (a stuck transcript)
MAX_CONTEXT_TURNS = 20  # unaddressed turns kept in the host's context; older ones dropped
SPEAKER = "speaker"  # `ChatMessage.extra` key: the name of the participant who said it


def attributed(leg: Leg, text: str) -> llm.ChatMessage:
    """A participant's words as the host's conversation holds them: named, and marked."""
    return llm.ChatMessage(role="user", content=[f"{leg.name}: {text}"], extra={SPEAKER: leg.name})


def speaker(state: CallState, speech_id: str | None) -> Leg | None:
    """The participant a speech (and every tool it runs) answers; None: the caller."""
    identity = state.replying_to.get(speech_id or "")
    return state.find_leg(identity) if identity else None


async def hear(state: CallState, identity: str, text: str) -> SpeechHandle | None:
    """A participant said `text`: reply when it is addressed to the host, else keep it as
    context. Returns the reply's speech, or None when there is none (not addressed, not a
    participant on the call, nothing said, or no session)."""
    leg, session = state.find_leg(identity), state.session
    text = " ".join(text.split())[:MAX_HEARD_CHARS]
    if leg is None or not leg.answered or not leg.live or not text or session is None:
        return None
    if state.ending:
        return None
    addressed = is_addressed(
        text, [state.prompts.host.name], answers_question=state.asked == identity
    )
    message = attributed(leg, text)
    state.spoken_by[message.id] = identity
    state.log.write("participant_turn", identity=identity, addressed=addressed)
    if not addressed:
        await _keep_as_context(session, state, message)
        return None
    state.asked = None
    handle = session.generate_reply(user_input=message)
    state.replying_to[handle.id] = identity
    handle.add_done_callback(lambda done: _replied(state, identity, done))
    return handle


async def _keep_as_context(session: AgentSession, state: CallState, message) -> None:
    """Add an unaddressed turn to the current agent's chat context, keeping only the last
    MAX_CONTEXT_TURNS of them (an hour of talk between participants must not grow it)."""
    agent = session.current_agent
    ctx = agent.chat_ctx.copy()
    ctx.items.append(message)
    answered = _answered(state)
    kept = [i.id for i in ctx.items if i.id in state.spoken_by and i.id not in answered]
    if dropped := set(kept[:-MAX_CONTEXT_TURNS]):
        ctx.items = [i for i in ctx.items if i.id not in dropped]
    await agent.update_chat_ctx(ctx)


def _answered(state: CallState) -> set[str]:
    """History items of participants' turns the host replied to (kept in full)."""
    if state.session is None:
        return set()
    return {i.id for i in state.session.history.items if i.id in state.spoken_by}


def _replied(state: CallState, identity: str, handle: SpeechHandle) -> None:
    """The reply to a participant ended: the call log says whom it answered, with which
    tools and whether it was said in full; if it ended on a question to them, their next
    words answer it (addressed); anything else the host said since has cleared it."""
    said = [i for i in handle.chat_items if i.type == "message" and i.role == "assistant"]
    tools = [i.name for i in handle.chat_items if i.type == "function_call"]
    state.log.write(
        "participant_reply",
        identity=identity,
        tools=tools,
        said=bool(said),
        interrupted=handle.interrupted,
    )
    if said and not handle.interrupted and (said[-1].text_content or "").rstrip().endswith("?"):
        state.asked = identity


def follow(session: AgentSession, state: CallState) -> None:
    """Whatever the host says ends the wait for an answer from a participant (the reply that
    asks them sets it again when it is done, `_asked_back`)."""

    @session.on("conversation_item_added")
    def _item(event) -> None:
        item = event.item
        if isinstance(item, llm.ChatMessage) and item.role == "assistant":
            state.asked = None
