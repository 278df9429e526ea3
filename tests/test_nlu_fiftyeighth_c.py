"""The rehearsal model, fifty-eighth round c (issue 22): stopping a ringing dial and legs by
number. A phone still ringing is stopped when it is called off in other words ("cancel the 0187
one, its still ringing", "he is not answering, stop it please"), never answered with who is
on; "hang up the 0123 line" with 0123 on the call removes it; a request the same line takes
back ("..., i mean... whatever, who's on?") is not acted on. One rule a test; expected words
are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import kept_requests, understand

_PROMPTS = prompts()
_RINGING = "+1 415-555-0187"
_WIFE = "+1 415-555-0123"
_DIAL_0187 = ("hi it's Lorraine", "I need a conference call", "please add 415 555 0187", "yes")
_DIAL_0123 = ("hi it's Klaus", "I need a conference call", "call my wife, 415 555 0123", "yes")


# ----------------------------------------------- 1. a ringing dial called off in other words
@pytest.mark.parametrize(
    "line",
    [
        "actually cancel the 0187 one, its still ringing",
        "he is not answering, stop it please",
        "its still ringing, stop that please",
        "forget the 0187 one, hang it up",
        "no answer, stop that",
        "stop the ringing",
    ],
)
async def test_a_ringing_phone_called_off_is_stopped(line):
    heard = await play_lines("receptionist", *_DIAL_0187, line)
    assert heard[-1].calls == [("remove_participant", {"who": _RINGING})]
    assert render(_PROMPTS.host.controls.cancelled, who=_RINGING) in heard[-1].lines


@pytest.mark.parametrize(
    "line", ["he is not answering, stop it please", "cancel the 0187 one, its still ringing"]
)
def test_a_ringing_phone_told_of_is_no_status_question(line):
    reading = understand(line)
    assert reading.cancel and reading.action is None


def test_stop_it_alone_is_no_cancel():
    assert not understand("stop it").cancel  # nothing said rings: no call called off
    assert understand("is she still ringing? stop it").action == "status"


async def test_cancel_with_a_read_back_waiting_stops_the_ringing_one():
    heard = await play_lines(
        "receptionist",
        "evening, it's Lorraine from accounts",
        "I need to set up a quick call with the 415 555 0187 number and the sales desk",
        "yes",
        "actually cancel the 0187 one, its still ringing",
    )
    assert heard[-1].calls == [("remove_participant", {"who": _RINGING})]


# ----------------------------------------------- 2. hang up a line on the call
@pytest.mark.parametrize(
    "line",
    [
        "Danke. Now hang up the 0123 line, she has to cook",
        "ok hang up on the 0123 one please",
        "end the 0123 call, we are done",
    ],
)
async def test_hang_up_a_line_on_the_call_removes_it(line):
    heard = await play_lines("receptionist", *_DIAL_0123, line)
    assert heard[-1].calls == [("remove_participant", {"who": _WIFE})]


async def test_cancel_of_a_line_on_the_call_still_removes_nobody():
    heard = await play_lines("receptionist", *_DIAL_0123, "cancel the 0123 one")
    assert heard[-1].calls == []
    assert heard[-1].lines == [render(_PROMPTS.offline.nobody_ringing, who=_WIFE)]


# ----------------------------------------------- 3. a request taken back in the same line
@pytest.mark.parametrize(
    "line",
    [
        "could you mute the other number, the busy one, i mean... whatever, who's on right now?",
        "mute her, i mean... whatever, who is on the call?",
        "can you drop the 0123, never mind. who's on?",
    ],
)
async def test_a_request_taken_back_is_not_done(line):
    heard = await play_lines("receptionist", *_DIAL_0123, line)
    assert [name for name, _ in heard[-1].calls] == ["list_participants"]


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("mute her, i mean... whatever, who's on?", "who's on?"),
        ("never mind, mute Dana", "never mind, mute Dana"),  # the request after it stays
        ("add Dana, never mind. who's on?", "add Dana, never mind. who's on?"),  # a read-back
    ],
)
def test_only_a_mute_or_removal_is_taken_back(line, kept):
    assert kept_requests(line) == kept


async def test_a_mute_of_someone_not_on_the_call_mutes_nobody():
    heard = await play_lines(
        "receptionist",
        "hi it's Klaus",
        "I need a conference call",
        "please call 415.555.0186",
        "yes",
        "call my wife instead, 415 555 0123",
        "yes",
        "mute the busy one",
    )
    assert all(args.get("who") != _WIFE for _, args in heard[-1].calls)
