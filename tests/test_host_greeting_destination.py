"""The host's greeting when the caller already named a contact: it reads that back at once,
never asking "who would you like to bring in?" just before it (tester notes, rounds 57-58:
"Hi Jade, I'm your conference host. Who would you like...? Just to confirm, that's Monica...").
Expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts

_HOST = prompts().host


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Hi, I'm Jade, I need a conference call with Fox Mulder", "Jade"),
        ("Sam here, I need a conference call with Dana Scully and the front desk", "Sam"),
        ("I'm Ada, I need a conference call with tech support", "Ada"),
    ],
)
async def test_a_destination_given_is_read_back_without_asking_who(line, name):
    heard = await play_lines("receptionist", line)
    lines = heard[-1].lines
    assert render(_HOST.greeting, caller_name=name) not in lines
    assert render(_HOST.greeting_asked, caller_name=name) in lines
    assert [n for n, _ in heard[-1].calls][-1] in ("look_up_contact", "read_back_number")


@pytest.mark.parametrize(
    "line",
    [
        "Hi, I'm Jade, I need a conference call",
        # a number may be the caller's own: "who?" is still asked
        "Hi, this is Jade and my number is 415 555 0100, I need a conference call",
    ],
)
async def test_no_contact_named_still_asks_who(line):
    heard = await play_lines("receptionist", line)
    assert render(_HOST.greeting, caller_name="Jade") in heard[-1].lines


async def test_the_callers_own_name_is_no_contact_named():
    # "Dana" is a directory name: a caller called Dana White asking for no one is asked "who?"
    heard = await play_lines("receptionist", "Hi, Dana White here, I need a conference call")
    assert render(_HOST.greeting, caller_name="Dana White") in heard[-1].lines


async def test_a_desk_offered_is_never_the_callers_own_name():
    # "Dana Scully here": a support need offers the Support desk, never "You asked for Dana Scully"
    line = "Hi, Dana Scully here, my account is locked, I need help"
    heard = await play_lines("receptionist", line)
    said = render(_HOST.greeting_transfer, caller_name="Dana Scully", who="Support desk")
    assert said in heard[-1].lines
