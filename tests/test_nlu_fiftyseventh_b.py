"""The rehearsal model, fifty-seventh round b (issue 22, testers 56 to 58): corrections and
retries. "oops I meant to say Aoife, not Niamh" right after "mute Niamh" unmutes Niamh and
mutes Aoife (a removal: Aoife removed, Niamh read back to come back)."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.wrong_one import corrected

_PROMPTS = prompts()


def _calls(heard, name):
    return [args for turn in heard for (tool, args) in turn.calls if tool == name]


def _two_sisters():
    return (
        "please add 415 555 0114",
        "yes",
        "that's Aoife. and Niamh is on 415 555 0115",
        "yes please",
    )


# ----------------------------------------------- 1. the wrong one muted, corrected
@pytest.mark.parametrize(
    "line",
    [
        "oops I meant to say Aoife, not Niamh",
        "sorry, I meant Aoife not Niamh",
        "no, Aoife, not Niamh",
        "not Niamh, Aoife",
        "whoops wrong one, I meant Aoife",
        "sorry I meant the 0114 one",
    ],
)
async def test_a_mute_corrected_is_undone_and_done_to_the_one_meant(line):
    heard = await play_lines("host", *_two_sisters(), "mute Niamh", line)
    muted = [(a["who"], a["muted"]) for a in _calls(heard[5:], "mute_participant")]
    assert muted[0] == ("Niamh", False)
    assert muted[1][1] is True and muted[1][0] in ("Aoife", "the 0114 one", "0114")
    assert len(muted) == 2


async def test_an_unmute_corrected_is_undone_and_done_to_the_one_meant():
    heard = await play_lines(
        "host", *_two_sisters(), "mute everyone", "unmute Niamh", "oh sorry I meant Aoife"
    )
    muted = [(a["who"], a["muted"]) for a in _calls(heard[-1:], "mute_participant")]
    assert muted == [("Niamh", True), ("Aoife", False)]


async def test_a_removal_corrected_removes_the_one_meant_and_reads_the_other_back():
    heard = await play_lines("host", *_two_sisters(), "remove Niamh", "no, Aoife, not Niamh")
    assert [a["who"] for a in _calls(heard[-1:], "remove_participant")] == ["Aoife"]
    assert [a["phone_number"][-4:] for a in _calls(heard[-1:], "read_back_number")] == ["0115"]
    assert not _calls(heard[-1:], "add_sip_participant")


@pytest.mark.parametrize(
    "line",
    [
        "I meant to say that earlier",  # no person
        "not Fox, Aoife",  # Fox was not the one muted
        "sorry I meant mute her",  # a request of its own
        "what?? no i meant Monica! get Dana back",
    ],
)
def test_no_correction_of_whom(line):
    from livekit.agents import llm

    acted = llm.FunctionCall(
        call_id="1", name="mute_participant", arguments='{"who": "Niamh", "muted": true}'
    )
    assert corrected(line, acted) is None


# ----------------------------------------------- 2. "the first resident again": by the order
def _two_residents():
    return (
        "the first one is four one five, five five five, zero one eight six",
        "yes",  # busy
        "the second is 415-555-0178",
        "correct",
        "that's Dr. Okafor",
        "Okafor: Good morning Dr. Venkataraman",
    )


@pytest.mark.parametrize(
    "line",
    [
        "can you try the first resident again please",
        "try my first resident again",
        "the first one again please",
        "ok the first guy again",
        "ring the first contractor again",
        "could you give the first resident another go",
    ],
)
async def test_the_first_one_again_reads_back_the_first_number_given(line):
    heard = await play_lines("host", *_two_residents(), line)
    assert not _calls(heard[-1:], "look_up_contact")
    assert [a["phone_number"] for a in _calls(heard[-1:], "read_back_number")] == ["4155550186"]


# ----------------------------------------------- 3. "that's all for now": the call goes on
def _contractor_and_busy_supplier():
    return (
        "his number is 917-555-0143",
        "correct",
        "his name's Wojtek by the way",
        "also can you add my supplier, 415.555.0186",
        "yes",  # busy
    )


@pytest.mark.parametrize(
    "line",
    [
        "ugh busy. try him again in a bit. for now that's all, cheers",
        "that's all for now",
        "nothing else for now, thanks",
        "ok for now that's all, cheers",
        "try him again in a bit. that's it for now",
    ],
)
async def test_done_for_now_with_others_on_keeps_the_call(line):
    heard = await play_lines("host", *_contractor_and_busy_supplier(), line)
    assert not _calls(heard[-1:], "end_call")
    assert _PROMPTS.offline.answers.host_stays in " ".join(heard[-1].lines)


async def test_done_for_now_with_a_retry_waiting_keeps_the_call():
    heard = await play_lines(
        "host", "add 415 555 0186", "yes", "try him again in a bit. nothing else for now"
    )
    assert not _calls(heard[-1:], "end_call")
    assert _PROMPTS.offline.followups.wait_agreed in " ".join(heard[-1].lines)


async def test_done_for_now_with_nobody_on_and_nothing_waiting_ends_it():
    heard = await play_lines("host", "add 415 555 0186", "yes", "no thanks", "that's all for now")
    assert _calls(heard[-1:], "end_call")


async def test_done_for_now_with_the_end_asked_ends_it():
    heard = await play_lines(
        "host", *_contractor_and_busy_supplier(), "that's all for now, end the call"
    )
    assert _calls(heard[-1:], "end_call")


# ----------------------------------------------- 4. "ok add him" to "which Dana?": asked again
@pytest.mark.parametrize("line", ["ok add him", "yeah her please", "add her then", "him"])
async def test_a_pronoun_picks_no_dana(line):
    heard = await play_lines("host", "add Dana", line)
    assert [a["name"] for a in _calls(heard[-1:], "look_up_contact")] == ["Dana"]
    assert not _calls(heard[-1:], "read_back_number")


async def test_a_pronoun_beside_a_pick_takes_the_pick():
    heard = await play_lines("host", "add Dana", "add him, the sales one")
    assert [a["name"] for a in _calls(heard[-1:], "look_up_contact")] == ["Dana Scully"]


@pytest.mark.parametrize(
    ("line", "asked"),
    [
        ("sorry I meant Dana Scully, not Dana White", "unmute Dana White, then mute Dana Scully"),
        ("no, Scully not White", "unmute Dana White, then mute Scully"),
        ("I meant Dana", None),  # Dana White is a Dana: no other one meant
    ],
)
def test_a_correction_between_two_people_of_one_first_name(line, asked):
    from livekit.agents import llm

    acted = llm.FunctionCall(
        call_id="1", name="mute_participant", arguments='{"who": "Dana White", "muted": true}'
    )
    assert corrected(line, acted) == asked
