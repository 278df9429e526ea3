"""The rehearsal model, forty-ninth round b (issue 22): names and renames of legs. Tester 38
heard "Someone on the call is already called Tommo" when Bazza's own mobile was dialled, a
duplicate-dial refusal for "Tommo is 415 555 0133", "I couldn't find her Carla"; tester 39's
"thats marcus" named no one and "unmute me im done eating" looked for "me i'm done eating"."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from workflows.rehearsal.lower_names import capitalised
from workflows.rehearsal.nlu import understand

_TOMMO = ("add Tommo on 415 555 0133", "yes")


def _named(heard) -> list[dict]:
    return [args for name, args in heard.calls if name == "name_participant"]


@pytest.mark.parametrize(
    "line", ["and Bazza, his mobile's 415 555 0199", "now Bazza, his cell is 415 555 0199"]
)
async def test_a_new_persons_own_mobile_is_theirs(line):
    heard = await play_lines("host", *_TOMMO, line, "yes")
    assert _named(heard[-1]) == [{"who": "4155550199", "name": "Bazza"}]


@pytest.mark.parametrize("line", ["nah that one's Bazza, not Tommo", "no, that one is Bazza"])
async def test_a_refused_name_is_replaced_on_the_leg_it_was_for(line):
    heard = await play_lines("host", *_TOMMO, "and another Tommo, 415 555 0199", "yes", line)
    assert _named(heard[-1]) == [{"who": "4155550199", "name": "Bazza"}]


@pytest.mark.parametrize("line", ["Robbo is 415 555 0133", "no mate, the 0133 fella is Robbo"])
async def test_a_leg_on_the_call_is_renamed_never_redialled(line):
    lines = (*_TOMMO, "and another Tommo, 415 555 0199", "yes", "nah that one's Bazza, not Tommo")
    heard = await play_lines("host", *lines, line, "cheers")
    assert _named(heard[-2]) == [{"who": "Tommo", "name": "Robbo"}]
    assert all(name != "read_back_number" for turn in heard[-2:] for name, _ in turn.calls)


@pytest.mark.parametrize("line", ["Call her Carla.", "No. The sales desk is Carla."])
async def test_a_desk_on_the_call_is_named(line):
    heard = await play_lines("host", "add the sales desk", "yes", line)
    assert heard[-1].calls == [("name_participant", {"who": "Sales desk", "name": "Carla"})]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("thats marcus", "that's Marcus"),
        ("that's marcus btw", "that's Marcus btw"),
        ("thats odd", "thats odd"),
        ("thats weird", "thats weird"),
        ("this is it", "this is it"),
    ],
)
def test_a_lower_case_name_said_alone_is_a_name(line, said):
    assert capitalised(line) == said


async def test_a_described_leg_is_named_in_lower_case():
    heard = await play_lines(
        "host", "the architect, 628 555 0139", "yes", "the architect is lorraine"
    )
    assert _named(heard[-1]) == [{"who": "+1 628-555-0139", "name": "Lorraine"}]


async def test_a_number_in_its_001_form_keeps_its_name():
    heard = await play_lines("host", "Thompson is 001 415 555 0146", "yes")
    assert _named(heard[-1]) == [{"who": "+14155550146", "name": "Thompson"}]
    listed = await play_lines("host", "Thompson is 001 415 555 0146", "yes", "who is on?")
    assert any("Thompson" in line for line in listed[-1].lines)


async def test_a_name_said_after_who_they_are_is_kept_for_the_number_said_later():
    line = "And my younger boy David, I'll have to look... it's 415 555 0187"
    heard = await play_lines("host", line, "yes please")
    assert _named(heard[-1]) == [{"who": "4155550187", "name": "David"}]


@pytest.mark.parametrize(
    "line", ["unmute me im done eating", "unmute me i'm back", "mute me he's talking"]
)
def test_me_ends_at_the_clause(line):
    assert understand(line).target == "me"


@pytest.mark.parametrize("line", ["do what she said, mute them", "like she asked, mute them"])
def test_a_lead_in_names_no_one(line):
    assert understand(line).target is None
