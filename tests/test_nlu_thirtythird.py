"""The rehearsal model, thirty-third round (issue 22): warm transfers' introductions, the need
given to the receptionist, people described, small target slips. One rule a test; expected
words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.introduction import about_from, introduced_reason
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.problems import support_need
from workflows.rehearsal.sequence import clauses

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline


def _calls(heard) -> list[str]:
    return [name for name, _ in heard.calls]


def _args(heard, tool: str) -> dict:
    return next(args for name, args in heard.calls if name == tool)


# ----------------------------------------------- 1. the introduction says the need cleanly
def test_a_go_ahead_in_a_sentence_of_its_own_is_not_what_to_tell_them():
    said = "righto, tell him it's about my laptop not booting up. yeah go ahead"
    assert about_from(said) == "their laptop not booting up"


def test_a_go_ahead_or_thanks_after_a_comma_is_not_what_to_tell_them():
    assert about_from("tell her it's about the March invoice, thanks, go for it") == (
        "the March invoice"
    )


def test_me_before_a_thing_is_the_callers_own():
    assert about_from("tell him it's about me laptop") == "their laptop"


def test_speaking_to_someone_about_something_is_introduced_as_that_thing():
    assert introduced_reason("speaking with Dana Scully about the contract") == "the contract"


def test_a_need_with_no_one_named_in_it_is_introduced_as_it_is():
    assert introduced_reason("support with their VPN not connecting") == (
        "support with their VPN not connecting"
    )


async def test_the_cleaned_need_reaches_the_warm_transfer():
    heard = await play_lines(
        "receptionist",
        "Bazza. Well Barry Nguyen. I need to talk to Fox Mulder about me laptop",
        "can you introduce me first?",
        "yep",
    )
    assert _args(heard[-1], "warm_transfer")["about"] == "their laptop"


async def test_a_change_said_with_a_go_ahead_is_no_yes():
    heard = await play_lines(
        "host",
        "transfer me to Fox Mulder and introduce me first",
        "righto, tell him it's about my laptop not booting up. yeah go ahead",
    )
    assert "warm_transfer" not in _calls(heard[-1])
    assert "transfer_call" not in _calls(heard[-1])


# ----------------------------------------------- 2. the problem reaches the introduction
def test_mention_then_the_problem_is_what_to_tell_them():
    said = "Please mention VPN is not connecting. Then okay, go ahead"
    assert about_from(said) == "how VPN is not connecting"


def test_mention_in_a_question_about_the_past_is_nothing_to_tell():
    assert about_from("did I mention my name to you?") is None


def test_an_acronym_keeps_its_capitals_in_the_need():
    assert "their VPN" in support_need("My VPN is not connecting since morning only")


async def test_a_mention_with_a_go_ahead_is_never_a_cancellation():
    heard = await play_lines(
        "host",
        "transfer me to support and introduce me first",
        "Please mention VPN is not connecting. Then okay, go ahead",
    )
    assert not {"warm_transfer", "transfer_call"} & set(_calls(heard[-1]))
    dropped = _OFFLINE.dropped_transfer.split("$")[0]
    assert not any(line.startswith(dropped) for line in heard[-1].lines)


def test_the_transfer_asked_for_beside_its_target_is_one_request():
    assert clauses("I want the transfer. Put me through to support and introduce me first") == []


def test_two_transfers_with_targets_are_still_two_requests():
    assert len(clauses("transfer me to Dana. then transfer me to Fox Mulder")) == 2


async def test_i_want_the_transfer_then_its_target_reads_back_the_target():
    heard = await play_lines(
        "host",
        "transfer me to support",
        "no thanks",
        "Arey, no, I want the transfer. Put me through to support and introduce me first",
    )
    assert _calls(heard[-1]) == ["look_up_contact"]
    assert _OFFLINE.ask_transfer_to not in heard[-1].lines


# ----------------------------------------------- 3. people described, not asked for
_NAMED = (
    "call 415-555-0146 and 415-555-0163",
    "yes",
    "yes",
    "Priya is the 0146 one",
    "Marco is the 0163 guy",
)


async def test_a_line_saying_who_people_on_the_call_are_asks_for_no_one():
    heard = await play_lines("host", *_NAMED, "Priya's my boss btw, Marco's from finance")
    assert _calls(heard[-1]) == []
    assert heard[-1].lines == [_OFFLINE.followups.people_noted]


async def test_someone_not_on_the_call_described_is_still_looked_up():
    heard = await play_lines("host", *_NAMED, "Dana's my boss")
    assert "look_up_contact" in _calls(heard[-1])


@pytest.mark.parametrize(
    "line", ["Priya's in the call?", "Marco is with us", "Priya's the last one", "Marco's in?"]
)
async def test_where_someone_on_the_call_is_is_no_description(line):
    heard = await play_lines("host", *_NAMED, line)
    assert _OFFLINE.followups.people_noted not in heard[-1].lines


async def test_the_team_someone_on_the_call_is_in_describes_them():
    heard = await play_lines("host", *_NAMED, "Marco's in finance")
    assert heard[-1].lines == [_OFFLINE.followups.people_noted]


async def test_the_last_one_is_actually_renames_the_one_called_so():
    heard = await play_lines(
        "host", *_NAMED, "Priya's my boss btw, Marco's from finance",
        "the last one is actually Mark, not Marco",
    )  # fmt: skip
    assert heard[-1].calls == [("name_participant", {"who": "Marco", "name": "Mark"})]


# ----------------------------------------------- 4. small target slips
@pytest.mark.parametrize("line", ["ring up Dana", "can you phone up Dana please"])
def test_up_after_the_verb_is_not_part_of_the_name(line):
    assert understand(line).target == "Dana"


def test_up_after_the_name_is_not_part_of_the_name():
    assert understand("ring Dana Scully up").target == "Dana Scully"


def test_here_after_the_one_to_add_is_not_part_of_the_name():
    assert understand("add Fox Mulder here instead of transferring me").target == "Fox Mulder"


async def test_the_team_someone_is_from_is_the_team_asked_about():
    heard = await play_lines("host", "somebody from support? who's in that team?")
    assert _calls(heard[-1]) == []
    assert heard[-1].lines[-1].endswith(_OFFLINE.which_of_team)


def test_a_titles_dot_does_not_end_what_to_tell_them():
    said = "mention it's about an invoice for Mr. Okafor. go ahead"
    assert about_from(said) == "an invoice for Mr. Okafor"
