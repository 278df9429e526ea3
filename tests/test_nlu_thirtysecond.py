"""The rehearsal model, thirty-second round (issue 22): the host's slips the twentieth and
twenty-first testers met. One rule a test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.sequence import clauses

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline


def _calls(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. one request, one read-back
@pytest.mark.parametrize(
    "line",
    [
        "well as I said, a conference call. Could you get Dana from sales on please",
        "a conference call please, and add Fox Mulder",
    ],
)
def test_the_call_asked_for_beside_whom_to_bring_is_one_request(line):
    assert len(clauses(line)) <= 1


def test_a_conference_call_beside_another_kind_of_request_is_still_split():
    assert len(clauses("mute Dana. then remove Fox Mulder")) == 2


async def test_after_the_handover_the_yes_dials_once_and_nothing_is_looked_up_again():
    heard = await play_lines(
        "receptionist",
        "Hi, it's Harriet",
        "well as I said, a conference call. Could you get Dana from sales on please",
        "Yes please",
    )
    assert _calls(heard[-1]) == ["add_sip_participant"]
