"""One list of role words (`workflows/rehearsal/roles.py`) for every rule that reads who someone
is to the caller: a role that worked in one wording ("thats my landlord Gary") works in the
others ("add my landlord Gary, his number is ...", "try my landlord again")."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines

# Roles each reader lacked before the list was shared.
NEW_TO_SOME = ["landlord", "dentist", "flatmate", "plumber"]


def _named(heard) -> list[str]:
    return [args["name"] for h in heard for name, args in h.calls if name == "name_participant"]


@pytest.mark.parametrize("role", NEW_TO_SOME)
async def test_a_role_said_with_a_name_and_a_number_names_the_dial(role):
    said = f"add my {role} Gary, I'll have to look... it's 415 555 0185"  # the number later
    heard = await play_lines("host", said, "yes")
    assert [name for name, _ in heard[0].calls] == ["read_back_number"]
    assert _named(heard) == ["Gary"]


@pytest.mark.parametrize("role", NEW_TO_SOME)
async def test_a_role_points_back_at_the_number_said_with_it(role):
    heard = await play_lines(
        "host", f"add my {role} 415 555 0186", "yes", f"try my {role}'s number again"
    )  # 0186 is busy: the redial is read back (and refused for now by the dial rules)
    asked = [args for name, args in heard[-1].calls if name == "read_back_number"]
    assert [a["phone_number"] for a in asked] == ["4155550186"]
