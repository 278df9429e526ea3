"""Pin what the model sees: each agent's tool names, descriptions and argument schemas.

A refactor must not silently change the contract. After an intended change, regenerate with
`UPDATE_SNAPSHOTS=1 python -m pytest tests/test_tool_contracts.py` (it rewrites the snapshot
and fails once), review the diff, and run again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from livekit.agents.llm.utils import build_legacy_openai_schema

from agents.conference_host import ConferenceHost
from agents.receptionist import Receptionist
from tests.support.harness import prompts
from workflows.call.legs import Caller

SNAPSHOT = Path(__file__).parent / "snapshots" / "tool_schemas.json"


def contracts() -> dict[str, dict[str, dict]]:
    p = prompts()
    agents = {
        "Receptionist": Receptionist(p),
        "ConferenceHost": ConferenceHost(p, Caller(name="Ada", reason="sync")),
    }
    return {
        name: {
            tool.info.name: build_legacy_openai_schema(tool)["function"]
            for tool in sorted(agent.tools, key=lambda t: t.info.name)
        }
        for name, agent in agents.items()
    }


def match_snapshot(current: dict, path: Path, update: bool) -> None:
    """Assert `current` equals the pinned snapshot. With `update`, a difference rewrites the
    snapshot and still fails, once: the change is reviewed, never compared with itself."""
    pinned = json.loads(path.read_text()) if path.exists() else None
    if update and current != pinned:
        path.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
        pytest.fail(f"{path.name} rewritten: review `git diff {path}`, then run again")
    assert current == pinned


def test_tool_contracts_match_the_snapshot():
    match_snapshot(contracts(), SNAPSHOT, update=bool(os.environ.get("UPDATE_SNAPSHOTS")))


def test_updating_the_snapshot_still_fails_on_a_change(tmp_path):
    path = tmp_path / "tools.json"
    path.write_text(json.dumps({"end_call": {"description": "old"}}))
    changed = {"end_call": {"description": "new"}}
    with pytest.raises(pytest.fail.Exception, match="rewritten"):
        match_snapshot(changed, path, update=True)
    assert json.loads(path.read_text()) == changed  # rewritten for review
    match_snapshot(changed, path, update=True)  # the next run, reviewed: passes
    with pytest.raises(AssertionError):
        match_snapshot({"end_call": {}}, path, update=False)


def test_each_agent_has_exactly_its_tools():
    current = contracts()
    assert sorted(current["Receptionist"]) == [
        "end_call",
        "get_call_state",
        "transfer_to_conference_host",
    ]
    assert sorted(current["ConferenceHost"]) == [
        "add_sip_participant",
        "correct_caller_name",
        "end_call",
        "get_call_state",
        "list_participants",
        "look_up_contact",
        "mute_participant",
        "name_participant",
        "read_back_number",
        "remove_participant",
        "send_digits",
        "transfer_call",
        "warm_transfer",
    ]


def test_every_tool_description_says_what_and_when():
    for tools in contracts().values():
        for name, schema in tools.items():
            first_line = schema["description"].splitlines()[0]
            assert first_line.endswith("."), name
            assert "Call this" in schema["description"], name
