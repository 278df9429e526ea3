"""Load (not timed): 100 concurrent simulated calls in one process, each complete."""

from __future__ import annotations

import asyncio
import json

import pytest

from agents.receptionist import Receptionist
from tests.support.harness import running_call, simulated_call
from tests.support.scripted_llm import call, dial, host_model, relay_tool_output, until

pytestmark = pytest.mark.slow  # starts real processes or runs for seconds

CALLS = 100


def model(ctx):
    if (out := relay_tool_output(ctx)) is not None:
        return out
    if (ctx.items[-1].text_content or "").startswith("I'm "):
        name = ctx.items[-1].text_content.removeprefix("I'm ")
        return [call("transfer_to_conference_host", caller_name=name, reason="sync")]
    return host_model(ctx)


async def one_call(n: int, log_dir) -> dict:
    state = simulated_call(call_log_dir=log_dir, sim_ring_delay=0.05, sim_answer_delay=0.05)
    async with running_call(model, state=state, agent=Receptionist(state.prompts)) as c:
        await c.session.run(user_input=f"I'm Caller {n}")
        await dial(c.session, f"+1 415 555 {2000 + n}")
        await dial(c.session, f"+1 415 555 {3000 + n}")
        await until(lambda: sum(leg.answered for leg in state.legs.values()) >= 2, 30, 0.02)
        await c.session.run(user_input="bye")
    return {
        "n": n,
        "path": state.log.path,
        "legs": len(state.telephony.dialled),
        "deleted": state.telephony.deleted,
        "name": state.caller.name,
    }


async def test_a_hundred_concurrent_calls_all_complete_with_full_logs(tmp_path):
    results = await asyncio.gather(
        *(one_call(n, tmp_path) for n in range(CALLS)), return_exceptions=True
    )
    failures = [r for r in results if isinstance(r, BaseException)]
    assert failures == []
    assert len({r["path"] for r in results}) == CALLS
    for r in results:
        assert (r["legs"], r["deleted"], r["name"]) == (2, 1, f"Caller {r['n']}")
        events = [json.loads(line)["event"] for line in r["path"].read_text().splitlines()]
        assert events[0] == "call_start" and events[-1] == "call_end"
        assert events.count("handoff") == 1
        assert events.count("dial") == 2
        assert events.count("read_back") == 2
        statuses = [json.loads(line) for line in r["path"].read_text().splitlines()]
        active = [s for s in statuses if s["event"] == "status" and s["status"] == "active"]
        assert len(active) == 2
