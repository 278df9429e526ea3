"""The offline NLU's work grows linearly with the caller's line, and it reads no line longer
than MAX_LINE_CHARS. Work is counted, not timed: every character handed to a regular
expression by the NLU's modules is tallied (the benchmark, `python -m tests.perf`, has the
times). A reader that rescans the rest of the line once per word ("add " x 8,000 took 17 s)
hands over a quadratic number of characters and fails here."""

from __future__ import annotations

import re
import sys
from types import SimpleNamespace

import pytest

import workflows.rehearsal.nlu as nlu
from workflows.rehearsal.nlu import (
    MAX_LINE_CHARS,
    Reading,
    caller,
    cancel,
    numbers,
    people,
    requests,
    understand,
)
from workflows.rehearsal.nlu import text as text_module

MODULES = (requests, numbers, caller, text_module, cancel, people)
# Lines built to make a reader rescan: many verbs, many separators, long runs.
HOSTILE = {  # (how the line starts, what it repeats)
    "add, repeated": ("", "add "),
    "a verb and a name, repeated": ("", "call dana and "),
    "punctuation": ("", "!"),
    "commas": ("", ", "),
    "spoken zeros after a digit": ("5", " oh"),
    "digits": ("", "1 "),
    "keys": ("", "press 1 "),
    "mutes": ("", "mute "),
    "cancels": ("", "don't call "),
    "names": ("", "hi i'm bob "),
    "one long word": ("", "a"),
}
PER_CHAR = 200  # characters handed to regexes per character of the line, at most


class _Tally:
    """Counts the characters offered to every regex call of the patched modules."""

    def __init__(self) -> None:
        self.chars = 0

    def offered(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> None:
        self.chars += max(0, min(endpos, len(string)) - pos)

    def pattern(self, compiled: re.Pattern) -> SimpleNamespace:
        def at(method):
            def call(string, pos=0, endpos=sys.maxsize):
                self.offered(string, pos, endpos)
                return getattr(compiled, method)(string, pos, endpos)

            return call

        def anchored(method):  # reads what it matches, not the rest of the line
            def call(string, pos=0, endpos=sys.maxsize):
                found = getattr(compiled, method)(string, pos, endpos)
                self.chars += found.end() - pos + 1 if found else 1
                return found

            return call

        def sub(repl, string, count=0):
            self.offered(string)
            return compiled.sub(repl, string, count)

        methods = {m: at(m) for m in ("search", "finditer", "findall")}
        methods |= {m: anchored(m) for m in ("match", "fullmatch")}
        return SimpleNamespace(**methods, sub=sub, pattern=compiled.pattern)

    def module(self) -> SimpleNamespace:
        """A stand-in for `re` whose functions count too."""

        def counted(name: str, index: int):
            def call(*args, **kwargs):
                self.offered(args[index])
                return getattr(re, name)(*args, **kwargs)

            return call

        functions = {n: counted(n, 1) for n in ("search", "match", "fullmatch", "findall", "split")}
        return SimpleNamespace(
            **{k: getattr(re, k) for k in ("IGNORECASE", "I", "DOTALL", "Match", "Pattern")},
            **functions,
            finditer=counted("finditer", 1),
            sub=counted("sub", 2),
            escape=re.escape,
            compile=re.compile,
        )


@pytest.fixture
def tally(monkeypatch) -> _Tally:
    counter = _Tally()
    stand_ins: dict[int, SimpleNamespace] = {}
    for module in MODULES:
        monkeypatch.setattr(module, "re", counter.module())
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                proxy = stand_ins.setdefault(id(value), counter.pattern(value))
                monkeypatch.setattr(module, name, proxy)
            elif isinstance(value, tuple) and value and isinstance(value[0], re.Pattern):
                patterns = tuple(stand_ins.setdefault(id(p), counter.pattern(p)) for p in value)
                monkeypatch.setattr(module, name, patterns)
    monkeypatch.setattr(nlu, "MAX_LINE_CHARS", sys.maxsize)  # measure past the cap
    return counter


def _work(tally: _Tally, line: str) -> int:
    tally.chars = 0
    understand(line)
    return tally.chars


@pytest.mark.parametrize("head, unit", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_work_per_line_grows_linearly(tally, head, unit):
    short, long = ((head + unit * (n // len(unit) + 1))[:n] for n in (2_000, 16_000))
    small, large = _work(tally, short), _work(tally, long)
    assert large <= PER_CHAR * len(long), f"{large / len(long):.0f} characters read per character"
    assert large <= 9 * small, f"8x the line, {large / small:.1f}x the work"


def test_the_counter_sees_the_cutter(tally):
    """The tally is not blind: a line of names hands the name cutter its words."""
    assert _work(tally, "add Dana from sales") > 0


def test_a_line_over_the_cap_is_not_read_at_all():
    line = "add 415 555 0100 " + "x" * MAX_LINE_CHARS
    assert understand(line) == Reading(text=line, too_long=True)
    at_the_cap = ("add 415 555 0100 " + "x" * MAX_LINE_CHARS)[:MAX_LINE_CHARS]
    assert understand(at_the_cap).phone_number == "4155550100"
