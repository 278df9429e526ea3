"""The scenario corpus: rehearsal conversations as data, one YAML file per scenario.

A scenario is a list of caller turns. Each turn may say which tools must run (name and a
subset of the arguments, in order), what the caller must and must not hear, and, for the LLM
judge of `make eval`, a free-text `intent`. Phrases are written as prompt keys plus variables
(`{phrase: host.busy, who: "+1 415-555-0186"}`) and rendered from the prompt files when the
test runs, so editing a prompt never breaks a scenario. `{words: "..."}` names a literal
fragment, for words that must never be heard ("Hi Yep"). A variable left out of a phrase the
caller must hear matches any words in its place: for what follows shipped data that an edit may
change (`{phrase: offline.answers.no_team, team: Billing}`: the directory's teams, whatever
they are).

The same files drive `tests/test_scenarios.py` (the offline model, in CI) and `tests/eval.py`
(a real model through LiveKit Inference, with the framework's judge).
"""

from __future__ import annotations

import re
import string
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from prompts.loader import Prompts
from prompts.schema import render

HERE = Path(__file__).parent


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phrase(BaseModel):
    """A prompt key with its variables (`{phrase: host.busy, who: ...}`), or literal `words`."""

    model_config = ConfigDict(extra="allow", frozen=True)
    phrase: str | None = None
    words: str | None = None

    @model_validator(mode="after")
    def _one(self) -> Phrase:
        if (self.phrase is None) == (self.words is None):
            raise ValueError("write either `phrase: <prompt key>` or `words: <fragment>`")
        return self

    def rendered(self, prompts: Prompts) -> str:
        if self.words is not None:
            return self.words
        return render(self._template(prompts), **self._values(prompts))

    def expected(self, prompts: Prompts) -> str:
        """The phrase as rendered, a variable left out kept as `$name`."""
        if self.words is not None:
            return self.words
        return string.Template(self._template(prompts)).safe_substitute(self._values(prompts))

    def found_in(self, said: str, prompts: Prompts) -> bool:
        """Whether `said` holds the phrase; a variable left out matches any words."""
        left_out = re.compile(r"\\\$(?:\w+|\\\{\w+\\\})")  # "$teams", as re.escape writes it
        pattern = left_out.sub(".+?", re.escape(self.expected(prompts)))
        return re.search(pattern, said) is not None

    def _template(self, prompts: Prompts) -> str:
        node: Any = prompts
        for part in self.phrase.split("."):
            node = getattr(node, part, None)
            if node is None:
                raise KeyError(f"no prompt {self.phrase!r}")
        return node

    def _values(self, prompts: Prompts) -> dict[str, str]:
        return {
            k: Phrase.model_validate(v).rendered(prompts) if isinstance(v, dict) else str(v)
            for k, v in (self.model_extra or {}).items()
        }  # a variable may be a phrase


class ToolCall(_Strict):
    name: str
    args: dict[str, Any] = Field(default_factory=dict)  # a subset: only these are checked


class Turn(_Strict):
    say: str  # the caller's words; "Dana: ..." is said by the participant named Dana
    silent: bool = False  # nothing may be said and no tool may run (talk not to the host)
    calls: list[ToolCall] | None = None  # None: not checked; []: no tool may run
    not_calls: list[str] = Field(default_factory=list)  # tools that must not run this turn
    hear: list[Phrase] = Field(default_factory=list)  # each must be said during the turn
    not_hear: list[Phrase] = Field(default_factory=list)  # none may be said during the turn
    intent: str | None = None  # what the reply should do, for the LLM judge (make eval)


class Outcome(_Strict):
    """What the call did by the end, read from the simulated telephony."""

    dialled: list[str] | None = None  # E.164 numbers, in order
    dtmf: list[str] | None = None
    transferred_to: list[str] | None = None
    ended: bool | None = None  # the room was deleted
    caller_name: str | None = None
    caller_reason: str | None = None


class Scenario(_Strict):
    about: str  # one line: the behaviour this conversation pins
    start: Literal["receptionist", "host"] = "receptionist"
    caller: dict[str, str] = Field(
        default_factory=lambda: {"name": "Ada", "reason": "a conference call"}
    )
    settings: dict[str, Any] = Field(default_factory=dict)  # Settings overrides
    turns: list[Turn] = Field(min_length=1)
    outcome: Outcome = Outcome()
    offline_only: bool = False  # skip in `make eval` (e.g. pins the offline model's own lines)


@cache
def load(path: Path) -> Scenario:
    try:
        return Scenario.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except Exception as e:
        raise ValueError(f"{path.name}: {e}") from None


def paths() -> list[Path]:
    return sorted(HERE.glob("*.yaml"))


def matches(expected: dict[str, Any], arguments: dict[str, Any]) -> bool:
    """Whether every expected argument is present with that value (strings compared loosely)."""
    for key, want in expected.items():
        got = arguments.get(key)
        if isinstance(want, str) and isinstance(got, str):
            if " ".join(want.lower().split()) != " ".join(got.lower().split()):
                return False
        elif got != want:
            return False
    return True
