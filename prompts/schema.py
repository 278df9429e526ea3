"""Strict YAML documents: the base model and loader shared by prompts and the dial policy.

Every file people edit is validated against a model that rejects unknown keys and checks that
each `$variable` a phrase uses is one the code supplies. Errors name the file, line and key.
Hostile files are errors too, never a hang or a crash: a FIFO or device, a file over 256 KiB,
bytes that are not UTF-8, nesting deeper than 16 levels, a key written twice.
"""

from __future__ import annotations

import difflib
import os
import stat
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


_LIBYAML = hasattr(yaml, "CSafeLoader")  # ~10x faster, and its parser is not recursive


class _Loader(yaml.CSafeLoader if _LIBYAML else yaml.SafeLoader):
    """PyYAML's safe loader, where a scalar its types cannot hold (2001-02-30, !!int x) is a
    YAML error with a line, not a bare ValueError."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as e:
            kind = node.tag.rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"{str(node.value)[:40]!r} is not a valid {kind} ({e})",
                node.start_mark,
            ) from None


MAX_FILE_BYTES = 256 * 1024  # the shipped files are a few KiB each
MAX_DEPTH = 16  # nesting levels; the shipped files use at most 4
_MERGE = "tag:yaml.org,2002:merge"


def read_text(path: Path) -> str:
    """The text of a file people edit, or PromptError saying why it cannot be used: it must be
    a regular file (a FIFO or device would block or never end) of at most MAX_FILE_BYTES, in
    UTF-8 (a bad byte is named with its line)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # before opening: a FIFO blocks on open
            raise PromptError(f"{path}: not a regular file (a FIFO, device or folder)")
        # O_NONBLOCK: a file swapped for a FIFO after the stat still cannot block the open.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise PromptError(f"{path}: not a regular file (a FIFO, device or folder)")
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise PromptError(f"{path}: cannot read prompt file ({e.strerror})") from None
    if len(data) > MAX_FILE_BYTES:
        raise PromptError(f"{path}: too large (over {MAX_FILE_BYTES // 1024} KiB)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise PromptError(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[e.start]:02x}); save it as UTF-8"
        ) from None


def load_file(path: Path, model: type[Strict]) -> Strict:
    """Read, parse and validate one YAML file, or raise PromptError naming file, line and key."""
    return parse_text(read_text(path), path, model)


def parse_text(text: str, path: Path, model: type[Strict]) -> Strict:
    """Validate YAML `text` that was read from `path` (named in every error)."""
    data, root = parse_yaml(text, path)
    if not isinstance(data, dict):
        raise PromptError(f"{path}:1: expected a mapping of keys to text")
    try:
        return model.model_validate(data)
    except ValidationError as e:
        # A misspelt key shows up as "unknown" and "missing": report the misspelling.
        err = min(e.errors(), key=lambda err: err["type"] != "extra_forbidden")
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown key" + _suggestion(model, err["loc"])
        raise PromptError(f"{path}:{_line_of(root, err['loc'])}: key '{key}': {message}") from None
    except (RecursionError, ValueError, TypeError) as e:  # a hostile shape, never a crash
        raise PromptError(f"{path}:1: cannot be used ({type(e).__name__})") from None


def parse_yaml(text: str, path: Path) -> tuple[Any, yaml.Node | None]:
    """The data in `text` and its node tree (for line numbers), or PromptError with the line.
    Duplicate keys and nesting deeper than MAX_DEPTH are errors, not silently accepted."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        _check_tree(root, path)
        return loader.construct_document(root), root
    except yaml.YAMLError as e:
        raise _yaml_error(e, text, path) from None
    except RecursionError:  # only without libyaml, whose parser is not recursive
        raise PromptError(f"{path}:1: nested more than {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()


def _check_tree(root: yaml.Node, path: Path) -> None:
    """Refuse a duplicate key (YAML keeps the last one silently) or a tree nested too deeply.
    Iterative, and each node once: aliases may share (or loop back to) a node."""
    stack, seen = [(root, 1)], {id(root)}
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, yaml.CollectionNode):
            continue
        if depth > MAX_DEPTH:
            line = node.start_mark.line + 1
            raise PromptError(f"{path}:{line}: nested more than {MAX_DEPTH} levels deep")
        children = node.value
        if isinstance(node, yaml.MappingNode):
            first_line: dict[tuple[str, str], int] = {}
            for key, _ in node.value:
                if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE:
                    continue
                line = key.start_mark.line + 1
                if (first := first_line.get((key.tag, key.value))) is not None:
                    raise PromptError(
                        f"{path}:{line}: key '{key.value}' appears twice "
                        f"(first on line {first}); keep one"
                    )
                first_line[(key.tag, key.value)] = line
            children = [n for pair in node.value for n in pair]
        for child in children:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append((child, depth + 1))


_WRONG_WHERE_IT_STARTS = ("while scanning a simple key", "while scanning a quoted scalar")
_UNCLOSED = {"while parsing a flow sequence": "[ ]", "while parsing a flow mapping": "{ }"}


def _yaml_error(error: yaml.YAMLError, text: str, path: Path) -> PromptError:
    """A PromptError naming the line of a YAML syntax error, in PyYAML's words when it is
    cheap to get them (they say what was found; its scanner is quadratic in flow nesting)."""
    counts_bytes = _LIBYAML  # libyaml's positions are byte offsets, PyYAML's characters
    if counts_bytes and text.count("[") + text.count("{") <= 100:
        try:
            yaml.compose(text, Loader=yaml.SafeLoader)  # syntax only: the same error or none
        except yaml.YAMLError as e:
            error, counts_bytes = e, False
        except RecursionError:
            pass
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or getattr(error, "reason", None) or error
    context = getattr(error, "context", None)
    if context in _WRONG_WHERE_IT_STARTS and error.context_mark is not None:
        # The scanner notices a key without its colon, or a quote never closed, only at the
        # next token, after any blank and comment lines: the line to fix is where it starts.
        mark, problem = error.context_mark, f"{problem} ({context})"
    elif context in _UNCLOSED and error.context_mark is not None:
        problem = (
            f"{problem} (in the {_UNCLOSED[context]} opened on line {error.context_mark.line + 1})"
        )
    if mark is not None:
        line = mark.line + 1
    elif isinstance(error, yaml.reader.ReaderError):  # a control character: only a position
        data = text.encode("utf-8") if counts_bytes else text
        line = data[: error.position].count("\n" if isinstance(data, str) else b"\n") + 1
    else:
        line = 1
    return PromptError(f"{path}:{line}: invalid YAML: {problem}")


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
    line = 1 if node is None else node.start_mark.line + 1
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
