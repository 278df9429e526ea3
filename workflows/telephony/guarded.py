"""Nothing billable once the call is ending: the telephony boundary refuses it.

A call can begin to end at any await: the caller hangs up while a dial waits for its voicemail
detector to start, while "Transferring you..." plays, while the model calls transfer and end in
one turn. A check before each of those awaits in each tool would be forgotten somewhere, so
the check is here, at the moment of every action: `GuardedTelephony` wraps each call's backend
(`workflows.lifecycle.setup.new_call`) and asks its `ending` predicate. Once the call is
ending, a dial, a transfer (SIP REFER), DTMF, a mute or a hang-up is refused with `CallEnding`
before it reaches the backend, and logged. Deleting the room (how a call ends) and listing
who is in it pass; the ending's own hang-ups go through `hang_up_at_end`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from workflows.telephony.protocol import (
    AnsweredBy,
    CallEnding,
    DialRequest,
    RoomParticipant,
    Telephony,
)

log = logging.getLogger("telephony.guarded")


class GuardedTelephony:
    """A `Telephony` that acts only while `ending()` is false.

    `on_refused(action)` is told of each refusal (the call log records it). Other attributes
    are the wrapped backend's.
    """

    def __init__(
        self,
        inner: Telephony,
        *,
        ending: Callable[[], bool],
        on_refused: Callable[[str], None] = lambda action: None,
    ) -> None:
        self.inner = inner
        self._ending = ending
        self._on_refused = on_refused

    async def dial(self, request: DialRequest) -> AnsweredBy:
        self._refuse_when_ending("dial")
        return await self.inner.dial(request)

    async def transfer(self, identity: str, transfer_to: str) -> None:
        self._refuse_when_ending("transfer")
        await self.inner.transfer(identity, transfer_to)

    async def send_dtmf(self, digits: str) -> None:
        self._refuse_when_ending("send DTMF")
        await self.inner.send_dtmf(digits)

    async def set_muted(self, identity: str, muted: bool) -> None:
        self._refuse_when_ending("mute" if muted else "unmute")
        await self.inner.set_muted(identity, muted)

    async def hang_up(self, identity: str) -> None:
        self._refuse_when_ending("hang up")
        await self.inner.hang_up(identity)

    async def hang_up_at_end(self, identity: str) -> None:
        """The ending's own hang-up (a dialled leg, a late answer): never refused."""
        await self.inner.hang_up(identity)

    async def list_participants(self) -> list[RoomParticipant]:
        return await self.inner.list_participants()

    async def delete_room(self) -> None:
        await self.inner.delete_room()

    async def aclose(self) -> None:
        await self.inner.aclose()

    def __getattr__(self, name: str) -> Any:  # backend extras (e.g. the simulated records)
        # `inner` looked up without coming back here: a copy has none yet, and no recursion.
        return getattr(object.__getattribute__(self, "inner"), name)

    def _refuse_when_ending(self, action: str) -> None:
        if self._ending():
            log.warning("%s refused: the call is ending", action)
            self._on_refused(action)
            raise CallEnding(action)
