"""The rehearsal model, forty-eighth round b (issue 22), from testers 34 and 35: clear yeses the
yes rule refused ("yh", "Sí", "Yes, is correct"); questions while a transfer's read-back waits
("is that a real person?", "is she even in your contacts?") answered, with no stray "I haven't
transferred you"; "cut her loose" removes her; a "them" never removes the one named as waiting
("once Priyanka has her answer"); "then unmute her after" is left for the caller to ask; and
"no, put her back" after a removal says why the dial rules make it wait, and how long."""

from __future__ import annotations

import pytest

from prompts.schema import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes

WORDS = prompts().confirmation
ANSWERS = prompts().offline.answers
HOST = prompts().host
MONICA = ("add Monica", "yes", "Monica Reyes: hi")
BOTH = (*MONICA, "add Dana Scully", "yes", "Dana Scully: hello")


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# --------------------------------------------------------------------- the yes rule
@pytest.mark.parametrize("reply", ["yh", "Sí", "sí, claro", "Yes, is correct", "SÍ!"])
def test_typed_and_accented_yeses_are_clear_yeses(reply):
    assert is_clear_yes(reply, WORDS, "Monica Reyes")


@pytest.mark.parametrize("reply", ["is correct?", "no, is not correct", "nó", "yh?", "yh no"])
def test_their_doubtful_neighbours_are_not(reply):
    assert not is_clear_yes(reply, WORDS, "Monica Reyes")


@pytest.mark.parametrize("reply", ["yh", "Sí", "Yes, is correct"])
async def test_they_dial_what_was_read_back(reply):
    heard = await play_lines("host", "add Monica", reply)
    assert heard[-1].calls == [("add_sip_participant", {"phone_number": "+14155550170"})]


# ------------------------------------------------- questions while a transfer waits
@pytest.mark.parametrize(
    "line",
    [
        "is that a real person? I don't want another machine.",
        "will I get an actual human?",
        "is she a real person?",
    ],
)
async def test_asked_if_a_person_answers_it_is_answered_then_read_again(line):
    heard = await play_lines("host", "transfer me to Monica", line)
    asked = heard[-1]
    assert asked.lines[0] == render(ANSWERS.real_person, who="Monica Reyes from Management")
    assert _names(asked) == ["look_up_contact"]
    not_transferred = render(HOST.transfer.not_transferred, who="Monica Reyes")
    assert not any(not_transferred in line for line in asked.lines)


@pytest.mark.parametrize(
    "line", ["how much does this cost me?", "is she even in your contacts?", "is he in your list?"]
)
async def test_a_question_about_the_read_back_has_no_stray_not_transferred(line):
    heard = await play_lines("host", "transfer me to Monica", line)
    asked = heard[-1]
    not_transferred = render(HOST.transfer.not_transferred, who="Monica Reyes")
    assert not any(not_transferred in said for said in asked.lines)
    assert _names(asked) == ["look_up_contact"]


async def test_a_new_destination_still_says_the_first_was_not_transferred():
    heard = await play_lines("host", "transfer me to Monica", "hmm", "transfer me to Dana Scully")
    not_transferred = render(HOST.transfer.not_transferred, who="Monica Reyes")
    assert any(not_transferred in said for said in heard[-1].lines)


@pytest.mark.parametrize("line", ["does this cost me anything?", "how much is this call?"])
async def test_a_cost_question_gets_the_honest_answer(line):
    heard = await play_lines("host", line)
    assert heard[-1].lines == [ANSWERS.cost]


# ------------------------------------------------------------------------- removals
@pytest.mark.parametrize(
    "line",
    [
        "Monica's gotta catch her flight. Cut her loose.",
        "Monica is all set, you can cut her loose now",
        "cut Monica loose please",
    ],
)
async def test_cut_her_loose_removes_her(line):
    heard = await play_lines("host", *BOTH, line)
    assert heard[-1].calls == [("remove_participant", {"who": "Monica Reyes"})]


PRIYANKA = (
    "add my colleague Priyanka at 415 555 0123",
    "yes",
    "add the sales desk",
    "yes",
    "Sales desk: hello",
)


@pytest.mark.parametrize(
    "line",
    [
        "The sales desk only needs to answer one question for Priyanka, so please remove them"
        " once Priyanka has her answer. Actually, remove them now.",
        "the sales desk is just here for Priyanka. remove them once Priyanka is done",
    ],
)
async def test_them_is_never_the_one_waiting(line):
    heard = await play_lines("host", *PRIYANKA, line)
    assert heard[-1].calls == [("remove_participant", {"who": "Sales desk"})]


async def test_with_nobody_else_named_the_host_asks_who():
    heard = await play_lines(
        "host", *PRIYANKA, "Please remove them when Priyanka has what she needs."
    )
    assert "remove_participant" not in _names(heard[-1])
    assert heard[-1].lines == [prompts().offline.which_person]


# ------------------------------------------------------------- a request for later
@pytest.mark.parametrize(
    "line",
    [
        "mute Monica while Dana does her intro, then unmute her after",
        "mute Monica, and unmute her when Dana is done",
        "mute Monica for now and then unmute her later",
    ],
)
async def test_the_mute_is_done_now_and_the_unmute_left_for_later(line):
    heard = await play_lines("host", *BOTH, line)
    assert heard[-1].calls == [("mute_participant", {"who": "Monica Reyes", "muted": True})]
    assert ANSWERS.when_asked in " ".join(heard[-1].lines)


# ----------------------------------------------------------- put back after a removal
@pytest.mark.parametrize("line", ["no, put her back", "oh no, bring her back", "add her back in"])
async def test_put_back_says_why_it_waits_and_how_long(line):
    heard = await play_lines("host", *BOTH, "remove Monica", line)
    said = " ".join(heard[-1].lines)
    assert "add_sip_participant" not in _names(heard[-1])
    left = render(HOST.refused.cooldown, who="+1 415-555-0170", seconds="30")
    assert left in said
