"""The scenario runner itself: it never checks a turn while the call is still busy."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from tests.scenarios.runner import _settle


async def test_settle_fails_loudly_when_a_dial_never_finishes():
    never = asyncio.get_running_loop().create_future()
    dial = asyncio.ensure_future(never)
    state, session = (
        SimpleNamespace(dial_tasks={dial}, telephony=SimpleNamespace()),
        SimpleNamespace(current_speech=None),
    )
    try:
        with pytest.raises(AssertionError, match="did not settle after 3 polls: 1 dial"):
            await _settle(state, session, polls=3)
    finally:
        dial.cancel()


async def test_settle_returns_once_the_last_dial_is_done():
    state, session = (
        SimpleNamespace(dial_tasks=set(), telephony=SimpleNamespace()),
        SimpleNamespace(current_speech=None),
    )

    async def dial() -> None:
        await asyncio.sleep(0.005)

    task = asyncio.ensure_future(dial())
    state.dial_tasks.add(task)
    task.add_done_callback(state.dial_tasks.discard)
    await _settle(state, session, polls=50)
    assert task.done()
