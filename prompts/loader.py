"""Load the agents' prompts from YAML into strict models, with hot reload.

Each file in this folder is validated against a model that rejects unknown keys and checks
that every `$variable` a phrase uses is one the code supplies. Errors name the file, the line
and the key. `PromptStore.load()` re-reads files only when one changed (one `stat` per file
otherwise) and keeps serving the last good version when an edit is invalid.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from prompts.models import (
    ConfirmationWords,
    HostPrompt,
    OfflinePrompt,
    ReceptionistPrompt,
    SharedPrompt,
)
from prompts.schema import PromptError, Strict, parse_text, read_text, render
from tools.contacts import Directory
from tools.dial_policy import DialPolicy
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
    confirmation: ConfirmationWords  # the caller's yes and no to a read-back
    policy: DialPolicy
    directory: Directory


FILES: dict[str, type[Strict]] = {
    "shared": SharedPrompt,
    "receptionist": ReceptionistPrompt,
    "host": HostPrompt,
    "offline": OfflinePrompt,
    "confirmation": ConfirmationWords,
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
        "confirmation": directory / "confirmation.yaml",
        "policy": Path(policy_file),
        "directory": Path(directory_file),
    }


def load_prompts(
    directory: Path, policy_file: Path = DIAL_POLICY_FILE, directory_file: Path = DIRECTORY_FILE
) -> Prompts:
    """Load every file; nothing is returned unless all of them are valid."""
    return _read(prompt_files(directory, policy_file, directory_file))[0]


def _read(paths: dict[str, Path]) -> tuple[Prompts, dict[str, str]]:
    """Prompts from `paths`, with the texts they were parsed from."""
    texts = {name: read_text(path) for name, path in paths.items()}
    return _parse(texts, paths), texts


def _parse(texts: dict[str, str], paths: dict[str, Path]) -> Prompts:
    parts = {name: parse_text(texts[name], paths[name], FILES[name]) for name in FILES}
    return Prompts(**parts)  # type: ignore[arg-type]


class PromptStore:
    """Serves the current prompts: reloads on change, keeps the last good set on a bad edit.

    Calls may run in fresh processes that never saw a good version, so each good load is also
    written to `snapshot` (a file shared by the worker's processes); a process whose first load
    fails falls back to it. Only a store with neither raises, as at start-up.
    """

    def __init__(
        self,
        directory: Path,
        policy_file: Path = DIAL_POLICY_FILE,
        directory_file: Path = DIRECTORY_FILE,
        snapshot: Path | None = None,
    ) -> None:
        self.directory = Path(directory)
        self._files = prompt_files(self.directory, Path(policy_file), Path(directory_file))
        self._snapshot = snapshot
        self._stamp: tuple | None = None
        self._good: Prompts | None = None

    def _current_stamp(self) -> tuple:
        stamp = []
        for path in self._files.values():
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
            prompts, texts = _read(self._files)
        except PromptError as e:
            self._good = self._good or self._from_snapshot()
            if self._good is None:
                raise
            self._stamp = stamp  # report a bad edit once, not on every call
            log.error("prompt edit rejected, calls keep the last good prompts: %s", e)
            return self._good
        if self._good is not None:
            log.info("prompts reloaded from %s", self.directory)
        self._stamp, self._good = stamp, prompts
        self._save_snapshot(texts)
        return prompts

    def _save_snapshot(self, texts: dict[str, str]) -> None:
        if self._snapshot is None:
            return
        try:
            partial = self._snapshot.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(texts), encoding="utf-8")
            partial.replace(self._snapshot)  # atomic: readers see the old or the new one
        except OSError as e:
            log.warning("could not save the last good prompts to %s: %s", self._snapshot, e)

    def _from_snapshot(self) -> Prompts | None:
        if self._snapshot is None:
            return None
        try:
            return _parse(json.loads(self._snapshot.read_text(encoding="utf-8")), self._files)
        except (OSError, ValueError, KeyError, PromptError):
            return None
