"""Hot reload of a set of strict YAML files, keeping the last good set through a bad edit.

`YamlStore.load()` re-reads the files only when one changed (one `stat` per file otherwise).
A bad edit is logged once and the last good set keeps being served. Calls may run in fresh
processes that never saw a good version, so each good load is also written to `snapshot` (a
file shared by the worker's processes); a process whose first load fails falls back to it.
Only a store with neither raises, as at start-up.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Generic, TypeVar

from prompts.schema import PromptError, Strict, parse_text, read_text

log = logging.getLogger("prompts")
T = TypeVar("T")
Files = Mapping[str, tuple[Path, type[Strict]]]  # part -> (path, model)


def read_files(files: Files) -> tuple[dict[str, Strict], dict[str, str]]:
    """Every part parsed, with the texts it was parsed from; PromptError for the first bad."""
    texts = {part: read_text(path) for part, (path, _) in files.items()}
    return parse_files(files, texts), texts


def parse_files(files: Files, texts: Mapping[str, str]) -> dict[str, Strict]:
    return {part: parse_text(texts[part], path, model) for part, (path, model) in files.items()}


class YamlStore(Generic[T]):
    """Serves `build(parts)` of the current files; see the module docstring."""

    def __init__(
        self, files: Files, build: Callable[[dict[str, Strict]], T], snapshot: Path | None = None
    ) -> None:
        self._files = dict(files)
        self._build = build
        self._snapshot = snapshot
        self._stamp: tuple | None = None
        self._good: T | None = None

    def load(self) -> T:
        """The current good set. Raises PromptError only if none was ever good."""
        stamp = self._current_stamp()
        if stamp == self._stamp and self._good is not None:
            return self._good
        try:
            parts, texts = read_files(self._files)
        except PromptError as e:
            self._good = self._good or self._from_snapshot()
            if self._good is None:
                raise
            self._stamp = stamp  # report a bad edit once, not on every call
            log.error("edit rejected, calls keep the last good version: %s", e)
            return self._good
        if self._good is not None:
            log.info("reloaded %s", ", ".join(str(p) for p, _ in self._files.values()))
        self._stamp, self._good = stamp, self._build(parts)
        self._save_snapshot(texts)
        return self._good

    def _current_stamp(self) -> tuple:
        stamp = []
        for path, _ in self._files.values():
            try:
                st = path.stat()
                stamp.append((st.st_mtime_ns, st.st_size, st.st_ino))
            except OSError:
                stamp.append(None)
        return tuple(stamp)

    def _save_snapshot(self, texts: dict[str, str]) -> None:
        if self._snapshot is None:
            return
        try:
            partial = self._snapshot.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(texts), encoding="utf-8")
            partial.replace(self._snapshot)  # atomic: readers see the old or the new one
        except OSError as e:
            log.warning("could not save the last good version to %s: %s", self._snapshot, e)

    def _from_snapshot(self) -> T | None:
        if self._snapshot is None:
            return None
        try:
            texts = json.loads(self._snapshot.read_text(encoding="utf-8"))
            return self._build(parse_files(self._files, texts))
        except (OSError, ValueError, KeyError, TypeError, PromptError):
            return None
