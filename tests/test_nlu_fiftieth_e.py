"""The rehearsal model, fiftieth round e (issue 22): a directory contact named with an
extension is read back with it and the leg keeps the contact's name; a number with a titled
name ("Mrs. Okafor at ...") and a contact "after that" are two requests in order; "with the
introduction" beside a yes is a yes to a warm transfer only; a number with a country code
that is not allowed is refused for its region even when phonenumbers does not list it; a need
said with a bare verb ("I call for speak with my lawyer") is the reason; a payment refused
("the portal won't take my card. Can someone help?") is for support; "who is there in sales?"
names the team's members."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes
from workflows.call.dial_policy import DialPolicy, Refusal, said_abroad
from workflows.rehearsal.nlu.caller import call_reason
from workflows.rehearsal.nlu.problems import PROBLEM_RE
from workflows.rehearsal.sequence import clauses

_P = prompts()


# ----------------------------------------------- 1. a contact and an extension
@pytest.mark.parametrize(
    ("line", "number", "name"),
    [
        (
            "right, next is Fox Mulder, and can you put him through to extension 3 1 2",
            "312",
            "Fox Mulder",
        ),
        ("add Dana Scully at extension 204 please", "204", "Dana Scully"),
        ("get me Fox Mulder, he's on extension 5 5 1", "551", "Fox Mulder"),
    ],
)
async def test_a_contact_with_an_extension_is_read_back_with_it_and_keeps_the_name(
    line, number, name
):
    heard = await play_lines("host", line, "yes")
    (tool, args), *_ = heard[0].calls
    assert tool == "read_back_number" and args["phone_number"].endswith(f" ext {number}")
    named = [args for tool, args in heard[1].calls if tool == "name_participant"]
    assert named and named[0]["name"] == name


# ----------------------------------------------- 1. "Mrs. Okafor at ..., and after that ..."
@pytest.mark.parametrize(
    ("line", "second"),
    [
        (
            "Please also call Mrs. Okafor at +1 332 555 0157, and after that the help desk",
            "help desk",
        ),
        ("add Dr. Patel at 415 555 0123 and then the sales desk", "sales desk"),
        ("could you ring Mr. Thompson on 415 555 0166, afterwards Dana Scully", "Dana Scully"),
    ],
)
def test_a_titled_name_and_a_contact_after_that_are_two_requests(line, second):
    first, then = clauses(line)
    assert first.split()[-1][-4:].isdigit() and then.endswith(second)


def test_a_sentence_after_a_name_is_no_request_of_its_own():
    assert clauses("please add Dana. The one from sales.") == []


# ----------------------------------------------- 1. "yes, with the introduction"
@pytest.mark.parametrize(
    "line",
    [
        "Alright. Yes, please put me through with the introduction.",
        "ok, go ahead with the introduction",
        "yes please, with an intro",
    ],
)
def test_with_the_introduction_is_a_yes_to_a_warm_transfer_only(line):
    words = _P.confirmation
    assert is_clear_yes(line, words, "Support desk", "warm_transfer")
    assert not is_clear_yes(line, words, "Support desk", "transfer")
    assert not is_clear_yes(line, words, "Support desk", "add")


# ----------------------------------------------- 2. a country code not allowed
@pytest.mark.parametrize("text", ["+44 7700 900123", "+447700900456", "0044 7700 900789"])
def test_a_number_abroad_with_its_country_code_is_refused_for_its_region(text):
    found = said_abroad(DialPolicy(), text, "US")
    assert isinstance(found, Refusal) and found.rule == "region"


@pytest.mark.parametrize("text", ["+1 415 555 01", "+1 999 555 0123"])
def test_a_bad_number_of_an_allowed_country_is_still_not_valid(text):
    assert said_abroad(DialPolicy(), text, "US") is None


# ----------------------------------------------- 3. a need said with a bare verb
@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            "my name is Alejandro Gomez, I call for speak with my lawyer and my brother together",
            "speak with my lawyer and my brother together",
        ),
        ("I am calling for talk with my accountant", "talk with my accountant"),
        ("we want speak with our partners in America", "speak with our partners in America"),
    ],
)
def test_a_need_said_with_a_bare_verb_is_the_reason(line, reason):
    assert call_reason(line) == reason


# ----------------------------------------------- 3. a payment refused is for support
@pytest.mark.parametrize(
    "line",
    [
        "As I said, the billing portal won't take my card. Can someone help?",
        "it won't accept my payment on the billing page, can anybody help me?",
        "the website keeps declining my card, can someone help",
    ],
)
async def test_a_payment_refused_is_read_back_as_the_support_transfer(line):
    assert PROBLEM_RE.search(line)
    heard = await play_lines("host", line)
    assert heard[-1].calls == [("look_up_contact", {"name": "support", "purpose": "transfer"})]


@pytest.mark.parametrize("line", ["I take my card everywhere", "will you accept my card"])
def test_a_card_taken_or_asked_about_is_no_problem(line):
    assert not PROBLEM_RE.search(line)


# ----------------------------------------------- 3. "who is there in sales?"
@pytest.mark.parametrize(
    "line",
    ["now who is there in sales?", "who have you got there in support", "who's there in sales?"],
)
async def test_who_is_there_in_a_team_names_its_members(line):
    heard = await play_lines("host", line)
    assert not heard[-1].calls
    team = "Support" if "support" in line else "Sales"
    start = _P.offline.team_members.split("$team")[0]
    assert heard[-1].lines[0].startswith(f"{start}{team}")


# ----------------------------------------------- 2. "ending in 45 instead of 87"
@pytest.mark.parametrize(
    "line",
    [
        "Could you try his work number instead? It's the same but ending in 45 instead of 87",
        "same number but ending in forty five instead of eighty seven please",
        "try his office, same number with 45 at the end instead of 87",
    ],
)
async def test_the_same_number_ending_otherwise_is_read_back(line):
    heard = await play_lines("host", "415 555 0187", "yes", "stop ringing him", line)
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155550145", "purpose": "add"})
    ]


# ----------------------------------------------- 3. someone to talk to about a matter
@pytest.mark.parametrize(
    "line",
    [
        "ugh fine. is there anyone i can talk to about international calling then",
        "is there somebody i could speak with about calling abroad",
        "anyone who can help me with international numbers?",
    ],
)
async def test_someone_to_talk_to_about_a_matter_is_offered_support(line):
    heard = await play_lines("host", line)
    assert heard[-1].calls == [("look_up_contact", {"name": "support", "purpose": "transfer"})]
