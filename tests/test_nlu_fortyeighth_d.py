"""The rehearsal model, forty-eighth round d (issue 22): transfers in people's words (typos, "I
don't need to stay on"), the warm introduction's reason ("mention it's saying ...", "say its
about ...", never a question), the support desk for problems and "tech support", teams asked
about ("who've ye got in sales?", "is there a billing dept?"), someone of the caller's own asked
for beside contacts, and messages the host cannot leave."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import files, prompts
from workflows.rehearsal.introduction import about_from
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.call_questions import call_question
from workflows.rehearsal.nlu.problems import support_need
from workflows.rehearsal.nlu.transfer_asks import transfer_asked
from workflows.rehearsal.teams import team_asked, team_members


def _calls(heard) -> list[tuple[str, dict]]:
    return [call for turn in heard for call in turn.calls]


# ------------------------------------------------------------------ 1. transfers as typed
@pytest.mark.parametrize(
    "line",
    [
        "ok trasnfer me to mulder then",
        "can you tranfer me to mulder",
        "i need to get transfered to mulder",
    ],
)
def test_a_mistyped_transfer_is_a_transfer(line):
    assert understand(line).action == "transfer"


@pytest.mark.parametrize(
    "line",
    [
        "no, transfer me to him, I dont need to stay on here",
        "just transfer me to her, I don't need to stay on the line",
        "transfer me over, no need to stay on",
    ],
)
def test_not_needing_to_stay_is_a_request_not_a_question(line):
    reading = understand(line)
    assert reading.action == "transfer" and not reading.asks_about_transfer


def test_asking_whether_i_stay_on_is_still_a_question():
    assert understand("if you transfer me, do I stay on with you?").asks_about_transfer


async def test_a_number_after_asking_to_be_transfered_is_read_back_as_a_transfer():
    heard = await play_lines(
        "receptionist",
        "hi im priyanka from the bakery on 5th, i need to get transfered to my suppliers line",
        "its four fifteen five five five oh one sixty one",
    )
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155550161", "purpose": "transfer"})
    ]


async def test_transfer_me_to_him_switches_an_adds_read_back_to_the_transfer():
    heard = await play_lines(
        "receptionist",
        "hi its sven, I need a conference call",
        "add mulder",
        "no, transfer me to him, I dont need to stay on here",
    )
    assert [args["purpose"] for _, args in heard[-1].calls] == ["transfer"]
    assert prompts().offline.transfer_question not in heard[-1].lines


# ------------------------------------------------------------ 2. the introduction's reason
@pytest.mark.parametrize(
    ("line", "about"),
    [
        (
            "Can you mention it's saying my password expired? Then yes go ahead",
            "it saying their password expired",
        ),
        ("tell them it says my account is locked", "it saying their account is locked"),
        ("please say it shows an error on my screen", "it showing an error on their screen"),
        ("say its about a billing mistake on our bill", "a billing mistake on their bill"),
    ],
)
def test_what_the_introduction_is_asked_to_say(line, about):
    assert about_from(line) == about


@pytest.mark.parametrize(
    "line",
    [
        "wait does he know about the invoice or do i have to start from scratch",
        "will she know about my refund or do I need to explain it again",
        "do they already know about the outage or do i need to explain",
    ],
)
def test_whether_they_know_or_i_explain_again_asks_for_the_introduction(line):
    assert transfer_asked(line) == "warm"


@pytest.mark.parametrize(
    "line", ["does he know about the invoice?", "will they know anything about my case"]
)
def test_whether_they_know_asks_the_kind_of_transfer(line):
    assert transfer_asked(line) == "kind"


async def test_a_mention_with_no_clear_yes_is_read_back_again_and_carried_by_the_yes():
    lines = [
        "Hi there. Ugh, I've been trying to log into the portal all morning and it keeps "
        "saying my password is expired",
        "Oh sorry, Brenda. Brenda Kowalczyk.",
        "Before you do that, will I have to explain it all over again to them?",
        "Can you mention it's saying my password expired? Then yes go ahead",
        "yes",
    ]
    heard = await play_lines("receptionist", *lines)
    assert "warm_transfer" not in [name for name, _ in heard[-2].calls]
    assert ("warm_transfer", {"about": "it saying their password expired"}) in heard[-1].calls


async def test_say_its_about_changes_the_reason_and_cancels_nothing():
    heard = await play_lines(
        "receptionist",
        "hey, Sven here. need to talk to soemone about a billing mistake on our invoice",
        "transfer me to Fox Mulder and introduce me first",
        "no, say its about a billing mistake on our invoice",
        "yeah go",
    )
    assert [name for name, _ in heard[-2].calls] == ["look_up_contact"]
    assert ("warm_transfer", {"about": "a billing mistake on their invoice"}) in heard[-1].calls


async def test_a_question_is_never_the_reason_and_is_answered():
    heard = await play_lines(
        "receptionist",
        "hey, Sven here. need to talk to soemone about a billing mistake on our invoice",
        "transfer me to Fox Mulder",
        "wait does he know about the invoice or do i have to start from scratch",
        "can you brief him first on the invoice thing",
        "what will u tell him",
    )
    assert heard[2].lines[0] == prompts().offline.transfer_warm
    assert [args["purpose"] for _, args in heard[2].calls] == ["warm_transfer"]
    assert "the invoice or" not in heard[-1].lines[0]


# ---------------------------------------------------------- 3. the support desk, the teams
@pytest.mark.parametrize(
    ("line", "need"),
    [
        (
            "my invoices arent showing up in the portal since tuesday",
            "support with their invoices not showing up",
        ),
        ("our orders haven't appeared in the system", "support with their orders not appearing"),
        ("the reports are not loading", "support with their reports not loading"),
    ],
)
def test_something_not_showing_up_is_a_need_for_support(line, need):
    assert support_need(line) == need


async def test_tech_support_is_the_support_desk():
    heard = await play_lines(
        "receptionist", "hi its rob, I need a conference call", "can u get me to tech support"
    )
    assert heard[-1].calls == [("look_up_contact", {"name": "support", "purpose": "transfer"})]


@pytest.mark.parametrize(
    ("line", "team"),
    [
        ("idk, whoever handles billing? is there a billing dept?", "Billing"),
        ("do you have a legal team?", "Legal"),
        ("have you got an HR department", "Hr"),
    ],
)
def test_a_team_the_directory_lacks_is_said_with_the_teams_it_has(line, team):
    directory = files().directory
    teams = list(dict.fromkeys(c.team for c in directory.contacts if c.team))
    teams = ", ".join(teams[:-1]) + " and " + teams[-1]
    said = team_asked(line, prompts(), directory)
    assert said == render(prompts().offline.answers.no_team, team=team, teams=teams)


def test_a_team_the_directory_has_is_its_members():
    p, directory = prompts(), files().directory
    assert team_asked("is there a sales team?", p, directory) == team_members(
        "who is in sales", p, directory
    )


@pytest.mark.parametrize(
    "line",
    ["who've ye got in the sales team?", "who have ya got in sales?", "who do ye have in sales"],
)
def test_who_have_ye_got_lists_the_team(line):
    p = prompts()
    assert team_members(line, p, files().directory) == render(
        p.offline.team_members, team="Sales", who="Dana Scully and Sales desk"
    )


# ------------------------------------------------------ 4. someone of the caller's own too
async def test_my_manager_beside_a_contact_is_asked_about_once_the_contact_is_dialled():
    heard = await play_lines(
        "receptionist",
        "Hiya, it's Siobhan here, I'm after a call with a few people from work",
        "and Mulder as well, and also my manager",
        "yeah",
    )
    asked = render(prompts().offline.followups.who_is_own, who="your manager")
    assert "add_sip_participant" in [name for name, _ in heard[-1].calls]
    assert any(asked in line for line in heard[-1].lines)


async def test_someone_described_by_who_they_are_is_not_asked_about_again():
    heard = await play_lines(
        "receptionist",
        "hi its Raj, I need a conference call",
        "add Dana Scully, my colleague",
        "yes",
    )
    asked = render(prompts().offline.followups.who_is_own, who="your colleague")
    assert not any(asked in line for line in heard[-1].lines)


# ---------------------------------------------------------------------- 5. messages
@pytest.mark.parametrize(
    "line",
    [
        "argh. could u have left her a msg instead??",
        "can you leave him a voicemail?",
        "would you be able to take a message for Dana?",
    ],
)
def test_a_message_asked_for_is_answered(line):
    assert call_question(line) == "no_messages"


def test_a_message_said_in_passing_asks_nothing():
    assert call_question("I left her a message earlier") is None
