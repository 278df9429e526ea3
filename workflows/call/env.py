"""Reading one setting from the environment: each reader names the setting it refuses."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path


class SettingsError(ValueError):
    """A setting is missing or invalid. The message names the setting and how to fix it."""


def check_writable_folder(name: str, folder: Path) -> None:
    """Create `folder` if needed and prove a file can be written there, or name the setting."""
    fix = f"Set {name} to a folder the worker can write to, or to 'off'."
    if folder.exists() and not folder.is_dir():
        raise SettingsError(f"{name} {str(folder)!r} is not a folder. {fix}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".write-test-")
        try:
            os.write(fd, b"ok\n")
        finally:
            os.close(fd)
            os.unlink(probe)
    except OSError as e:
        raise SettingsError(
            f"{name} {str(folder)!r} cannot be written ({e.strerror}). {fix}"
        ) from None


def read_choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    value = env.get(name, "").strip() or choices[0]
    if value not in choices:
        allowed = " or ".join(repr(c) for c in choices)
        raise SettingsError(f"{name} must be {allowed}, not {value!r}")
    return value


def read_names(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in env.get(name, "").split(",") if n.strip())
    for bad in (n for n in names if not re.fullmatch(r"[^\W\d_]+(?:[ '-][^\W\d_]+)*", n)):
        raise SettingsError(f"{name} is a comma-separated list of names, not {bad!r}")
    return names


def read_flag(env: Mapping[str, str], name: str, off: str, on: str) -> bool:
    raw = env.get(name, "").strip().lower() or off
    if raw not in (off, on):
        raise SettingsError(f"{name} must be {off!r} or {on!r}, not {raw!r}")
    return raw == on


def read_number(env: Mapping[str, str], name: str, default, kind, *, low, high):
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {raw!r}") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} must be between {low} and {high}, not {raw}")
    return value


def is_livekit_cloud(url: str | None) -> bool:
    """A LiveKit Cloud project's URL (wss://<project>.livekit.cloud)."""
    host = (url or "").split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    return host.endswith(".livekit.cloud")
