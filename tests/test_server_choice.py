"""What a worker chooses for the server it is pointed at: LiveKit Cloud runs LiveKit Inference
and BVC noise cancellation; any other server (the local stack, a self-hosted one) runs neither,
so the worker chooses the offline model and speech and leaves noise cancellation off, and the
start-up banner says so."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from livekit import rtc
from livekit.plugins import noise_cancellation as nc

from workflows.call.env import is_livekit_cloud
from workflows.call.settings import (
    DEFAULT_LLM,
    DEFAULT_STT,
    DEFAULT_TTS,
    ESPEAK,
    OFFLINE,
    POCKETSPHINX,
    Settings,
    SettingsError,
)
from workflows.worker.pipeline import build_noise_cancellation

KEYS = {"LIVEKIT_API_KEY": "k", "LIVEKIT_API_SECRET": "s", "SIP_TRUNK_ID": "ST_1"}
LOCAL = {"LIVEKIT_URL": "ws://127.0.0.1:7880", **KEYS}
CLOUD = {"LIVEKIT_URL": "wss://my-project.livekit.cloud", **KEYS}


@pytest.mark.parametrize(
    "url, cloud",
    [
        ("wss://my-project.livekit.cloud", True),
        ("https://my-project.livekit.cloud:443/", True),
        ("WSS://My-Project.LiveKit.Cloud", True),
        ("ws://127.0.0.1:7880", False),
        ("wss://livekit.example.com", False),
        ("wss://my-project.livekit.cloud.example.com", False),
        ("wss://example.com/my-project.livekit.cloud", False),
        (None, False),
    ],
)
def test_a_livekit_cloud_url_is_told_by_its_host(url, cloud):
    assert is_livekit_cloud(url) is cloud


@pytest.mark.parametrize("mode", ["dev", "start"])
def test_a_worker_on_a_server_that_is_not_cloud_chooses_the_offline_model_and_speech(mode):
    s = Settings.from_env(LOCAL, mode=mode)
    assert (s.llm, s.stt, s.tts) == (OFFLINE, POCKETSPHINX, ESPEAK)
    banner = s.banner()
    assert "because AGENT_LLM not set and LIVEKIT_URL is not LiveKit Cloud" in banner
    assert "because AGENT_STT/AGENT_TTS not set for a server that is not LiveKit Cloud" in banner


def test_the_same_worker_on_livekit_cloud_chooses_livekit_inference():
    s = Settings.from_env(CLOUD, mode="dev")
    assert (s.llm, s.stt, s.tts) == (DEFAULT_LLM, DEFAULT_STT, DEFAULT_TTS)
    assert "not LiveKit Cloud" not in s.banner()


def test_the_console_on_a_server_that_is_not_cloud_is_offline_and_text_only():
    s = Settings.from_env(LOCAL, mode="console")
    assert (s.llm, s.stt, s.tts) == (OFFLINE, OFFLINE, OFFLINE)


def test_model_settings_that_are_given_are_kept_on_any_server():
    s = Settings.from_env(
        {**LOCAL, "AGENT_LLM": "offline", "AGENT_STT": "pocketsphinx", "AGENT_TTS": "espeak"},
        mode="dev",
    )
    assert (s.llm, s.stt, s.tts) == (OFFLINE, POCKETSPHINX, ESPEAK)
    assert "AGENT_STT/AGENT_TTS not set" not in s.banner()
    chosen = Settings.from_env({**LOCAL, "AGENT_LLM": DEFAULT_LLM}, mode="dev")
    assert (chosen.llm, chosen.stt) == (DEFAULT_LLM, DEFAULT_STT)


@pytest.mark.parametrize(
    "env, on",
    [
        (CLOUD, True),
        (LOCAL, False),
        ({**CLOUD, "NOISE_CANCELLATION": "off"}, False),
        ({**LOCAL, "NOISE_CANCELLATION": "on"}, True),
    ],
)
def test_noise_cancellation_is_on_by_default_only_on_livekit_cloud(env, on):
    s = Settings.from_env(env, mode="dev")
    assert s.noise_cancellation is on
    expected = "on (BVC, LiveKit Cloud)" if on else "off (Cloud only)"
    assert f"noise cancellation: {expected}; NOISE_CANCELLATION=on|off" in s.banner()
    assert (build_noise_cancellation(s) is None) is not on


def test_a_bad_noise_cancellation_setting_is_named():
    with pytest.raises(SettingsError, match="NOISE_CANCELLATION must be 'off' or 'on', not 'yes'"):
        Settings.from_env({**LOCAL, "NOISE_CANCELLATION": "yes"}, mode="dev")


def test_noise_cancellation_uses_the_telephony_model_for_sip_callers():
    select = build_noise_cancellation(Settings.from_env(CLOUD, mode="dev"))
    assert select is not None

    def chosen(kind) -> dict:
        return select(SimpleNamespace(participant=SimpleNamespace(kind=kind))).options

    assert chosen(rtc.ParticipantKind.PARTICIPANT_KIND_SIP) == nc.BVCTelephony().options
    assert chosen(rtc.ParticipantKind.PARTICIPANT_KIND_STANDARD) == nc.BVC().options
    assert nc.BVCTelephony().options != nc.BVC().options
