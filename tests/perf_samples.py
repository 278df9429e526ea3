"""The benchmark's timed samples: tool turns, handoffs, dial-outs and prompt reloads, each beside
the floor (a bare framework turn) where that is what they are compared with."""

import os
import shutil
import tempfile
import time
from contextlib import AsyncExitStack
from pathlib import Path

from agents.receptionist import Receptionist
from prompts.loader import render
from tests.perf_sessions import (
    PROMPTS,
    BareAgent,
    bare_turn,
    checked,
    new_state,
    open_host,
    open_session,
    settle,
    timed,
)
from tests.support.scripted_llm import until
from workflows.call.files import CallFileStore
from workflows.call.settings import DIAL_POLICY_FILE, PROMPTS_DIR


async def turn_samples(rounds: int, turns: int) -> tuple[list[float], list[float]]:
    """Project and bare tool turns, taking turns to go first; round 0 is a warm-up. Fresh
    sessions each round keep both histories short and alike."""
    samples: dict[str, list[float]] = {"project": [], "bare": []}
    for r in range(rounds + 1):
        async with AsyncExitStack() as stack:
            host, state = await open_host(stack)
            await host.run(user_input=f"add +1 415 555 {2000 + r}")  # one person on the call
            await host.run(user_input="yes")
            await settle(state)
            sessions = {"project": host, "bare": await open_session(stack, BareAgent(), None)}
            for _ in range(3):  # about as long a history as the host's
                await sessions["bare"].run(user_input="who?")
            for i in range(turns):
                for kind in ("project", "bare") if (r + i) % 2 else ("bare", "project"):
                    elapsed = await timed(sessions[kind], "who?", "list_participants")
                    samples[kind].extend([elapsed] if r else [])
    return samples["project"], samples["bare"]


async def handoff_samples(n: int) -> tuple[list[float], list[float]]:
    """From the user line "I'm Ada" (-> transfer_to_conference_host) to the host's greeting,
    each beside a bare turn."""
    greeting = render(PROMPTS.host.greeting, caller_name="Ada")
    samples: list[float] = []
    floor: list[float] = []
    for i in range(n + 1):  # the first is a warm-up
        async with AsyncExitStack() as stack:
            state = new_state()
            session = await open_session(stack, Receptionist(state.prompts), state)
            said: list[float] = []
            session.on(
                "conversation_item_added",
                lambda e, said=said: said.extend(
                    [time.perf_counter()]
                    if e.item.type == "message" and e.item.text_content == greeting
                    else []
                ),
            )
            start = time.perf_counter()
            checked(await session.run(user_input="I'm Ada"), "transfer_to_conference_host")
            if i:
                samples.append(said[0] - start)
                floor.append(await bare_turn(stack))
    return samples, floor


async def dial_samples(n: int) -> tuple[list[float], list[float]]:
    """From "yes" after a read-back to the backend's dial() being entered, each beside a bare
    turn; 4 dials a call."""
    samples: list[float] = []
    floor: list[float] = []
    while len(samples) <= n:  # the first is a warm-up
        async with AsyncExitStack() as stack:
            host, state = await open_host(stack)
            entered = state.telephony.entered  # type: ignore[attr-defined]
            for k in range(4):
                await host.run(user_input=f"add +1 415 555 {3000 + k}")
                start = time.perf_counter()
                checked(await host.run(user_input="yes"), "add_sip_participant")
                await until(lambda k=k, entered=entered: len(entered) > k, timeout=5, every=0)
                samples.append(entered[k] - start)
                floor.append(await bare_turn(stack))
                await settle(state)
    return samples[1 : n + 1], floor[1 : n + 1]


def reload_samples(unchanged: int, changed: int) -> tuple[list[float], list[float]]:
    """`CallFileStore.load()` on a copy of the prompts: unchanged (a stat per file), and after
    one file was touched (everything parsed again)."""
    same, parsed = [], []
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "prompts"
        shutil.copytree(PROMPTS_DIR, directory, ignore=shutil.ignore_patterns("*.py", "__*"))
        store = CallFileStore(directory, Path(shutil.copy(DIAL_POLICY_FILE, tmp)))
        current, edited = store.load(), directory / "conference_host.yaml"
        for i in range(unchanged + changed):
            if i >= unchanged:
                mtime = edited.stat().st_mtime_ns + 1_000_000
                os.utime(edited, ns=(mtime, mtime))
            start = time.perf_counter()
            prompts = store.load()
            (same if i < unchanged else parsed).append(time.perf_counter() - start)
            assert (prompts is current) == (i < unchanged), "reloaded when it should not, or not"
            current = prompts
    return same, parsed
