"""Broken and hostile YAML files, for the tests that they are refused (test_files_yaml.py,
test_files_yaml_startup.py): copies of every shipped file to break in tmp_path, and the cases,
each an edit of a shipped file with the line and reason its error must name. A test module takes
the fixture with `files = broken_yaml.files`."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from prompts.schema import MAX_DEPTH
from workflows.call.files import load_call_files
from workflows.call.settings import DIAL_POLICY_FILE, DIRECTORY_FILE, PROMPTS_DIR

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """Copies of every shipped file: the prompts folder, the dial policy and the directory."""
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    for f in PROMPTS_DIR.glob("*.yaml"):
        shutil.copy(f, prompts / f.name)
    return {
        "prompts": prompts,
        "shared": prompts / "shared.yaml",
        "policy": Path(shutil.copy(DIAL_POLICY_FILE, tmp_path / "policy.yaml")),
        "directory": Path(shutil.copy(DIRECTORY_FILE, tmp_path / "directory.yaml")),
    }


def load(files: dict[str, Path]):
    return load_call_files(files["prompts"], files["policy"], files["directory"])


def within(seconds: float, fn: Callable[[], object]) -> object:
    """fn(), or fail the test if it has not returned in time (a hang must not hang CI)."""
    result: list = []

    def run() -> None:
        try:
            result.append(("ok", fn()))
        except BaseException as e:  # handed to the test thread
            result.append(("raised", e))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert result, f"still running after {seconds} s"
    kind, value = result[0]
    if kind == "raised":
        raise value
    return value


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def lines(text: str) -> int:
    return text.count("\n")


def _nest(depth: int) -> str:
    return "[" * depth + "]" * depth


def _goodbye(text: str, value: str) -> str:
    """shared.yaml's text with `value` as the goodbye, whatever the goodbye says now."""
    new, count = re.subn(r"(?m)^goodbye: .*$", f"goodbye: {value}", text, count=1)
    assert count == 1, "shared.yaml has no `goodbye:` line"
    return new


def _block(depth: int) -> str:
    return "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "x\n"


# (file, edit of the shipped text -> new bytes, line of the error, reason words)
CASES = {
    "duplicate top-level prompt key": (
        "shared",
        lambda t: (t + 'goodbye: "Bye."\n').encode(),
        lambda t: lines(t) + 1,
        lambda t: f"key 'goodbye' appears twice (first on line {line_of(t, 'goodbye:')})",
    ),
    "duplicate policy key (last would win)": (
        "policy",
        lambda t: (t + "max_dials_per_call: 50\n").encode(),
        lambda t: lines(t) + 1,
        lambda t: (
            f"key 'max_dials_per_call' appears twice "
            f"(first on line {line_of(t, 'max_dials_per_call:')})"
        ),
    ),
    "duplicate key inside a directory contact": (
        "directory",
        lambda t: t.replace("    team: Sales\n", "    team: Sales\n    team: S\n", 1).encode(),
        lambda t: line_of(t, "    team: Sales") + 1,
        lambda t: f"key 'team' appears twice (first on line {line_of(t, '    team: Sales')})",
    ),
    "duplicate key on one line": (
        "directory",
        lambda t: t.replace("aliases: [Mulder]", "aliases: [Mulder]\n    x: {a: 1, a: 2}").encode(),
        lambda t: line_of(t, "aliases: [Mulder]") + 1,
        lambda t: f"key 'a' appears twice (first on line {line_of(t, 'aliases: [Mulder]') + 1})",
    ),
    "non-UTF-8 byte in a prompt": (
        "shared",
        lambda t: _goodbye(t, '"Au revoir!"').encode().replace(b"revoir", b"r\xe9voir", 1),
        lambda t: line_of(t, "goodbye:"),
        lambda t: "not UTF-8 text (byte 0xe9)",
    ),
    "non-UTF-8 byte in the policy": (
        "policy",
        lambda t: t.encode().replace(b"allow_only: []", b"allow_only: [] # \xff", 1),
        lambda t: line_of(t, "allow_only: []"),
        lambda t: "not UTF-8 text (byte 0xff)",
    ),
    "control character in the directory": (
        "directory",
        lambda t: t.replace("Fox Mulder", "Fox \x07Mulder").encode(),
        lambda t: line_of(t, "Fox Mulder"),
        lambda t: "invalid YAML: ",
    ),
    "a date that does not exist": (
        "shared",
        lambda t: _goodbye(t, "2026-02-30").encode(),
        lambda t: line_of(t, "goodbye:"),
        lambda t: "invalid YAML: '2026-02-30' is not a valid timestamp (day is out of range",
    ),
    "a number YAML cannot read": (
        "policy",
        lambda t: t.replace("max_dials_per_call: 5", "max_dials_per_call: 0x_").encode(),
        lambda t: line_of(t, "max_dials_per_call:"),
        lambda t: "'0x_' is not a valid int",
    ),
    # The scanner notices these only at the next token, after blank and comment lines: the
    # error must name the line to fix, not the one where PyYAML noticed.
    "a key without its colon, before a blank line and comments": (
        "policy",
        lambda t: t.replace("allow_only: []", "allow_only []", 1).encode(),
        lambda t: line_of(t, "allow_only: []"),
        lambda t: "invalid YAML: could not find expected ':'",
    ),
    "a quote never closed, on the last line": (
        "shared",
        lambda t: (t.rstrip().removesuffix('"') + "\n\n# the end\n").encode(),
        lambda t: lines(t.rstrip()) + 1,
        lambda t: "invalid YAML: found unexpected end of stream (while scanning a quoted scalar)",
    ),
    "a list never closed": (
        "policy",
        lambda t: t.replace("allow_only: []", 'allow_only: ["+14155550100"', 1).encode(),
        lambda t: line_of(t, "max_dials_per_call:"),
        lambda t: f"(in the [ ] opened on line {line_of(t, 'allow_only: []')})",
    ),
    "flow nesting deeper than the cap": (
        "directory",
        lambda t: (t + f"extra: {_nest(MAX_DEPTH + 5)}\n").encode(),
        lambda t: lines(t) + 1,
        lambda t: f"nested more than {MAX_DEPTH} levels deep",
    ),
    "block nesting deeper than the cap": (
        "shared",
        lambda t: (t + _block(MAX_DEPTH + 5)).encode(),
        # the mapping at depth MAX_DEPTH + 1 starts at its first key, k{MAX_DEPTH}
        lambda t: lines(t) + 1 + MAX_DEPTH,
        lambda t: f"nested more than {MAX_DEPTH} levels deep",
    ),
    "100,000 levels of nesting (must not be slow)": (
        "policy",
        lambda t: (t + f"x: {_nest(100_000)}\n").encode(),
        lambda t: lines(t) + 1,
        lambda t: "invalid YAML: ",
    ),
    "100,000 levels of block sequences (must not be slow)": (
        "shared",
        lambda t: (t + "deep:\n" + "- " * 100_000 + "x\n").encode(),
        lambda t: lines(t) + 2,
        lambda t: "invalid YAML: ",
    ),
}
