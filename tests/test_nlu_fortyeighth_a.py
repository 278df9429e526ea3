"""The rehearsal model, forty-eighth round a (issue 22): names, the caller's and the legs'. An
all-caps line ("CALL FROM RAVI PATEL, I AM NEEDING ...") gives the caller's name, never "Needing";
"Jürgen Baumann hier", "hier ist ...", "I'm his assistant Beatriz" give it too; a leg known by its
number alone is named by a role ("my bro is called Dre btw"); a muted leg named since is unmuted by
its new name; the person at a directory desk may be named; "talk w dana in sales n my mate" asks
for the mate after Dana; a yes/no word opening a line is never a name. Expected words are
rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.asked import their_own
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.caller import caller_name

_P = prompts()
_ADDED = ("add 415 555 0187", "yes")
_LEG = "+1 415-555-0187"


# ----------------------------------------------- 1, 2. the caller's name, however said
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("CALL FROM RAVI PATEL, I AM NEEDING ONE CONFERENCE WITH MY TEAM", "Ravi Patel"),
        ("THIS IS RAVI PATEL, I AM NEEDING A CONFERENCE CALL", "Ravi Patel"),
        ("call from ravi patel. i am needing conference", "Ravi Patel"),
        ("Hallo, Jürgen Baumann hier", "Jürgen Baumann"),
        ("Guten Tag, hier ist Jürgen Baumann", "Jürgen Baumann"),
        ("I'm his assistant Beatriz, calling for Mr Okafor", "Beatriz"),
        ("this is Mr Okafor's assistant Beatriz", "Beatriz"),
    ],
)
def test_the_callers_name_said_so(line, name):
    assert caller_name(line) == name


@pytest.mark.parametrize(
    "line",
    [
        "I AM NEEDING A CONFERENCE",
        "CALL FROM MY OFFICE, I NEED A CONFERENCE",
        "Nope, Dana!",
        "Nah, Dana.",
        "Yep, Dana.",
    ],
)
def test_no_name_in(line):
    assert caller_name(line) is None
    assert understand(line).name is None


async def test_an_all_caps_line_hands_over_with_the_name():
    heard = await play_lines(
        "receptionist", "CALL FROM RAVI PATEL, I AM NEEDING ONE CONFERENCE WITH MY TEAM"
    )
    [(tool, args)] = [c for c in heard[0].calls if c[0] == "transfer_to_conference_host"]
    assert args["caller_name"] == "Ravi Patel"


# ----------------------------------------------- 3. a leg named by a role
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("my bro is called Dre btw", "Dre"),
        ("oh btw my sisters name is Shannon", "Shannon"),
        ("the desk guy is jordan", "Jordan"),
    ],
)
async def test_a_role_names_the_leg_with_no_name(line, name):
    heard = await play_lines("host", *_ADDED, line)
    assert heard[-1].calls == [("name_participant", {"who": _LEG, "name": name})]


async def test_with_a_contact_just_added_the_leg_with_no_name_is_named():
    heard = await play_lines("host", *_ADDED, "add Fox Mulder", "yes", "my bro is called Dre btw")
    assert heard[-1].calls == [("name_participant", {"who": _LEG, "name": "Dre"})]


# ----------------------------------------------- 4. unmuted by the new name
@pytest.mark.parametrize(
    ("naming", "unmute", "name"),
    [
        ("her name is Shannon", "unmute Shannon", "Shannon"),
        ("his name's Dre", "take Dre off mute", "Dre"),
    ],
)
async def test_a_muted_leg_renamed_is_unmuted_by_its_name(naming, unmute, name):
    heard = await play_lines("host", *_ADDED, "mute them", naming, unmute)
    assert heard[-1].calls == [("mute_participant", {"who": name, "muted": False})]
    assert render(_P.offline.not_muted, who=name) not in heard[-1].lines


# ----------------------------------------------- 5. the person at a desk
@pytest.mark.parametrize(
    "line", ["his name's Jordan", "that's Jordan btw", "the sales desk guy is called Jordan"]
)
async def test_the_person_at_a_desk_may_be_named(line):
    heard = await play_lines("host", "add the sales desk", "yes", line)
    assert heard[-1].calls == [("name_participant", {"who": "Sales desk", "name": "Jordan"})]


# ----------------------------------------------- 6. a contact and someone of their own
@pytest.mark.parametrize(
    ("line", "own"),
    [
        ("need 2 talk w dana in sales n my mate", "my mate"),
        ("I wanna talk to the sales desk and my brother", "my brother"),
        ("need to speak with Fox Mulder and my foreman", "my foreman"),
    ],
)
def test_their_own_is_read(line, own):
    assert their_own(line) == own


@pytest.mark.parametrize(
    ("lines", "own"),
    [
        (("need 2 talk w dana in sales n my mate", "its sam"), "my mate"),
        (("hi, I'm Priya. I wanna talk to the sales desk and my brother",), "my brother"),
    ],
)
async def test_their_own_is_asked_for_after_the_contact(lines, own):
    heard = await play_lines("receptionist", *lines, "yes")
    names = [c[0] for c in heard[-1].calls]
    assert names == ["add_sip_participant", "look_up_contact"]
    assert heard[-1].calls[-1][1] == {"name": own, "purpose": "add"}
    assert render(_P.host.greeting_asked, caller_name="Sam" if "sam" in lines[-1] else "Priya") in (
        heard[-2].lines
    )
