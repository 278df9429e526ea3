"""`make eval`: the scenario corpus (tests/scenarios/) against a real model.

The agents run with the configured AGENT_LLM through LiveKit Inference, on simulated telephony
(nothing is dialled). Per turn it checks the tool calls and their arguments, the words that must
never be heard and the outcome exactly as CI does; a turn's free-text `intent` is judged by the
framework's LLM judge (`RunResult.expect[...].judge(llm, intent=...)`). Exact `hear` phrases
are only reported, since a real model relays tool results in its own words.

Without LIVEKIT_API_KEY and LIVEKIT_API_SECRET it prints that it skipped and why, and exits 0.

    make eval                       # every scenario not marked offline_only
    make eval ARGS="-k transfer"    # only scenarios whose file name contains "transfer"
    EVAL_JUDGE_LLM=openai/gpt-4.1 make eval   # another judge (default: AGENT_LLM)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time

from workflows.call.env import load_env_file


def skip_reason(env: dict[str, str]) -> str | None:
    """Why the eval cannot run here, or None when it can."""
    missing = [k for k in ("LIVEKIT_API_KEY", "LIVEKIT_API_SECRET") if not env.get(k)]
    if missing:
        return (
            f"{' and '.join(missing)} not set: the eval needs a LiveKit Cloud project to "
            "reach LiveKit Inference (set them in .env)"
        )
    if env.get("AGENT_LLM", "").strip().lower() == "offline":
        return "AGENT_LLM=offline: the offline model is already checked by `make test`"
    return None


def build_model(name: str):
    """A LiveKit Inference model (replaced by stand-ins in the eval's own test)."""
    from livekit.agents import inference

    return inference.LLM(name)


async def _run(names: list[str]) -> int:
    from livekit.agents.utils import http_context

    from tests.scenarios.corpus import load, paths
    from tests.scenarios.runner import check_calls, check_words, play
    from tests.support.harness import prompts
    from workflows.call.settings import Settings

    settings = Settings.from_env(mode="console")
    judge_model = os.environ.get("EVAL_JUDGE_LLM") or settings.llm
    chosen = [p for p in paths() if not names or any(n in p.stem for n in names)]
    failures: list[str] = []
    ran = 0
    async with http_context.open():
        for path in chosen:
            scenario = load(path)
            if scenario.offline_only:
                continue
            ran += 1
            notes: list[str] = []
            judge = build_model(judge_model)

            async def check(index, heard, result, scenario=scenario, notes=notes, judge=judge):
                check_calls(scenario, index, heard)
                check_words(scenario, index, heard, prompts(), hear=False)
                turn = scenario.turns[index]
                said = "\n".join(heard.lines)
                notes.extend(
                    f"turn {index + 1}: said differently from {p.phrase or p.words}"
                    for p in turn.hear
                    if not p.found_in(said, prompts())
                )
                if turn.intent and result is not None:  # not on a participant's turn
                    replies = [
                        i
                        for i, e in enumerate(result.events)
                        if e.type == "message" and e.item.role == "assistant"
                    ]
                    assert replies, f"turn {index + 1}: no reply to judge"
                    await (
                        result.expect[replies[-1]]
                        .is_message(role="assistant")
                        .judge(judge, intent=turn.intent)
                    )

            started = time.monotonic()
            try:
                await play(scenario, build_model(settings.llm), check)
            except AssertionError as e:
                failures.append(f"{path.stem}: {e}")
                print(f"FAIL {path.stem} ({time.monotonic() - started:.1f}s)\n     {e}")
                continue
            print(f"ok   {path.stem} ({time.monotonic() - started:.1f}s)")
            for note in notes:
                print(f"     note: {note}")
    print(
        f"\n{ran - len(failures)}/{ran} scenarios passed against {settings.llm} "
        f"(judge: {judge_model})"
    )
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make eval", description=__doc__.split("\n")[0])
    parser.add_argument(
        "-k",
        dest="names",
        action="append",
        default=[],
        help="run only scenarios whose file name contains this (repeatable)",
    )
    args = parser.parse_args(argv)
    load_env_file()  # ./.env or ENV_FILE, like the worker
    if reason := skip_reason(dict(os.environ)):
        print(f"make eval: skipped - {reason}.")
        return 0
    return asyncio.run(_run(args.names))


if __name__ == "__main__":
    sys.exit(main())
