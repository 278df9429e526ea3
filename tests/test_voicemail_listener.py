"""The voicemail listener never shows its own state as the agent's (offline part; the whole
detector runs against the real server in tests/e2e/test_voicemail_real.py)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from livekit import rtc

from workflows.lifecycle.voicemail import _keep_the_calls_state


class Participant:
    def __init__(self) -> None:
        self.writes: list[dict[str, str]] = []

    async def set_attributes(self, attributes: dict[str, str]) -> None:
        self.writes.append(attributes)


async def test_the_calls_state_is_put_back_after_each_of_the_listeners_writes():
    listener = rtc.EventEmitter()
    session = SimpleNamespace(agent_state="speaking")  # the host is talking to the caller
    room = SimpleNamespace(local_participant=Participant())
    # The listener's RoomIO subscribed first (at its start): its write is queued first.
    listener.on(
        "agent_state_changed",
        lambda ev: asyncio.ensure_future(
            room.local_participant.set_attributes({"lk.agent.state": ev.new_state})
        ),
    )
    _keep_the_calls_state(listener, session, room)
    listener.emit("agent_state_changed", SimpleNamespace(new_state="listening"))
    for _ in range(5):
        await asyncio.sleep(0)
    writes = room.local_participant.writes
    assert writes[-1] == {"lk.agent.state": "speaking"}
    assert {"lk.agent.state": "listening"} in writes  # it was overwritten, not prevented
