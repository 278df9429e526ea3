"""Reading one setting from the environment: each reader names the setting it refuses; and
the `.env` file the settings may come from."""

from __future__ import annotations

import ipaddress
import os
import re
import tempfile
from collections.abc import Mapping, MutableMapping
from pathlib import Path

from dotenv import dotenv_values

ENV_FILE = "ENV_FILE"  # names the settings file to read instead of ./.env


class SettingsError(ValueError):
    """A setting is missing or invalid. The message names the setting and how to fix it."""


def load_env_file(
    env: MutableMapping[str, str] = os.environ, folder: Path | None = None
) -> Path | None:
    """Put the settings of `.env` in the project folder (`folder`, default: the current one)
    into `env`, or those of the file ENV_FILE names; never a `.env` of a parent folder, which
    belongs to something else. Settings already in `env` win. Returns the file read, if any."""
    given = env.get(ENV_FILE, "").strip()
    path = Path(given) if given else (folder or Path.cwd()) / ".env"
    if not path.is_file():
        if not given:
            return None
        raise SettingsError(
            f"{ENV_FILE} {given!r} is not a file. Set it to the settings file to read, "
            "or leave it empty to read .env in the current folder."
        )
    try:
        values = dotenv_values(path, encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise SettingsError(f"{path} cannot be read ({e}). Save it as UTF-8 text.") from None
    for name, value in values.items():
        if value is not None and name not in env:
            env[name] = value
    return path


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


def read_host(env: Mapping[str, str], name: str) -> str | None:
    """An address to listen on: an IP address or a host name such as localhost."""
    raw = env.get(name, "").strip()
    if not raw:
        return None
    try:
        ipaddress.ip_address(raw)
    except ValueError:
        if not re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*", raw):
            raise SettingsError(
                f"{name} must be an IP address or host name such as 127.0.0.1, not {raw!r}"
            ) from None
    return raw


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
