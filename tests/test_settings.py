"""Settings: defaults that pick the backends, and start-up failures that name the setting."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from workflows.call.settings import Settings, SettingsError
from workflows.worker.capacity import worker_options

CREDS = {"LIVEKIT_URL": "wss://x.livekit.cloud", "LIVEKIT_API_KEY": "k", "LIVEKIT_API_SECRET": "s"}


def test_console_with_nothing_set_is_offline_and_simulated():
    s = Settings.from_env({}, mode="console")
    assert (s.llm, s.stt, s.tts, s.telephony) == ("offline", "offline", "offline", "simulated")
    assert "offline dialog model" in s.banner()
    assert "because AGENT_LLM not set and no LiveKit credentials" in s.banner()


def test_credentials_switch_on_the_cloud_models_without_code_changes():
    s = Settings.from_env(CREDS, mode="console")
    assert (s.llm, s.stt, s.tts) == (
        "openai/gpt-4.1-mini",
        "deepgram/nova-3",
        "elevenlabs/eleven_multilingual_v2",
    )
    assert s.telephony == "simulated"


def test_dev_defaults_to_livekit_telephony():
    s = Settings.from_env({**CREDS, "SIP_TRUNK_ID": "ST_1"}, mode="dev")
    assert s.telephony == "livekit"
    assert "trunk ST_1" in s.banner()


@pytest.mark.parametrize(
    "env, mode, missing",
    [
        ({}, "dev", "LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET, SIP_TRUNK_ID"),
        (CREDS, "start", "missing setting: SIP_TRUNK_ID"),
        ({"TELEPHONY": "livekit"}, "console", "LIVEKIT_URL, LIVEKIT_API_KEY"),
        ({"AGENT_LLM": "openai/gpt-4.1-mini"}, "console", "LIVEKIT_API_KEY, LIVEKIT_API_SECRET"),
        ({"TELEPHONY": "sip"}, "console", "TELEPHONY must be 'simulated' or 'livekit'"),
        ({"SIP_RINGING_TIMEOUT": "soon"}, "console", "SIP_RINGING_TIMEOUT must be a number"),
        ({"SIP_RINGING_TIMEOUT": "600"}, "console", "SIP_RINGING_TIMEOUT must be between 5"),
        ({"ON_CALLER_HANGUP": "nothing"}, "console", "ON_CALLER_HANGUP must be"),
        ({"PROMPTS_DIR": "/nonexistent"}, "console", "PROMPTS_DIR '/nonexistent'"),
        (
            {"SIP_DEFAULT_REGION": "XX"},
            "console",
            "SIP_DEFAULT_REGION must be a region code such as US, GB, DE or FR, not 'XX'",
        ),
        ({"SIP_DEFAULT_REGION": "USA"}, "console", "SIP_DEFAULT_REGION must be a region code"),
    ],
)
def test_bad_or_missing_settings_are_named(env, mode, missing):
    with pytest.raises(SettingsError) as info:
        Settings.from_env(env, mode=mode)
    assert missing in str(info.value)


def _run_main(args, env_overrides, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEKIT_", "SIP_", "AGENT_"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-m", "workflows.main", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow  # a real process
@pytest.mark.parametrize("command", ["start", "dev"])
def test_worker_refuses_to_start_without_livekit_settings(command, tmp_path):
    result = _run_main([command], {}, tmp_path)
    assert result.returncode == 2
    assert (
        "cannot start: missing settings: LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET, "
        "SIP_TRUNK_ID" in result.stderr
    )


@pytest.mark.slow  # a real process
def test_worker_refuses_to_start_with_a_broken_prompt(tmp_path):
    (tmp_path / "prompts").mkdir()
    result = _run_main(
        ["start"],
        {**CREDS, "SIP_TRUNK_ID": "ST_1", "PROMPTS_DIR": str(tmp_path / "prompts")},
        tmp_path,
    )
    assert result.returncode == 2
    assert "shared.yaml: cannot read prompt file" in result.stderr


@pytest.mark.slow  # a real process
def test_secret_never_reaches_the_start_up_output(tmp_path):
    result = _run_main(["start"], {**CREDS, "LIVEKIT_API_SECRET": "TOPSECRET123"}, tmp_path)
    assert "TOPSECRET123" not in result.stderr + result.stdout


def test_a_region_code_is_accepted_in_any_case():
    settings = Settings.from_env({"SIP_DEFAULT_REGION": "gb"}, mode="console")
    assert settings.sip_default_region == "GB"


@pytest.mark.parametrize(
    "folder, message",
    [
        ("/dev/null", "CALL_LOG_DIR '/dev/null' is not a folder"),
        ("/proc/call-logs", "CALL_LOG_DIR '/proc/call-logs' cannot be written"),
        ("/sys", "CALL_LOG_DIR '/sys' cannot be written"),
    ],
)
def test_an_unusable_call_log_folder_is_refused_at_start_up(folder, message):
    settings = Settings.from_env({"CALL_LOG_DIR": folder}, mode="console")  # as a job process
    with pytest.raises(SettingsError) as info:
        settings.check_call_log_dir()  # as the worker's start-up
    assert message in str(info.value)
    assert "Set CALL_LOG_DIR to a folder the worker can write to, or to 'off'." in str(info.value)


def test_the_call_log_folder_is_created_at_start_up_and_left_clean(tmp_path):
    folder = tmp_path / "logs" / "calls"
    settings = Settings.from_env({"CALL_LOG_DIR": str(folder)}, mode="console")
    assert not folder.exists()  # reading settings writes nothing
    settings.check_call_log_dir()
    assert folder.is_dir() and list(folder.iterdir()) == []  # the write test left nothing


def test_a_read_only_call_log_folder_is_refused(tmp_path, monkeypatch):
    """Mode 0500 or a read-only mount: the write test is refused. Root (this machine) writes
    through permission bits, so the kernel's refusal is injected where the write is made."""
    folder = tmp_path / "logs"
    folder.mkdir()
    folder.chmod(0o500)
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if Path(dir) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    try:
        with pytest.raises(SettingsError) as info:
            Settings.from_env({"CALL_LOG_DIR": str(folder)}, mode="console").check_call_log_dir()
    finally:
        folder.chmod(0o700)
    assert f"CALL_LOG_DIR {str(folder)!r} cannot be written (Permission denied)" in str(info.value)


