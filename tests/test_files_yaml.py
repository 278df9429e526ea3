"""Hostile and broken YAML files: refused with file:line at start-up, never a crash or a hang,
and during calls the last good version is kept (simonw/llm style: real files in tmp_path).
The cases are in tests/support/broken_yaml.py; a real process starting up:
test_files_yaml_startup.py."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from prompts.loader import PromptError
from prompts.schema import MAX_FILE_BYTES
from tests.support import broken_yaml
from tests.support.broken_yaml import CASES, ROOT, line_of, lines, load, within
from workflows.call.files import CallFileStore
from workflows.provision import ProvisionError, load_description

files = broken_yaml.files  # the fixture


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
