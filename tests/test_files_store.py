"""The edited files change under a running worker: the last good snapshot cleaned away (a /tmp
cleaner), a file caught half-written, a planted snapshot, a bad edit seen by every call's
process. Each store below stands for one process: `worker` has served calls, `fresh` is the
next call's new process (prompts/store.py)."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from prompts import store as yaml_store
from prompts.loader import PromptError
from tests.support import broken_yaml
from workflows.call.files import CallFileStore

files = broken_yaml.files  # the fixture: copies of every shipped file in tmp_path
PREFIXES = ("+1900", "+1976")  # what the shipped policy denies


def store(files: dict[str, Path], snapshot: Path | None = None) -> CallFileStore:
    return CallFileStore(files["prompts"], files["policy"], files["directory"], snapshot)


def rewrite(path: Path, text: str) -> None:
    """Write `text` in place and make sure the change is seen (coarse mtimes)."""
    path.write_text(text)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def break_policy(files: dict[str, Path], how: str = "allow_only: [") -> None:
    """A bad edit of the policy as shipped (a list never closed, by default)."""
    text = broken_yaml.DIAL_POLICY_FILE.read_text()
    rewrite(files["policy"], text.replace("allow_only: []", how, 1))


def allow_ten_dials(files: dict[str, Path]) -> None:
    text = files["policy"].read_text()
    rewrite(files["policy"], text.replace("max_dials_per_call: 5", "max_dials_per_call: 10", 1))


@pytest.fixture
def snapshot(tmp_path: Path) -> Path:
    folder = tmp_path / "worker-private"
    folder.mkdir(mode=0o700)
    return folder / "last-good.json"


def test_a_snapshot_cleaned_away_is_written_again_by_the_next_call(files, snapshot):
    worker = store(files, snapshot)
    worker.load()
    shutil.rmtree(snapshot.parent)  # a /tmp cleaner

    worker.load()  # the next call in a process that has the files in memory

    assert snapshot.is_file() and (snapshot.parent.stat().st_mode & 0o777) == 0o700
    break_policy(files)
    assert store(files, snapshot).load().policy.max_dials_per_call == 5


def test_a_good_edit_after_the_snapshot_was_cleaned_away_is_shared(files, snapshot):
    worker = store(files, snapshot)
    worker.load()
    shutil.rmtree(snapshot.parent)
    allow_ten_dials(files)
    assert worker.load().policy.max_dials_per_call == 10
    break_policy(files)

    assert worker.load().policy.max_dials_per_call == 10  # its memory
    assert store(files, snapshot).load().policy.max_dials_per_call == 10  # the next process


def test_a_bad_edit_after_the_snapshot_was_cleaned_away_keeps_the_version_in_memory(
    files, snapshot
):
    worker = store(files, snapshot)
    good = worker.load()
    shutil.rmtree(snapshot.parent)
    break_policy(files)

    assert worker.load() is good
    assert store(files, snapshot).load().policy == good.policy  # shared again


@pytest.mark.parametrize("how", ["others may write", "a symlink", "owned by someone else"])
def test_a_planted_snapshot_is_never_trusted(files, tmp_path, how):
    worker = store(files, tmp_path / "mine" / "last-good.json")
    worker.load()
    planted = tmp_path / "planted"
    shutil.copytree(tmp_path / "mine", planted)
    text = (planted / "last-good.json").read_text()
    text = text.replace("max_dials_per_call: 5", "max_dials_per_call: 50")
    (planted / "last-good.json").write_text(text)
    folder = planted
    if how == "others may write":
        planted.chmod(0o777)
    elif how == "a symlink":
        folder = tmp_path / "link"
        folder.symlink_to(planted)
    elif os.getuid() == 0:  # only root can give a folder away: this machine runs as root
        os.chown(planted, 65534, 65534)
    else:
        pytest.skip("needs root to make a folder someone else owns")
    break_policy(files)

    with pytest.raises(PromptError):  # as at start-up: nothing good to fall back to
        store(files, folder / "last-good.json").load()
    assert store(files, tmp_path / "mine" / "last-good.json").load().policy.max_dials_per_call == 5


def test_a_write_caught_half_way_is_never_loaded(files, monkeypatch):
    worker = store(files)
    worker.load()
    full = files["policy"].read_text()
    torn = full[: full.index('  - "+1976"')]  # valid YAML, a valid policy, one prefix short
    reads = iter([torn, full])
    real_read = yaml_store.read_text

    def reader(path: Path) -> str:
        return next(reads, full) if path == files["policy"] else real_read(path)

    monkeypatch.setattr(yaml_store, "read_text", reader)
    allow_ten_dials(files)  # the edit being written

    policy = worker.load().policy
    assert tuple(policy.denied_prefixes) == PREFIXES


def test_a_file_that_keeps_changing_is_loaded_once_it_settles(files, monkeypatch, caplog):
    worker = store(files)
    good = worker.load()
    full = files["policy"].read_text()
    changing = iter([full[:n] for n in range(200, 200 + yaml_store.READS)])
    real_read = yaml_store.read_text

    def reader(path: Path) -> str:
        if path == files["policy"]:
            return next(changing, None) or real_read(path)
        return real_read(path)

    monkeypatch.setattr(yaml_store, "read_text", reader)
    allow_ten_dials(files)
    with caplog.at_level(logging.INFO, logger="prompts"):
        assert worker.load() is good  # still being written: the last good version
    assert "still changing" in caplog.text and "edit rejected" not in caplog.text

    assert worker.load().policy.max_dials_per_call == 10  # settled: the next load has it


def test_a_bad_edit_is_reported_once_per_edit_not_once_per_call(files, snapshot, caplog):
    store(files, snapshot).load()  # the worker at start-up
    break_policy(files)

    def rejections() -> int:
        return sum("edit rejected" in r.getMessage() for r in caplog.records)

    with caplog.at_level(logging.ERROR, logger="prompts"):
        for _ in range(3):  # three calls, each in a new process
            store(files, snapshot).load()
        assert rejections() == 1
        break_policy(files, "allow_only: [oops")  # a new bad edit
        store(files, snapshot).load()
        assert rejections() == 2


def test_a_snapshot_folder_taken_over_is_not_written_and_said_once(files, tmp_path, caplog):
    snapshot = tmp_path / "private" / "last-good.json"
    worker = store(files, snapshot)
    good = worker.load()
    shutil.rmtree(snapshot.parent)
    (tmp_path / "elsewhere").mkdir()
    snapshot.parent.symlink_to(tmp_path / "elsewhere")  # planted where the folder was

    with caplog.at_level(logging.WARNING, logger="prompts"):
        assert all(worker.load() is good for _ in range(3))  # three calls
    assert sum("could not save" in r.getMessage() for r in caplog.records) == 1
    assert list((tmp_path / "elsewhere").iterdir()) == []  # nothing written through it
