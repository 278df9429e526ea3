"""Load the agents' words from the YAML files in this folder into strict models.

Each file is validated against a model that rejects unknown keys and checks that every
`$variable` a phrase uses is one the code supplies; errors name the file, line and key.
The dial policy and the directory are loaded beside these (`workflows/call/files.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prompts.confirmation_words import ConfirmationWords
from prompts.models import (
    HostPrompt,
    OfflinePrompt,
    ReceptionistPrompt,
    SharedPrompt,
)
from prompts.schema import PromptError, Strict, load_file, render

__all__ = ["PROMPT_FILES", "PromptError", "Prompts", "load_prompts", "prompt_files", "render"]


@dataclass(frozen=True)
class Prompts:
    """What the agents and tools say, and what counts as the caller's yes and no."""

    shared: SharedPrompt
    receptionist: ReceptionistPrompt
    host: HostPrompt
    offline: OfflinePrompt  # the offline rehearsal model's own lines
    confirmation: ConfirmationWords  # the caller's yes and no to a read-back


# Part of `Prompts` -> (file name in the prompts folder, its model).
PROMPT_FILES: dict[str, tuple[str, type[Strict]]] = {
    "shared": ("shared.yaml", SharedPrompt),
    "receptionist": ("receptionist.yaml", ReceptionistPrompt),
    "host": ("conference_host.yaml", HostPrompt),
    "offline": ("offline.yaml", OfflinePrompt),
    "confirmation": ("confirmation.yaml", ConfirmationWords),
}


def prompt_files(directory: Path) -> dict[str, tuple[Path, type[Strict]]]:
    """Where each part of `Prompts` is read from, with its model."""
    return {part: (Path(directory) / name, model) for part, (name, model) in PROMPT_FILES.items()}


def load_prompts(directory: Path) -> Prompts:
    """Load every prompt file; nothing is returned unless all of them are valid."""
    return Prompts(**{part: load_file(p, m) for part, (p, m) in prompt_files(directory).items()})
