"""Settings files: `.env` is read from the project folder (the current one) or the file ENV_FILE
names, never searched for up the tree, where a `.env` belongs to something else
(workflows/call/env.py `load_env_file`, used by the worker and by provisioning)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workflows import main, provision
from workflows.call.env import SettingsError, load_env_file
from workflows.call.settings import PROMPTS_DIR

ROOT = PROMPTS_DIR.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder inside a folder that has a `.env` of its own."""
    (tmp_path / ".env").write_text("SIP_DEFAULT_REGION=XX\nFROM_PARENT=1\n")
    folder = tmp_path / "project"
    folder.mkdir()
    return folder


def test_the_env_file_of_the_project_folder_is_read(project):
    (project / ".env").write_text("AGENT_NAME=from-project\n# a comment\nSIP_DEFAULT_REGION=GB\n")
    env = {"SIP_DEFAULT_REGION": "DE"}
    assert load_env_file(env, project) == project / ".env"
    assert env == {"AGENT_NAME": "from-project", "SIP_DEFAULT_REGION": "DE"}  # set ones win


def test_a_parent_folders_env_file_is_never_read(project):
    env: dict[str, str] = {}
    assert load_env_file(env, project) is None
    assert env == {}


def test_env_file_names_another_settings_file(project, tmp_path):
    other = tmp_path / "agent.env"
    other.write_text("AGENT_NAME=from-env-file\n")
    (project / ".env").write_text("AGENT_NAME=from-project\n")
    env = {"ENV_FILE": str(other)}
    assert load_env_file(env, project) == other
    assert env["AGENT_NAME"] == "from-env-file"


def test_an_env_file_that_is_missing_is_refused(project):
    with pytest.raises(SettingsError) as info:
        load_env_file({"ENV_FILE": str(project / "nope.env")}, project)
    assert str(info.value).startswith(f"ENV_FILE '{project / 'nope.env'}' is not a file.")


def test_the_worker_and_provisioning_refuse_a_missing_env_file(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("ENV_FILE", str(tmp_path / "nope.env"))
    monkeypatch.setattr(sys, "argv", ["workflows.main", "console", "--text"])

    def start(argv):  # must not be reached: a console would wait for the caller
        raise AssertionError("went on to start without its settings file")

    monkeypatch.setattr(main, "_preflight", start)
    with pytest.raises(SystemExit) as info:
        main.main()
    assert info.value.code == 2
    assert provision.main(["--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "cannot start: ENV_FILE" in err and "provision: ENV_FILE" in err


@pytest.mark.slow  # a real process
def test_the_console_started_below_another_env_file_does_not_read_it(project):
    """The parent's `.env` has an invalid region: read, it would stop the console (exit 2)."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(project)}
    run = [sys.executable, "-m", "workflows.main", "console", "--text"]
    result = subprocess.run(
        run, cwd=project, env=env, capture_output=True, text=True, timeout=60, input="bye\n"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (project / ".env").write_text("SIP_DEFAULT_REGION=XX\n")  # the project's own: read
    result = subprocess.run(
        run, cwd=project, env=env, capture_output=True, text=True, timeout=60, input="bye\n"
    )
    assert result.returncode == 2
    assert "cannot start: SIP_DEFAULT_REGION must be a region code" in result.stderr
