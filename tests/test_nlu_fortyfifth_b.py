"""The rehearsal model, forty-fifth round b (issue 22): the host's transfers, cancels and
directory choices. Questions about the others while a transfer's read-back waits are answered
and the read-back still waits; a warm transfer goes to the one just meant; "the support one"
wins over a pronoun; "never mind him. Then go ahead with Dana White" calls off and goes on; a
name in the line wins over someone on the call; "stop the 0187 call" calls that leg off, and
"hang up that call" with nobody ringing says who is on. One rule a test; expected words are
rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu.cancel import find_cancel
from workflows.rehearsal.nlu.goodbye import END_RE
from workflows.rehearsal.nlu.numbers import digitize
from workflows.rehearsal.nlu.transfer_asks import OTHERS_WAITING_RE
from workflows.rehearsal.sequence import clauses

_OFFLINE = prompts().offline
_ON = ("add Dana Scully", "yes")  # Dana Scully answers at once in the simulation
_RINGING = ("add 415 555 0187", "yes")  # rings on until called off
_LEG = "+1 415-555-0187"
_MULDER = {"name": "Fox Mulder", "purpose": "transfer"}


# ----------------------------------------------- 1. questions while a transfer waits
@pytest.mark.parametrize(
    "line",
    [
        "what will happen to my colleague?",
        "will Jake still be on when I pick up?",
        "wait, do the others stay on?",
        "will the sales team stay on the line?",
    ],
)
def test_a_question_about_the_others_is_read(line):
    assert OTHERS_WAITING_RE.search(line)


@pytest.mark.parametrize("line", ["do I stay on?", "will you stay on with me?", "yes go ahead"])
def test_the_caller_themself_or_a_yes_is_no_question_about_the_others(line):
    assert not OTHERS_WAITING_RE.search(line)


@pytest.mark.parametrize(
    "line",
    [
        "what will happen to my colleague?",
        "will Dana still be on when I pick up?",
        "wait, do the others stay on?",
    ],
)
async def test_others_answered_and_the_transfer_still_waits_for_its_yes(line):
    heard = await play_lines("host", *_ON, "transfer me to Fox Mulder", line, "yes")
    assert heard[3].lines[0] == _OFFLINE.transfer_others
    assert heard[3].calls == [("look_up_contact", _MULDER)]  # read back again, not Dana White
    assert heard[4].calls == [("transfer_call", {})]


async def test_a_warm_transfer_waiting_keeps_the_others():
    warm = "call Fox Mulder and introduce me first, then put me through"
    heard = await play_lines("host", *_ON, warm, "do the others stay on?")
    assert heard[-1].lines[0] == _OFFLINE.transfer_others_warm
    assert heard[-1].calls == [("look_up_contact", {**_MULDER, "purpose": "warm_transfer"})]


# ----------------------------------------------- 2. a warm transfer to the one just meant
@pytest.mark.parametrize(
    ("before", "line", "who"),
    [
        (("is Dana White around?",), "give her a heads up first and then put me through", "Dana"),
        (("I need to talk to Fox Mulder",), "tell him it's me first, then connect me", "Fox"),
        (("I need Dana White",), "let her know I'm coming then put me over", "Dana White"),
    ],
)
async def test_a_warm_transfer_in_peoples_words_goes_to_the_one_meant(before, line, who):
    heard = await play_lines("host", *_ON, *before, line)
    ((tool, args),) = heard[-1].calls
    assert tool == "look_up_contact" and args["purpose"] == "warm_transfer"
    assert args["name"].startswith(who) or who.startswith(args["name"])


@pytest.mark.parametrize(
    ("before", "line"),
    [
        (("what's Dana White's extension?",), "let her know I'm coming then put me over"),
        (("transfer me to Dana White", "no"), "give her a heads up first and then put me through"),
        (("is Dana White around?", "no"), "tell her it's me first, then connect me"),
    ],
)
async def test_her_is_the_one_named_just_before_never_who(before, line):
    heard = await play_lines("host", *before, line)
    assert heard[-1].calls == [
        ("look_up_contact", {"name": "Dana White", "purpose": "warm_transfer"})
    ]
    assert _OFFLINE.ask_transfer_to not in heard[-1].lines


def test_a_warm_transfer_then_put_me_through_is_one_request():
    assert clauses("give her a heads up first and then put me through") == []


async def test_transfer_me_to_her_with_no_one_named_still_asks_whom():
    heard = await play_lines("host", "transfer me to her")
    assert heard[-1].lines == [_OFFLINE.ask_transfer_to]


# ----------------------------------------------- 3. "the support one" over a pronoun
@pytest.mark.parametrize("before", [(), ("transfer me",)])
async def test_the_support_one_wins_over_her_on_the_call(before):
    line = "The support one. But please first tell her who I am"
    heard = await play_lines("host", "add Dana White", "yes", *before, line)
    assert heard[-1].calls == [("look_up_contact", {"name": "support", "purpose": "warm_transfer"})]


# ----------------------------------------------- 4. never mind him, then Dana White
_THEN = "never mind him. Then go ahead with Dana White"
_DANA_WHITE = ("look_up_contact", {"name": "Dana White", "purpose": "add"})


async def test_never_mind_then_a_read_back_dropped_and_dana_white_read_back():
    heard = await play_lines("host", "add Fox Mulder", _THEN)
    assert heard[-1].calls == [_DANA_WHITE]


async def test_never_mind_then_a_ringing_leg_called_off_and_dana_white_read_back():
    heard = await play_lines("host", *_RINGING, _THEN)
    assert heard[-1].calls == [("remove_participant", {"who": _LEG}), _DANA_WHITE]


async def test_never_mind_then_with_nothing_waiting_is_no_nothing_to_cancel():
    heard = await play_lines("host", "add Fox Mulder", "yes", _THEN)
    assert heard[-1].calls == [_DANA_WHITE]
    assert _OFFLINE.nothing_to_cancel not in heard[-1].lines


# ----------------------------------------------- 5. a name in the line over one on the call
@pytest.mark.parametrize(
    "line",
    [
        "I need a word with Mulder on my own, transfer me across to him",
        "I want to talk to Mulder privately, put me through to him",
    ],
)
async def test_a_name_in_the_line_is_the_one_the_pronoun_means(line):
    heard = await play_lines("host", *_ON, line)
    assert heard[-1].calls == [("look_up_contact", {"name": "Mulder", "purpose": "transfer"})]


async def test_transfer_me_to_her_with_only_her_on_the_call_is_still_told_so():
    heard = await play_lines("host", *_ON, "transfer me to her")
    assert heard[-1].lines == [render(_OFFLINE.already_with_you, who="Dana Scully")]


# ----------------------------------------------- 6. one leg called off by its digits
@pytest.mark.parametrize(
    "line", ["Stop the 0187 call", "kill the 0187 call", "stop the ringing call"]
)
def test_stopping_a_leg_by_its_digits_is_a_cancel_and_no_end(line):
    assert find_cancel(digitize(line), -1)[0]
    assert not END_RE.search(line)


@pytest.mark.parametrize("line", ["Stop the 0187 call", "kill the 0187 call"])
async def test_stop_the_0187_call_hangs_that_leg_up(line):
    heard = await play_lines("host", *_RINGING, line)
    assert heard[-1].calls == [("remove_participant", {"who": _LEG})]


async def test_hang_up_that_call_with_nobody_ringing_names_who_is_on():
    heard = await play_lines("host", *_ON, "hang up that call")
    assert heard[-1].calls == []
    assert heard[-1].lines == [render(_OFFLINE.nobody_ringing, who="Dana Scully")]


async def test_cancel_with_nobody_on_still_says_nothing_to_cancel():
    heard = await play_lines("host", "cancel that")
    assert heard[-1].lines == [_OFFLINE.nothing_to_cancel]
