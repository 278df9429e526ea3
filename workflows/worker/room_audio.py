"""The agent's voice in the room stays on for the whole call.

livekit-agents 1.8.9 makes every speech wait for someone to listen before its first frame
(RoomIO's audio output: `await self._subscribed_fut`, one future shared by all speeches, not
shielded). When a speech waiting there is interrupted (the caller types or talks before their
side has subscribed to the agent's track), asyncio cancels that shared future with it. From
then on every later speech stops at once in silence, its full text still recorded as said:
the agent is mute for the rest of the call. `make e2e` lost the host's greeting this way
under load (the test caller typed while its subscription was still on the way).

`keep_voice_after_early_interruption` gives the output a fresh future whenever its future
is cancelled before anyone subscribed; the framework resolves whichever future is there when
the subscription comes (`_publish_track`), so later speeches wait for it as the first did.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

log = logging.getLogger("workflows.worker.room_audio")


def keep_voice_after_early_interruption(audio_output: Any) -> None:
    """Renew `audio_output`'s subscription future each time an interrupted speech cancels it
    (a no-op for an output without one: text only, or a framework that no longer has it)."""
    first = getattr(audio_output, "_subscribed_fut", None)
    if not isinstance(first, asyncio.Future):
        return

    def renew(fut: asyncio.Future[None]) -> None:
        if not fut.cancelled() or audio_output._subscribed_fut is not fut:
            return  # subscribed, or already renewed
        fresh = fut.get_loop().create_future()
        fresh.add_done_callback(renew)
        audio_output._subscribed_fut = fresh
        log.debug("a speech was cut before anyone listened: still waiting for a listener")

    first.add_done_callback(renew)


def keep_room_voice(room_io: Any) -> None:
    """`keep_voice_after_early_interruption` on the session's RoomIO audio output."""
    keep_voice_after_early_interruption(getattr(room_io, "_audio_output", None))
