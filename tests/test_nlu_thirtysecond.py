"""The rehearsal model, thirty-second round (issue 22): the host's slips the twentieth and
twenty-first testers met. One rule a test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.addressing import said_to_another
from workflows.rehearsal.leg_names import leg_referred
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.sequence import clauses, kept_request

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


# ----------------------------------------------- 2. someone on the call by ending, title, "I mean"
@pytest.mark.parametrize(
    ("line", "who"),
    [
        ("wait what, did the 0199 guy just drop? is he still on?", "the 0199 guy"),
        ("no, has the 0163 lady hung up?", "the 0163 lady"),
    ],
)
def test_what_and_no_before_a_question_about_someone_keep_the_question(line, who):
    assert understand(line).asks_about == who


@pytest.mark.parametrize(
    ("line", "who"),
    [("Fox Mulder, I mean. Is he there?", "Fox Mulder"), ("I mean Dana. Is she on?", "Dana")],
)
def test_he_asked_about_is_the_one_meant_just_before(line, who):
    assert understand(line).asks_about == who


def test_he_asked_about_with_no_one_meant_before_stays_he():
    assert understand("Thanks. Is he there?").asks_about == "he"


@pytest.mark.parametrize(
    "line",
    ["ok can you try the 0199 one again", "ring the one ending in 0199 once more"],
)
def test_a_number_by_its_ending_tried_again_is_a_redial(line):
    assert understand(line).action == "redial"


async def test_i_mean_the_one_after_a_question_asks_it_about_that_one():
    heard = await play_lines(
        "host", "call 415-555-0146 and 415-555-0163", "yes", "yes", "is he still on?",
        "no, I mean the one ending 0163",
    )  # fmt: skip
    assert _calls(heard[-1]) == ["list_participants"]
    assert heard[-1].lines == [
        render(_OFFLINE.person_status, who="+1 415-555-0163", status="connected")
    ]


async def test_i_mean_with_no_question_before_is_no_question():
    heard = await play_lines(
        "host", "call 415-555-0146 and 415-555-0163", "yes", "yes", "mute the 0146 one",
        "no, I mean the one ending 0163",
    )  # fmt: skip
    assert "list_participants" not in _calls(heard[-1])


async def test_a_title_before_the_name_asked_about_is_that_person():
    heard = await play_lines(
        "host", "add Fox Mulder", "yes", "add Dana Scully", "yes", "is Mr Mulder still on?"
    )
    assert heard[-1].lines == [render(_OFFLINE.person_status, who="Fox Mulder", status="connected")]


@pytest.mark.parametrize("line", ["Mulder, I mean", "Dana, I meant"])
def test_a_name_then_i_mean_is_said_to_the_host(line):
    assert not said_to_another(line, ["Fox Mulder", "Dana Scully"], ["Ava"])


# ----------------------------------------------- 3. a name asked for before its number
async def test_a_name_the_directory_lacks_names_the_number_given_next():
    heard = await play_lines(
        "host", "add Marcus Webb", "yeah it's 415.555.0163", "mhm", "is Marcus still on?"
    )
    assert heard[-1].lines == [
        render(_OFFLINE.person_status, who="+1 415-555-0163", status="connected")
    ]


async def test_a_name_the_directory_lacks_names_no_number_given_later():
    heard = await play_lines(
        "host", "add Marcus Webb", "never mind", "call 415.555.0163", "yes", "is Marcus on?"
    )
    assert "+1 415-555-0163" not in " ".join(heard[-1].lines)


@pytest.mark.parametrize(
    ("line", "name"),
    [("Marcus is the 0163 guy you just added", "Marcus"), ("Ben's that 0163 number", "Ben")],
)
def test_a_name_is_the_ending_of_someone_on_the_call(line, name):
    assert leg_referred(line, ["+1 415-555-0163"]) == ("+1 415-555-0163", name)


# ----------------------------------------------- 4. requests and answers never asides
@pytest.mark.parametrize(
    "line", ["Cheers. Mulder can drop off now actually", "Thanks! Mulder can go now"]
)
def test_thanks_in_a_sentence_of_its_own_greets_no_one(line):
    assert not said_to_another(line, ["Fox Mulder"], ["Ava"])


def test_thanks_beside_the_name_still_greets_them():
    assert said_to_another("cheers Mulder, good to hear you", ["Fox Mulder"], ["Ava"])


def test_a_name_the_hosts_question_offered_answers_it():
    asked = "I found more than one Dana: Dana Scully from Sales or Dana White. Which one?"
    assert not said_to_another("Scully, obviously.", ["Dana Scully"], ["Ava"], asked)
    assert said_to_another("Scully, obviously.", ["Dana Scully"], ["Ava"])


# ----------------------------------------------- 5. self-corrections and leading words
def test_requests_taken_back_in_the_line_leave_the_last():
    line = "mute everyone except me... wait no that's backwards, just mute me? no. ok mute Dana"
    assert kept_request(line) == "ok mute Dana"
    assert clauses("remove Dana. scratch that, mute Fox") == []


def test_a_name_corrected_after_no_keeps_the_line():
    assert kept_request("add Dana. no, Fox") == "add Dana. no, Fox"


def test_a_line_taking_nothing_back_keeps_its_requests():
    assert clauses("remove Fox, then get the sales desk") == ["remove Fox", "get the sales desk"]


async def test_a_sentence_before_the_request_names_no_one():
    heard = await play_lines("host", "add Fox Mulder", "yes", "Fair enough, I'll wait. Mute him.")
    assert heard[-1].calls == [("mute_participant", {"who": "Fox Mulder", "muted": True})]


async def test_wrong_name_is_ruled_out_of_the_one_meant():
    heard = await play_lines("host", "add Dana", "the support one", "wrong Dana, I meant Scully")
    assert heard[-1].calls == [("look_up_contact", {"name": "Scully", "purpose": "add"})]


async def test_a_contact_named_with_bring_her_is_that_contact_not_the_transfer_read_back():
    heard = await play_lines(
        "host",
        "transfer me to the sales desk",
        "Then Ms Scully, please, but could you bring her onto this call rather than transfer me?",
    )
    assert heard[-1].calls == [("look_up_contact", {"name": "Scully", "purpose": "add"})]


async def test_add_her_instead_still_reads_the_transfer_back_as_an_add():
    heard = await play_lines("host", "transfer me to Fox Mulder", "no, just add him to this call")
    assert heard[-1].calls[0][0] == "look_up_contact"
    assert heard[-1].calls[0][1]["purpose"] == "add"


async def test_a_no_with_its_reason_to_an_offer_is_a_no():
    heard = await play_lines(
        "host", "call 415-555-0186", "yes", "no no, leave it, he must be in some meeting"
    )
    assert heard[-1].calls == []
    assert heard[-1].lines == [_OFFLINE.anything_else]


async def test_a_no_with_a_name_to_an_offer_is_no_plain_no():
    heard = await play_lines("host", "call 415-555-0186", "yes", "no, leave it, Dana knows")
    assert heard[-1].lines != [_OFFLINE.anything_else]


async def test_a_transfer_to_one_on_the_call_says_they_are_here():
    heard = await play_lines("host", "add Dana Scully", "yes", "transfer me to her")
    assert heard[-1].calls == []
    assert heard[-1].lines == [render(_OFFLINE.already_with_you, who="Dana Scully")]


async def test_a_transfer_by_a_first_name_others_share_is_still_looked_up():
    heard = await play_lines("host", "add Dana Scully", "yes", "transfer me to Dana")
    assert _calls(heard[-1]) == ["look_up_contact"]
