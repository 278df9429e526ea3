"""The seventh round (issue 22), one rule a test: two requests in one line are both read, in
order, with a goodbye beside them last; a question about one person on the call is about that
person only and is neither a removal nor a goodbye. The dialog around them (a read-back stops
the line until the caller's own yes; the answer names that person only) is pinned by the
natural_seventh_* scenarios, which `tests/test_scenarios.py` plays."""

from __future__ import annotations

import pytest

from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.questions import about_one
from workflows.rehearsal.sequence import clauses, is_end


# ------------------------------------------------- two requests in one line
@pytest.mark.parametrize(
    "said, first, second",
    [
        ("add Dana Scully and mute the 646 number", "add Dana Scully", "mute the 646 number"),
        ("remove Fox, then get the sales desk", "remove Fox", "get the sales desk"),
        ("mute the 0146 line and then remove Dana", "mute the 0146 line", "remove Dana"),
        ("drop the 0163 line. add 415 555 0133", "drop the 0163 line", "add 415 555 0133"),
        ("unmute Dana, and who is on now?", "unmute Dana", "who is on now?"),
    ],
)
def test_two_requests_in_one_line_are_read_in_order(said, first, second):
    assert clauses(said) == [first, second]


@pytest.mark.parametrize(
    "said",
    [
        "you can drop the 0163 line now. thanks, bye",
        "mute Dana, thanks, that's all, bye",
        "remove the second one and end the call",
    ],
)
def test_a_goodbye_beside_a_request_ends_the_call_after_it(said):
    requests = clauses(said)
    assert len(requests) == 2 and is_end(requests[-1]) and not is_end(requests[0])


@pytest.mark.parametrize(
    "said",
    [
        "mute Dana please, cheers",  # thanks alone is no goodbye
        "add 415 555 0121 and 415 555 0129",  # numbers in one breath: one request
        "add Dana and Fox",
        "mute them, I've gotta go in a sec",  # leaving later
        "drop the first bloke, he's gotta run",  # someone else leaving
        "who's on the call?",
    ],
)
def test_one_request_is_no_sequence(said):
    assert clauses(said) == []


# ------------------------------------------------- a question about one person
@pytest.mark.parametrize(
    "said, who",
    [
        ("Is Dana still with us?", "Dana"),
        ("is Fox still on?", "Fox"),
        ("did Mulder drop?", "Mulder"),
        ("did Mulder drop off?", "Mulder"),
        ("has Dana left?", "Dana"),
        ("did Dana hang up?", "Dana"),
        ("ok, did Fox Mulder leave the call?", "Fox Mulder"),
        ("is the 0187 line still ringing?", "the 0187 line"),
    ],
)
def test_a_question_about_one_person_names_that_person(said, who):
    reading = understand(said)
    assert (reading.action, reading.target, reading.asks_about) == ("status", who, who)


@pytest.mark.parametrize("said", ["did Mulder drop off?", "did Dana hang up?", "has Fox left?"])
def test_a_question_whether_someone_left_is_no_goodbye_nor_removal(said):
    reading = understand(said)
    assert not reading.goodbye and not reading.ends_call and reading.action != "remove"


@pytest.mark.parametrize(
    "said", ["are you still there?", "is anyone still on?", "is it still ringing?"]
)
def test_a_question_about_the_agent_or_everyone_names_nobody(said):
    assert understand(said).asks_about is None


def _listing(*entries: str) -> str:
    host = prompts().host
    people = [host.caller_entry.replace("$caller_name", "Ada")]
    people += [host.participant.replace("$who", w).replace("$status", s) for w, s in entries]
    return host.participants.replace("$list", "; ".join(people))


def test_the_answer_names_that_person_only():
    offline = prompts().offline
    listing = _listing(("+1 415-555-0146", "connected"), ("Dana Scully", "connected, muted"))
    said = about_one(listing, "Dana", prompts())
    assert said == offline.person_status.replace("$who", "Dana Scully").replace(
        "$status", "connected, muted"
    )
    by_digits = about_one(listing, "the 0146 line", prompts())
    assert "+1 415-555-0146" in by_digits and "Dana" not in by_digits


def test_someone_not_on_the_call_is_said_to_be_not_on_it():
    listing = _listing(("+1 415-555-0146", "connected"))
    said = about_one(listing, "Mulder", prompts())
    assert said == prompts().host.controls.not_on_call.replace("$who", "Mulder")
    assert "0146" not in said
