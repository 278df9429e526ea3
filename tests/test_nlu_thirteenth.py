"""The thirteenth round (issue 22), one rule a test: a name the caller gives a person is that
leg's name in the call's state (`name_participant`), so everything that names people uses it;
and a name in the caller's line wins over the person acted on last. Expected words are
rendered from the prompt files."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from livekit.agents import ToolError

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from tests.support.host_calls import host_state, start
from tests.test_hearing import acting, joined
from workflows.rehearsal.voices import spoken_by

_HOST = prompts().host
_CONTROLS = _HOST.controls
_KAYLA, _MEGAN = "+1 415-555-0146", "+1 415-555-0122"
# The sixth tester's call 7: two sisters named with their numbers in one breath.
_SISTERS = (
    "ok so Kayla is four one five, five five five, oh one four six and Megan is four one five"
    " five five five oh one double two"
)


async def _name(state, who: str, name: str):
    """The caller's name_participant(who, name) on `state`'s call: its result or ToolError."""
    async with start(state, acting) as c:
        [tool] = [t for t in c.session.current_agent.tools if t.id == "name_participant"]
        context = SimpleNamespace(
            userdata=state, speech_handle=SimpleNamespace(id="speech"), session=c.session
        )
        return await tool(context, who=who, name=name)


def _on_call():
    state = host_state()
    joined(state, "leg-1", "+1 415-555-0146", "+14155550146")
    joined(state, "leg-2", "+1 415-555-0122", "+14155550122")
    return state


# ------------------------------------------------- 1. the name is the leg's, in state
async def test_name_participant_gives_the_leg_the_name():
    state = _on_call()
    said = await _name(state, "0146", "kayla")
    assert state.legs["leg-1"].name == "Kayla"
    assert said == render(_CONTROLS.participant_named, who=_KAYLA, name="Kayla")


@pytest.mark.parametrize("bad", ["Kayla2", "<b>Kayla</b>", "x" * 41, "one two three four five"])
async def test_a_name_that_is_no_name_is_refused_and_changes_nothing(bad):
    state = _on_call()
    with pytest.raises(ToolError) as refused:
        await _name(state, "0146", bad)
    assert str(refused.value) == render(_CONTROLS.bad_person_name, name=bad)
    assert state.legs["leg-1"].name == _KAYLA


@pytest.mark.parametrize("reserved", ["everyone", "Host", "Ava"])
async def test_a_name_the_call_uses_for_others_is_refused(reserved):
    state = _on_call()
    with pytest.raises(ToolError):
        await _name(state, "0146", reserved)
    assert state.legs["leg-1"].name == _KAYLA


async def test_a_name_another_person_on_the_call_has_is_refused():
    state = _on_call()
    await _name(state, "0146", "Kayla")
    with pytest.raises(ToolError) as refused:
        await _name(state, "0122", "kayla")
    assert str(refused.value) == render(_CONTROLS.name_taken, name="Kayla")
    assert state.legs["leg-2"].name == _MEGAN


async def test_naming_is_logged_without_the_number_or_the_name(caplog):
    state = _on_call()
    with caplog.at_level(logging.INFO):
        await _name(state, "0146", "Kayla")
    [record] = [r for r in state.log.records if r["event"] == "participant_named"]
    assert record["identity"] == "leg-1"
    assert "4155550146" not in caplog.text and "555-0146" not in caplog.text
    assert "named by the caller" in caplog.text


async def test_names_given_with_numbers_name_each_leg_once_it_is_dialled():
    heard = await play_lines("host", _SISTERS, "yes", "yes")
    assert heard[1].calls[:2] == [
        ("add_sip_participant", {"phone_number": "4155550146"}),
        ("name_participant", {"who": "4155550146", "name": "Kayla"}),
    ]
    assert ("name_participant", {"who": "4155550122", "name": "Megan"}) in heard[2].calls


async def test_a_name_given_as_dialled_is_not_said_back_and_the_next_number_follows():
    heard = await play_lines("host", _SISTERS, "yes")
    assert heard[1].calls[-1][0] == "read_back_number"
    assert render(_CONTROLS.participant_named, who=_KAYLA, name="Kayla") not in heard[1].lines


async def test_thats_megan_during_a_read_back_names_the_number_read_back():
    heard = await play_lines("host", _SISTERS, "yes", "yep that's Megan, go ahead", "yes")
    assert ("name_participant", {"who": "4155550122", "name": "Megan"}) in heard[3].calls
    assert ("name_participant", {"who": "4155550146", "name": "Megan"}) not in [
        c for h in heard for c in h.calls
    ]


async def test_naming_at_the_dial_is_no_request_of_the_line_so_the_next_one_follows():
    heard = await play_lines("host", "dial Kayla on 415 555 0146, then mute everyone", "yes")
    assert heard[1].calls[-1] == ("mute_participant", {"who": "everyone", "muted": True})


@pytest.mark.parametrize(
    "line",
    [
        "Righto, ring 415 555 0146",
        "and New York is 415 555 0146",
        "Yep, 415 555 0146 please",
    ],
)
async def test_a_capitalised_word_beside_a_number_names_no_one(line):
    heard = await play_lines("host", line, "yes")
    assert [name for name, _ in heard[1].calls] == ["add_sip_participant"]


@pytest.mark.parametrize(
    "line", ["her name's Priya", "oh that's Priya by the way", "the lady who just joined is Priya"]
)
async def test_a_name_given_afterwards_calls_name_participant(line):
    heard = await play_lines("host", "dial 415 555 0163", "yes", line)
    assert heard[2].calls == [("name_participant", {"who": "+1 415-555-0163", "name": "Priya"})]


async def test_a_named_leg_that_left_is_gone_from_whom_the_host_counts():
    heard = await play_lines(
        "host", "add 415 555 0146", "yes", "her name's Kayla", "add 415 555 0122", "yes",
        "drop Kayla", "mute her",
    )  # fmt: skip
    assert heard[6].calls == [("mute_participant", {"who": _MEGAN, "muted": True})]


async def test_is_a_named_person_still_there_answers_about_them():
    heard = await play_lines("host", "dial 415 555 0163", "yes", "her name's Priya", "is Priya on?")
    said = render(prompts().offline.person_status, who="Priya", status="connected")
    assert heard[3].lines == [said]


# ------------------------------------------------- 2. everything that names people uses it
async def test_who_is_on_says_the_names():
    heard = await play_lines("host", _SISTERS, "yes", "yes", "who's on the call?")
    assert "Kayla, connected" in heard[3].lines[0] and "Megan, connected" in heard[3].lines[0]
    assert _KAYLA not in heard[3].lines[0]


async def test_calling_a_named_person_by_name_is_an_aside():
    heard = await play_lines("host", _SISTERS, "yes", "yes", "Megan, can you hear us?")
    assert (heard[3].calls, heard[3].lines) == ([], [])


async def test_a_named_persons_line_in_the_console_is_theirs():
    state = _on_call()
    await _name(state, "0146", "Kayla")
    leg, said = spoken_by(state, "Kayla: yeah I'm here, sorry my kid is screaming")
    assert leg is state.legs["leg-1"] and said == "yeah I'm here, sorry my kid is screaming"


# ------------------------------------------------- 3. a name in the line wins
async def test_megans_gotta_run_drop_her_removes_megan_not_the_one_muted_last():
    heard = await play_lines(
        "host", _SISTERS, "yes", "yep that's Megan, go ahead", "yes", "can you mute Kayla then",
        "ok Megan's gotta run and pick up the kids, you can drop her",
    )  # fmt: skip
    assert heard[5].calls == [("remove_participant", {"who": "Megan"})]


async def test_a_name_beside_come_off_mute_wins_over_the_one_muted_last():
    heard = await play_lines(
        "host", _SISTERS, "yes", "yes", "mute Kayla", "mute Megan",
        "Kayla can come off mute, she's back",
    )  # fmt: skip
    assert heard[5].calls == [("mute_participant", {"who": "Kayla", "muted": False})]
