"""The rehearsal model, fifty-third round h (issue 22): a lower-case word saying what someone on
the call is doing ("my cousin is leaving, hang up on him") is no name. It renamed Dana
"Leaving" and then removed her (found while merging round 53c). Expected words are rendered
from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts

_TWO = ("add 415 555 0147", "yes", "add 415 555 0133", "yes")


@pytest.mark.parametrize(
    "line",
    [
        "my cousin is leaving, hang up on him",
        "my bro is heading out, drop him",
        "my sister is going now, remove her",
    ],
)
async def test_what_someone_is_doing_names_no_one_and_removes_no_guess(line):
    heard = await play_lines("host", *_TWO, line)
    assert [name for name, _ in heard[-1].calls] == []
    assert heard[-1].lines == [prompts().offline.which_person]


@pytest.mark.parametrize("line", ["my cousin is marcus", "my bro is dre btw"])
async def test_a_lower_case_name_after_a_role_still_names_the_one_dialled(line):
    heard = await play_lines("host", "add 415 555 0147", "yes", line)
    assert [name for name, _ in heard[-1].calls] == ["name_participant"]
