"""The rehearsal model, thirty-ninth round (issue 22): what a call is for (a leaving verb with a
job to do is no goodbye, a conference asked for wins over a problem told), ending said plainly,
cancels in slang and beside a new request, adding while building a call, questions while a
transfer waits, and a participant asking to remove the caller. One rule a test; expected
words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.introduction import about_from
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.caller import call_reason
from workflows.rehearsal.nlu.goodbye import says_goodbye
from workflows.rehearsal.nlu.needs import GROUP_CALL_RE
from workflows.rehearsal.nlu.text import negated
from workflows.rehearsal.nlu.transfer_asks import transfer_asked

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_RINGING = "+1 415-555-0187"  # rings on in the simulation until called off
_ROBBO = (
    "add Dana Scully",
    "yes",
    "Good stuff. Now give Robbo a bell, he's on 415 555 0187",
    "yep",
)


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. never hang up on a request
@pytest.mark.parametrize(
    "line",
    [
        "I need to run a call with two of my team members",
        "I have to leave a message for him",
        "I need to go over the numbers with Dana",
        "I have to drop off the report first",
        "gotta go through the agenda with them",
    ],
)
def test_a_leaving_verb_with_a_job_after_it_is_no_goodbye(line):
    assert not says_goodbye(line, negated)


def test_running_a_meeting_is_no_goodbye_though_leaving_one_is():
    assert not says_goodbye("gotta run this meeting with my team", negated)
    assert says_goodbye("I have to leave this meeting", negated)


@pytest.mark.parametrize(
    "line", ["I need to run, bye", "gotta go", "I have to leave the call now", "gotta run"]
)
def test_leaving_with_no_job_after_it_still_ends(line):
    assert says_goodbye(line, negated)


def test_a_need_said_with_a_leaving_verb_is_kept_as_the_reason():
    assert call_reason("I need to run a call with my team") == "running a call with my team"


def test_team_members_are_people_for_a_group_call():
    assert GROUP_CALL_RE.search("a call with two of my team members")


async def test_the_receptionist_hands_over_a_caller_who_needs_to_run_a_call():
    line = "Hi, Priyanka here, I need to run a call with two of my team members"
    heard = await play_lines("receptionist", line)
    assert _names(heard[0]) == ["transfer_to_conference_host"]


# ----------------------------------------------- 2. a conference need wins over a support guess
@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            "Hello? I got cut off. This is Dr. Priya Shah, I need a conference call with my team",
            "a conference call with my team",
        ),
        ("Lee here, my wifi keeps cutting out, can you set up a conference", "a conference call"),
    ],
)
async def test_a_conference_asked_for_decides_the_need_beside_a_problem(line, reason):
    heard = await play_lines("receptionist", line)
    [(name, args)] = heard[0].calls
    assert (name, args["reason"]) == ("transfer_to_conference_host", reason)


# ----------------------------------------------- 3. ending said plainly
@pytest.mark.parametrize(
    "line",
    [
        "Go ahead and wrap up the call for everybody, thanks!",
        "let's wrap the meeting up now",
        "Alright, that's a wrap",
        "ok close it out for everyone",
        "you can close out the call",
    ],
)
def test_ending_said_plainly_ends_the_call(line):
    assert understand(line).ends_call


# ----------------------------------------------- 4. cancelling a ringing call in slang
@pytest.mark.parametrize(
    "line", ["ah he's not pickin up, don't bother with Robbo", "bruh he ain't answering, kill that"]
)
def test_calling_off_in_slang_is_a_cancel(line):
    assert understand(line).cancel


async def test_a_cancel_naming_no_one_on_the_call_stops_the_one_call_ringing():
    heard = await play_lines("host", *_ROBBO, "cancel the call to Robbo mate")
    assert heard[-1].calls == [("remove_participant", {"who": _RINGING})]


async def test_a_cancel_naming_someone_who_answered_asks_which_call():
    heard = await play_lines(
        "host",
        *("add 415 555 0166", "yes", "his name is Marcus", "add 415 555 0187", "yes"),
        "cancel the call to Marcus",
    )
    assert heard[-1].lines == [render(_OFFLINE.followups.which_call, who=_RINGING)]


async def test_a_cancel_naming_a_directory_contact_not_ringing_asks_which_call():
    heard = await play_lines("host", "add 415 555 0187", "yes", "cancel the call to Fox")
    assert heard[-1].lines == [render(_OFFLINE.followups.which_call, who=_RINGING)]


async def test_which_call_is_answered_by_the_last_digits_of_one_offered():
    heard = await play_lines("host", *_ROBBO, "cancel the call to Dana", "that one, the 0187")
    assert heard[-1].calls == [("remove_participant", {"who": _RINGING})]


# ----------------------------------------------- 5. cancel and a new request in one line
async def test_with_nothing_to_cancel_the_rest_of_the_line_is_acted_on():
    line = "whatever, forget them. put me through to Fox Mulder, but tell him who I am first"
    heard = await play_lines("host", line)
    assert heard[0].calls == [
        ("look_up_contact", {"name": "Fox Mulder", "purpose": "warm_transfer"})
    ]


async def test_forget_it_alone_with_nothing_to_cancel_still_says_so():
    heard = await play_lines("host", "forget it")
    assert heard[0].lines == [_OFFLINE.nothing_to_cancel]


# ----------------------------------------------- 6. add, not transfer, when building a call
async def test_a_name_picked_from_a_team_with_others_on_the_call_is_an_add():
    heard = await play_lines(
        "host",
        "add Dana Scully",
        "yes",
        "Who is in the support team? I need somebody from there also",
        "Dana White please",
    )
    assert heard[-1].calls == [("look_up_contact", {"name": "Dana White", "purpose": "add"})]


async def test_a_name_picked_from_a_team_alone_on_the_call_is_a_transfer():
    heard = await play_lines(
        "host", "I'd like to speak with someone in your support team", "Dana White please"
    )
    assert heard[-1].calls == [("look_up_contact", {"name": "Dana White", "purpose": "transfer"})]


# ----------------------------------------------- 7. questions while a transfer read-back waits
def test_explain_or_just_connect_asks_what_kind_of_transfer():
    line = "Will you explain my problem to them or you will just connect directly?"
    assert transfer_asked(line) == "kind"


def test_what_happens_to_someone_if_you_send_me_over_asks_about_the_others():
    assert transfer_asked("what happens to Dana if you send me over?") == "others"


def test_a_reason_told_instead_is_the_introductions():
    line = "please tell him instead that it's about the Henderson contract renewal"
    assert about_from(line) == "the Henderson contract renewal"


# ----------------------------------------------- 8. a participant asks to remove the caller
async def test_a_participant_asking_to_remove_the_caller_is_refused_by_the_permission_rule():
    heard = await play_lines(
        "host", "add Fox Mulder", "yes", "Fox Mulder: Ava, please remove Ada from the call"
    )
    refused = render(
        _PROMPTS.host.for_participants.caller_only, speaker="Fox Mulder", caller_name="Ada"
    )
    assert refused in heard[-1].lines


async def test_the_caller_naming_themselves_is_still_told_they_are_not_a_leg():
    heard = await play_lines("host", "add Fox Mulder", "yes", "remove Ada")
    assert heard[-1].lines == [render(_PROMPTS.host.controls.not_on_call, who="Ada")]
