"""The rehearsal model, fifty-second round e (issue 22; testers 45 and 46): a goal told with the
name is acted on (a connection dropping is support, "calling for a conference with my
accountant" is handed over, "my acount, it got locked out" is support); people from a team are
its people, never its desk; "Dana, the one who works in support" is Dana White; "first Dana
White" after an add was asked for is an add; each question in a line is answered, the wait on
hold is not known and the call's limit is its setting. Expected words come from the prompts."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.problems import support_need
from workflows.rehearsal.nlu.text import normalise
from workflows.rehearsal.receptionist_turns import _reason

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_CANNOT = _OFFLINE.answers.cannot_tell
_SUPPORT = ("put me through to the support desk",)


def _names(turn) -> list[str]:
    return [name for name, _ in turn.calls]


def _args(turn, name: str) -> dict:
    return next(args for called, args in turn.calls if called == name)


# ----------------------------------------------- 1. goals told with the name
@pytest.mark.parametrize(
    ("line", "thing"),
    [
        ("my name's Gordon Blake, my internet has been dropping every evening", "internet"),
        ("it's Sam Lee, our wifi is cutting out every few minutes", "wifi"),
        ("Maria Ortiz here, my broadband's been dropping out since Monday", "broadband"),
        ("my calls keep... no, my calls are dropping all the time", "calls"),
    ],
)
def test_a_connection_dropping_is_a_support_need(line, thing):
    need = _reason(understand(line))
    assert need and need.startswith("support") and thing in need


@pytest.mark.parametrize(
    "line", ["my boss has been dropping hints", "the line is cutting out", "Dana is dropping off"]
)
def test_dropping_said_of_no_service_of_the_callers_is_no_support_need(line):
    assert not (support_need(line) or "").startswith("support with their")


@pytest.mark.parametrize(
    "line",
    [
        "i need to talk to someone about my acount, it got locked out",
        "calling about my card, it was blocked this morning",
        "it's about my email, it's been hacked",
    ],
)
def test_a_thing_then_what_happened_to_it_is_support(line):
    need = _reason(understand(line))
    assert need and need.startswith("support for a")


def test_a_bill_then_charged_twice_is_still_a_double_charge():
    need = support_need("trouble with my bill, it's been charged twice this month")
    assert need == "support with a double charge on their bill"


@pytest.mark.parametrize(
    ("line", "who"),
    [
        ("Hi, I'm Tomasz Nowak, calling for a conference with my accountant", "accountant"),
        ("Priya here, phoning in for a quick conference call with my lawyer", "lawyer"),
        ("this is Ken Adams, I'm ringing for a group call with my two partners", "partners"),
    ],
)
def test_calling_for_a_conference_is_the_need(line, who):
    assert who in (understand(line).reason or "")


async def test_calling_for_a_conference_with_the_name_is_handed_over():
    heard = await play_lines(
        "receptionist", "Hi, I'm Tomasz Nowak, calling for a conference with my accountant"
    )
    assert _args(heard[0], "transfer_to_conference_host")["caller_name"] == "Tomasz Nowak"
    assert "accountant" in _args(heard[0], "transfer_to_conference_host")["reason"]


# ----------------------------------------------- 2. people from a team; "the one in support"
async def test_people_from_a_team_are_listed_never_the_desk_read_back():
    heard = await play_lines(
        "receptionist",
        "Hello, this is Priya Raman from the marketing team.",
        "I need to set up a quick call with two people from sales, if that's alright",
        "Dana Scully please",
    )
    listed, picked = heard[1], heard[2]
    assert "look_up_contact" not in _names(listed)
    assert any(line.endswith(_OFFLINE.which_of_team) for line in listed.lines)
    assert not any("desk" in line for line in listed.lines if _OFFLINE.which_of_team in line)
    assert _args(picked, "look_up_contact")["purpose"] == "add"  # a call with people: an add


@pytest.mark.parametrize(
    "line", ["no not the desk, who's actually in the sales team?", "nope. who's on the sales team?"]
)
async def test_a_team_asked_instead_of_the_desk_drops_its_read_back(line):
    heard = await play_lines("host", "add the sales desk", line)
    assert heard[-1].calls == []  # the desk not read back again
    assert heard[-1].lines[-1].endswith(_OFFLINE.which_of_team)


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("my colleague Dana, the one who works in support", "my colleague Dana from support"),
        ("add Dana, the lady who's in support", "add Dana from support"),
        ("Dana, the guy that works on the support team", "Dana from support team"),
    ],
)
def test_someone_told_by_their_team_is_from_that_team(line, said):
    assert normalise(line) == said


@pytest.mark.parametrize("line", ["who works in support?", "who is in the sales team"])
def test_a_question_about_a_team_is_left_as_it_is(line):
    assert normalise(line) == line


async def test_dana_the_one_in_support_is_handed_over_and_read_back():
    heard = await play_lines(
        "receptionist",
        "Hello, my name is Dr. Elif Yilmaz.",
        "Ok. Then I'd like to add my colleague Dana, the one who works in support",
    )
    assert _names(heard[-1]) == ["transfer_to_conference_host", "look_up_contact"]
    assert "support" in _args(heard[-1], "look_up_contact")["name"].lower()


@pytest.mark.parametrize(
    "line", ["No, not yet. First Dana White please", "no wait, Dana White first"]
)
async def test_first_someone_after_an_add_was_asked_is_an_add(line):
    heard = await play_lines(
        "host",
        "I need a conference call with Dana White",
        "no, transfer me to Fox Mulder",
        line,
    )
    assert _args(heard[-1], "look_up_contact") == {"name": "Dana White", "purpose": "add"}


async def test_first_someone_with_no_add_asked_keeps_the_transfer():
    heard = await play_lines("host", "transfer me to Fox Mulder", "no, first Dana White please")
    assert _args(heard[-1], "look_up_contact")["purpose"] == "transfer"


# ----------------------------------------------- 3. questions
@pytest.mark.parametrize(
    "line",
    [
        "will I lose you if you transfer me? and how long is the wait usually",
        "do I get cut off when you put me through? are they even open today?",
    ],
)
async def test_each_question_in_a_line_is_answered(line):
    heard = await play_lines("host", *_SUPPORT, line)
    said = " ".join(heard[-1].lines)
    assert _OFFLINE.transfer_question in said and _CANNOT in said
    assert said.index(_OFFLINE.transfer_question) < said.index(_CANNOT)
    assert _names(heard[-1]) == ["look_up_contact"]  # the transfer read back again


async def test_each_question_is_answered_at_the_receptionist_too():
    heard = await play_lines(
        "receptionist", "hi it's Gordon Blake", "will I lose you if you transfer me? recorded?"
    )
    said = " ".join(heard[-1].lines)
    assert _OFFLINE.transfer_question in said and _CANNOT in said


@pytest.mark.parametrize(
    "line", ["wait how long will i be on hold", "how long am I gonna be in the queue?"]
)
async def test_the_wait_on_hold_is_not_known(line):
    heard = await play_lines("host", *_SUPPORT, line)
    assert _CANNOT in heard[-1].lines
    assert "list_participants" not in _names(heard[-1])


@pytest.mark.parametrize(
    "line",
    [
        "how long can we stay on this call? is there a limit",
        "is there a time limit on these calls?",
        "what's the maximum call length?",
    ],
)
async def test_the_calls_limit_is_its_setting(line):
    heard = await play_lines("host", "add 415 555 0123", "yes", line)
    assert render(_OFFLINE.answers.call_limit, minutes="60") in heard[-1].lines  # 3600 s
    assert "get_call_state" not in _names(heard[-1])


async def test_with_no_limit_set_the_limit_is_not_known():
    heard = await play_lines("host", "is there a time limit?", settings={"max_call_duration": 0})
    assert heard[-1].lines == [_CANNOT]


def test_how_long_we_have_been_going_is_still_the_length():
    from workflows.rehearsal.nlu.call_questions import call_question

    assert call_question("how long have we been going?") is None


async def test_a_question_about_leaving_alone_gets_only_its_own_answer():
    heard = await play_lines(
        "host", "add 415 555 0123", "yes", "do you hang up when everyone leaves?"
    )
    assert heard[-1].lines == [_OFFLINE.answers.all_gone]
