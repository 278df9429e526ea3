"""Load the agents' prompts from YAML into strict models, with hot reload.

Each file in this folder is validated against a model that rejects unknown keys and checks
that every `$variable` a phrase uses is one the code supplies. Errors name the file, the line
and the key. `PromptStore.load()` re-reads files only when one changed (one `stat` per file
otherwise) and keeps serving the last good version when an edit is invalid.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from prompts.schema import PromptError, Strict, load_file, render
from tools.dial_policy import DialPolicy
from workflows.settings import DIAL_POLICY_FILE

__all__ = ["PromptError", "PromptStore", "Prompts", "load_prompts", "render"]

log = logging.getLogger("prompts")


class SharedPrompt(Strict):
    """Phrases of the tools both agents share (`tools/common.py`)."""

    goodbye: str
    already_ending: str
    state_summary: str
    VARIABLES = {"state_summary": ("caller", "reason", "participants", "minutes")}


class ReceptionistPrompt(Strict):
    persona: str
    task: str
    greeting: str
    missing_details: str  # told to the model when it hands off too early

    @property
    def instructions(self) -> str:
        return f"{self.persona}\n\n{self.task}"


class HostStatus(Strict):
    """How each `sip.callStatus` is said when listing participants."""

    dialing: str
    ringing: str
    automation: str
    active: str
    hangup: str


class HostRefusals(Strict):
    """What the caller hears when the dial policy refuses a number, one phrase per rule."""

    allow_only: str
    denied_prefix: str
    region: str
    number_type: str
    duplicate: str
    max_dials_per_call: str
    max_ringing: str
    cooldown: str
    VARIABLES = {
        "allow_only": ("who",), "denied_prefix": ("who",), "region": ("who", "regions"),
        "number_type": ("who", "kind"), "duplicate": ("who",), "max_dials_per_call": ("limit",),
        "max_ringing": ("limit",), "cooldown": ("who", "seconds"),
    }


class HostPrompt(Strict):
    persona: str
    task: str
    greeting: str
    read_back: str  # the number read back before dialling
    confirm_first: str  # the model tried to dial without a read-back
    not_confirmed: str  # the caller has not said yes to the read-back
    dialing: str
    invalid_number: str
    refused: HostRefusals
    # Announcements as a dialled leg changes status; each names the callee as $who.
    ringing: str
    joined: str
    busy: str
    no_answer: str
    declined: str
    unknown_number: str
    hung_up: str
    removed: str
    failed: str
    config_error: str
    participants: str
    participant: str
    caller_entry: str  # how the caller is listed among the participants
    just_us: str
    status: HostStatus
    VARIABLES = {
        "task": ("caller_name", "caller_reason"),
        "greeting": ("caller_name",),
        "read_back": ("who",),
        "confirm_first": ("who",),
        "not_confirmed": ("who",),
        "dialing": ("who",),
        "invalid_number": ("text", "reason"),
        **{
            key: ("who",)
            for key in (
                "ringing", "joined", "busy", "no_answer", "declined", "unknown_number",
                "hung_up", "removed", "failed", "config_error",
            )
        },
        "participants": ("list",),
        "participant": ("who", "status"),
        "caller_entry": ("caller_name",),
    }

    def instructions(self, caller_name: str, caller_reason: str) -> str:
        task = render(self.task, caller_name=caller_name, caller_reason=caller_reason)
        return f"{self.persona}\n\n{task}"


class OfflinePrompt(Strict):
    """What the offline rehearsal model says when it is not relaying a tool's result."""

    ask_name: str
    ask_reason: str
    ask_number: str
    wrong_number: str
    anything_else: str
    receptionist_not_understood: str
    host_not_understood: str
    help: str
    VARIABLES = {"ask_reason": ("name",)}


@dataclass(frozen=True)
class Prompts:
    """Everything people edit in YAML for one call: the agents' words and the dial policy."""

    shared: SharedPrompt
    receptionist: ReceptionistPrompt
    host: HostPrompt
    offline: OfflinePrompt
    policy: DialPolicy


FILES: dict[str, type[Strict]] = {
    "shared": SharedPrompt,
    "receptionist": ReceptionistPrompt,
    "host": HostPrompt,
    "offline": OfflinePrompt,
    "policy": DialPolicy,
}


def prompt_files(directory: Path, policy_file: Path = DIAL_POLICY_FILE) -> dict[str, Path]:
    """Where each part of `Prompts` is read from."""
    directory = Path(directory)
    return {
        "shared": directory / "shared.yaml",
        "receptionist": directory / "receptionist.yaml",
        "host": directory / "conference_host.yaml",
        "offline": directory / "offline.yaml",
        "policy": Path(policy_file),
    }


def load_prompts(directory: Path, policy_file: Path = DIAL_POLICY_FILE) -> Prompts:
    """Load every file; nothing is returned unless all of them are valid."""
    paths = prompt_files(directory, policy_file)
    return Prompts(**{name: load_file(paths[name], FILES[name]) for name in FILES})  # type: ignore[arg-type]


class PromptStore:
    """Serves the current prompts: reloads on change, keeps the last good set on a bad edit."""

    def __init__(self, directory: Path, policy_file: Path = DIAL_POLICY_FILE) -> None:
        self.directory = Path(directory)
        self.policy_file = Path(policy_file)
        self._paths = list(prompt_files(self.directory, self.policy_file).values())
        self._stamp: tuple | None = None
        self._good: Prompts | None = None

    def _current_stamp(self) -> tuple:
        stamp = []
        for path in self._paths:
            try:
                st = path.stat()
                stamp.append((st.st_mtime_ns, st.st_size, st.st_ino))
            except OSError:
                stamp.append(None)
        return tuple(stamp)

    def load(self) -> Prompts:
        """Return the prompts for a new call. Raises PromptError only if none were ever good."""
        stamp = self._current_stamp()
        if stamp == self._stamp and self._good is not None:
            return self._good
        try:
            prompts = load_prompts(self.directory, self.policy_file)
        except PromptError as e:
            if self._good is None:
                raise
            self._stamp = stamp  # report a bad edit once, not on every call
            log.error("prompt edit rejected, calls keep the last good prompts: %s", e)
            return self._good
        if self._good is not None:
            log.info("prompts reloaded from %s", self.directory)
        self._stamp, self._good = stamp, prompts
        return prompts
