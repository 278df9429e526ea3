"""Hot reload of a set of strict YAML files, keeping the last good set through a bad edit.

`YamlStore.load()` re-reads the files only when one changed (one `stat` per file otherwise).
A bad edit is logged once and the last good set keeps being served. Calls may run in fresh
processes that never saw a good version, so each good load is also written to `snapshot` (a
file in a folder only this user may write, shared by the worker's processes); a process whose
first load fails falls back to it. Only a store with neither raises, as at start-up.

Files change under us, so:
- a snapshot cleaned away (a /tmp cleaner) is written again, folder and all, by the next load
  of any process holding a good set in memory (one more `stat` per load);
- a file being written in place is never loaded half-written: each file is read until two
  reads in a row agree, otherwise the last good set is kept and the next load tries again;
- a bad edit is logged once per edit, not once per call: processes that share a snapshot
  folder leave a marker there for each edit they reported.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Generic, TypeVar

from prompts.schema import PromptError, Strict, parse_text, read_text

log = logging.getLogger("prompts")
T = TypeVar("T")
Files = Mapping[str, tuple[Path, type[Strict]]]  # part -> (path, model)
READS = 4  # reads of a changing file before giving up until the next load


class FileInFlux(PromptError):
    """A file changed between two reads: it is being written. The next load tries again."""


def read_agreed(path: Path) -> str:
    """The text of `path` once two reads in a row agree: never a write caught half-way."""
    text = read_text(path)
    for _ in range(READS - 1):
        again = read_text(path)
        if again == text:
            return text
        text = again
    raise FileInFlux(f"{path}: still changing after {READS} reads (being written?)")


def read_files(files: Files) -> tuple[dict[str, Strict], dict[str, str]]:
    """Every part parsed, with the texts it was parsed from; PromptError for the first bad."""
    texts = {part: read_agreed(path) for part, (path, _) in files.items()}
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
        self._texts: dict[str, str] | None = None  # what `_good` was parsed from
        self._unsaved = False  # the last snapshot write failed (and was reported)

    def load(self) -> T:
        """The current good set. Raises PromptError only if none was ever good."""
        stamp = self._current_stamp()
        if stamp == self._stamp and self._good is not None:
            self._keep_snapshot()
            return self._good
        try:
            parts, texts = read_files(self._files)
        except PromptError as e:
            if self._good is None:
                self._good, self._texts = self._from_snapshot()
            if self._good is None:
                raise
            if isinstance(e, FileInFlux):  # not cached: the next load reads it again
                log.info("%s; calls keep the last good version", e)
            else:
                self._stamp = stamp  # report a bad edit once, not on every call
                self._report(stamp, e)
            self._keep_snapshot()
            return self._good
        if self._good is not None:
            log.info("reloaded %s", ", ".join(str(p) for p, _ in self._files.values()))
        self._stamp, self._good, self._texts = stamp, self._build(parts), texts
        self._save_snapshot()
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

    def _report(self, stamp: tuple, error: PromptError) -> None:
        """Log a rejected edit, unless another process sharing the snapshot folder did."""
        if self._snapshot is not None and _private_folder(self._snapshot.parent, create=True):
            edit = hashlib.sha256(f"{stamp}{error}".encode()).hexdigest()[:16]
            marker = self._snapshot.with_name(f"{self._snapshot.name}.rejected-{edit}")
            try:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            except FileExistsError:
                log.debug("edit still rejected (reported already): %s", error)
                return
            except OSError:
                pass  # cannot tell: report it here
        log.error("edit rejected, calls keep the last good version: %s", error)

    def _keep_snapshot(self) -> None:
        """Write the snapshot again if it was cleaned away."""
        if self._snapshot is not None and not self._snapshot.exists():
            self._save_snapshot()

    def _save_snapshot(self) -> None:
        if self._snapshot is None or self._texts is None:
            return
        try:
            if not _private_folder(self._snapshot.parent, create=True):
                raise OSError(f"{self._snapshot.parent} is not a private folder of this user")
            partial = self._snapshot.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(self._texts), encoding="utf-8")
            partial.replace(self._snapshot)  # atomic: readers see the old or the new one
        except OSError as e:
            if not self._unsaved:  # once, not on every call while it lasts
                log.warning("could not save the last good version to %s: %s", self._snapshot, e)
            self._unsaved = True
        else:
            self._unsaved = False

    def _from_snapshot(self) -> tuple[T | None, dict[str, str] | None]:
        if self._snapshot is None or not _private_folder(self._snapshot.parent, create=False):
            return None, None
        try:
            texts = json.loads(self._snapshot.read_text(encoding="utf-8"))
            return self._build(parse_files(self._files, texts)), texts
        except (OSError, ValueError, KeyError, TypeError, PromptError):
            return None, None


def _private_folder(folder: Path, *, create: bool) -> bool:
    """Whether `folder` is a real folder (no symlink) of this user that no one else may write
    to, so nothing in it was planted; with `create`, made (mode 0700) if it is missing."""
    if create:
        try:
            os.mkdir(folder, 0o700)  # never follows or reuses what someone else put there
        except FileExistsError:
            pass
        except OSError:
            return False
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022
