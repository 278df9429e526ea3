"""Every scenario in tests/scenarios/ against the offline model, on simulated telephony.

`make eval` runs the same files against a real model (tests/eval.py).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

import pytest

from agents.conference_host import ConferenceHost
from agents.receptionist import Receptionist
from tests.harness import prompts, running_call, simulated_call
from tests.scenarios.corpus import Scenario, load, matches, paths
from workflows.offline_llm import OfflineDialogLLM


@dataclass
class Heard:
    """What one caller turn produced: tool calls (name, arguments) and every line said."""

    calls: list[tuple[str, dict]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def check_turn(scenario: Scenario, index: int, heard: Heard) -> None:
    """Assert one turn's expectations, naming the scenario turn and what was heard."""
    turn = scenario.turns[index]
    where = f"turn {index + 1} ({turn.say!r}); heard {heard.lines}; tools {heard.calls}"
    if turn.calls is not None:
        names = [name for name, _ in heard.calls]
        position = 0
        for want in turn.calls:
            found = next((i for i in range(position, len(heard.calls))
                          if heard.calls[i][0] == want.name
                          and matches(want.args, heard.calls[i][1])), None)
            assert found is not None, f"expected {want.name}({want.args}) at {where}"
            position = found + 1
        if not turn.calls:
            assert names == [], f"expected no tool call at {where}"
    for name in turn.not_calls:
        assert name not in [n for n, _ in heard.calls], f"{name} must not run at {where}"
    said = "\n".join(heard.lines)
    for phrase in turn.hear:
        text = phrase.rendered(prompts())
        assert text in said, f"expected to hear {text!r} at {where}"
    for phrase in turn.not_hear:
        text = phrase.rendered(prompts())
        assert text not in said, f"must not hear {text!r} at {where}"


async def _settle(state, session) -> None:
    """Let background dials finish and their announcements be said (zero simulated delays)."""
    for _ in range(200):
        speech = session.current_speech
        if not state.dial_tasks and speech is None:
            break
        if speech is not None:
            await speech.wait_for_playout()
        await asyncio.sleep(0.005)
    for _ in range(5):
        await asyncio.sleep(0)


def _heard_since(session, start: int) -> Heard:
    heard = Heard()
    for item in session.history.items[start:]:
        if item.type == "function_call":
            heard.calls.append((item.name, json.loads(item.arguments or "{}")))
        elif item.type == "message" and item.role == "assistant" and item.text_content:
            heard.lines.append(item.text_content)
    return heard


async def run_offline(scenario: Scenario) -> None:
    settings = {"sim_ring_delay": 0.0, "sim_answer_delay": 0.0} | scenario.settings
    state = simulated_call(**settings)
    state.caller.identity = "caller"  # as in the console: the caller can be transferred
    agent = Receptionist(state.prompts)
    if scenario.start == "host":
        state.caller.name = scenario.caller.get("name")
        state.caller.reason = scenario.caller.get("reason")
        agent = ConferenceHost(state.prompts, state.caller)
    async with running_call(OfflineDialogLLM(state.prompts), state=state, agent=agent) as call:
        session = call.session
        await _settle(state, session)
        for index, turn in enumerate(scenario.turns):
            start = len(session.history.items)
            announced = len(state.events.announcements)
            await session.run(user_input=turn.say)
            await _settle(state, session)
            heard = _heard_since(session, start)
            heard.lines += [a for a in state.events.announcements[announced:]
                            if a not in heard.lines]
            check_turn(scenario, index, heard)
        outcome = scenario.outcome
        sim = call.simulated
        if outcome.dialled is not None:
            assert [r.phone_number for r in sim.dialled] == outcome.dialled
        if outcome.dtmf is not None:
            assert sim.dtmf == outcome.dtmf
        if outcome.transferred_to is not None:
            assert [to for _, to in sim.transfers] == outcome.transferred_to
        if outcome.ended is not None:
            assert (sim.deleted > 0) == outcome.ended
        if outcome.caller_name is not None:
            assert state.caller.name == outcome.caller_name
        if outcome.caller_reason is not None:
            assert state.caller.reason == outcome.caller_reason


@pytest.mark.parametrize("path", paths(), ids=lambda p: p.stem)
async def test_scenario(path):
    await run_offline(load(path))


def test_the_corpus_is_big_enough_and_covers_every_host_tool():
    scenarios = [load(p) for p in paths()]
    assert len(scenarios) >= 60
    called = {c.name for s in scenarios for t in s.turns for c in (t.calls or [])}
    host_tools = {
        "read_back_number", "add_sip_participant", "list_participants", "look_up_contact",
        "remove_participant", "mute_participant", "send_digits", "transfer_call",
        "warm_transfer", "end_call", "get_call_state", "transfer_to_conference_host",
    }
    assert host_tools <= called, f"no scenario calls {sorted(host_tools - called)}"


def test_every_phrase_in_the_corpus_renders():
    for path in paths():
        for turn in load(path).turns:
            for phrase in [*turn.hear, *turn.not_hear]:
                assert phrase.rendered(prompts()), path.name
