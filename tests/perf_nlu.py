"""The benchmark's offline-NLU samples: how long the rehearsal model reads a hostile caller
line, at the longest it reads (MAX_LINE_CHARS) and far over it; a line it reads has its typos
corrected first (`nlu/spelling.py`, its line cache bypassed so each read pays for it). The
unit test that bounds the same work by counting is tests/test_nlu_bounds.py."""

import time

from workflows.rehearsal.nlu import MAX_LINE_CHARS, understand
from workflows.rehearsal.nlu.spelling import as_meant

# Line shapes that made the old reader rescan the rest of the line per word or per pass.
_SHAPES = ("add ", "call dana and ", "mute ", "don't call ", ", ", "!")


def _line(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def nlu_samples(repeats: int) -> tuple[list[float], list[float]]:
    """(seconds per read of the worst shape at the cap, seconds per read of a 25 KB line)."""
    at_cap = [_line(unit, MAX_LINE_CHARS) for unit in _SHAPES]
    worst, over = [], []
    for _ in range(repeats):
        times = []
        for line in at_cap:
            start = time.perf_counter()
            understand(as_meant.__wrapped__(line))
            times.append(time.perf_counter() - start)
        worst.append(max(times))
        start = time.perf_counter()
        understand(_line("add ", 25_000))
        over.append(time.perf_counter() - start)
    return worst, over
