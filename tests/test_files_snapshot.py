"""The last good prompts are shared with job processes through a private folder, never a
predictable /tmp path that another user could plant a file or symlink at."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from tests.support.leaks import leaks
from tests.support.scripted_llm import until
from workflows import main


@pytest.fixture
def fresh_worker(monkeypatch, tmp_path):
    """workflows.main as a new worker process sees it: no cached settings or prompts."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith(("LIVEKIT_", "SIP_", "AGENT_", "CONFERENCE_AGENT_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("LIVEKIT_LOG_LEVEL", "INFO")  # restored afterwards, like the rest
    main.settings.cache_clear()
    main.file_store.cache_clear()
    yield
    main.settings.cache_clear()
    main.file_store.cache_clear()


def test_the_snapshot_lives_in_a_new_private_folder(fresh_worker, monkeypatch, tmp_path):
    old_path = Path(tempfile.gettempdir()) / f"conference-agent-prompts-{os.getpid()}.json"
    decoy = tmp_path / "decoy.json"
    decoy.write_text(json.dumps({"shared": "planted"}))
    old_path.unlink(missing_ok=True)
    old_path.symlink_to(decoy)  # planted by someone else before the worker starts
    monkeypatch.setenv(main._SNAPSHOT_ENV, str(old_path))  # an inherited value is not trusted
    try:
        main._preflight(["workflows.main", "console"])

        snapshot = Path(os.environ[main._SNAPSHOT_ENV])
        folder = snapshot.parent
        assert folder.parent == Path(tempfile.gettempdir())
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert folder.stat().st_uid == os.getuid()
        assert snapshot.is_file() and set(json.loads(snapshot.read_text())) >= {"shared", "host"}
        # the planted path was neither read nor written
        assert old_path.is_symlink() and json.loads(decoy.read_text()) == {"shared": "planted"}
    finally:
        old_path.unlink(missing_ok=True)


def test_each_worker_gets_its_own_unpredictable_folder(fresh_worker):
    main._preflight(["workflows.main", "console"])
    first = Path(os.environ[main._SNAPSHOT_ENV]).parent
    main.settings.cache_clear()
    main.file_store.cache_clear()
    main._preflight(["workflows.main", "console"])
    second = Path(os.environ[main._SNAPSHOT_ENV]).parent

    assert first != second
    assert str(os.getpid()) not in first.name + second.name


async def test_the_worker_writes_a_snapshot_cleaned_away_again(fresh_worker):
    """A /tmp cleaner removes the worker's private folder; the worker's own process, which
    holds the files in memory since start-up, puts it back for the next call's process."""
    main._preflight(["workflows.main", "console"])
    snapshot = Path(os.environ[main._SNAPSHOT_ENV])
    shutil.rmtree(snapshot.parent)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:  # the refresh period, without waiting for it
        waits.append(seconds)
        await asyncio.sleep(0)

    task = main.keep_files_fresh(sleep=sleep)
    try:
        await until(snapshot.is_file)
    finally:
        task.cancel()
    assert waits[0] == main.FILES_REFRESH
    assert set(json.loads(snapshot.read_text())) >= {"shared", "policy"}


def test_a_bad_directory_number_is_refused_at_start_up_masked(
    fresh_worker, monkeypatch, tmp_path, capsys
):
    directory = tmp_path / "directory.yaml"
    directory.write_text('contacts:\n  - name: Dana\n    number: "+1415555014"\n')  # a digit short
    monkeypatch.setenv("DIRECTORY_FILE", str(directory))
    with pytest.raises(SystemExit) as info:
        main._preflight(["workflows.main", "console"])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert f"cannot start: {directory}:3: key 'contacts.0.number': '+1*******14'" in err
    assert leaks(err, ["+1415555014"]) == []
