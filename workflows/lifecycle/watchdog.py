"""Per-call limits: MAX_CALL_DURATION and IDLE_TIMEOUT, each ending the call politely.

The idle timer counts the caller's silence only while nobody dialled is on the call: once
people are talking to each other, the host is not needed and silence towards it is normal.
A first timeout asks "Are you still there?"; half as long again with no answer ends the call.
"""

from __future__ import annotations

import asyncio
import logging

from livekit.agents import AgentSession

from workflows.lifecycle import events
from workflows.lifecycle.ending import end_call_once
from workflows.lifecycle.state import CallState

log = logging.getLogger("watchdog")


async def watch(state: CallState, session: AgentSession, tick: float = 1.0) -> None:
    """Run until the call ends; end it when it is too long or the caller has gone quiet.

    It sleeps until the next deadline rather than polling; `tick` is the shortest sleep.
    """
    settings, timeouts = state.settings, state.prompts.shared.timeouts
    warned_at: float | None = None
    while not state.ending:
        now = state.clock()
        deadlines = []
        if settings.max_call_duration:
            deadlines.append(state.started_at + settings.max_call_duration)
        if settings.idle_timeout:
            if warned_at is not None and state.last_heard > warned_at:
                warned_at = None  # they answered the warning
            if any(leg.answered for leg in state.live_legs()):
                warned_at = None  # people are talking to each other: look again later
                deadlines.append(now + settings.idle_timeout)
            elif warned_at is None:
                deadlines.append(state.last_heard + settings.idle_timeout)
            else:
                deadlines.append(warned_at + settings.idle_timeout / 2)
        if not deadlines:
            return
        await state.sleep(max(min(deadlines) - now, tick))
        now = state.clock()
        if settings.max_call_duration and now - state.started_at >= settings.max_call_duration:
            if not state.ending:
                state.log.write("timeout", kind="max_call_duration")
            if ending := end_call_once(
                state, session, "max call duration", goodbye=timeouts.max_duration
            ):
                await ending
            return
        if not settings.idle_timeout or any(leg.answered for leg in state.live_legs()):
            continue
        if warned_at is None and now - state.last_heard >= settings.idle_timeout:
            warned_at = now
            state.log.write("timeout", kind="idle_warning")
            events.say(state, timeouts.idle_warning)
        elif (
            warned_at is not None
            and state.last_heard <= warned_at
            and now - warned_at >= settings.idle_timeout / 2
        ):
            if not state.ending:
                state.log.write("timeout", kind="idle")
            if ending := end_call_once(state, session, "idle timeout", goodbye=timeouts.idle_end):
                await ending
            return


def start_watchdog(state: CallState, session: AgentSession, tick: float = 0.25) -> asyncio.Task:
    """Start `watch` for this call and stop it when the session closes."""
    task = asyncio.create_task(watch(state, session, tick), name=f"watchdog-{state.room_name}")
    session.on("close", lambda _: task.cancel())
    return task
