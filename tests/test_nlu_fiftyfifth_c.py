"""The rehearsal model, fifty-fifth round c (issue 22): the receptionist's names, greetings and
problems. "is this the conference line?" is answered yes and the name asked, the need kept; a
request to be louder is answered that the volume is the phone's, never taken as the need (nor is
any other question answered at reception); a problem said in broken English or of a service's
box ("my wifi box keeps droppin out") offers the support desk. One rule a test; expected words
are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.problems import PROBLEM_RE, support_need

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_ANSWERS = _OFFLINE.answers


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


def _reason(heard) -> str | None:
    return next(
        (a.get("reason") for n, a in heard.calls if n == "transfer_to_conference_host"), None
    )


# ----------------------------------------------- 1. the conference line asked about
@pytest.mark.parametrize(
    "line",
    [
        "helo is this the confrence line",
        "hi, am I through to the conference call line?",
        "good morning, is this the conference number",
        "have I reached the conference line?",
    ],
)
async def test_conference_line_is_answered_yes_then_the_name(line):
    heard = await play_lines("receptionist", line, "my name is Gladys Pemberton")
    assert heard[0].calls == []
    assert " ".join(heard[0].lines) == f"{_OFFLINE.right_line_call} {_OFFLINE.ask_name}"
    assert _reason(heard[1]) == "a conference call"


# ----------------------------------------------- 2. louder, please
@pytest.mark.parametrize(
    "line",
    [
        "can you make it a bit louder",
        "could you speak up please",
        "you're very quiet",
        "can you turn up the volume?",
        "I can barely hear you",
    ],
)
async def test_louder_is_answered_and_never_the_need(line):
    heard = await play_lines(
        "receptionist", "hello, my name is Gladys Pemberton", line, "I need a conference call"
    )
    assert heard[1].calls == []
    assert heard[1].lines[0].startswith(_ANSWERS.volume)
    assert _reason(heard[2]) == "a conference call"


async def test_cost_question_is_never_the_need():
    heard = await play_lines(
        "receptionist",
        "hi, I'm Siobhan",
        "how much does this cost btw?",
        "I need a conference call",
    )
    assert heard[1].lines[0].startswith(_ANSWERS.cost)
    assert _reason(heard[2]) == "a conference call"


@pytest.mark.parametrize("line", ["tell Dana to speak up", "the sound is up to you"])
async def test_other_lines_are_no_volume_question(line):
    heard = await play_lines("receptionist", "hello, my name is Gladys Pemberton", line)
    assert _ANSWERS.volume not in " ".join(heard[1].lines)


# ----------------------------------------------- 3. problems for support
@pytest.mark.parametrize(
    ("line", "need"),
    [
        ("my wifi box keeps droppin out, need somebody to fix it", "wifi box dropping out"),
        ("our internet router is cutting out every hour", "internet router cutting out"),
        ("I have problem, my badge not open the door since monday", "badge not opening"),
        ("my laptop not start since friday", "laptop not starting"),
        ("my card no work in the machine", "card not working"),
    ],
)
async def test_problem_offers_the_support_desk(line, need):
    assert PROBLEM_RE.search(line)
    assert support_need(line) == f"support with their {need}"
    heard = await play_lines("receptionist", "its jamal", line)
    assert _names(heard[1]) == ["transfer_to_conference_host", "look_up_contact"]
    assert heard[1].calls[1][1]["name"] == "support"


@pytest.mark.parametrize(
    "line",
    ["my son not answering his phone", "my boss not here today", "I want my son not to know"],
)
def test_no_problem_without_a_thing_failing(line):
    assert not PROBLEM_RE.search(line)


# ----------------------------------------------- 4. a language is no name; "not X, it's Y"
@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "Hallo, hier ist Klaus... sorry, English. Klaus Becker. I want a conference call",
            "Klaus Becker",  # the whole name said after the switch to English (round 57e)
        ),
        ("hola... perdón, English. I am Carlos Ruiz, I need a conference call", "Carlos Ruiz"),
        ("English please. my name is Klaus and I need a conference call", "Klaus"),
    ],
)
async def test_language_is_never_the_name(line, name):
    heard = await play_lines("receptionist", line)
    assert ("transfer_to_conference_host", {"caller_name": name}) in [
        (n, {"caller_name": a.get("caller_name")}) for n, a in heard[0].calls
    ]


def test_surname_like_a_language_is_kept():
    assert understand("this is Tom French").name == "Tom French"


@pytest.mark.parametrize(
    "line",
    [
        "my name is not Claus, it is Klaus",
        "it's not Claus, it's Klaus",
        "my name's not Claus, it's Klaus",
    ],
)
async def test_name_corrected_wrong_one_first(line):
    heard = await play_lines("receptionist", "hi this is Claus, I need a conference call", line)
    assert heard[1].calls == [("correct_caller_name", {"name": "Klaus"})]


async def test_name_not_x_when_already_y_is_said_back():
    heard = await play_lines(
        "receptionist",
        "hi this is Klaus, I need a conference call",
        "my name is not English, it is Klaus",
    )
    assert heard[1].calls == []
    assert heard[1].lines == [render(_ANSWERS.your_name, name="Klaus")]


# ----------------------------------------------- 5. a call set up with a team
@pytest.mark.parametrize(
    ("line", "team"),
    [
        ("She needs a call set up with the head of sales.", "sales"),
        ("I need a call set up with sales", "sales"),
        ("we want a call arranged with the support team", "support"),
    ],
)
async def test_call_set_up_with_a_team_reads_its_desk_back(line, team):
    heard = await play_lines("receptionist", "hi, I'm Bernard", line)
    assert ("look_up_contact", {"name": team, "purpose": "add"}) in heard[1].calls
