"""The rehearsal model, fifty-first round e (issue 22; tester 44): status questions in the
caller's own words are read as the questions they are (never "I can't tell you that"), a transfer
asked for "so he and I can continue privately" is a transfer, a participant asking to mute
someone else hears that only the caller may, and a wish that someone on the call not hear for a
while is answered (the host can take them off, not stop them hearing), never with silence.
Expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_CANNOT = _OFFLINE.answers.cannot_tell
_ZEKE = ("add Zeke, his number is 415 555 0199", "yes")
_RINGING = ("add 415 555 0187", "yes")  # the simulated phone on a long ring


def _names(turn) -> list[str]:
    return [name for name, _ in turn.calls]


# ----------------------------------------------- 1. status questions (round 50c regressions)
@pytest.mark.parametrize(
    ("line", "about"),
    [
        ("did zeke just drop??", "zeke"),
        ("did he hang up??", "he"),
        ("is zeke still on the call?!", "zeke"),
    ],
)
def test_a_question_about_one_person_asked_hard_is_still_about_them(line, about):
    reading = understand(line)
    assert (reading.action, reading.asks_about) == ("status", about)


@pytest.mark.parametrize(
    "line",
    [
        "its taking forever, are they even picking up?",
        "is anyone even answering?",
        "has she picked up yet??",
        "is it still ringing or what",
    ],
)
def test_whether_they_pick_up_is_a_status_question(line):
    assert understand(line).action == "status"


@pytest.mark.parametrize("line", ["are you picking up what I mean?", "are u even picking up"])
def test_the_host_picking_up_a_meaning_is_no_status_question(line):
    assert understand(line).action != "status"


@pytest.mark.parametrize(
    "line", ["its taking forever, are they even picking up?", "has she picked up yet??"]
)
async def test_a_phone_still_ringing_is_told_as_the_call_status(line):
    heard = await play_lines("host", *_RINGING, line)
    assert _names(heard[-1]) == ["get_call_state"]
    assert _CANNOT not in heard[-1].lines


@pytest.mark.parametrize("line", ["did zeke just drop??", "did he hang up??"])
async def test_did_he_drop_is_answered_with_his_status(line):
    heard = await play_lines("host", *_ZEKE, line)
    assert _names(heard[-1]) == ["list_participants"]
    assert render(_OFFLINE.person_status, who="Zeke", status="connected") in heard[-1].lines


@pytest.mark.parametrize(
    "line",
    [
        "Will I still be talking to you once they're on?",
        "do i still get to talk to u after they join?",
        "will you still be here when they pick up?",
    ],
)
async def test_keeping_the_host_asked_of_an_add_is_yes_and_the_read_back_kept(line):
    heard = await play_lines("host", "add 415 555 0123", line, "yes")
    asked, yes = heard[-2], heard[-1]
    assert asked.lines[0] == _OFFLINE.will_add and _CANNOT not in asked.lines
    assert _names(asked) == ["read_back_number"]  # asked again, nothing dialled
    assert _names(yes) == ["add_sip_participant"]


# ----------------------------------------------- 1b. a transfer "so he and I can talk privately"
@pytest.mark.parametrize(
    "line",
    [
        "Could you transfer me directly to Mr. Mulder so he and I can continue privately?",
        "can you put me through to Mulder so that he and I can talk privately",
    ],
)
async def test_a_transfer_to_talk_privately_is_a_transfer(line):
    heard = await play_lines("host", "add Fox Mulder", "yes", line)
    assert heard[-1].calls == [("look_up_contact", {"name": "Mulder", "purpose": "transfer"})]
    assert _OFFLINE.answers.host_stays not in heard[-1].lines


async def test_talking_on_privately_without_a_transfer_still_keeps_the_host_quiet():
    heard = await play_lines("host", "add Fox Mulder", "yes", "Mulder and I will talk privately")
    assert heard[-1].lines == [_OFFLINE.answers.host_stays]


# ----------------------------------------------- 2. participants asking to mute someone else
@pytest.mark.parametrize(
    "said",
    [
        "Zeke: yo im here. Ava can u mute ada lol",  # Ada is the caller
        "Zeke: Ava, I can't hear a thing, can you mute the automated line?",
        "Zeke: hey Ava can you mute Bob for me?",
    ],
)
async def test_a_participant_muting_another_hears_only_the_caller_may(said):
    heard = await play_lines("host", *_ZEKE, said)
    refusal = _PROMPTS.host.for_participants.only_self
    assert heard[-1].lines == [render(refusal, speaker="Zeke", caller_name="Ada")]


async def test_a_participant_muting_themselves_still_is_muted():
    heard = await play_lines("host", *_ZEKE, "Zeke: Ava can u mute me")
    assert heard[-1].calls == [("mute_participant", {"who": "Zeke", "muted": True})]


async def test_the_caller_muting_someone_not_on_the_call_still_hears_so():
    heard = await play_lines("host", *_ZEKE, "mute Bob")
    said = render(_PROMPTS.host.controls.not_on_call, who="Bob")
    assert heard[-1].lines == [said]


# ----------------------------------------------- 3. someone kept from hearing for a while
_LUIS = (
    "add the front desk",
    "yes",
    "Front desk: Front desk, this is Luis, how can I help?",
    "add 212 555 0193",
    "yes",
)


@pytest.mark.parametrize(
    "line",
    [
        "Could you make it so Luis can't hear us for a moment? I need a private word with my "
        "daughter.",
        "Hello? Did you hear me? Can Luis step away for a minute?",
        "can you stop Luis from hearing this bit",
        "could the front desk step out for a sec",
    ],
)
async def test_keeping_someone_from_hearing_offers_to_take_them_off(line):
    heard = await play_lines("host", *_LUIS, line)
    said = render(_OFFLINE.answers.keep_from_hearing, who="Front desk")
    assert heard[-1].lines == [said] and heard[-1].calls == []


async def test_keeping_someone_from_hearing_keeps_a_read_back_waiting():
    heard = await play_lines("host", *_LUIS, "add 415 555 0123", "can Luis step away for a minute")
    assert _names(heard[-1]) == ["read_back_number"]


@pytest.mark.parametrize(
    "line", ["Hello? Did you hear me?", "hello?? anyone there", "did you even hear what i said?"]
)
async def test_did_you_hear_me_is_never_silence(line):
    heard = await play_lines("host", *_LUIS, line)
    assert heard[-1].lines == [_OFFLINE.still_here]


@pytest.mark.parametrize(
    ("line", "calls"),
    [
        ("can the front desk step away, we're done with them", ["remove_participant"]),
        ("Luis can hop off now", ["remove_participant"]),
        ("mute the front desk", ["mute_participant"]),
    ],
)
async def test_letting_someone_go_or_muting_them_is_still_done(line, calls):
    heard = await play_lines("host", *_LUIS, line)
    assert _names(heard[-1])[:1] == calls or _names(heard[-1]) == calls
