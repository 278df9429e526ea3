"""Every scenario in tests/scenarios/ against the offline model, on simulated telephony.

`make eval` runs the same files against a real model (tests/eval.py).
"""

from __future__ import annotations

import pytest

from prompts.schema import render
from tests.scenarios.corpus import Phrase, Scenario, load, paths
from tests.scenarios.runner import Heard, check_calls, check_words, play
from tests.support.harness import files, prompts


@pytest.mark.parametrize("path", paths(), ids=lambda p: p.stem)
async def test_scenario(path):
    scenario = load(path)

    greeted = prompts().host.greeting if scenario.start == "host" else ""
    before = Heard(lines=[greeted])  # the host's greeting asks who to bring in

    async def strictly(index, heard, _result) -> None:
        check_calls(scenario, index, heard)
        check_words(scenario, index, heard, prompts())
        # no false "Okay": it follows an action, or answers what the host asked or did
        if prompts().offline.anything_else in heard.lines:
            asked = any(line.rstrip().endswith("?") for line in before.lines)
            assert heard.calls or before.calls or asked, f"'Okay' for nothing: turn {index + 1}"
        before.calls, before.lines = heard.calls, heard.lines

    await play(scenario, None, strictly)


def test_the_corpus_is_big_enough_and_covers_every_host_tool():
    scenarios = [load(p) for p in paths()]
    assert len(scenarios) >= 60
    called = {c.name for s in scenarios for t in s.turns for c in (t.calls or [])}
    tools = {
        "transfer_to_conference_host",
        "read_back_number",
        "add_sip_participant",
        "list_participants",
        "look_up_contact",
        "remove_participant",
        "mute_participant",
        "send_digits",
        "transfer_call",
        "warm_transfer",
        "end_call",
        "get_call_state",
    }
    assert tools <= called, f"no scenario calls {sorted(tools - called)}"
    assert sum(s.start == "receptionist" for s in scenarios) >= 15
    assert sum(p.stem.startswith("confirmation_") for p in paths()) >= 3


def test_every_phrase_in_the_corpus_renders():
    for path in paths():
        for turn in load(path).turns:
            for phrase in turn.hear:  # a variable may be left out: it matches any words
                assert phrase.expected(prompts()), path.name
            for phrase in turn.not_hear:
                assert phrase.rendered(prompts()), path.name


def test_a_variable_left_out_matches_any_words_and_nothing_else():
    """`{phrase: offline.answers.no_team, team: Billing}` follows the directory's teams, but
    still needs the phrase itself, with the variables it was given."""
    no_team = prompts().offline.answers.no_team
    said = render(no_team, team="Billing", teams="Sales, Finance and Legal")
    billing = Phrase.model_validate({"phrase": "offline.answers.no_team", "team": "Billing"})
    legal = Phrase.model_validate({"phrase": "offline.answers.no_team", "team": "Legal"})
    assert billing.found_in(f"Sure. {said} Anything else?", prompts())
    assert not legal.found_in(said, prompts())
    assert not billing.found_in(prompts().offline.host_not_understood, prompts())


async def test_a_broken_expectation_fails_the_scenario():
    """The runner is not a rubber stamp: a phrase that is not said fails the scenario."""
    wrong = Scenario.model_validate(
        {
            "about": "a busy number said to join",
            "start": "host",
            "turns": [
                {"say": "add 415 555 0186"},
                {"say": "yes", "hear": [{"phrase": "host.joined", "who": "+1 415-555-0186"}]},
            ],
        }
    )

    async def strictly(index, heard, _result) -> None:
        check_calls(wrong, index, heard)
        check_words(wrong, index, heard, prompts())

    with pytest.raises(AssertionError, match="expected to hear"):
        await play(wrong, None, strictly)


@pytest.mark.slow  # a real process
def test_make_eval_without_credentials_says_it_skipped_and_why(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEKIT_", "AGENT_"))}
    env["PYTHONPATH"] = str(root)
    done = subprocess.run(
        [sys.executable, "-m", "tests.eval"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "make eval: skipped - LIVEKIT_API_KEY and LIVEKIT_API_SECRET not set"
    )


def test_eval_runs_only_with_credentials_and_a_real_model():
    from tests.eval import skip_reason

    assert skip_reason({}) is not None
    assert "offline" in skip_reason(
        {"LIVEKIT_API_KEY": "k", "LIVEKIT_API_SECRET": "s", "AGENT_LLM": "offline"}
    )
    assert skip_reason({"LIVEKIT_API_KEY": "k", "LIVEKIT_API_SECRET": "s"}) is None


async def test_the_eval_harness_plays_the_corpus_and_asks_the_judge(monkeypatch, capsys):
    """`make eval` end to end with stand-ins for LiveKit Inference: the offline model plays the
    agents, a scripted judge approves; every intent reaches the judge and the run passes."""
    from livekit.agents import llm

    from tests import eval as evaluation
    from tests.support.scripted_llm import ScriptedLLM
    from workflows.rehearsal.model import OfflineDialogLLM

    judged: list[str] = []

    def judge(chat_ctx):
        judged.append(chat_ctx.items[-1].text_content or "")
        return [
            llm.FunctionToolCall(
                name="check_intent",
                call_id=f"j{len(judged)}",
                arguments='{"success": true, "reason": "fine"}',
            )
        ]

    def stand_in(model):
        return (
            ScriptedLLM(judge)
            if model == "judge"
            else OfflineDialogLLM(prompts(), files().directory)
        )

    monkeypatch.setattr(evaluation, "build_model", stand_in)
    monkeypatch.setenv("EVAL_JUDGE_LLM", "judge")
    for key, value in {
        "AGENT_LLM": "openai/gpt-4.1-mini",
        "LIVEKIT_API_KEY": "test-key",
        "LIVEKIT_API_SECRET": "test-secret",
    }.items():
        monkeypatch.setenv(key, value)
    assert await evaluation._run(["receptionist_name_then_need", "transfer_cold_by"]) == 0
    out = capsys.readouterr().out
    assert "2/2 scenarios passed" in out
    assert len(judged) == 3  # the intents of those two scenarios
