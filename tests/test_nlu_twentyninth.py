"""The rehearsal model, twenty-ninth round (issue 22): the nineteenth tester's leftovers. A
naming and the caller's own name corrected in one line, two people named by order, a naming
with a request, a problem told for a warm transfer's introduction. One rule a test; expected
words are rendered from the prompt files."""

from __future__ import annotations

import pytest
from livekit.agents import llm

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.in_order import in_order
from workflows.rehearsal.introduction import about_from

_PROMPTS = prompts()
_HOST = _PROMPTS.host


def _calls(turn) -> list[tuple[str, dict]]:
    return list(turn.calls)


async def _with_jurgen(*lines: str):
    """What each line produced, said to the host after "Jürgen Weiß" dialled 0133 in."""
    opening = ("Hi, I'm Jürgen Weiß, I need a conference call", "add 415 555 0133", "yes")
    return (await play_lines("receptionist", *opening, *lines))[len(opening) :]


# ----------------------------------------------- 1. a naming and the caller's own name
@pytest.mark.parametrize(
    "line",
    ["my name is spelled with ue, Juergen, not with the u umlaut", "it's Jürgen with a u-e btw"],
)
async def test_the_callers_name_written_with_ue_is_corrected(line):
    (heard,) = await _with_jurgen(line)
    assert _calls(heard) == [("correct_caller_name", {"name": "Juergen Weiß"})]


async def test_letters_said_of_another_name_correct_nothing():
    (heard,) = await _with_jurgen("Stefan is written with an e, not with a ph")
    assert "correct_caller_name" not in [name for name, _ in _calls(heard)]


async def test_this_is_a_name_names_the_one_on_the_line():
    (heard,) = await _with_jurgen("This is Stefan.")
    assert _calls(heard) == [("name_participant", {"who": "+1 415-555-0133", "name": "Stefan"})]


async def test_this_is_the_callers_own_name_names_no_one():
    opening = ("Hi, I'm Stefan Braun, I need a conference call", "add 415 555 0133", "yes")
    heard = (await play_lines("receptionist", *opening, "This is Stefan."))[-1]
    assert "name_participant" not in [name for name, _ in _calls(heard)]


@pytest.mark.parametrize(
    "line",
    [
        "This is Stefan. And by the way my name is spelled with ue, Juergen, not with the u umlaut",
        "that's Stefan on the line, and it's Jürgen with a u-e by the way",
    ],
)
async def test_a_naming_and_the_callers_name_in_one_line_do_both(line):
    heard, listed = await _with_jurgen(line, "who's on the call?")
    assert _calls(heard) == [
        ("name_participant", {"who": "+1 415-555-0133", "name": "Stefan"}),
        ("correct_caller_name", {"name": "Juergen Weiß"}),
    ]
    assert (
        render(_HOST.controls.participant_named, who="+1 415-555-0133", name="Stefan")
        in (heard.lines[0])
    )  # both results said, the naming first
    assert "Juergen Weiß" in heard.lines[0] and "Stefan" in listed.lines[-1]


# ----------------------------------------------- 2. two people named by order
async def _two_dialled(*lines: str):
    opening = ("add 415 555 0146", "yes", "add 415 555 0124", "yes")
    return (await play_lines("host", *opening, *lines))[len(opening) :]


_BOTH = [
    ("name_participant", {"who": "+1 415-555-0146", "name": "Lakshmi"}),
    ("name_participant", {"who": "+1 415-555-0124", "name": "Arjun"}),
]


async def test_the_nth_is_a_name_names_each_in_dial_order():
    (heard,) = await _two_dialled("The first person is Lakshmi and the second is Arjun")
    assert _calls(heard) == _BOTH


async def test_nth_ones_named_between_commas_are_each_named():
    (heard,) = await _two_dialled("first one's Lakshmi, second one's Arjun")
    assert _calls(heard) == _BOTH


async def test_a_name_said_before_its_order_names_that_one():
    (heard,) = await _two_dialled("Lakshmi's the first, Arjun the second")
    assert _calls(heard) == _BOTH


def _dialled_then_left() -> llm.ChatContext:
    """A chat in which 0146 and 0199 were dialled and 0199 has left since."""
    ctx = llm.ChatContext()
    for n, who in enumerate(("+1 415-555-0146", "+1 415-555-0199")):
        ctx.items.append(
            llm.FunctionCall(call_id=f"c{n}", name="add_sip_participant", arguments="{}")
        )
        ctx.items.append(
            llm.FunctionCallOutput(
                call_id=f"c{n}",
                name="add_sip_participant",
                output=render(_HOST.dialing, who=who),
                is_error=False,
            )
        )
        ctx.add_message(role="assistant", content=render(_HOST.joined, who=who))
    ctx.add_message(role="assistant", content=render(_HOST.hung_up, who="+1 415-555-0199"))
    return ctx


