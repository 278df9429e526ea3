"""The rehearsal model, fifty-fifth round a (issue 22): yes words, from testers 53-55. French
"c'est ça" beside a yes, "sorry" between yeses, "Oh." on its own before "right" and a yes, typed
spellings ("thru", "go 4 it"), a go-ahead naming the read-back's own destination after "to"
("ya put me thru to support"), each a clear yes; their near-misses still refuse. A line the host
could not use ("can you mention it's invoice number 4471 too") is answered and the read-back
asked again; a line taken back beside a yes stays no clean yes (round 53a). A yes beside a
name the caller gives the number ("yup thats Pawel") still refuses, but the host says why and
the name is kept for the leg. One rule a test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support import harness
from workflows.call.confirmation import is_clear_yes

_PROMPTS = harness.prompts()
_WORDS = _PROMPTS.confirmation
_HOST = _PROMPTS.host


def _yes(text: str, name: str = "", purpose: str = "add") -> bool:
    return is_clear_yes(text, _WORDS, name, purpose)


def _said(heard, template: str) -> bool:
    """Whether a line of `heard` holds `template`'s words before its first variable."""
    head = template.split("$")[0].strip()
    return any(head in line for line in heard.lines)


# ----------------------------------------------- 1. French, "sorry", "Oh. Right.", typed
@pytest.mark.parametrize(
    "text",
    [
        "oui c'est ça",
        "Oui, c'est ça.",
        "c'est bon, oui",
        "yes, sorry, yes",
        "sorry, yes please",
        "Oh. Right. Yes, go on then.",
        "Oh! Right, yes please.",
        "ok go 4 it",
        "yeah 4 sure",
        "yeah put them thru",
    ],
)
def test_these_wordings_of_yes_are_clear(text):
    assert _yes(text)


@pytest.mark.parametrize(
    "text",
    [
        "c'est pas ça",
        "c'est ça?",
        "yes sorry",
        "sorry",
        "Sorry, wrong one.",
        "oh right, go on then",
        "Oh right. Sure.",
        "Oh. Right.",
        "oh. right. no",
        "go 4",
        "yes 4",
        "go 4 it 415",
        "thru",
    ],
)
def test_their_near_misses_still_refuse(text):
    assert not _yes(text)


# ----------------------------------------------- 1. "to" before the read-back's own name
@pytest.mark.parametrize(
    "text",
    [
        "ya put me thru to support",
        "yes, put me through to the support desk",
        "ok connect me to support",
    ],
)
def test_a_go_ahead_to_the_read_backs_own_name_is_a_yes(text):
    assert _yes(text, "Support desk", "transfer")
    assert not _yes(text.replace("support", "sales"), "Support desk", "transfer")
    assert not _yes(text, "Sales desk", "transfer")


def test_to_with_no_name_after_it_is_no_yes():
    assert not _yes("yes put me through to", "Support desk", "transfer")
    assert not _yes("yes, to", "Support desk", "transfer")


# ----------------------------------------------- 2. a line taken back beside a yes
@pytest.mark.parametrize(
    "text",
    [
        "never mind that. ok yes go ahead with Fox",  # round 53a: "that" may be the read-back
        "Forget that. Yes, put me through to Fox.",
        "forget it. yes go ahead with Fox",
        "never mind. yes go ahead with Fox",
    ],
)
def test_a_line_taken_back_beside_a_yes_is_still_no_clean_yes(text):
    assert not _yes(text, "Fox Mulder", "warm_transfer")


# ----------------------------------------------- calls
async def test_tester54_french_and_sorry_yeses_dial_dana():
    for line in ("oui c'est ça", "yes, sorry, yes"):
        heard = await play_lines("host", "add Dana in sales", line)
        assert [n for n, _ in heard[-1].calls] == ["add_sip_participant"]
        assert _said(heard[-1], _HOST.dialing)


async def test_tester55_thru_to_support_transfers():
    heard = await play_lines("host", "transfer me to support", "ya put me thru to support")
    assert [n for n, _ in heard[-1].calls] == ["transfer_call"]
    assert _said(heard[-1], _HOST.transfer.transferring)


async def test_tester55_go_4_it_does_the_warm_transfer():
    heard = await play_lines("host", "put me through to support and introduce me", "ok go 4 it")
    assert [n for n, _ in heard[-1].calls] == ["warm_transfer"]


async def test_tester54_oh_right_yes_go_on_then_transfers():
    heard = await play_lines(
        "host",
        "put me through to 415 555 0169 please",
        "Will I still be able to talk to you after?",
        "Oh. Right. Yes, go on then.",
    )
    assert [n for n, _ in heard[-1].calls] == ["transfer_call"]


async def test_tester53_a_detail_is_answered_and_the_read_back_asked_again():
    heard = await play_lines(
        "host",
        "could you put me through to Fox Mulder, and tell him what it's about first",
        "can you mention it's invoice number 4471 too",
        "never mind that. ok yes go ahead with Fox",
        "yes",
    )
    assert _PROMPTS.offline.not_a_number not in heard[1].lines  # a detail, no number
    assert [n for n, _ in heard[1].calls] == ["look_up_contact"]  # read back again
    assert "warm_transfer" not in [n for n, _ in heard[2].calls]
    assert [n for n, _ in heard[3].calls] == ["warm_transfer"]
    assert _said(heard[3], _HOST.transfer.warm_calling)


_NAMING = ["yup thats Pawel", "yes, his name is Pawel", "sure, this is Pawel"]


@pytest.mark.parametrize("line", _NAMING)
async def test_tester53_a_yes_naming_the_number_says_why_and_keeps_the_name(line):
    heard = await play_lines("host", "first one is 646 555 2231", line, "yes")
    assert not any(n == "name_participant" for n, _ in heard[1].calls)
    assert any(_HOST.not_confirmed in said for said in heard[1].lines)  # why, then asked again
    assert not _said(heard[1], _HOST.dialing)
    named = [a["name"] for n, a in heard[2].calls if n == "name_participant"]
    assert [n for n, _ in heard[2].calls][0] == "add_sip_participant"
    assert named == ["Pawel"]
    assert render(_HOST.dialing, who="+1 646-555-2231") in heard[2].lines
