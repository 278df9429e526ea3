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
from livekit.agents import llm

import workflows.rehearsal.nlu as nlu
from workflows.call.directory import Directory
from workflows.rehearsal.nlu import (
    MAX_LINE_CHARS,
    Reading,
    caller,
    cancel,
    numbers,
    people,
    requests,
    spelling,
    understand,
)
from workflows.rehearsal.nlu import text as text_module
from workflows.rehearsal.typos import as_typed_meant

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


def _conversation(*said: str) -> llm.ChatContext:
    ctx = llm.ChatContext.empty()
    for line in said:
        ctx.add_message(role="user", content=line)
    return ctx


def test_the_spelling_pass_leaves_a_line_over_the_cap_as_typed():
    """The rules never read such a line, so correcting it (once 350 ms for 25 KB of typos, on
    every turn after it) is wasted work."""
    line = "nmae " * (MAX_LINE_CHARS // 5 + 1)
    assert len(line) > MAX_LINE_CHARS
    ctx = _conversation(line)
    assert as_typed_meant(ctx, Directory()) is ctx
    assert as_typed_meant(_conversation(line[:MAX_LINE_CHARS]), Directory()) is not ctx


def test_the_spelling_pass_corrects_each_word_once_not_each_turn():
    """Every turn reads the whole conversation again: a line, and a word, already corrected
    are not looked up again."""
    spelling.as_meant.cache_clear()
    spelling._near.cache_clear()
    earlier = [f"can u transfr me to line {n} and then mute the ohter one" for n in range(30)]
    for turn in range(1, len(earlier) + 1):
        as_typed_meant(_conversation(*earlier[:turn]), Directory())
    assert spelling._near.cache_info().misses <= 3  # "transfr", "ohter", "then"'s kin at most
    assert spelling.as_meant.cache_info().misses == len(earlier)
