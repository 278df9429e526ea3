"""The rehearsal model, forty-seventh round (issue 22): a question whether someone would be
dropped ("If you dial him, will I lose Monica?") lets nobody go: tester 35 heard "Monica Reyes has
been removed from the call." It is answered and the read-back is asked again."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.leaving import _TALK_ON_RE
from workflows.rehearsal.nlu.corrections import names_its_start
from workflows.rehearsal.nlu.dismiss import asks_if_dropped, find_dismissal
from workflows.rehearsal.nlu.text import asks_without_refusing

_QUESTIONS = [
    "If you dial him, will I lose Monica?",
    "wait, do I lose Monica if you add this one?",
    "so would we lose Monica when he joins?",
    "will we lose the sales desk if I transfer?",
]


@pytest.mark.parametrize("line", _QUESTIONS)
def test_a_question_whether_someone_is_lost_lets_nobody_go(line):
    assert find_dismissal(line) is None
    assert asks_if_dropped(line)


@pytest.mark.parametrize(
    ("line", "whom"),
    [
        ("lose the 212 number", "the 212 number"),
        ("would you let Dana go?", "Dana"),
        ("can you let them go?", None),
        ("the sales desk isn't needed anymore, can you let them go?", "the sales desk"),
    ],
)
def test_requests_to_the_host_still_let_them_go(line, whom):
    assert (found := find_dismissal(line)) is not None and found[0] == whom
    assert not asks_if_dropped(line)


@pytest.mark.parametrize("line", _QUESTIONS[:3])
async def test_asked_while_an_add_waits_it_is_answered_and_asked_again(line):
    heard = await play_lines("host", "add Monica Reyes", "yes", "add 415 555 0133", line)
    asked = heard[-1]
    assert "remove_participant" not in [name for name, _ in asked.calls]
    assert asked.lines[0] == prompts().offline.will_add
    assert asked.calls == [("read_back_number", {"phone_number": "4155550133", "purpose": "add"})]


# ------------------------------------- the one described leaves, not the last one spoken of
@pytest.mark.parametrize(
    ("line", "whom"),
    [
        ("ok my supervisor has to jump off, let her go", "my supervisor"),
        ("Dana needs to leave now", "Dana"),
        ("the 0132 guy has got to drop off", "the one ending in 0132"),
    ],
)
def test_someone_who_has_to_go_is_the_one_let_go(line, whom):
    assert find_dismissal(line)[0] == whom


@pytest.mark.parametrize("line", ["I have to go", "he has to go to work now"])
def test_having_to_go_somewhere_or_the_caller_going_lets_nobody_go(line):
    assert find_dismissal(line) is None


async def test_the_supervisor_who_has_to_jump_off_is_removed_not_the_desk_spoken_of_last():
    heard = await play_lines(
        "host",
        "my supervisor, her number is 415 555 0132",
        "yes",
        "add the sales desk",
        "yes",
        "mute sales",
        "ok my supervisor has to jump off, let her go",
    )
    assert heard[-1].calls == [("remove_participant", {"who": "+1 415-555-0132"})]


# ------------------------- a number pointed at by its first digits is that number, as it is
@pytest.mark.parametrize(
    ("number", "digits", "line", "points"),
    [
        ("6465552219", "646", "Fine. Then please dial Tom's 646 number.", True),
        ("+16465552219", "646", "ok ring the 646 one", True),
        ("6465552219", "219", "no, make that 219", False),  # its last digits changed
        ("6465552219", "415", "dial the 415 number", False),  # not how it starts
    ],
)
def test_a_number_pointed_at_by_how_it_starts(number, digits, line, points):
    assert names_its_start(number, digits, line) is points


async def test_dial_toms_646_number_reads_back_toms_number_not_one_made_up():
    heard = await play_lines(
        "host",
        "add Monica",
        "yes",
        "and Tom please, six four six, five five five, two two one nine",
        "Fine. Then please dial Tom's 646 number.",
    )
    assert [args["phone_number"] for _, args in heard[-1].calls] == ["6465552219"]


# --------------------------- a question while a transfer waits is no "no" to the transfer
_ASKED = [
    "Is that a real person? I don't want another machine.",
    "Sorry, I didn't get an answer. Do I pay for this call?",
    "sure but if support cant fix it do i have to ring back and start over?",
]


@pytest.mark.parametrize("line", _ASKED)
def test_a_question_with_a_dont_in_it_asks(line):
    assert asks_without_refusing(line)


@pytest.mark.parametrize("line", ["no, don't transfer me", "nah, why would I?", "don't, ok?"])
def test_a_line_opening_with_a_refusal_still_refuses(line):
    assert not asks_without_refusing(line)


@pytest.mark.parametrize("line", _ASKED)
async def test_asked_while_a_transfer_waits_the_transfer_still_waits(line):
    heard = await play_lines("host", "transfer me to support", line, "yes")
    dropped = prompts().offline.dropped_transfer.split("$")[0]
    assert not any(said.startswith(dropped) for said in heard[1].lines)
    assert heard[-1].calls[-1][0] == "transfer_call"


@pytest.mark.parametrize("line", ["no, don't transfer me", "nah forget it"])
async def test_a_refusal_still_drops_the_transfer(line):
    heard = await play_lines("host", "transfer me to support", line, "yes")
    assert "transfer_call" not in [name for turn in heard for name, _ in turn.calls]


# ------------------------------------ "we talk now": the host is sent away, the call goes on
@pytest.mark.parametrize(
    "line", ["Gracias, we talk now. Adiós!", "ok we'll chat now, bye", "we can talk now thanks"]
)
async def test_we_talk_now_keeps_the_call_and_the_host_stays(line):
    heard = await play_lines("host", "add 415 555 0123", "yes", line)
    assert "end_call" not in [name for name, _ in heard[-1].calls]
    assert heard[-1].lines == [prompts().offline.answers.host_stays]


def test_asking_whether_we_can_talk_now_sends_nobody_away():
    assert not _TALK_ON_RE.search("can we talk now?")
