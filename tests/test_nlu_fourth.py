"""What the fourth round's tester said and the offline NLU misread (issue 22), one rule a test:
goodbyes and who is leaving, hellos that are no names, names and needs said the Indian and
Australian ways (requests: tests/test_nlu_fourth_requests.py)."""

from __future__ import annotations

import pytest

from workflows.rehearsal.nlu import understand


def _reads(said: str, **fields) -> None:
    reading = understand(said)
    assert {k: getattr(reading, k) for k in fields} == fields, said


# ------------------------------------------------------------------------------ goodbyes
@pytest.mark.parametrize(
    "said", ["Done. Thanks.", "All done, cheers.", "done", "ok, I'm done", "thanks, all done"]
)
def test_done_on_its_own_is_a_goodbye(said):
    _reads(said, goodbye=True)


@pytest.mark.parametrize("said", ["are we done?", "is the download done yet", "well done"])
def test_done_inside_a_question_or_a_phrase_is_not(said):
    _reads(said, goodbye=False)


@pytest.mark.parametrize(
    "said",
    ["ok we're good", "right, that's us, thanks", "we're good here", "that's me done", "I'm out"],
)
def test_were_good_and_thats_us_are_goodbyes(said):
    _reads(said, goodbye=True)


@pytest.mark.parametrize(
    "said", ["ok we're good, end it", "you can end it now", "great, wrap it up", "hang up"]
)
def test_ending_the_call_outright_is_read_as_such(said):
    _reads(said, goodbye=True, ends_call=True)


@pytest.mark.parametrize("said", ["thanks, bye", "I have to go", "that's all"])
def test_a_goodbye_is_not_ending_the_call_outright(said):
    _reads(said, goodbye=True, ends_call=False)


@pytest.mark.parametrize(
    "said",
    [
        "Drop the first bloke, he's gotta run.",
        "she has to go",
        "Dana has to drop off now",
        "they gotta go soon",
        "Pete's gotta run",
    ],
)
def test_leaving_said_of_someone_else_is_not_the_callers_goodbye(said):
    _reads(said, goodbye=False)


@pytest.mark.parametrize("said", ["I gotta run", "okay, gotta run", "we have to go"])
def test_leaving_said_of_oneself_is(said):
    _reads(said, goodbye=True)


@pytest.mark.parametrize("said", ["I've gotta go in a sec", "I have to leave soon"])
def test_leaving_later_is_not_leaving_now(said):
    _reads(said, goodbye=False)


def test_a_goodbye_is_never_the_reason_for_the_call():
    _reads("okay, gotta run", reason=None)
    _reads("I need to end the call", reason=None)


# ------------------------------------------------------------------- hellos and names
@pytest.mark.parametrize(
    "said", ["Hallo, good day.", "Bonjour!", "Hola, good afternoon", "Namaste", "G'day!"]
)
def test_a_hello_in_another_language_is_a_greeting_and_no_name(said):
    _reads(said, greeting=True, name=None)


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("Good morning, myself Rajesh Kumar from the Pune office.", "Rajesh Kumar"),
        ("myself Anil Mehta", "Anil Mehta"),
        ("Namaste, this side Ravi.", "Ravi"),
        ("I'll do it myself tomorrow", None),
    ],
)
def test_myself_and_this_side_give_a_name(said, name):
    _reads(said, name=name)


@pytest.mark.parametrize(
    ("said", "name"),
    [("Morning! Dave from logistics.", "Dave"), ("Bonjour, Claire Dubois.", "Claire Dubois")],
)
def test_a_name_after_a_bare_or_foreign_greeting(said, name):
    _reads(said, name=name)


@pytest.mark.parametrize(
    ("said", "reason"),
    [
        (
            "Need to get a call happening with my two reps",
            "getting a call happening with my two reps",
        ),
        ("Kylie speaking. Need to get a call going, can ya help?", "getting a call going"),
        ("just wanna loop in Dana", "looping in Dana"),
        ("Need a conference call.", None),  # no verb to make a need of: the action says it
    ],
)
def test_a_need_said_without_i_is_a_reason(said, reason):
    _reads(said, reason=reason)


def test_set_me_up_a_call_asks_for_a_conference():
    _reads("can you set me up a call?", action="conference")
    _reads("put me on a call, please", action="conference")
    _reads("could you set us up with a call with Dana", action="add", target="Dana")
