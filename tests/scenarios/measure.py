"""Count the caller lines the offline model misunderstands: `python -m tests.scenarios.measure`.

Plays scenarios (all, or those whose file names start with the given prefixes) against the
offline model and, unlike `tests/test_scenarios.py`, goes on after a turn fails its checks: a
line counts as misunderstood when its tool calls or what the caller heard are not what the
scenario expects (later turns of the same call are still played and counted). `--show` prints
what every failing turn heard. Used to measure the model before and after a change.
"""

from __future__ import annotations

import asyncio
import sys

from tests.scenarios.corpus import load, paths
from tests.scenarios.runner import check_calls, check_words, play
from tests.support.harness import prompts


async def misunderstood(path, show: bool = False) -> tuple[int, int]:
    """(lines misunderstood, lines played) for one scenario file."""
    scenario = load(path)
    failed: list[str] = []

    async def leniently(index, heard, _result) -> None:
        try:
            check_calls(scenario, index, heard)
            check_words(scenario, index, heard, prompts())
        except AssertionError as e:
            failed.append(str(e))

    try:
        await play(scenario, None, leniently)
    except AssertionError as e:  # the outcome: counted only when no line failed
        if not failed:
            failed.append(f"outcome: {e}")
    except RuntimeError as e:  # the call ended early ("AgentSession isn't running")
        failed.append(f"the call ended early: {e}")
    if show:
        for reason in failed:
            print(f"  {path.stem}: {reason}")
    return len(failed), len(scenario.turns)


async def main(argv: list[str]) -> int:
    show = "--show" in argv
    prefixes = [a for a in argv if not a.startswith("--")]
    chosen = [p for p in paths() if not prefixes or p.stem.startswith(tuple(prefixes))]
    total = lines = calls_wrong = 0
    for path in chosen:
        wrong, played = await misunderstood(path, show)
        total, lines, calls_wrong = total + wrong, lines + played, calls_wrong + bool(wrong)
    print(f"{total} of {lines} lines misunderstood, in {calls_wrong} of {len(chosen)} scenarios")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
