"""Build the speech and language models from settings, in one place tests can replace."""

from __future__ import annotations

import logging

from livekit.agents import inference, llm, stt, tts

from prompts.loader import Prompts
from prompts.schema import PromptError, parse_text
from tools.contacts import Directory
from workflows.settings import ESPEAK, OFFLINE, POCKETSPHINX, Settings

log = logging.getLogger("workflows.models")


def build_llm(settings: Settings, prompts: Prompts) -> llm.LLM:
    """The offline dialog model (speaking this call's prompts), or a LiveKit Inference model."""
    if settings.offline_llm:
        from workflows.offline_llm import OfflineDialogLLM

        return OfflineDialogLLM(prompts)
    return inference.LLM(settings.llm)


def build_stt(settings: Settings, prompts: Prompts | None = None) -> stt.STT | None:
    """No STT (text only), pocketsphinx on this call's vocabulary, or a LiveKit Inference model.
    The directory and the yes/no words come from `prompts` when given."""
    if settings.stt == OFFLINE:
        return None
    if settings.stt == POCKETSPHINX:
        from workflows.speech.grammar import CALLER_NAMES, project_vocabulary
        from workflows.speech.pocketsphinx import PocketSphinxSTT

        names = settings.speech_caller_names or CALLER_NAMES
        if prompts is None:  # no call's prompts: the directory file and the default yes/no
            return PocketSphinxSTT(project_vocabulary(_directory(settings), names))
        words = prompts.confirmation  # the same yes/no the confirmation rule accepts
        return PocketSphinxSTT(project_vocabulary(prompts.directory, names, words.yes, words.no))
    return inference.STT(settings.stt)


def build_tts(settings: Settings) -> tts.TTS | None:
    if settings.tts == OFFLINE:
        return None
    if settings.tts == ESPEAK:
        from workflows.speech.espeak import EspeakTTS

        return EspeakTTS()
    return inference.TTS(settings.tts)


def _directory(settings: Settings) -> Directory | None:
    path = settings.directory_file
    try:
        return parse_text(path.read_text(encoding="utf-8"), path, Directory)
    except (OSError, PromptError) as e:
        log.warning("speech grammar without directory names: %s", e)
        return None
