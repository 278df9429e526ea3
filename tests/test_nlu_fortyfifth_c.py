"""The rehearsal model, forty-fifth round c (issue 22): the receptionist and the caller's own
name. Needs told as whom to talk to are kept (and introduced as a call), "not that" is no need;
questions as the first line are answered, then the name asked; "can you put me to the support
people?" asks for support; the caller's full name or its spelling at the host corrects it, and
a spelling is never a name for anyone."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines, tool_args, tool_names
from tests.support.harness import prompts
from workflows.rehearsal.introduction import introduction_about
from workflows.rehearsal.leg_names import given_name
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.questions import CAPABILITY_QUESTION_RE

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_HANDOVER = "transfer_to_conference_host"


# ----------------------------------------------- 1. needs told as whom to talk to
@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("I'm after speaking to a specific person", "speaking to a specific person"),
        ("talking to Dana", "talking to Dana"),
        ("um, speaking with Fox Mulder", "speaking with Fox Mulder"),
        ("I want a word with someone in sales", "speaking to someone in sales"),
        ("I'm after a quick chat with Dana", "speaking to Dana"),
    ],
)
def test_whom_to_talk_to_is_the_need(line, reason):
    assert understand(line).reason == reason


@pytest.mark.parametrize("line", ["talking to you is fun", "I was talking to Graham"])
def test_talking_to_the_agent_or_a_story_is_no_need(line):
    assert understand(line).reason is None


@pytest.mark.parametrize(
    "line", ["I'm after speaking to a specific person", "talking to Dana", "a word with Dana"]
)
async def test_the_receptionist_keeps_whom_to_talk_to(line):
    heard = await play_lines("receptionist", line, "John Smith")
    assert heard[0].lines == [_OFFLINE.ask_name]
    assert tool_args(heard, _HANDOVER)["caller_name"] == "John Smith"


@pytest.mark.parametrize("line", ["not that", "no, not that", "nope, that's not it"])
async def test_not_that_is_never_the_need(line):
    heard = await play_lines("receptionist", "Hi, John Smith here", line)
    assert _HANDOVER not in tool_names(heard)
    assert heard[1].lines == [_OFFLINE.ask_reason_again]


@pytest.mark.parametrize(
    "line", ["talking to Dana", "I want a word with someone in sales", "speaking to someone"]
)
async def test_a_warm_transfer_introduces_a_talk_to_need_as_a_call(line):
    heard = await play_lines(
        "receptionist",
        line,
        "John Smith",
        "put me through to Dana Scully and introduce me first",
        "yes",
    )
    assert tool_args(heard, "warm_transfer") == {"about": _PROMPTS.host.unknown_reason}


def test_a_need_with_what_about_is_still_introduced_by_it():
    from livekit.agents import llm

    ctx = llm.ChatContext()
    task = render(_PROMPTS.host.task, caller_name="Jo", caller_reason="talking to Dana about X")
    ctx.add_message(role="system", content=task)
    assert introduction_about(ctx, _PROMPTS) == "X"


# ----------------------------------------------- 2. a question first: answered, then the name
@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("what can you actually do?", _OFFLINE.help),
        ("what can you do?", _OFFLINE.help),
        ("can you connect me to a specific person?", _OFFLINE.answers.capabilities),
        ("could you put me through to someone?", _OFFLINE.answers.capabilities),
        ("do you do conference calls?", _OFFLINE.answers.capabilities),
        ("Do you guys do conference calls?", _OFFLINE.answers.capabilities),
    ],
)
async def test_a_first_question_is_answered_then_the_name_asked(line, answer):
    heard = await play_lines("receptionist", line, "John Smith")
    assert heard[0].lines == [f"{answer} {_OFFLINE.ask_name}"]
    assert heard[0].calls == []
    assert not any(_OFFLINE.ask_name in said for said in heard[1].lines)


async def test_a_specific_person_asked_for_is_kept_as_the_need():
    heard = await play_lines("receptionist", "can you connect me to a specific person?", "Sam")
    assert tool_args(heard, _HANDOVER)["reason"] == "speaking to a specific person"


# ----------------------------------------------- 3. the support people asked for
_VPN = "My VPN is also not working, can you put me to the support people? Directly transfer is fine"


@pytest.mark.parametrize(
    "line",
    [_VPN, "can you put me to the support people?", "could you get me the sales folks?"],
)
def test_a_desks_people_are_no_capability_question(line):
    assert not CAPABILITY_QUESTION_RE.search(line)


def test_people_in_general_still_are():
    assert CAPABILITY_QUESTION_RE.search("can you put more people on this call?")


def test_a_problem_said_with_also_is_a_support_need():
    assert understand(_VPN).wants_support
    assert understand("my laptop is still not connecting").wants_support


async def test_the_support_people_asked_for_are_offered_and_read_back():
    heard = await play_lines("receptionist", _VPN, "John Smith", "yes")
    assert heard[0].lines == [_OFFLINE.ask_name]
    assert ("look_up_contact", {"name": "support", "purpose": "transfer"}) in heard[1].calls
    assert "support" in tool_args(heard, _HANDOVER)["reason"]
    assert heard[2].calls == [("transfer_call", {})]


# ----------------------------------------------- 4. the caller's own name at the host
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Ava, my full name is Siobhan Kelly, could you use that?", "Siobhan Kelly"),
        ("my real name is Priya Nair, can you use that please?", "Priya Nair"),
    ],
)
async def test_a_full_name_asked_used_corrects_the_callers_name(line, name):
    heard = await play_lines("host", line)
    assert heard[0].calls == [("correct_caller_name", {"name": name})]


async def test_a_question_about_someone_else_still_renames_no_one():
    heard = await play_lines("host", "is Dana Scully on the call?")
    assert "correct_caller_name" not in tool_names(heard)


_ON_CALL = ("add 415 555 0123", "yes", "my name is Siobhan Kelley")


@pytest.mark.parametrize("line", ["it's K-E-L-L-Y", "K-E-L-L-Y", "that's spelled K E L L Y"])
async def test_a_spelling_at_the_host_corrects_the_callers_name(line):
    heard = await play_lines("host", *_ON_CALL, line, line)
    assert heard[3].calls == [("correct_caller_name", {"name": "Siobhan Kelly"})]
    said = render(_OFFLINE.answers.your_name, name="Siobhan Kelly")
    assert heard[4].lines == [said]  # spelled as it is now: said, never an aside
    assert "name_participant" not in tool_names(heard)


@pytest.mark.parametrize("line", ["it's K-E-L-L-Y", "it's S-I-O-B-H-A-N", "S-", "he's K-E-N"])
def test_a_spelling_is_never_a_name(line):
    assert given_name(line) is None


def test_a_name_is_still_a_name():
    assert given_name("that's Priya") == "Priya"
