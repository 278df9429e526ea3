"""The rehearsal model, fifty-seventh round a (issue 22, testers 56 and 57): yes words and
read-back repeats. A typed "y" alone is a yes ("y?", "y not", "so y" are not); spellings of
yes words ("yeh go on") and a foreign "good" before a clear yes ("gut, ok, do it") confirm,
never alone nor as sarcasm ("yeh right", "gut"); a spelling of the caller's own name while a
read-back waits is answered and the read-back is said again, so the yes after it counts."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes

_PROMPTS = prompts()
_WORDS = _PROMPTS.confirmation


def _tools(heard) -> list[str]:
    return [tool for turn in heard for (tool, _) in turn.calls]


def _said(turn) -> str:
    return " ".join(turn.lines)


# ----------------------------------------------- 1. a typed "y" alone
@pytest.mark.parametrize("line", ["y", "Y", "y.", "Y!", " y "])
def test_a_typed_y_alone_is_a_yes(line):
    assert is_clear_yes(line, _WORDS, "")
    assert is_clear_yes(line, _WORDS, "Support desk", "transfer")


@pytest.mark.parametrize(
    "line", ["y?", "y not", "why", "so y", "y tho", "ok y", "y...", "y y", "y, but wait", "y-"]
)
def test_y_beside_anything_or_asking_is_no_yes(line):
    assert not is_clear_yes(line, _WORDS, "")


@pytest.mark.parametrize("line", ["y", "Y."])
async def test_a_typed_y_dials_the_number_read_back(line):
    heard = await play_lines("host", "ad 415 555 0187", line)
    assert "read_back_number" in _tools(heard[:1])
    assert "add_sip_participant" in _tools(heard[1:])


async def test_y_asking_dials_nothing():
    heard = await play_lines("host", "ad 415 555 0187", "y?")
    assert "add_sip_participant" not in _tools(heard[1:])


# ----------------------------------------------- 2. spellings of yes words, a foreign "good"
@pytest.mark.parametrize(
    "line",
    [
        "yeh go on",
        "Yeh, dial it",
        "yuh go ahead",
        "yeap",
        "okey, go ahead",
        "gut, ok, do it",
        "bien, ok go ahead",
        "bene, sì",
        "sehr gut, ja, bitte",
        "très bien, oui",
        "bueno, sí, claro",
    ],
)
def test_spelled_yes_words_and_a_foreign_good_before_a_yes_confirm(line):
    assert is_clear_yes(line, _WORDS, "")


@pytest.mark.parametrize(
    "line",
    [
        "yeh right",
        "yah right",
        "ya right",
        "yea right",
        "yeh nah",
        "yeh?",
        "gut",
        "gut?",
        "ok, gut",
        "gut, nein",
        "bien, no",
        "gut feeling, yes",
    ],
)
def test_sarcasm_a_no_or_a_foreign_good_alone_is_no_yes(line):
    assert not is_clear_yes(line, _WORDS, "")


@pytest.mark.parametrize("line", ["yeh go on", "gut, ok, do it", "bien, ok go ahead"])
async def test_a_spelled_yes_dials(line):
    heard = await play_lines("host", "please add 415 555 0138", line)
    assert "add_sip_participant" in _tools(heard[1:])


async def test_a_foreign_good_before_a_yes_makes_the_warm_transfer():
    heard = await play_lines(
        "host", "please connect me to 415 555 0165 and introduce me first", "gut, ok, do it"
    )
    assert "warm_transfer" in _tools(heard[1:])


# ----------------------------------------------- 3. a spelling answered, then read back again
@pytest.mark.parametrize(
    ("intro", "line", "name"),
    [
        ("this is Priyanka Deshmukh", "sorry, my surname is spelled D-E-S-H-M-U-K-H", None),
        ("its kevin oduya", "my last name is spelled O-D-U-Y-A", "Kevin Oduya"),
        ("Siobhan Kelly here", "just so you know, my first name is spelled S-I-O-B-H-A-N", None),
    ],
)
async def test_a_spelling_while_a_read_back_waits_says_it_again(intro, line, name):
    heard = await play_lines("receptionist", intro, "add 415 555 0176", line, "yes")
    name = name or intro.removeprefix("this is ").removesuffix(" here")
    said = _said(heard[2])
    assert render(_PROMPTS.offline.answers.your_name, name=name) in said
    assert render(_PROMPTS.host.read_back, who="+1 415-555-0176") in said
    assert said.index(render(_PROMPTS.offline.answers.your_name, name=name)) < said.index(
        render(_PROMPTS.host.read_back, who="+1 415-555-0176")
    )
    assert "correct_caller_name" not in _tools(heard[2:3])
    assert "add_sip_participant" in _tools(heard[3:])


async def test_a_spelling_while_a_transfer_waits_then_go_ahead_transfers():
    heard = await play_lines(
        "receptionist",
        "Good afternoon, this is Priyanka Deshmukh",
        "please transfer me to 415 555 0165",
        "sorry, my surname is spelled D-E-S-H-M-U-K-H",
        "okay, go ahead",
    )
    assert render(_PROMPTS.host.transfer.read_back, who="+1 415-555-0165") in _said(heard[2])
    assert "transfer_call" in _tools(heard[3:])


async def test_a_spelling_with_nothing_waiting_reads_nothing_back():
    heard = await play_lines("host", "hi", "my name is spelled O-D-U-Y-A")
    assert not {"read_back_number", "look_up_contact"} & set(_tools(heard[1:]))
