"""The rehearsal model, forty-eighth round f (issue 22): yeses in people's words ("Yes, this is
correct.", "eh ok fine do it") dial, hedged ones do not; a question asked in the line that gives
the caller's name is answered and is no need; "I need someone in sales" is a need; "who have I
got on the line?" lists the caller and only the legs on the call; "k ill just wait then" while a
phone rings is acknowledged. Expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines, tool_names
from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes

_P = prompts()
_WORDS = _P.confirmation
_RINGING = "+1 415-555-0187"  # a phone on a long ring in the simulated backend


# ----------------------------------------------- 1. clear yeses, hedged ones
@pytest.mark.parametrize(
    "reply",
    [
        "Yes, this is correct.",
        "this is right",
        "eh ok fine do it",
        "eh, yes go ahead",
        "yes that is correct",
        "ok fine, go on then",
        "alright fine, do it",
    ],
)
@pytest.mark.parametrize("purpose", ["add", "transfer"])
def test_a_clear_yes_in_peoples_words(reply, purpose):
    assert is_clear_yes(reply, _WORDS, "", purpose)


@pytest.mark.parametrize(
    "reply",
    [
        "fine, do it I guess?",
        "ok fine do it... or wait",
        "this is correct?",
        "this is not correct",
        "ok eh",
        "eh",
        "eh, this is wrong",
    ],
)
def test_a_hedged_yes_is_none(reply):
    assert not is_clear_yes(reply, _WORDS, "", "add")
    assert not is_clear_yes(reply, _WORDS, "", "transfer")


async def test_yes_this_is_correct_dials():
    heard = await play_lines("host", "add 415 555 0149", "Yes, this is correct.")
    assert [c for c, _ in heard[-1].calls] == ["add_sip_participant"]


async def test_eh_ok_fine_do_it_transfers():
    heard = await play_lines("host", "transfer me to Monica Reyes", "eh ok fine do it")
    assert [c for c, _ in heard[-1].calls] == ["transfer_call"]


# ----------------------------------------------- 2. a question in the line giving the name
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Hi, I'm Sam Ortiz, what's your name?", "Sam Ortiz"),
        ("I'm Sam, are you a bot?", "Sam"),
        ("this is Sam, can you do transfers?", "Sam"),
    ],
)
async def test_a_question_with_the_name_is_answered_and_no_need(line, name):
    heard = await play_lines("receptionist", line, "Dana Scully")
    assert render(_P.offline.ask_reason, name=name) in " ".join(heard[0].lines)
    assert heard[0].calls == []
    [(_, args)] = [c for c in heard[1].calls if c[0] == "transfer_to_conference_host"]
    assert args == {"caller_name": name, "reason": "Dana Scully"}


async def test_after_the_answer_a_non_answer_is_asked_another_way():
    heard = await play_lines("receptionist", "I'm Sam, are you a bot?", "nice, ok")
    assert heard[-1].lines == [_P.offline.ask_reason_again]


# ----------------------------------------------- 3. someone in a team is a need
@pytest.mark.parametrize(
    ("line", "name", "need"),
    [
        ("I'm Sam Ortiz, I need someone in sales", "Sam Ortiz", "someone in sales"),
        ("this is Sam, I'd like somebody from management", "Sam", "somebody from management"),
        ("hi, Priya here. we need someone in sales", "Priya", "someone in sales"),
    ],
)
async def test_someone_in_a_team_is_a_need(line, name, need):
    heard = await play_lines("receptionist", line)
    [(_, args)] = [c for c in heard[0].calls if c[0] == "transfer_to_conference_host"]
    assert args == {"caller_name": name, "reason": need}
    assert render(_P.offline.ask_reason, name=name) not in heard[0].lines


# ----------------------------------------------- 4. who the caller has got on the line
_CALL10 = (
    "add 212 555 0177",
    "yes",
    "then Bernadette, four one five five five five zero one eight zero",
    "go ahead",
)


@pytest.mark.parametrize(
    "ask", ["who have I got on the line?", "who've I got on the call now?", "who do I have on here"]
)
async def test_who_have_i_got_lists_the_caller_and_the_legs_on(ask):
    heard = await play_lines("host", *_CALL10, ask)
    assert tool_names(heard[-1:]) == ["list_participants"]
    you = render(_P.host.caller_entry, caller_name="Ada")
    on = render(_P.host.participant, who="+1 212-555-0177", status=_P.host.status.active)
    assert heard[-1].lines == [render(_P.host.participants, list=f"{you}; {on}")]


# ----------------------------------------------- 5. waiting while a phone rings
@pytest.mark.parametrize("line", ["k ill just wait then", "ok I'll hang on", "sure, I'll wait"])
async def test_agreeing_to_wait_while_ringing_is_acknowledged(line):
    heard = await play_lines("host", "add 415 555 0187", "yes", line)
    assert heard[-1].calls == []
    assert heard[-1].lines == [render(_P.offline.followups.wait_ringing, who=_RINGING)]


async def test_waiting_once_they_joined_is_not_told_they_ring():
    heard = await play_lines("host", "add 415 555 0149", "yes", "sure, I'll wait")
    assert render(_P.offline.followups.wait_ringing, who="+1 415-555-0149") not in heard[-1].lines
