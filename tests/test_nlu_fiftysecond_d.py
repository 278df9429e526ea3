"""The rehearsal model, fifty-second round d (issue 22; testers 43 and 45): what participants ask
the host. A participant removing or muting someone not on the call is refused as for anyone
else (one helper for both tools), never told "I don't see X"; a participant's transfer of anyone
is refused before any lookup; "add my manager Monica" finds the directory's Monica (put to the
caller when a participant asks); a greeting to someone, then a question to the host by name, is
answered; and the caller typing "tony: you there?" mid-line talks to Tony. Expected words are
rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.addressing import is_addressed, said_to_another
from workflows.rehearsal.nlu import understand

_PROMPTS = prompts()
_FOR = _PROMPTS.host.for_participants
_ZEKE = ("add Zeke, his number is 415 555 0199", "yes")


def _names(turn) -> list[str]:
    return [name for name, _ in turn.calls]


# ----------------------------------------------- 1. removing or muting someone not on the call
@pytest.mark.parametrize(
    "said",
    [
        "Zeke: Ava, remove Bob please",
        "Zeke: hey Ava can you kick the automated line off?",
        "Zeke: ok Ava, drop Priya from the call",
    ],
)
async def test_a_participant_removing_someone_absent_hears_only_the_caller_may(said):
    heard = await play_lines("host", *_ZEKE, said)
    assert _names(heard[-1]) == ["remove_participant"]
    assert heard[-1].lines == [render(_FOR.only_self, speaker="Zeke", caller_name="Ada")]


@pytest.mark.parametrize(
    ("said", "phrase"),
    [
        ("Zeke: Ava, remove Bob please", _FOR.only_self),
        ("Zeke: Ava, mute Bob please", _FOR.only_self),
        ("Zeke: Ava, please remove Ada", _FOR.caller_only),  # the caller: ending their call
    ],
)
async def test_both_tools_refuse_a_participant_the_same_way_on_no_match(said, phrase):
    heard = await play_lines("host", *_ZEKE, said)
    assert heard[-1].lines == [render(phrase, speaker="Zeke", caller_name="Ada")]


@pytest.mark.parametrize("line", ["remove Bob", "mute Bob"])
async def test_the_caller_naming_someone_absent_still_hears_so(line):
    heard = await play_lines("host", *_ZEKE, line)
    assert heard[-1].lines == [render(_PROMPTS.host.controls.not_on_call, who="Bob")]


async def test_a_participant_leaving_still_leaves():
    heard = await play_lines("host", *_ZEKE, "Zeke: Ava, remove me please")
    assert heard[-1].calls == [("remove_participant", {"who": "Zeke"})]
    assert render(_FOR.left, speaker="Zeke") in heard[-1].lines


# ----------------------------------------------- 2. a participant's transfer, and their add
@pytest.mark.parametrize(
    "said",
    [
        "Zeke: Ava, transfer Sam to support please",  # Sam is in no directory
        "Zeke: Ava, transfer this call to 415 555 0123",
        "Zeke: Ava, put me through to support please",
    ],
)
async def test_a_participant_asking_for_a_transfer_is_refused_before_any_lookup(said):
    heard = await play_lines("host", *_ZEKE, said)
    assert heard[-1].lines == [render(_FOR.caller_only, speaker="Zeke", caller_name="Ada")]
    again = await play_lines("host", *_ZEKE, said, "yes")
    assert not {"transfer_call", "warm_transfer"} & set(_names(again[-1]))


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("can you add my manager Monica?", "Monica"),
        ("could you get my boss Monica on", "Monica"),
        ("add my colleague Monica please", "Monica"),
        ("transfer me to my colleague Dana Scully", "Dana Scully"),
    ],
)
def test_who_someone_is_to_the_asker_is_no_part_of_their_name(line, name):
    assert understand(line).target == name


@pytest.mark.parametrize("line", ["add my colleague from sales", "add my brother Tony"])
def test_a_relation_alone_or_not_followed_by_a_name_is_kept(line):
    assert understand(line).target == line.removeprefix("add ")


@pytest.mark.parametrize(
    "said",
    [
        "Zeke: Sure, let me pull that up. Ava, can you add my manager Monica?",
        "Zeke: Ava, could you get my boss Monica on",
        "Zeke: Ava, add my colleague Monica please",
    ],
)
async def test_a_participants_add_of_my_manager_monica_is_put_to_the_caller(said):
    heard = await play_lines("host", *_ZEKE, said, "yes")
    asked, yes = heard[-2], heard[-1]
    assert asked.calls == [("look_up_contact", {"name": "Monica", "purpose": "add"})]
    opening = render(_FOR.read_back, caller_name="Ada", speaker="Zeke", who="\0").split("\0")[0]
    assert asked.lines[0].startswith(opening)
    assert _names(yes) == ["add_sip_participant"]


async def test_the_callers_add_of_my_manager_monica_finds_monica():
    heard = await play_lines("host", "add my manager Monica")
    assert heard[-1].calls == [("look_up_contact", {"name": "Monica", "purpose": "add"})]


async def test_a_participant_leaving_after_their_add_starts_nothing_more():
    heard = await play_lines(
        "host",
        "add Dana Scully",
        "yes",
        "Dana: Sure, let me pull that up. Ava, can you add my manager Monica?",
        "yes",
        "Monica: Hi all, what's this about?",
        "Monica, Ada here, we have an issue with our order. Dana, you can leave if you want",
        "Dana: Thanks, I'll hop off. Ava, remove me please",
    )
    assert _names(heard[-1]) == ["remove_participant"]


# ----------------------------------------------- 3. a greeting, then a question to the host
@pytest.mark.parametrize(
    "line",
    [
        "Hello Dr. Tanaka, Ava, who else is joining us?",
        "morning everyone, Ava who else is on?",
        "Hi Monica, Ava, how long have we been talking?",
    ],
)
def test_a_question_to_the_host_after_a_greeting_is_addressed(line):
    assert is_addressed(line, ["Ava"])


@pytest.mark.parametrize(
    "line", ["Hello Dr. Tanaka, Ava is on the line too", "I told Dana, Ava muted him"]
)
def test_the_hosts_name_in_passing_is_still_not_addressing_it(line):
    assert not is_addressed(line, ["Ava"])


@pytest.mark.parametrize(
    ("said", "tool"),
    [
        ("Zeke: Hello Dr. Tanaka, Ava, who else is joining us?", "list_participants"),
        ("Zeke: morning everyone, Ava who else is on?", "list_participants"),
        ("Zeke: Hi Monica, Ava, how long have we been talking?", "get_call_state"),
    ],
)
async def test_the_question_after_the_greeting_is_answered(said, tool):
    heard = await play_lines("host", *_ZEKE, said)
    assert _names(heard[-1]) == [tool] and heard[-1].lines


# ----------------------------------------------- 4. the caller typing "tony: ..." mid-line
@pytest.mark.parametrize(
    "line",
    ["k whatever. tony: you there still?", "ok fine. Tony: can you hear me?", "lol. tony: hi"],
)
def test_a_name_and_colon_after_a_shrug_talks_to_that_person(line):
    assert said_to_another(line, ["Tony"], ["Ava"])


@pytest.mark.parametrize(
    "line", ["mute Fox. tony: you there still?", "k whatever. mute tony", "tony is on mute"]
)
def test_a_request_beside_it_is_still_for_the_host(line):
    assert not said_to_another(line, ["Tony", "Fox Mulder"], ["Ava"])


@pytest.mark.parametrize(
    "line", ["k whatever. zeke: you there still?", "ok fine. Zeke: can you hear me?"]
)
async def test_the_host_stays_quiet_when_the_caller_talks_to_them(line):
    heard = await play_lines("host", *_ZEKE, line)
    assert heard[-1].lines == [] and heard[-1].calls == []
