"""Play one scenario on simulated telephony with any model: the offline one (CI) or a real one
(`make eval`). The caller of `play` decides how strictly each turn is checked."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from livekit.agents import RunResult, llm

from agents.conference_host import ConferenceHost
from agents.receptionist import Receptionist
from prompts.loader import Prompts
from tests.scenarios.corpus import Scenario, matches
from tests.support.harness import running_call, simulated_call
from workflows.rehearsal.voices import say_as, spoken_by


@dataclass
class Heard:
    """What one caller turn produced: tool calls (name, arguments) and every line said."""

    calls: list[tuple[str, dict]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    ended: bool = False  # the call had ended (hung up, transferred) before this turn: unheard


def tool_names(heard: list[Heard]) -> list[str]:
    """The tools the turns in `heard` called, in order."""
    return [name for turn in heard for name, _ in turn.calls]


def tool_args(heard: list[Heard], tool: str) -> dict:
    """The arguments of the first call of `tool` in `heard`."""
    return next(args for turn in heard for name, args in turn.calls if name == tool)


def check_calls(scenario: Scenario, index: int, heard: Heard) -> None:
    """The turn's expected tool calls, in order, with argument subsets; and the forbidden ones."""
    turn = scenario.turns[index]
    where = _where(turn.say, index, heard)
    if turn.calls is not None:
        position = 0
        for want in turn.calls:
            found = next(
                (
                    i
                    for i in range(position, len(heard.calls))
                    if heard.calls[i][0] == want.name and matches(want.args, heard.calls[i][1])
                ),
                None,
            )
            assert found is not None, f"expected {want.name}({want.args}) at {where}"
            position = found + 1
        if not turn.calls:
            assert heard.calls == [], f"expected no tool call at {where}"
    if turn.silent:
        assert heard.lines == [] and heard.calls == [], f"expected no reply at {where}"
    for name in turn.not_calls:
        assert name not in [n for n, _ in heard.calls], f"{name} must not run at {where}"


def check_words(
    scenario: Scenario, index: int, heard: Heard, prompts: Prompts, *, hear: bool = True
) -> None:
    """What the caller must (if `hear`) and must not hear this turn."""
    turn = scenario.turns[index]
    where = _where(turn.say, index, heard)
    said = "\n".join(heard.lines)
    for phrase in turn.hear if hear else []:
        text = phrase.expected(prompts)
        assert phrase.found_in(said, prompts), f"expected to hear {text!r} at {where}"
    for phrase in turn.not_hear:
        text = phrase.rendered(prompts)
        assert text not in said, f"must not hear {text!r} at {where}"


def _where(say: str, index: int, heard: Heard) -> str:
    return f"turn {index + 1} ({say!r}); heard {heard.lines}; tools {heard.calls}"


Check = Callable[[int, Heard, RunResult | None], Awaitable[None]]  # None: a participant's turn


async def play(
    scenario: Scenario, model: llm.LLM | None, check: Check, prompts: Prompts | None = None
) -> None:
    """Run the scenario's turns, calling `check` after each, then check its outcome."""
    settings = {"sim_ring_delay": 0.0, "sim_answer_delay": 0.0} | scenario.settings
    state = simulated_call(**settings)
    if prompts is not None:
        state.prompts = prompts
    state.caller.identity = "caller"  # as in the console: the caller can be transferred
    agent = Receptionist(state.prompts)
    if scenario.start == "host":
        state.caller.name = scenario.caller.get("name")
        state.caller.reason = scenario.caller.get("reason")
        agent = ConferenceHost(state.prompts, state.caller)
    if model is None:
        from workflows.call.dial_policy import spoken_regions
        from workflows.rehearsal.model import OfflineDialogLLM

        regions = spoken_regions(state.policy, state.settings.sip_default_region)
        model = OfflineDialogLLM(state.prompts, state.directory, regions)
    async with running_call(model, state=state, agent=agent) as call:
        session = call.session
        closed = asyncio.Event()
        session.on("close", lambda _event: closed.set())
        await _settle(state, session)
        for index, turn in enumerate(scenario.turns):
            if closed.is_set():  # a line after the goodbye or the transfer reaches nobody
                await check(index, Heard(ended=True), None)
                continue
            start = len(session.history.items)
            announced = len(state.announcements)
            leg, said = spoken_by(state, turn.say)  # "Dana: ..." is said by that participant
            result = None
            if leg is not None:
                await say_as(state, leg, said)
            else:
                result = await session.run(user_input=turn.say)
            await _settle(state, session)
            heard = _heard_since(session, start)
            fresh = state.announcements[announced:]  # spoken on its own or inside a reply
            heard.lines += [a for a in fresh if not any(a in line for line in heard.lines)]
            await check(index, heard, result)
        outcome, sim = scenario.outcome, call.simulated
        if outcome.dialled is not None:
            assert [r.phone_number for r in sim.dialled] == outcome.dialled, "dialled"
        if outcome.dtmf is not None:
            assert sim.dtmf == outcome.dtmf, "keys pressed"
        if outcome.transferred_to is not None:
            assert [to for _, to in sim.transfers] == outcome.transferred_to, "transfers"
        if outcome.ended is not None:
            assert (sim.deleted > 0) == outcome.ended, "call ended"
        if outcome.caller_name is not None:
            assert state.caller.name == outcome.caller_name, "caller name"
        if outcome.caller_reason is not None:
            assert state.caller.reason == outcome.caller_reason, "caller reason"


SETTLE_POLLS = 200  # 5 ms apart: a second of dials and speech on zero simulated delays


async def play_lines(start: str, *says: str, settings: dict | None = None) -> list[Heard]:
    """What each of `says` produced, said in turn to the `start` agent ("host" or the
    receptionist) with the offline model: a scenario of those lines, unchecked. `settings`
    override the scenario's (phones ring and answer at once unless they say otherwise)."""
    heard: list[Heard] = []

    async def keep(_index, turn, _result) -> None:
        heard.append(turn)

    scenario = Scenario.model_validate(
        {
            "about": "lines",
            "start": start,
            "turns": [{"say": s} for s in says],
            "settings": settings or {},
        }
    )
    await play(scenario, None, keep)
    return heard


async def _settle(state, session, polls: int = SETTLE_POLLS) -> None:
    """Let background dials finish and their announcements be said (zero simulated delays).
    A phone on a long ring (+1 415 555 0187) rings on into the caller's next turn. A call
    still busy after `polls` fails the scenario: checking a turn whose dials or speech are
    still running would check half of it."""
    backend = getattr(state.telephony, "inner", state.telephony)

    def busy() -> bool:
        ringing_on = len(getattr(backend, "ringing_on", ()))
        return len(state.dial_tasks) > ringing_on or session.current_speech is not None

    for _ in range(polls):
        if not busy():
            break
        if (speech := session.current_speech) is not None:
            await speech.wait_for_playout()
        await asyncio.sleep(0.005)
    if busy():
        raise AssertionError(
            f"the call did not settle after {polls} polls: {len(state.dial_tasks)} dial(s) "
            f"still running, speech {'still playing' if session.current_speech else 'done'}"
        )
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
