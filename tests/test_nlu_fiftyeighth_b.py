"""The rehearsal model, fifty-eighth round b (issue 22, testers 59, 60 and 61): receptionist
needs said with the name. A device that will not start ("my laptop wont turn on", "my laptop is
dead") and an account the caller cannot log into ("i cant log into my account, its been
locked") are support needs, taken at once or remembered when the name comes after; a call asked
for without its article ("I need call with my team") is a need; a dropped call with a
directory contact ("I was talking to Fox Mulder ... the call dropped, can I get him back?")
is handed over and that contact read back; a name corrected in the same line with how it is
written ("Stefan, no sorry, Stephan with a ph") is the name taken."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.cut_off import cut_off_from
from workflows.rehearsal.nlu.problems import PROBLEM_RE, support_need

_PROMPTS = prompts()
_FOX = (
    "I was talking to Fox Mulder earlier about my refund and the call dropped, can I get him back?"
)
_DANA = "I was on the phone with Dana Scully and got cut off, can you reconnect me?"
_HER = "my call with Dana Scully got disconnected, can you put me back through to her?"


def _tools(heard) -> list[str]:
    return [tool for turn in heard for (tool, _) in turn.calls]


def _args(heard, tool: str) -> dict:
    return next(args for turn in heard for (name, args) in turn.calls if name == tool)


def _said(turn) -> str:
    return " ".join(turn.lines)


def _asked_need(turn, name: str) -> bool:
    return render(_PROMPTS.offline.ask_reason, name=name) in _said(turn)


# ----------------------------------------------- 1. a device that will not start: support
@pytest.mark.parametrize(
    "line",
    [
        "my laptop wont turn on",
        "my computer doesnt start",
        "my pc won't power on",
        "my laptop didnt boot this morning",
        "my laptop is dead",
        "my printer is dead, it wont print",
    ],
)
def test_a_device_that_will_not_start_is_a_support_need(line):
    assert PROBLEM_RE.search(line)
    assert (support_need(line) or "").startswith("support with their ")


@pytest.mark.parametrize(
    "line", ["my laptop is out of battery", "its been a while", "my boss is out"]
)
def test_no_device_problem_is_no_support_need(line):
    assert not support_need(line)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("hi, its priya, my laptop wont turn on and i need help", "Priya"),
        ("hey it's Marcus, my computer doesnt start and I need someone", "Marcus"),
        ("Hi this is Olu, my laptop is dead, it wont boot", "Olu"),
    ],
)
async def test_a_device_problem_with_the_name_offers_the_support_desk(line, name):
    heard = await play_lines("receptionist", line)
    assert _args(heard, "transfer_to_conference_host")["reason"].startswith("support")
    assert _args(heard, "look_up_contact")["purpose"] == "transfer"
    assert not _asked_need(heard[0], name)
    assert "transfer_call" not in _tools(heard)  # read back first, never put through


# ----------------------------------------------- 2. a login need said before the name
@pytest.mark.parametrize(
    ("line", "need"),
    [
        ("i cant log into my account", "support with getting into their account"),
        ("I can't sign into my email", "support with getting into their email"),
        ("my account, its been locked", "support for a locked account"),
        (
            "i cant log into my account, its been locked since this morning",
            "support for a locked account",
        ),
    ],
)
def test_a_login_problem_is_its_support_need(line, need):
    assert support_need(line) == need


@pytest.mark.parametrize(
    ("first", "name_line", "name"),
    [
        (
            "hi i cant log into my account, its been locked since this morning",
            "oh sorry, it's Priyanka Sharma",
            "Priyanka Sharma",
        ),
        ("hello, I can't sign into my email since yesterday", "Tom Baker", "Tom Baker"),
        ("hi, my pc wont power on at all", "it's Ana Lima", "Ana Lima"),
    ],
)
async def test_a_need_told_before_the_name_is_remembered(first, name_line, name):
    heard = await play_lines("receptionist", first, name_line)
    assert _PROMPTS.offline.ask_name in _said(heard[0])
    assert not _asked_need(heard[1], name)
    assert _args(heard, "transfer_to_conference_host")["reason"].startswith("support")
    assert "look_up_contact" in _tools(heard[1:])


# ----------------------------------------------- 3. a call asked for without its article
@pytest.mark.parametrize(
    "line",
    [
        "I need call with my team please",
        "need call with my boss",
        "we want quick call with the sales team",
    ],
)
def test_a_call_without_its_article_is_asked_for(line):
    assert understand(line).action in ("conference", "add")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Hola, soy Lucía Fernández, I need call with my team please", "Lucía Fernández"),
        ("Hi, I am Sam, need call with Dana Scully", "Sam"),
        ("Hello, my name is Wei, we want quick call with the sales team", "Wei"),
    ],
)
async def test_a_call_without_its_article_is_handed_over(line, name):
    heard = await play_lines("receptionist", line)
    assert _args(heard, "transfer_to_conference_host")["caller_name"] == name
    assert not _asked_need(heard[0], name)


# ----------------------------------------------- 4. a dropped call with a contact
@pytest.mark.parametrize(
    ("line", "who"),
    [
        (
            _FOX,
            "Fox Mulder",
        ),
        (
            _DANA,
            "Dana Scully",
        ),
        (
            _HER,
            "Dana Scully",
        ),
    ],
)
def test_a_dropped_call_names_whom(line, who):
    assert cut_off_from(line) == who


@pytest.mark.parametrize(
    "line",
    [
        "I was talking to Fox Mulder earlier about my refund",  # nothing lost
        "the call dropped, can I get back in?",  # no one named
        "I dropped my phone while talking to Dana Scully",  # the drop told before
    ],
)
def test_no_dropped_call_with_someone(line):
    assert cut_off_from(line) is None


@pytest.mark.parametrize(
    ("line", "name", "who"),
    [
        (
            "Hi, this is Gwen Adeyemi. " + _FOX,
            "Gwen Adeyemi",
            "Fox Mulder",
        ),
        (
            "Hi, Sam Ortiz here. " + _DANA,
            "Sam Ortiz",
            "Dana Scully",
        ),
        (
            "I'm Sam. " + _HER,
            "Sam",
            "Dana Scully",
        ),
    ],
)
async def test_a_dropped_call_is_read_back_then_put_through_on_a_yes(line, name, who):
    heard = await play_lines("receptionist", line, "yes")
    assert not _asked_need(heard[0], name)
    assert _args(heard, "look_up_contact") == {"name": who, "purpose": "transfer"}
    assert "transfer_call" not in _tools(heard[:1])
    assert "transfer_call" in _tools(heard[1:])


# ----------------------------------------------- 5. a name corrected with how it is written
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("hey its Stefan, no sorry, Stephan with a ph. need a confrence call", "Stephan"),
        ("I'm Jon, sorry, John with an h. I need a conference call", "John"),
        ("it's Sara, no wait, Sarah with the h, need to add Dana Scully", "Sarah"),
        ("its Katherine, sorry, Catherine with a C. need support", "Catherine"),
    ],
)
def test_a_name_corrected_with_how_it_is_written_is_taken(line, name):
    assert understand(line).name == name


async def test_the_corrected_name_is_handed_over():
    heard = await play_lines(
        "receptionist", "hey its Stefan, no sorry, Stephan with a ph. need a confrence call"
    )
    assert _args(heard, "transfer_to_conference_host")["caller_name"] == "Stephan"
    assert render(_PROMPTS.host.greeting, caller_name="Stephan") in _said(heard[0])
