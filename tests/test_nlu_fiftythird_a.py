"""The rehearsal model, fifty-third round a (issue 22): yeses and requests in sequence. "add
my colleague at ... and then transfer me to support" reads the transfer back once, after the
colleague has joined (the host says it waits), never beside "Dialing" nor in each announcement;
"forget it, yes call her" asks the read-back again (never dialled, never a plain cancel); "Yes,
and afterwards I may need to be transferred to Mr Mulder" asks the add again and reads the
transfer back once the add is on; a participant sending the host away hears that only the
caller ends the call. One rule a test; expected words are rendered from the prompt files."""

from __future__ import annotations

from string import Template

import pytest

from tests.scenarios.runner import play_lines, tool_names
from tests.support.harness import prompts
from workflows.rehearsal.then_transfer import transfer_later

_PROMPTS = prompts()
_ANSWERS = _PROMPTS.offline.answers
_TRANSFER_ASKED = (
    Template(_PROMPTS.host.transfer.read_back).safe_substitute(who="\0").split("\0")[0]
)
_WAITS = Template(_ANSWERS.transfer_once_joined).safe_substitute(who="\0").split("\0")[0]
_ADD_ASKED = Template(_PROMPTS.host.read_back).safe_substitute(who="\0").split("\0")[0]


def _said(turn, start: str) -> int:
    return sum(start in line for line in turn.lines)


# ----------------------------------------------- 1. add, then transfer: read back once joined
@pytest.mark.parametrize(
    ("line", "yes", "go"),
    [
        ("add my colleague at 415 555 0147 and then transfer me to support", "yes", "ok go ahead"),
        ("can you add 415 555 0147 and after that put me through to support", "yep", "ok"),
        (
            "conference in my colleague on 415 555 0147, then connect me to support",
            "yes",
            "go ahead",
        ),
    ],
)
async def test_a_transfer_after_an_add_is_read_back_once_they_have_joined(line, yes, go):
    heard = await play_lines("host", line, yes, go, "yes")
    assert tool_names(heard[1:2]) == ["add_sip_participant"]
    assert _said(heard[1], _TRANSFER_ASKED) == 0 and _said(heard[1], _WAITS) == 1
    assert heard[2].calls == [("look_up_contact", {"name": "support", "purpose": "transfer"})]
    assert _said(heard[2], _TRANSFER_ASKED) == 1
    assert tool_names(heard[3:]) == ["transfer_call"]


async def test_a_transfer_to_someone_else_then_is_not_the_one_waiting():
    heard = await play_lines(
        "host",
        "add 415 555 0147 and then transfer me to support",
        "yes",
        "transfer me to Dana White",
    )
    assert heard[2].calls == [("look_up_contact", {"name": "Dana White", "purpose": "transfer"})]


# ----------------------------------------------- 2. "forget it, yes call her": asked again
@pytest.mark.parametrize(
    ("first", "line"),
    [
        ("add Dana White please", "forget it, yes call her"),
        ("add 415 555 0147", "never mind that, yes dial her"),
        ("add Dana White please", "scratch that. yes, call Dana"),
        ("add Dana White please", "forget that, yeah ring her"),
    ],
)
async def test_a_yes_after_taking_something_back_asks_the_read_back_again(first, line):
    heard = await play_lines("host", first, line, "yes")
    assert "add_sip_participant" not in tool_names(heard[1:2])
    assert _said(heard[1], _ADD_ASKED) == 1  # asked again, not dropped
    assert tool_names(heard[2:]) == ["add_sip_participant"]


async def test_taking_back_then_naming_someone_else_is_still_that_one():
    heard = await play_lines("host", "add 415 555 0147", "scratch that. yes, call Dana White")
    assert ("look_up_contact", {"name": "Dana White", "purpose": "add"}) in heard[1].calls


# ----------------------------------------------- 3. a yes with a transfer for later
@pytest.mark.parametrize(
    ("first", "line", "who"),
    [
        (
            "add Dana White please",
            "Yes, and afterwards I may need to be transferred to Mr Mulder",
            "Mr Mulder",
        ),
        ("add Dana White please", "yep, and after that put me through to support", "support"),
        ("add 415 555 0147", "sure, then later transfer me to Fox", "Fox"),
    ],
)
async def test_a_yes_with_a_later_transfer_asks_the_add_again_and_transfers_after(first, line, who):
    assert transfer_later(line) == who
    heard = await play_lines("host", first, line, "yes", "ok", "yes")
    assert not {"add_sip_participant", "transfer_call"} & set(tool_names(heard[1:2]))
    assert _said(heard[1], _ADD_ASKED) == 1 and _said(heard[1], _TRANSFER_ASKED) == 0
    assert tool_names(heard[2:3]) == ["add_sip_participant"] and _said(heard[2], _WAITS) == 1
    assert heard[3].calls == [("look_up_contact", {"name": who, "purpose": "transfer"})]
    assert tool_names(heard[4:]) == ["transfer_call"]


def test_a_transfer_alone_or_now_is_no_later_transfer():
    assert transfer_later("yes, transfer me to support") is None
    assert transfer_later("then put me through to support") is None


# ----------------------------------------------- 4. a participant sending the host away
@pytest.mark.parametrize(
    "line",
    [
        "Dana: Ava, could you leave the call please",
        "Dana: Ava you can go now, we're good here",
        "Dana: Ava, leave us alone please, we can take it from here",
    ],
)
async def test_a_participant_sending_the_host_away_hears_only_the_caller_ends_it(line):
    heard = await play_lines("host", "add Dana Scully", "yes", line)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.host_stays_for_you]


async def test_the_caller_sending_the_host_away_still_hears_host_stays():
    heard = await play_lines("host", "add Dana Scully", "yes", "Ava, leave us alone please")
    assert heard[-1].lines == [_ANSWERS.host_stays]
