"""The benchmark runs and reports every row. Timing goals live in `tests/perf.py`, never here."""

from __future__ import annotations

import re

import pytest

from tests.perf import run

pytestmark = pytest.mark.slow  # starts real processes or runs for seconds

ROWS = (
    "date: ",
    "machine: ",
    "tool turn, project (host: list_participants)",
    "tool turn, bare Agent + 1 trivial tool (floor)",
    'handoff: "I\'m Ada" -> host greeting said',
    'dial-out: "yes" -> backend dial() entered',
    "prompt reload, unchanged (a stat per file)",
    "prompt reload, one file changed (parse)",
    "offline NLU: worst hostile line at the cap",
    "offline NLU: 25 KB line (over the cap)",
    "calls open",
    "MB per additional call (1 -> 50 open)",
    "targets: ",
)


def test_a_quick_benchmark_run_reports_every_row_and_the_overhead_ratio():
    report = run(quick=True)
    missing = [label for label in ROWS if label not in report]
    assert missing == [], report
    assert re.search(r"^overhead ratio: \d+\.\d\d$", report, re.MULTILINE), report
    for calls in (1, 50):  # one line per number of concurrent calls, each call did a turn
        assert re.search(rf"^\s+{calls}\s.*\s{calls} / {calls}$", report, re.MULTILINE), report
