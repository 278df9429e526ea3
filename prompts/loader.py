"""Load the agents' prompts from YAML into strict models, with hot reload.

Each file in this folder is validated against a model that rejects unknown keys and checks
that every `$variable` a phrase uses is one the code supplies. Errors name the file, the line
and the key. `PromptStore.load()` re-reads files only when one changed (one `stat` per file
otherwise) and keeps serving the last good version when an edit is invalid.
"""

from __future__ import annotations

import difflib
import logging
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

log = logging.getLogger("prompts")


class PromptError(ValueError):
    """A prompt file is missing, unreadable or invalid. The message says where and why."""


def render(template: str, **values: object) -> str:
    """Fill a validated template. Every variable it uses is checked at load time."""
    return string.Template(template).substitute({k: str(v) for k, v in values.items()})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    VARIABLES: ClassVar[dict[str, tuple[str, ...]]] = {}  # field -> variables it may use

    @field_validator("*", mode="after")
    @classmethod
    def _check_template(cls, value: Any, info) -> Any:
        if not isinstance(value, str):
            return value
        if not value:
            raise ValueError("must not be empty")
        template = string.Template(value)
        if not template.is_valid():
            raise ValueError("has a stray '$' (write '$$' for a dollar sign)")
        allowed = cls.VARIABLES.get(info.field_name, ())
        unknown = [v for v in template.get_identifiers() if v not in allowed]
        if unknown:
            choices = ", ".join(f"${v}" for v in allowed) or "none"
            raise ValueError(f"uses ${unknown[0]}, which is not available (allowed: {choices})")
        return value


class SharedPrompt(_Strict):
    """Phrases of the tools both agents share (`tools/common.py`)."""

    goodbye: str
    already_ending: str
    state_summary: str
    VARIABLES = {"state_summary": ("caller", "reason", "participants", "minutes")}


class ReceptionistPrompt(_Strict):
    persona: str
    task: str
    greeting: str
    missing_details: str  # told to the model when it hands off too early

    @property
    def instructions(self) -> str:
        return f"{self.persona}\n\n{self.task}"


class HostStatus(_Strict):
    """How each `sip.callStatus` is said when listing participants."""

    dialing: str
    ringing: str
    automation: str
    active: str
    hangup: str


class HostPrompt(_Strict):
    persona: str
    task: str
    greeting: str
    dialing: str
    invalid_number: str
    already_on_call: str
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
        "dialing": ("who",),
        "invalid_number": ("text", "reason"),
        "already_on_call": ("who",),
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


class OfflinePrompt(_Strict):
    """What the offline rehearsal model says when it is not relaying a tool's result."""

    ask_name: str
    ask_reason: str
    ask_number: str
    anything_else: str
    receptionist_not_understood: str
    host_not_understood: str
    help: str
    VARIABLES = {"ask_reason": ("name",)}


@dataclass(frozen=True)
class Prompts:
    shared: SharedPrompt
    receptionist: ReceptionistPrompt
    host: HostPrompt
    offline: OfflinePrompt


FILES: dict[str, type[_Strict]] = {
    "shared": SharedPrompt,
    "receptionist": ReceptionistPrompt,
    "conference_host": HostPrompt,
    "offline": OfflinePrompt,
}


def load_file(path: Path, model: type[_Strict]) -> _Strict:
    """Parse and validate one YAML file, or raise PromptError naming file, line and key."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise PromptError(f"{path}: cannot read prompt file ({e.strerror})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise PromptError(f"{where}: invalid YAML: {getattr(e, 'problem', e)}") from None
    if not isinstance(data, dict):
        raise PromptError(f"{path}:1: expected a mapping of keys to text")
    try:
        return model.model_validate(data)
    except ValidationError as e:
        # A misspelt key shows up as "unknown" and "missing": report the misspelling.
        err = min(e.errors(), key=lambda err: err["type"] != "extra_forbidden")
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        line = _line_of(node, err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown key" + _suggestion(model, err["loc"])
        raise PromptError(f"{path}:{line}: key '{key}': {message}") from None


def load_prompts(directory: Path) -> Prompts:
    """Load every prompt file; nothing is returned unless all of them are valid."""
    parts = {name: load_file(directory / f"{name}.yaml", model) for name, model in FILES.items()}
    return Prompts(
        shared=parts["shared"],  # type: ignore[arg-type]
        receptionist=parts["receptionist"],  # type: ignore[arg-type]
        host=parts["conference_host"],  # type: ignore[arg-type]
        offline=parts["offline"],  # type: ignore[arg-type]
    )


class PromptStore:
    """Serves the current prompts: reloads on change, keeps the last good set on a bad edit."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._stamp: tuple | None = None
        self._good: Prompts | None = None

    def _current_stamp(self) -> tuple:
        stamp = []
        for name in FILES:
            try:
                st = (self.directory / f"{name}.yaml").stat()
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
            prompts = load_prompts(self.directory)
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


def _suggestion(model: type[BaseModel], loc: tuple) -> str:
    """' (did you mean 'greeting'?)' for a misspelt key, else a hint to check the spelling."""
    for part in loc[:-1]:
        annotation = model.model_fields[str(part)].annotation
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            break
        model = annotation
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1)
    return f" (did you mean '{close[0]}'?)" if close else " (check the spelling)"


def _line_of(node: yaml.Node | None, loc: tuple) -> int:
    """The 1-based line of the YAML node at `loc`, or of the deepest parent that exists."""
    line = node.start_mark.line + 1 if node else 1
    for part in loc:
        if not isinstance(node, yaml.MappingNode):
            break
        match = next((kv for kv in node.value if kv[0].value == part), None)
        if match is None:
            break
        key_node, node = match
        line = key_node.start_mark.line + 1
    return line
