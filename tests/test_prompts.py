"""Prompt files: strict validation with readable errors, and edits picked up on the next call."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from prompts import store as yaml_store
from prompts.loader import PromptError, load_prompts, render
from tests.support.harness import prompts, prompts_dir, running_call
from tests.support.scripted_llm import relay_tool_output
from workflows.call.files import CallFileStore
from workflows.call.settings import DIAL_POLICY_FILE, PROMPTS_DIR, Settings
from workflows.lifecycle.setup import new_call

SHIPPED = prompts()  # as shipped: an edit's expected text is this plus the edit
HOST = SHIPPED.host


@pytest.fixture
def prompt_dir(tmp_path: Path) -> Path:
    for f in prompts_dir().glob("*.yaml"):  # the prompts SHIPPED was read from
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new))
    st = path.stat()  # make sure the change is visible even on coarse-mtime filesystems
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def append_to(path: Path, phrase: str, more: str) -> str:
    """Edit `phrase` in the prompt file at `path` to end with `more`; return the new phrase."""
    edit(path, phrase, f"{phrase} {more}")
    return f"{phrase} {more}"


def line_of(path: Path, text: str) -> int:
    """The line of `path` that `text` first appears on."""
    return path.read_text().split(text)[0].count("\n") + 1


def test_shipped_prompts_are_valid():
    prompts = load_prompts(PROMPTS_DIR)
    greeting = render(prompts.host.greeting, caller_name="Ada")
    assert "Ada" in greeting and "$" not in greeting


@pytest.mark.parametrize(
    "file, old, new, message",
    [
        (
            "receptionist.yaml",
            "greeting:",
            "greting:",
            "receptionist.yaml:{line}: key 'greting': unknown key (did you mean 'greeting'?)",
        ),
        (
            "receptionist.yaml",
            "greeting:",
            "# greeting:",
            "receptionist.yaml:2: key 'greeting': Field required",
        ),
        (
            "conference_host.yaml",
            HOST.greeting,
            HOST.greeting.replace("$caller_name", "$caller"),
            "conference_host.yaml:{line}: key 'greeting': uses $caller, which is not available "
            "(allowed: $caller_name)",
        ),
        (
            "conference_host.yaml",
            f'"{HOST.ringing}"',
            f'"{HOST.ringing} $5"',  # the edit adds a "$" that names no variable
            "conference_host.yaml:{line}: key 'ringing': has a stray '$'",
        ),
        (
            "conference_host.yaml",
            f'  active: "{HOST.status.active}"',
            '  active: ""',  # the edit empties the phrase
            "conference_host.yaml:{line}: key 'status.active': must not be empty",
        ),
        (
            "conference_host.yaml",
            f'  hangup: "{HOST.status.hangup}"',
            f'  hangup: "{HOST.status.hangup}"\n  paused: "p"',  # the edit adds a key
            "conference_host.yaml:{line+1}: key 'status.paused': unknown key (check the spelling)",
        ),
        (
            "conference_host.yaml",
            f'  active: "{HOST.status.active}"',
            f'  activ: "{HOST.status.active}"',  # the edit misspells the key
            "conference_host.yaml:{line}: key 'status.activ': unknown key (did you mean 'active'?)",
        ),
        ("shared.yaml", 'goodbye: "', 'goodbye: ["x", ', "shared.yaml:{line+1}: invalid YAML"),
        (
            "offline.yaml",
            f'ask_name: "{SHIPPED.offline.ask_name}"',
            "ask_name: [1]",
            "offline.yaml:{line}: key 'ask_name': Input should be a valid string",
        ),
    ],
)
def test_invalid_prompt_edit_names_file_line_and_key(prompt_dir, file, old, new, message):
    """`{line}` in a message is the line the edit starts on (shipped files may grow)."""
    edit(prompt_dir / file, old, new)
    line = (prompt_dir / file).read_text().split(new)[0].count("\n") + 1
    message = message.replace("{line+1}", str(line + 1)).replace("{line}", str(line))
    with pytest.raises(PromptError) as info:
        load_prompts(prompt_dir)
    assert str(info.value).startswith(f"{prompt_dir / file.split(':')[0]}"), str(info.value)
    assert message in str(info.value)


def test_missing_prompt_file_is_named(prompt_dir):
    (prompt_dir / "offline.yaml").unlink()
    with pytest.raises(PromptError, match=r"offline\.yaml: cannot read prompt file"):
        load_prompts(prompt_dir)


def test_a_file_that_is_not_a_mapping_is_rejected(prompt_dir):
    (prompt_dir / "shared.yaml").write_text("- just\n- a list\n")
    with pytest.raises(PromptError, match=r"shared\.yaml:1: expected a mapping"):
        load_prompts(prompt_dir)


def test_store_reloads_only_after_an_edit(prompt_dir, monkeypatch):
    store = CallFileStore(prompt_dir)
    first = store.load()
    parses = []
    real_read = yaml_store.read_files

    def counting_read(files):
        parses.append(files["shared"][0].parent)
        return real_read(files)

    monkeypatch.setattr(yaml_store, "read_files", counting_read)
    assert store.load() is first
    assert parses == []  # unchanged: a stat per file, no parse
    goodbye = append_to(prompt_dir / "shared.yaml", SHIPPED.shared.goodbye, "Bye now!")
    assert store.load().prompts.shared.goodbye == goodbye
    assert parses == [prompt_dir]


def test_bad_edit_keeps_the_last_good_prompts_and_logs_where(prompt_dir, caplog):
    store = CallFileStore(prompt_dir)
    good = store.load()
    edit(prompt_dir / "receptionist.yaml", "greeting:", "greting:")
    with caplog.at_level(logging.ERROR, logger="prompts"):
        assert store.load() is good
        assert store.load() is good
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1  # reported once, not on every call
    line = line_of(prompt_dir / "receptionist.yaml", "greting:")
    assert f"receptionist.yaml:{line}: key 'greting'" in errors[0]
    edit(prompt_dir / "receptionist.yaml", "greting:", "greeting:")
    assert store.load() is not good


def test_invalid_prompts_at_start_up_raise(prompt_dir):
    edit(prompt_dir / "receptionist.yaml", "greeting:", "greting:")
    with pytest.raises(PromptError, match="greting"):
        CallFileStore(prompt_dir).load()


async def test_prompt_edit_is_heard_on_the_next_call(prompt_dir):
    store = CallFileStore(prompt_dir)
    settings = Settings(mode="console", sim_ring_delay=0, sim_answer_delay=0)

    async def greeting_of_a_new_call() -> str:
        state = new_call(settings, store.load(), "room")
        async with running_call(lambda ctx: relay_tool_output(ctx) or [], state=state) as c:
            return c.greeting.events[-1].item.text_content

    greeting = SHIPPED.receptionist.greeting
    assert await greeting_of_a_new_call() == greeting
    edit(prompt_dir / "receptionist.yaml", greeting, f"Good day, Acme here. {greeting}")
    assert await greeting_of_a_new_call() == f"Good day, Acme here. {greeting}"


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    path = tmp_path / "dial_policy.yaml"
    shutil.copy(DIAL_POLICY_FILE, path)
    return path


def test_dial_policy_edit_applies_to_the_next_call(policy_file):
    store = CallFileStore(PROMPTS_DIR, policy_file)
    assert store.load().policy.max_dials_per_call == 5
    edit(policy_file, "max_dials_per_call: 5", "max_dials_per_call: 3")
    assert store.load().policy.max_dials_per_call == 3


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "max_dials_per_call: 5",
            "max_dials_per_call: 500",
            "key 'max_dials_per_call': Input should be less than or equal to 50",
        ),
        (
            "  - PREMIUM_RATE",
            "  - PREMIUM",
            "key 'denied_number_types.0': Input should be 'FIXED_LINE'",
        ),
        ('  - "+1900"', '  - "1900"', "key 'denied_prefixes.0': '1900' must be '+' then digits"),
        (
            "allowed_regions: []",
            "allowed_regions: [USA]",
            "key 'allowed_regions.0': 'USA' is not an ISO region code",
        ),
        (
            "allow_only: []",
            'allow_only: ["+1415"]',
            "key 'allow_only.0': '+1415' must be a full, valid E.164",
        ),
        (
            "max_ringing_at_once: 2",
            "max_ringing: 2",
            "key 'max_ringing': unknown key (did you mean 'max_ringing_at_once'?)",
        ),
    ],
)
def test_bad_policy_edit_keeps_the_last_good_policy(policy_file, caplog, old, new, message):
    store = CallFileStore(PROMPTS_DIR, policy_file)
    good = store.load()
    edit(policy_file, old, new)
    line = policy_file.read_text().split(new)[0].count("\n") + 1
    with caplog.at_level(logging.ERROR, logger="prompts"):
        assert store.load() is good
    assert f"{policy_file}:{line}: {message}" in caplog.text
    with pytest.raises(PromptError, match="dial_policy.yaml"):
        CallFileStore(PROMPTS_DIR, policy_file).load()  # at start-up: refuse to run


def test_a_fresh_process_after_a_bad_edit_uses_the_last_good_snapshot(prompt_dir, caplog):
    snapshot = prompt_dir / "last-good.json"
    CallFileStore(prompt_dir, snapshot=snapshot).load()  # the worker checked them at start-up
    goodbye = append_to(prompt_dir / "shared.yaml", SHIPPED.shared.goodbye, "Bye now!")
    CallFileStore(prompt_dir, snapshot=snapshot).load()  # a later good edit, in some call
    edit(prompt_dir / "receptionist.yaml", "greeting:", "greting:")
    fresh = CallFileStore(prompt_dir, snapshot=snapshot)  # the next call's new process
    with caplog.at_level(logging.ERROR, logger="prompts"):
        loaded = fresh.load()
    assert loaded.prompts.shared.goodbye == goodbye  # the latest good one
    line = line_of(prompt_dir / "receptionist.yaml", "greting:")
    assert f"receptionist.yaml:{line}: key 'greting'" in caplog.text
    with pytest.raises(PromptError):  # with no snapshot, as at start-up: refuse
        CallFileStore(prompt_dir).load()