def test_one_named_by_order_who_has_left_is_said_to_have_left():
    steps = in_order(_dialled_then_left(), "The first is Lakshmi and the second is Arjun", _PROMPTS)
    left = render(_PROMPTS.offline.answers.named_but_left, who="+1 415-555-0199", name="Arjun")
    assert steps[0] == left
    assert [(s.name, s.arguments) for s in steps[1:]] == [
        ("name_participant", '{"who": "+1 415-555-0146", "name": "Lakshmi"}')
    ]


def test_an_order_past_those_dialled_names_no_one():
    assert in_order(_dialled_then_left(), "the first is Lakshmi, the third is Raj", _PROMPTS) == []


# ----------------------------------------------- 3. a naming and a request in one line
async def _one_dialled(*lines: str):
    return (await play_lines("host", "add 646 555 0131", "yes", *lines))[2:]


async def test_the_client_is_a_name_names_the_one_on_the_call():
    (heard,) = await _one_dialled("the client is Mr Okonkwo by the way")
    assert _calls(heard) == [("name_participant", {"who": "+1 646-555-0131", "name": "Okonkwo"})]


async def test_a_naming_then_who_is_on_lists_with_the_new_name():
    (heard,) = await _one_dialled(
        "the client is Mr Okonkwo by the way, and can you tell me who's on"
    )
    assert [name for name, _ in _calls(heard)] == ["name_participant", "list_participants"]
    assert "Okonkwo" in heard.lines[-1] and "646" not in heard.lines[-1]


async def test_a_naming_then_mute_mutes_by_the_new_name():
    (heard,) = await _one_dialled("that's Mr Okonkwo on the line btw, can you mute him")
    assert _calls(heard)[-1] == ("mute_participant", {"who": "Okonkwo", "muted": True})
    assert _calls(heard)[0][0] == "name_participant"


# ----------------------------------------------- 4. a problem told for the introduction
@pytest.mark.parametrize(
    ("line", "about"),
    [
        (
            "tell him my router keeps dropping the connection every hour",
            "how their router keeps dropping the connection every hour",
        ),
        ("let her know I can't log in", "how they can't log in"),
    ],
)
def test_a_problem_told_to_pass_on_is_the_introductions_reason(line, about):
    assert about_from(line) == about


@pytest.mark.parametrize("line", ["tell me my number", "my router keeps dropping"])
def test_a_problem_not_to_pass_on_is_no_reason(line):
    assert about_from(line) is None


async def test_a_problem_told_while_a_warm_read_back_waits_is_read_back_with_it():
    heard = await play_lines(
        "host",
        "put me through to Fox Mulder but introduce me first",
        "tell him my router keeps dropping the connection every hour",
        "yes",
    )
    told, done = heard[1], heard[2]
    assert "warm_transfer" not in [name for name, _ in _calls(told)]  # still needs the yes
    assert any("their router keeps dropping" in line for line in told.lines)
    assert _calls(done) == [
        ("warm_transfer", {"about": "how their router keeps dropping the connection every hour"})
    ]


# ----------------------------------------------- the near misses these rules leave alone
async def test_the_guy_on_the_line_said_of_the_one_named_is_no_request():
    (heard,) = await _one_dialled("no, I mean his name's Vinnie, the guy who's on the line")
    assert _calls(heard) == [("name_participant", {"who": "+1 646-555-0131", "name": "Vinnie"})]


async def test_a_request_before_a_naming_is_that_request_alone():
    (heard,) = await _two_dialled("mute the second one, she's Aoife")
    assert [name for name, _ in _calls(heard)] == ["mute_participant"]


async def test_a_title_is_never_the_name_given():
    (heard,) = await _one_dialled("that's Mrs. Adeyemi btw")
    assert ("name_participant", {"who": "+1 646-555-0131", "name": "Mrs"}) not in _calls(heard)


async def test_that_is_a_name_after_a_leg_pointed_at_names_that_leg():
    (heard,) = await _two_dialled("that 0146 one? that's Kayla")
    assert _calls(heard) == [("name_participant", {"who": "+1 415-555-0146", "name": "Kayla"})]
