"""The caller's audio as the recognizer gets it: pocketsphinx takes it at its model's rate
with no automatic gain control; other speech keeps the framework's defaults."""

from __future__ import annotations

from livekit.agents import room_io

from workflows.call.settings import Settings
from workflows.speech.sphinx_process import SAMPLE_RATE
from workflows.worker.pipeline import build_audio_input


def test_pocketsphinx_hears_the_caller_at_its_rate_without_gain_control():
    options = build_audio_input(Settings(mode="dev", stt="pocketsphinx", tts="espeak"))
    assert options.sample_rate == SAMPLE_RATE
    assert options.auto_gain_control is False


def test_cloud_speech_keeps_the_frameworks_defaults():
    options = build_audio_input(Settings(mode="dev", stt="deepgram/nova-3", tts="espeak"))
    default = room_io.AudioInputOptions()
    assert (options.sample_rate, options.auto_gain_control) == (
        default.sample_rate,
        default.auto_gain_control,
    )
