"""Pin what the model sees: each agent's tool names, descriptions and argument schemas.

A refactor must not silently change the contract. After an intended change, regenerate with
`UPDATE_SNAPSHOTS=1 python -m pytest tests/test_tool_contracts.py` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

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


def test_tool_contracts_match_the_snapshot():
    current = contracts()
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
    assert current == json.loads(SNAPSHOT.read_text())


def test_each_agent_has_exactly_its_tools():
    current = contracts()
    assert sorted(current["Receptionist"]) == [
        "end_call",
        "get_call_state",
        "transfer_to_conference_host",
    ]
    assert sorted(current["ConferenceHost"]) == [
        "add_sip_participant",
        "end_call",
        "get_call_state",
        "list_participants",
        "look_up_contact",
        "mute_participant",
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