def test_a_call_log_folder_below_a_file_is_refused_even_as_root(tmp_path):
    (tmp_path / "calls").write_text("")
    folder = tmp_path / "calls" / "logs"  # cannot be created by anyone
    with pytest.raises(SettingsError) as info:
        Settings.from_env({"CALL_LOG_DIR": str(folder)}, mode="console").check_call_log_dir()
    assert f"CALL_LOG_DIR {str(folder)!r} cannot be written (Not a directory)" in str(info.value)


@pytest.mark.slow  # a real process
@pytest.mark.parametrize(
    "env, message",
    [
        ({"CALL_LOG_DIR": "/dev/null"}, "cannot start: CALL_LOG_DIR '/dev/null' is not a folder"),
        ({"SIP_DEFAULT_REGION": "XX"}, "cannot start: SIP_DEFAULT_REGION must be a region code"),
    ],
)
def test_the_console_refuses_an_unusable_setting_with_exit_2(env, message, tmp_path):
    result = _run_main(["console"], env, tmp_path)
    assert result.returncode == 2, result.stderr[-2000:]
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_worker_capacity_comes_from_settings():
    env = {
        "WORKER_LOAD_THRESHOLD": "0.9",
        "WORKER_IDLE_PROCESSES": "2",
        "WORKER_DRAIN_TIMEOUT": "600",
        "WORKER_HEALTH_PORT": "8090",
    }
    options = worker_options(Settings.from_env(env, mode="console"), shutdown_process_timeout=55)
    assert options == {
        "shutdown_process_timeout": 55,
        "load_threshold": 0.9,
        "num_idle_processes": 2,
        "drain_timeout": 600,
        "port": 8090,
    }
    defaults = worker_options(Settings.from_env({}, mode="console"), shutdown_process_timeout=55)
    assert defaults == {"shutdown_process_timeout": 55}  # the framework's own defaults


def test_a_worker_with_a_call_cap_is_full_at_exactly_that_many_calls():
    from workflows.worker.capacity import SERVER_TARGET_LOAD, calls_load

    config = Settings.from_env({"WORKER_MAX_CALLS": "4"}, mode="console")
    load = calls_load(config.worker_max_calls)
    worker = SimpleNamespace(active_jobs=[object()] * 3)
    assert load(worker) < SERVER_TARGET_LOAD  # livekit-server still offers it a call
    worker.active_jobs = [object()] * 4
    assert load(worker) == SERVER_TARGET_LOAD  # full: the server offers no more, nor takes it


@pytest.mark.parametrize(
    "name, raw",
    [
        ("WORKER_LOAD_THRESHOLD", "7"),
        ("WORKER_IDLE_PROCESSES", "many"),
        ("WORKER_DRAIN_TIMEOUT", "-1"),
        ("WORKER_HEALTH_PORT", "70000"),
        ("WORKER_MAX_CALLS", "0"),
    ],
)
def test_a_bad_worker_capacity_setting_is_named(name, raw):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: raw}, mode="console")
