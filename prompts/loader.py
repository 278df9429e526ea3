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

from prompts.models import HostPrompt, OfflinePrompt, ReceptionistPrompt, SharedPrompt
from prompts.schema import PromptError, Strict, load_file, render
from tools.dial_policy import DialPolicy
from tools.directory import Directory
from workflows.settings import DIAL_POLICY_FILE, DIRECTORY_FILE

__all__ = ["PromptError", "PromptStore", "Prompts", "load_prompts", "render"]

log = logging.getLogger("prompts")


@dataclass(frozen=True)
class Prompts:
    """Everything people edit in YAML for one call: the agents' words, the dial policy and
    the directory."""

    shared: SharedPrompt
    receptionist: ReceptionistPrompt
    host: HostPrompt
    offline: OfflinePrompt
    policy: DialPolicy
    directory: Directory


FILES: dict[str, type[Strict]] = {
    "shared": SharedPrompt,
    "receptionist": ReceptionistPrompt,
    "host": HostPrompt,
    "offline": OfflinePrompt,
    "policy": DialPolicy,
    "directory": Directory,
}


def prompt_files(
    directory: Path, policy_file: Path = DIAL_POLICY_FILE, directory_file: Path = DIRECTORY_FILE
) -> dict[str, Path]:
    """Where each part of `Prompts` is read from."""
    directory = Path(directory)
    return {
        "shared": directory / "shared.yaml",
        "receptionist": directory / "receptionist.yaml",
        "host": directory / "conference_host.yaml",
        "offline": directory / "offline.yaml",
        "policy": Path(policy_file),
        "directory": Path(directory_file),
    }


def load_prompts(
    directory: Path, policy_file: Path = DIAL_POLICY_FILE, directory_file: Path = DIRECTORY_FILE
) -> Prompts:
    """Load every file; nothing is returned unless all of them are valid."""
    paths = prompt_files(directory, policy_file, directory_file)
    return Prompts(**{name: load_file(paths[name], FILES[name]) for name in FILES})  # type: ignore[arg-type]


class PromptStore:
    """Serves the current prompts: reloads on change, keeps the last good set on a bad edit."""

    def __init__(
        self,
        directory: Path,
        policy_file: Path = DIAL_POLICY_FILE,
        directory_file: Path = DIRECTORY_FILE,
    ) -> None:
        self.directory = Path(directory)
        self._files = (self.directory, Path(policy_file), Path(directory_file))
        self._paths = list(prompt_files(*self._files).values())
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
            prompts = load_prompts(*self._files)
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
