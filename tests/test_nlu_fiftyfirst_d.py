"""The rehearsal model, fifty-first round d (issue 22): a problem with a service the caller
pays for (an outage, a bill too high, someone asked to fix a thing of theirs) is support; the
boss who asked for the call is no one to dial, and the full name said right after a short one
is the caller's; a question about being called back while a transfer waits is answered
honestly and the read-back said again with the name."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu.problems import PROBLEM_RE, support_need

_P = prompts()


# ----------------------------------------------- 1. an outage, a bill too high, "fix my ..."
@pytest.mark.parametrize(
    ("line", "need"),
    [
        ("my internet's been down since yesterday, can u get me to someone", "internet down"),
        ("im calling about my bill, it's way too high this month", "bill too high"),
        ("our wifi has been out all morning", "wifi out"),
        ("my invoice looks way higher than usual", "invoice too high"),
        ("i dont want anyone on a call, i want someone to fix my bill??", "fixing their bill"),
        ("i just need my wifi fixed", "fixing their wifi"),
    ],
)
def test_a_service_problem_is_a_support_need(line, need):
    assert PROBLEM_RE.search(line)
    assert support_need(line).startswith("support with") and need in support_need(line)


@pytest.mark.parametrize(
    "line",
    [
        "my boss is out today",
        "the line went dead",
        "the sales line is out of the office",
        "can you fix my name",
        "Mulder is down the hall",
    ],
)
def test_someone_out_or_a_name_fixed_is_no_problem(line):
    assert not PROBLEM_RE.search(line)


@pytest.mark.parametrize(
    "lines",
    [
        ["yo its jay", "my internet's been down since yesterday, can u get me to someone"],
        ["hi!! im calling about my bill, it's way too high this month. name's Becky"],
        ["Omar here", "they charged me way too much on my last invoice"],
    ],
)
async def test_a_service_problem_at_the_receptionist_is_offered_the_support_desk(lines):
    heard = await play_lines("receptionist", *lines)
    (tool, args), *_ = heard[-1].calls
    assert tool == "transfer_to_conference_host" and args["reason"].startswith("support with")
    assert ("look_up_contact", {"name": "support", "purpose": "transfer"}) in heard[-1].calls


@pytest.mark.parametrize(
    "line",
    [
        "i dont want anyone on a call, i want someone to fix my bill??",
        "can somebody sort out my internet please",
        "i just need my wifi fixed, can anyone do that",
    ],
)
async def test_fix_my_thing_at_the_host_reads_back_the_support_desk(line):
    heard = await play_lines("host", line)
    assert heard[-1].calls == [("look_up_contact", {"name": "support", "purpose": "transfer"})]
    assert _P.offline.answers.cannot_tell not in heard[-1].lines
