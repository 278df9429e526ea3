"""Strict YAML documents: the base model and loader shared by prompts and the dial policy.

Every file people edit is validated against a model that rejects unknown keys and checks that
each `$variable` a phrase uses is one the code supplies. Errors name the file, line and key.
"""

from __future__ import annotations

import difflib
import string
from pathlib import Path
from typing import Any, ClassVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator


class PromptError(ValueError):
    """A prompt file is missing, unreadable or invalid. The message says where and why."""


def render(template: str, **values: object) -> str:
    """Fill a validated template. Every variable it uses is checked at load time."""
    return string.Template(template).substitute({k: str(v) for k, v in values.items()})


class Strict(BaseModel):
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


# libyaml's loader is ~10x faster; the pure-Python one is kept for errors and line numbers.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_file(path: Path, model: type[Strict]) -> Strict:
    """Parse and validate one YAML file, or raise PromptError naming file, line and key."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise PromptError(f"{path}: cannot read prompt file ({e.strerror})") from None
    return parse_text(text, path, model)


def parse_text(text: str, path: Path, model: type[Strict]) -> Strict:
    """Validate YAML `text` that was read from `path` (named in every error)."""
    try:
        data = yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        data = None  # re-read below with PyYAML's loader, whose messages name the line
    try:
        if data is None:
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
        line = _line_of(yaml.compose(text, Loader=yaml.SafeLoader), err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown key" + _suggestion(model, err["loc"])
        raise PromptError(f"{path}:{line}: key '{key}': {message}") from None


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
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
            continue
        if not isinstance(node, yaml.MappingNode):
            break
        match = next((kv for kv in node.value if kv[0].value == part), None)
        if match is None:
            break
        key_node, node = match
        line = key_node.start_mark.line + 1
    return line
