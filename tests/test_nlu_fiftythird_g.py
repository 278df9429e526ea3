"""The rehearsal model, fifty-third round g (issue 22, tester 47): questions about a transfer
("will I have to explain all this again?", "how long do transfers take?"), a detail added to the
introduction, a participant asking who a number is, a pick by team that leaves nothing queued,
a pronoun with how long ("mute them a sec"), and a role named before a contact."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.introduction import about_from
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.outside import outside_question
from workflows.rehearsal.nlu.transfer_asks import again_asked

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline


# ----------------------------------------------- 1. a transfer asked about
@pytest.mark.parametrize(
    "line",
    [
        "will I have to explain all this again to them?",
        "do I have to start all over again?",
        "am I gonna need to repeat everything to them?",
        "wait, will I need to go through it all again with whoever picks up?",
    ],
)
async def test_having_to_tell_it_again_is_offered_the_introduction(line):
    assert again_asked(line)
    heard = await play_lines("host", "transfer me to Dana Scully", line)
    assert _OFFLINE.transfer_warm in heard[-1].lines
    assert _OFFLINE.answers.cannot_tell not in heard[-1].lines
    assert heard[-1].calls == [
        ("look_up_contact", {"name": "Dana Scully", "purpose": "warm_transfer"})
    ]


@pytest.mark.parametrize(
    "line",
    ["I have to explain it again to my boss later", "can you explain it again?", "start over"],
)
def test_telling_or_asking_to_repeat_is_no_question_about_the_transfer(line):
    assert not again_asked(line)


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        (
            "hang on, can you also mention it drops around 7pm, usually when the kids are"
            " streaming",
            "it drops around 7pm, usually when the kids are streaming",
        ),
        ("could you mention it happens mostly at night", "it happens mostly at night"),
        ("please also mention it keeps freezing on the login screen", "it keeps freezing"),
    ],
)
async def test_a_detail_mentioned_goes_into_the_introduction(line, detail):
    assert detail in (about_from(line) or "")
    heard = await play_lines(
        "host", "transfer me to Dana Scully and introduce me first", line, "yes"
    )
    assert heard[-1].calls[0][0] == "warm_transfer"
    assert detail in heard[-1].calls[0][1]["about"]


@pytest.mark.parametrize("line", ["can you mention it to them first", "mention it as well"])
def test_mention_it_alone_tells_nothing(line):
    assert about_from(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "how long do these transfers usually take, am I going to be stuck on hold?",
        "how long does a transfer normally take?",
        "am I gonna be stuck on hold?",
        "how long will I be on hold?",
    ],
)
async def test_how_long_a_transfer_takes_cannot_be_told(line):
    assert outside_question(line)
    heard = await play_lines("host", "transfer me to Dana Scully", line)
    assert heard[-1].lines[0] == _OFFLINE.answers.cannot_tell
    assert heard[-1].calls == [("look_up_contact", {"name": "Dana Scully", "purpose": "transfer"})]


# ----------------------------------------------- 2. a participant asking who a number is
@pytest.mark.parametrize(
    "line",
    [
        "Ava, who is the 510 number?",
        "Ava, whose number is the one ending in 0184?",
        "hey Ava, who's that 510 one?",
        "Ava, who are you calling at 510?",
    ],
)
async def test_a_participant_asking_who_a_number_is_is_answered(line):
    heard = await play_lines(
        "host", "add Fox Mulder", "yes", "and my manager, 510 555 0184", f"Fox: {line}"
    )
    said = render(_OFFLINE.number_waiting, number="+1 510-555-0184", caller_name="Ada")
    assert heard[-1].lines == [said]
    assert heard[-1].calls == []


async def test_a_participant_asking_of_another_number_is_not_told_of_the_waiting_one():
    heard = await play_lines(
        "host", "add Fox Mulder", "yes", "and my manager, 510 555 0184", "Fox: Ava, who is 646?"
    )
    said = render(_OFFLINE.number_waiting, number="+1 510-555-0184", caller_name="Ada")
    assert said not in heard[-1].lines


# ----------------------------------------------- 3. a pick by team queues nobody
@pytest.mark.parametrize(
    ("line", "who", "number"),
    [
        ("ok. can you bring in Dana as well, the support one", "Dana White", "+14155550143"),
        ("add Dana too, the sales one", "Dana Scully", "+14155550142"),
        ("grab Dana also, that support lady", "Dana White", "+14155550143"),
    ],
)
async def test_a_pick_by_team_dials_that_one_and_looks_up_no_one_else(line, who, number):
    heard = await play_lines("host", "add Fox Mulder", "yes", line, "go for it")
    assert heard[-2].calls == [("look_up_contact", {"name": who, "purpose": "add"})]
    assert heard[-1].calls == [("add_sip_participant", {"phone_number": number})]


# ----------------------------------------------- 4. a pronoun, then how long
@pytest.mark.parametrize(
    ("line", "target"),
    [
        ("hold musik now. mute them a sec pls, my dog is barking", None),
        ("mute em a moment", None),
        ("can you mute her one sec", None),
        ("unmute him just a sec", None),
    ],
)
def test_a_pronoun_then_how_long_is_the_pronoun(line, target):
    assert understand(line).target == target


async def test_them_a_sec_is_the_one_other_person_on_the_call():
    heard = await play_lines(
        "host", "add 800 555 0133", "yes", "hold musik now. mute them a sec pls", "ok unmte them"
    )
    assert heard[-2].calls == [("mute_participant", {"who": "+1 800-555-0133", "muted": True})]
    assert heard[-1].calls == [("mute_participant", {"who": "+1 800-555-0133", "muted": False})]


# ----------------------------------------------- 5. a role named before a contact
@pytest.mark.parametrize(
    ("line", "own"),
    [
        (
            "I'd like to set up a quick call with our accountant and Dana in sales please",
            "accountant",
        ),
        ("can you set up a call with my lawyer and Fox Mulder", "lawyer"),
        ("a conference with our bookkeeper and Dana Scully please", "bookkeeper"),
    ],
)
async def test_a_role_named_before_a_contact_is_asked_for_after_it(line, own):
    heard = await play_lines("receptionist", "hi, this is Margaret", line, "yes please")
    said = render(_OFFLINE.followups.who_is_own, who=f"your {own}")
    assert heard[-1].calls[0][0] == "add_sip_participant"
    assert any(said in line for line in heard[-1].lines)
