"""The session's voice pipeline from the settings: its LLM, STT, TTS and turn handling.

One place tests can replace; the only place rehearsal and offline-speech code is chosen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from livekit import rtc
from livekit.agents import NOT_GIVEN, NotGivenOr, inference, llm, room_io, stt, tts
from livekit.agents.voice.turn import TurnHandlingOptions

from prompts.schema import PromptError, load_file
from workflows.call.dial_policy import spoken_regions
from workflows.call.directory import Directory
from workflows.call.files import CallFiles
from workflows.call.settings import ESPEAK, LOCAL_STT, OFFLINE, WHISPER, Settings

SAMPLE_RATE = 16000  # the offline recognizers' (workflows/speech/sphinx_process.py SAMPLE_RATE)

log = logging.getLogger("workflows.worker.pipeline")


def build_llm(settings: Settings, files: CallFiles) -> llm.LLM:
    """The offline dialog model (speaking this call's prompts), or a LiveKit Inference model."""
    if settings.offline_llm:
        from workflows.rehearsal.model import OfflineDialogLLM

        regions = spoken_regions(files.policy, settings.sip_default_region)
        limit = settings.max_call_duration // 60  # "is there a limit?": said as minutes
        return OfflineDialogLLM(files.prompts, files.directory, regions, limit)
    return inference.LLM(settings.llm)


def build_stt(
    settings: Settings,
    files: CallFiles | None = None,
    answering: Callable[[], bool] | None = None,
    participants: bool = False,
) -> stt.STT | None:
    """No STT (text only), pocketsphinx or whisper on this call's vocabulary, or a LiveKit
    Inference model. The directory and the yes/no words come from this call's `files` when
    given; `answering` (is a read-back waiting for the caller's answer?) narrows what the
    offline recognizer listens for; `participants`: the recognizer of the others on the call,
    who open a line said to the host with its name ("Ava, mute me"), which the caller's
    vocabulary leaves out ("hi, I'm Ada" was heard as "hi ava")."""
    if settings.stt == OFFLINE:
        return None
    if settings.stt in LOCAL_STT:
        from workflows.speech.grammar import CALLER_NAMES, project_vocabulary

        if settings.stt == WHISPER:
            from workflows.speech.whisper import WhisperSTT as Recognizer
        else:
            from workflows.speech.pocketsphinx import PocketSphinxSTT as Recognizer

        names = settings.speech_caller_names or CALLER_NAMES
        if files is None:  # no call's files: the directory file and the default yes/no
            return Recognizer(project_vocabulary(_directory(settings), names))
        words = files.prompts.confirmation  # the same yes/no the confirmation rule accepts
        # Not the word "host": the grammar makes words of every sound, and small talk came
        # out as "... host".
        host = (files.prompts.host.name,) if participants else ()
        vocab = project_vocabulary(files.directory, names, words.yes, words.no, host)
        return Recognizer(vocab, answering=answering)
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
        return load_file(path, Directory)
    except (OSError, PromptError) as e:
        log.warning("speech grammar without directory names: %s", e)
        return None


def build_turn_handling(settings: Settings) -> NotGivenOr[TurnHandlingOptions]:
    """How a caller's turn ends and how they interrupt.

    Text only: no detector (a typed line is a turn). Offline speech: the local VAD for both,
    because the framework's defaults (its turn detector and adaptive interruption) are LiveKit
    Cloud services that an offline worker must never call. Cloud speech: the framework's choice.
    """
    if settings.stt == OFFLINE:
        return {"turn_detection": None}
    if settings.stt in LOCAL_STT:
        return {"turn_detection": "vad", "interruption": {"mode": "vad"}}
    return NOT_GIVEN


def build_audio_input(settings: Settings) -> room_io.AudioInputOptions:
    """How the caller's audio comes in from the room.

    For the offline recognizers: at their models' 16 kHz (one resampling from the room's
    48 kHz, not two through the framework's 24 kHz) and without automatic gain control, which
    the framework turns on when there is no noise cancellation: a gain that moves within an
    utterance blurs the features the decoder normalises over the whole of it."""
    noise_cancellation = build_noise_cancellation(settings)
    if settings.stt in LOCAL_STT:
        return room_io.AudioInputOptions(
            sample_rate=SAMPLE_RATE,
            noise_cancellation=noise_cancellation,
            auto_gain_control=False,
        )
    return room_io.AudioInputOptions(noise_cancellation=noise_cancellation)


def build_noise_cancellation(settings: Settings) -> Callable | None:
    """BVC on each caller's audio (the telephony model for SIP callers), or none.

    BVC is a LiveKit Cloud service: on another server every call logs "noise cancellation is
    not authorized for this connection" errors and the filter does nothing, so it is on only
    with NOISE_CANCELLATION (default: on for LiveKit Cloud URLs)."""
    if not settings.noise_cancellation:
        return None

    def select(params):
        from livekit.plugins import noise_cancellation as nc

        if params.participant.kind == rtc.ParticipantKind.PARTICIPANT_KIND_SIP:
            return nc.BVCTelephony()
        return nc.BVC()

    return select
