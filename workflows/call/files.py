"""Every file people edit for a call, loaded together: the agents' words (`prompts/`), the
dial policy and the directory (beside this module). One store hot-reloads them all and keeps
the last good set through a bad edit (`prompts/store.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prompts.loader import PROMPT_FILES, Prompts, prompt_files
from prompts.schema import Strict
from prompts.store import Files, YamlStore, read_files
from workflows.call.dial_policy import DialPolicy
from workflows.call.directory import Directory
from workflows.call.settings import DIAL_POLICY_FILE, DIRECTORY_FILE, PROMPTS_DIR


@dataclass(frozen=True)
class CallFiles:
    """One consistent set of the edited files, as a call starts with it."""

    prompts: Prompts
    policy: DialPolicy
    directory: Directory


def call_files(
    prompts_dir: Path = PROMPTS_DIR,
    policy_file: Path = DIAL_POLICY_FILE,
    directory_file: Path = DIRECTORY_FILE,
) -> Files:
    """Where each file is read from, with its model."""
    return {
        **prompt_files(prompts_dir),
        "policy": (Path(policy_file), DialPolicy),
        "directory": (Path(directory_file), Directory),
    }


def _build(parts: dict[str, Strict]) -> CallFiles:
    words = {part: parts[part] for part in PROMPT_FILES}
    return CallFiles(Prompts(**words), parts["policy"], parts["directory"])  # type: ignore[arg-type]


def load_call_files(
    prompts_dir: Path = PROMPTS_DIR,
    policy_file: Path = DIAL_POLICY_FILE,
    directory_file: Path = DIRECTORY_FILE,
) -> CallFiles:
    """Load every file; nothing is returned unless all of them are valid."""
    return _build(read_files(call_files(prompts_dir, policy_file, directory_file))[0])


class CallFileStore(YamlStore[CallFiles]):
    """The worker's store of the edited files: reloads on change, keeps the last good set."""

    def __init__(
        self,
        prompts_dir: Path = PROMPTS_DIR,
        policy_file: Path = DIAL_POLICY_FILE,
        directory_file: Path = DIRECTORY_FILE,
        snapshot: Path | None = None,
    ) -> None:
        super().__init__(call_files(prompts_dir, policy_file, directory_file), _build, snapshot)
