"""Hostile and broken YAML files: refused with file:line at start-up, never a crash or a hang,
and during calls the last good version is kept (simonw/llm style: real files in tmp_path)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from prompts.loader import PromptError
from prompts.schema import MAX_DEPTH, MAX_FILE_BYTES
from workflows.call.files import CallFileStore, load_call_files
from workflows.call.settings import DIAL_POLICY_FILE, DIRECTORY_FILE, PROMPTS_DIR
from workflows.provision import ProvisionError, load_description

ROOT = Path(__file__).resolve().parent.parent


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
        lambda t: t.replace("Goodbye!", "Au revoir!").encode().replace(b"revoir", b"r\xe9voir", 1),
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
        lambda t: t.replace(
            'goodbye: "Thanks for calling. Goodbye!"', "goodbye: 2026-02-30"
        ).encode(),
        lambda t: line_of(t, "goodbye:"),
        lambda t: "invalid YAML: '2026-02-30' is not a valid timestamp (day is out of range",
    ),
    "a number YAML cannot read": (
        "policy",
        lambda t: t.replace("max_dials_per_call: 5", "max_dials_per_call: 0x_").encode(),
        lambda t: line_of(t, "max_dials_per_call:"),
        lambda t: "'0x_' is not a valid int",
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


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_broken_file_is_refused_with_file_line_and_reason(files, case):
    name, edit, line, reason = CASES[case]
    path = files[name]
    text = path.read_text()
    path.write_bytes(edit(text))

    with pytest.raises(PromptError) as info:
        within(10, lambda: load(files))

    where = f"{path}:" if line(text) is None else f"{path}:{line(text)}: "
    assert str(info.value).startswith(where), str(info.value)
    assert reason(text) in str(info.value)


@pytest.mark.parametrize("name", ["shared", "policy", "directory"])
def test_a_file_over_the_size_cap_is_refused_before_parsing(files, name):
    path = files[name]
    path.write_text(path.read_text() + "# " + "x" * MAX_FILE_BYTES + "\n")

    with pytest.raises(PromptError) as info:
        load(files)
    assert str(info.value) == f"{path}: too large (over {MAX_FILE_BYTES // 1024} KiB)"


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_path_that_is_not_a_regular_file_is_refused_without_blocking(files, kind):
    path = files["policy"]
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)  # opening it for reading would wait for a writer forever
    elif kind == "folder":
        path.mkdir()
    else:
        files["policy"] = path = Path("/dev/zero")  # reading it never ends

    with pytest.raises(PromptError) as info:
        within(10, lambda: load(files))
    assert str(info.value) == f"{path}: not a regular file (a FIFO, device or folder)"


def test_a_duplicate_key_in_provision_yaml_is_refused(tmp_path):
    config = Path(
        shutil.copy(ROOT / "workflows" / "provisioning" / "provision.yaml", tmp_path / "p.yaml")
    )
    text = config.read_text()
    config.write_text(text + "inbound_trunk: {name: other}\n")

    with pytest.raises(ProvisionError) as info:
        load_description(config)
    assert info.value.exit_code == 2
    assert str(info.value) == (
        f"{config}:{lines(text) + 1}: key 'inbound_trunk' appears twice "
        f"(first on line {line_of(text, 'inbound_trunk:')}); keep one"
    )


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_broken_hot_edit_keeps_the_last_good_version_and_is_logged_once(files, case, caplog):
    name, edit, _, reason = CASES[case]
    store = CallFileStore(files["prompts"], files["policy"], files["directory"])
    good = store.load()
    path = files[name]
    text = path.read_text()
    path.write_bytes(edit(text))
    st = path.stat()  # visible even on coarse-mtime filesystems
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))

    with caplog.at_level(logging.ERROR, logger="prompts"):
        assert within(10, store.load) is good
        assert within(10, store.load) is good
    rejected = [r.getMessage() for r in caplog.records if "edit rejected" in r.getMessage()]
    assert len(rejected) == 1 and str(path) in rejected[0]
    assert reason(text) in rejected[0]


def test_a_fifo_swapped_in_during_calls_keeps_the_last_good_policy(files, caplog):
    store = CallFileStore(files["prompts"], files["policy"], files["directory"])
    good = store.load()
    files["policy"].unlink()
    os.mkfifo(files["policy"])

    with caplog.at_level(logging.ERROR, logger="prompts"):
        assert within(10, store.load) is good
    assert "not a regular file" in caplog.text


# ------------------------------------------------------------------ start-up, a real process
def start_console(files: dict[str, Path], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEKIT_", "SIP_", "AGENT_"))}
    env.update(
        PROMPTS_DIR=str(files["prompts"]),
        DIAL_POLICY_FILE=str(files["policy"]),
        DIRECTORY_FILE=str(files["directory"]),
        PYTHONPATH=str(ROOT),
    )
    return subprocess.run(
        [sys.executable, "-m", "workflows.main", "console"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


STARTUP = [
    "duplicate policy key (last would win)",
    "non-UTF-8 byte in a prompt",
    "flow nesting deeper than the cap",
    "100,000 levels of nesting (must not be slow)",
]


@pytest.mark.parametrize("case", STARTUP)
def test_start_up_refuses_a_broken_file_with_exit_2(files, case, tmp_path):
    name, edit, line, reason = CASES[case]
    path = files[name]
    text = path.read_text()
    path.write_bytes(edit(text))

    result = start_console(files, tmp_path)

    assert result.returncode == 2, result.stderr[-2000:]
    assert f"cannot start: {path}:{line(text)}: {reason(text)}" in result.stderr
    assert "Traceback" not in result.stderr
    assert "agent 'conference-receptionist'" not in result.stderr  # stopped before the banner


def test_start_up_refuses_a_fifo_policy_instead_of_hanging(files, tmp_path):
    files["policy"].unlink()
    os.mkfifo(files["policy"])

    result = start_console(files, tmp_path)  # a hang fails on the timeout

    assert result.returncode == 2, result.stderr[-2000:]
    assert f"cannot start: {files['policy']}: not a regular file" in result.stderr
