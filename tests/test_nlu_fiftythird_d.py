"""The rehearsal model, fifty-third round d (issue 22): legs named in more words, from testers
48 and 49. A parent called by the word alone ("mom's name is rosa btw", "mom is rosa") names
the one leg with no name; a whole name is kept ("Margaret Chen", never "Margaret"); "rename the
lawyer to ..." with one person on names them; a role said with whose it is ("Mr. Lindqvist's
lawyer, her number is ...") is no name, and "Mr. Lindqvist's mobile, ..." is his; a name a leg
has already, said to them at a line's start, never names the number in that line; "Mr. Alvarez
is the lawyer, call him that" names the lawyer; "hi um this is Siobhan, S-I-O-B-H-A-N" gives the
caller's name; "yes, that's Monica" to Monica's read-back is a yes. One rule a test; expected
words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support import harness
from tests.test_yes_rule import WORDS
from workflows.call.confirmation import is_clear_yes

_PROMPTS = harness.prompts()
_CARLOS_MOM = ("add 617 492 8830", "yes", "thats my bro carlos", "add mom too, 617 555 0221", "yes")
_LAWYER = ("please add Mr. Lindqvist's lawyer, her number is (212) 555-0148.", "Yes.")


def _named(heard) -> list[tuple[str, str]]:
    return [(a["who"], a["name"]) for n, a in heard.calls if n == "name_participant"]


# ----------------------------------------------- 1. a parent called by the word alone
@pytest.mark.parametrize(
    "line",
    [
        "thanks. mom's name is rosa btw",
        "mom is rosa",
        "oh and mum is called Rosa",
        "ok, mum's name is Rosa",
    ],
)
async def test_a_parent_called_by_the_word_alone_names_the_leg_with_no_name(line):
    heard = await play_lines("host", *_CARLOS_MOM, line)
    assert _named(heard[-1]) == [("Mom", "Rosa")]  # dialled as "mom", now Rosa
    heard = await play_lines("host", *_CARLOS_MOM[:3], "can you add 617 555 0221", "yes", line)
    assert _named(heard[-1]) == [("+1 617-555-0221", "Rosa")]  # the one with no name


@pytest.mark.parametrize("line", ["mom is here now", "mom is muted right?", "mom is on"])
async def test_how_a_parent_is_names_no_one(line):
    heard = await play_lines("host", *_CARLOS_MOM, line)
    assert _named(heard[-1]) == []


# ----------------------------------------------- 1. a whole name kept
@pytest.mark.parametrize(
    "line",
    [
        "Her name is Margaret Chen, by the way.",
        "her name's Margaret Chen",
        "the person on 0148 is Margaret Chen",
    ],
)
async def test_a_whole_name_is_kept(line):
    heard = await play_lines("host", *_LAWYER, line)
    assert _named(heard[-1]) == [("+1 212-555-0148", "Margaret Chen")]


async def test_a_whole_name_said_again_is_theirs_already():
    heard = await play_lines(
        "host", *_LAWYER, "her name is Margaret Chen", "the person on 0148 is Margaret Chen"
    )
    assert _named(heard[-1]) == []
    already = render(_PROMPTS.offline.answers.already_named, who="Margaret Chen")
    assert already in heard[-1].lines


@pytest.mark.parametrize(
    "line",
    [
        "Could you rename the lawyer to Margaret please?",
        "rename her to Margaret",
        "can you rename the person on the line to Margaret",
    ],
)
async def test_rename_someone_said_by_what_they_are_names_the_one_on_the_call(line):
    heard = await play_lines("host", *_LAWYER, line)
    assert [n for n, _ in heard[-1].calls] == ["name_participant"]
    assert _named(heard[-1]) == [("+1 212-555-0148", "Margaret")]


# ----------------------------------------------- 1. a role with whose it is: no name
@pytest.mark.parametrize(
    "line",
    [
        "please add Mr. Lindqvist's lawyer, her number is (212) 555-0148.",
        "add Mrs. Osei's accountant, his number is 212 555 0148",
        "add Dr. Patel's son, 212 555 0148",
    ],
)
async def test_a_role_with_whose_it_is_names_no_leg(line):
    heard = await play_lines("host", line, "yes")
    assert [n for n, _ in heard[-1].calls] == ["add_sip_participant"]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("please dial Mr. Lindqvist's mobile, 212 555 0163", "Mr Lindqvist"),
        ("add Mrs. Osei's cell, 212 555 0163", "Mrs Osei"),
        ("now Dr. Patel's mobile: 212 555 0163", "Dr Patel"),
    ],
)
async def test_a_titled_persons_own_number_is_theirs(line, name):
    heard = await play_lines("host", line, "yes")
    assert _named(heard[-1]) == [("2125550163", name)]


@pytest.mark.parametrize(
    "line",
    [
        "Thank you. Margaret, Mr. Lindqvist will join from his mobile, 212 555 0163.",
        "Margaret, the next one is 212 555 0163",
        "ok. Margaret, please hold. add 212 555 0163",
    ],
)
async def test_a_name_a_leg_has_said_to_them_never_names_the_next_number(line):
    heard = await play_lines(
        "host", *_LAWYER, "her name is Margaret", line, "add 212 555 0163", "yes"
    )
    assert ("2125550163", "Margaret") not in _named(heard[-1])
    assert [n for n, _ in heard[-1].calls][0] == "add_sip_participant"


# ----------------------------------------------- 2. "<Name> is the <role>, call him that"
@pytest.mark.parametrize(
    "line",
    [
        "Mr. Alvarez is the lawyer, call him that",
        "Alvarez is my lawyer btw",
        "ok. Mr Alvarez is the lawyer. call him that please",
        "Alvarez's my lawyer, just call him that",
    ],
)
async def test_a_name_then_the_role_names_that_leg(line):
    heard = await play_lines(
        "host", "I need to add my lawyer to a call, his number is (415) 555-0129", "yeah", line
    )
    assert [n for n, _ in heard[-1].calls] == ["name_participant"]
    assert _named(heard[-1]) == [("+1 415-555-0129", "Alvarez")]


# ----------------------------------------------- 3. a name followed by its spelling
@pytest.mark.parametrize(
    "line",
    [
        "hi um this is Siobhan, S-I-O-B-H-A-N",
        "hi uh this is Siobhan, S. I. O. B. H. A. N.",
        "hello, erm, it's Siobhan S I O B H A N",
        "this is Siobhan S-I-O-B-H-A-N",
    ],
)
async def test_a_name_and_its_spelling_is_that_name(line):
    heard = await play_lines("receptionist", line)
    assert render(_PROMPTS.offline.ask_reason, name="Siobhan") in heard[-1].lines


# ----------------------------------------------- 4. "yes, that's <the read-back's name>"
@pytest.mark.parametrize(
    "reply", ["yes that's Monica", "yes, that is Monica Reyes", "that's Monica, yes"]
)
def test_yes_thats_the_read_backs_own_name_is_a_yes(reply):
    assert is_clear_yes(reply, WORDS, "Monica Reyes")


@pytest.mark.parametrize(
    ("reply", "name"),
    [
        ("that's Monica", "Monica Reyes"),  # no yes
        ("yes that's Dana", "Monica Reyes"),  # another name
        ("yes that's Declan", "+1 415-555-0162"),  # a name the read-back never said
        ("yes that's not Monica", "Monica Reyes"),
        ("yes, that's Monica?", "Monica Reyes"),
    ],
)
def test_that_is_another_name_or_no_yes_is_no_yes(reply, name):
    assert not is_clear_yes(reply, WORDS, name)


async def test_yes_thats_the_contact_dials_it():
    heard = await play_lines("host", "add Fox Mulder please", "yes that's Fox")
    assert [n for n, _ in heard[-1].calls] == ["add_sip_participant"]
