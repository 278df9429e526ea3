"""Every tool the conference host exposes × who spoke the turn (issue 23, item 3): each tool
applies the permission table itself, keyed on the speech's speaker (set in code when the turn
was heard, never a tool argument). A participant asking for what only the caller may do is
refused with a `permission_refusal` record and nothing happens; the caller is never refused.
A tool added to the host without a row here fails the coverage test."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from livekit.agents import StopResponse, ToolError

from agents.conference_host import ConferenceHost
from tests.support.host_calls import host_state, start
from tests.test_hearing import acting, joined

SPEECH = "speech-under-test"
DANA, FOX = "leg-dana", "leg-fox"

# (tool, arguments, what a participant (Dana) asking for it gets: "allowed" or the
# (action, rule) of the refusal). Self-service rows name Dana herself.
ROWS = [
    ("read_back_number", {"phone_number": "+1 415 555 0133"}, "allowed"),  # put to the caller
    ("read_back_number", {"phone_number": "+1 415 555 0133", "purpose": "transfer"},
     ("transfer", "caller_only")),
    ("read_back_number", {"phone_number": "+1 415 555 0133", "purpose": "warm_transfer"},
     ("transfer", "caller_only")),
    ("look_up_contact", {"name": "Monica Reyes"}, "allowed"),  # put to the caller
    ("look_up_contact", {"name": "Monica Reyes", "purpose": "transfer"},
     ("transfer", "caller_only")),
    ("add_sip_participant", {"phone_number": "+1 415 555 0133"}, ("dial", "caller_only")),
    ("transfer_call", {}, ("transfer", "caller_only")),
    ("warm_transfer", {}, ("transfer", "caller_only")),
    ("end_call", {}, ("end", "caller_only")),
    ("send_digits", {"digits": "1"}, ("press_keys", "caller_only")),
    ("list_participants", {}, "allowed"),
    ("get_call_state", {}, "allowed"),
    ("mute_participant", {"who": "Dana Scully"}, "allowed"),
    ("mute_participant", {"who": "Fox Mulder"}, ("mute", "only_self")),
    ("mute_participant", {"who": "everyone"}, ("mute", "only_self")),
    ("mute_participant", {"who": "Fox Mulder", "muted": False}, ("mute", "only_self")),
    ("remove_participant", {"who": "Dana Scully"}, "allowed"),
    ("remove_participant", {"who": "Fox Mulder"}, ("remove", "only_self")),
    ("correct_caller_name", {"name": "Boss"}, ("rename", "caller_only")),
    ("name_participant", {"who": "Fox Mulder", "name": "Boss"}, ("rename", "caller_only")),
]  # fmt: skip


def host_tools() -> set[str]:
    state = host_state()
    return {tool.id for tool in ConferenceHost(state.prompts, state.caller).tools}


def test_every_tool_of_the_host_has_a_row():
    assert {tool for tool, _, _ in ROWS} == host_tools()


async def ask(speaker: str | None, tool: str, args: dict):
    """Run `tool` in a speech that answers `speaker`'s turn (None: the caller's) on a call
    with Dana and Fox on it; the call's state and its telephony stand-in afterwards."""
    state = host_state()
    joined(state, DANA, "Dana Scully", "+14155550142")
    joined(state, FOX, "Fox Mulder", "+14155550144")
    if speaker is not None:
        state.replying_to[SPEECH] = speaker
    async with start(state, acting) as c:
        agent = c.session.current_agent

        async def played() -> None:
            return None

        context = SimpleNamespace(
            userdata=state,
            speech_handle=SimpleNamespace(id=SPEECH),
            session=c.session,
            wait_for_playout=played,
        )
        [fn] = [t for t in agent.tools if t.id == tool]
        try:
            await fn(context, **args)
        except (ToolError, StopResponse):
            pass
        return state, c.simulated


def refusals(state) -> list[tuple[str, str, str]]:
    return [
        (r["action"], r["identity"], r["rule"])
        for r in state.log.records
        if r["event"] == "permission_refusal"
    ]


@pytest.mark.parametrize(("tool", "args", "verdict"), ROWS)
async def test_a_participant_gets_what_the_table_allows_and_nothing_else(tool, args, verdict):
    state, simulated = await ask(DANA, tool, args)
    if verdict == "allowed":
        assert refusals(state) == []
        return
    action, rule = verdict
    assert refusals(state) == [(action, DANA, rule)]
    assert simulated.dialled == [] and simulated.deleted == 0
    assert not state.ending and state.read_back is None
    assert state.caller.name == "Ada"
    assert [leg.status for leg in state.legs.values()] == ["active", "active"]


@pytest.mark.parametrize(("tool", "args", "verdict"), ROWS)
async def test_the_caller_is_never_refused(tool, args, verdict):
    state, _ = await ask(None, tool, args)
    assert refusals(state) == []
