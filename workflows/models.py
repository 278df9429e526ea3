"""Build the speech and language models from settings, in one place tests can replace."""

from __future__ import annotations

from livekit.agents import inference, llm, stt, tts

from prompts.loader import Prompts
from workflows.settings import OFFLINE, Settings


def build_llm(settings: Settings, prompts: Prompts) -> llm.LLM:
    """The offline dialog model (speaking this call's prompts), or a LiveKit Inference model."""
    if settings.offline_llm:
        from workflows.offline_llm import OfflineDialogLLM

        return OfflineDialogLLM(prompts)
    return inference.LLM(settings.llm)


def build_stt(settings: Settings) -> stt.STT | None:
    return None if settings.stt == OFFLINE else inference.STT(settings.stt)


def build_tts(settings: Settings) -> tts.TTS | None:
    return None if settings.tts == OFFLINE else inference.TTS(settings.tts)
