"""The rehearsal model, fifty-fifth round b (issue 22): warm transfers and introductions
(testers 53, 54 and 55). "intro me first" to a transfer's read-back asks for the introduction
(never a no, though "its about my invoice being wrong" says "wrong"), and the reason said beside
it is introduced whole; the introduction's own words ("say it more simple, 'his badge is not
working'") replace the reason with the read-back kept, and a need not told in a clean clause is
said in the support wording; a reference's number ("invoice number 4471") goes into the
introduction, never read as a phone number; "Mulder, please drop off when you're ready, and
then put me through to Dana White" removes Mulder, then reads the warm transfer back.
One rule a test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.introduction import about_from, introduced_reason

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_KEV = ("transfer me to mulder", "kev")
_WARM_MULDER = ("look_up_contact", {"name": "mulder", "purpose": "warm_transfer"})


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


def _dropped(heard, who: str = "Fox Mulder") -> bool:
    head = render(_OFFLINE.dropped_transfer, who=who).split(" from ")[0]
    return any(line.startswith(head.rstrip(".")) for line in heard.lines)


# ----------------------------------------------- 1. "intro me first. its about ...": warm
@pytest.mark.parametrize(
    ("line", "about"),
    [
        ("ya do that, intro me first. its about my invoice being wrong", "invoice being wrong"),
        ("ok but intro me to him first, it's about my refund being late", "refund being late"),
        ("sure, do a quick intro first. it's regarding the contract renewal", "contract renewal"),
        ("yeah give him an intro before, this is about my order being lost", "order being lost"),
    ],
)
async def test_an_intro_asked_to_a_cold_read_back_is_warm_with_its_reason(line, about):
    heard = await play_lines("receptionist", *_KEV, line, "yes")
    assert not _dropped(heard[-2])
    assert heard[-2].calls[-1] == _WARM_MULDER
    assert heard[-1].calls[0][0] == "warm_transfer"
    assert about in heard[-1].calls[0][1]["about"]


@pytest.mark.parametrize("line", ["no intro needed", "skip the intro", "without an intro please"])
async def test_no_intro_stays_cold(line):
    heard = await play_lines("receptionist", *_KEV, line)
    assert _WARM_MULDER not in heard[-1].calls


# ----------------------------------------------- 2. the introduction's own words
_JOAQUIN = (
    "my name is Joaquin",
    "I have problem, my badge not open the door since monday",
    "ok, Dana White please, but you explain her my problem first",
)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("also can you say it more simple, 'his badge is not working'", "their badge not working"),
        ('please just say "badge not working" instead', "badge not working"),
        ("can you just tell her: my badge is broken", "their badge being broken"),
    ],
)
async def test_the_introductions_own_words_replace_the_reason(line, words):
    assert about_from(line) == words
    heard = await play_lines("receptionist", *_JOAQUIN, line, "yes")
    assert not _dropped(heard[-2], "Dana White")
    assert heard[-2].calls[-1][1]["purpose"] == "warm_transfer"  # the read-back kept
    assert heard[-1].calls[0] == ("warm_transfer", {"about": words})


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        (
            "I have problem, my badge not open the door since monday",
            "support with their badge not opening",
        ),
        ("my printer not print anything", "support with their printer"),
        ("we have issue, the wifi", "support"),
    ],
)
def test_a_need_not_told_cleanly_is_said_in_the_support_wording(reason, said):
    assert introduced_reason(reason) == said


def test_a_clean_need_is_still_said_as_told():
    assert introduced_reason("a billing dispute on our account") == (
        "a billing dispute on their account"
    )


# ----------------------------------------------- 3. "invoice number 4471": no phone number
_KEIKO = (
    "hi there, my name's Keiko Tanaka and I was double charged on my invoice this month",
    "actually could you put me through to Fox Mulder, and tell him what it's about first",
)


@pytest.mark.parametrize(
    ("line", "ref"),
    [
        ("can you mention it's invoice number 4471 too", "invoice number 4471"),
        ("please say it's order #88213 as well", "order #88213"),
        ("and tell him it's account number 20 44 19 too", "account number 20 44 19"),
        ("also mention it's ticket 5521", "ticket 5521"),
    ],
)
async def test_a_reference_number_goes_into_the_introduction(line, ref):
    heard = await play_lines("receptionist", *_KEIKO, line, "yes")
    assert _OFFLINE.not_a_number not in heard[-2].lines
    assert heard[-2].calls[-1][1]["purpose"] == "warm_transfer"  # the read-back kept
    about = heard[-1].calls[0][1]["about"]
    assert heard[-1].calls[0][0] == "warm_transfer"
    assert ref in about and "double charged" in about


# ----------------------------------------------- 4. "Mulder, please drop off ..., and then ..."
_CHAIR = ("add Fox Mulder", "yes")


@pytest.mark.parametrize(
    ("line", "purpose"),
    [
        (
            "Mulder, please drop off when you're ready, and then put me through to Dana White,"
            " but introduce me first.",
            "warm_transfer",
        ),
        ("Fox, you can hop off now, and then transfer me to Dana White", "transfer"),
        (
            "Mulder, please leave the call whenever you're ready, then connect me to Dana White,"
            " introduce me first",
            "warm_transfer",
        ),
    ],
)
async def test_told_to_drop_off_then_a_transfer_removes_then_reads_back(line, purpose):
    heard = await play_lines("host", *_CHAIR, line)
    assert heard[-1].calls == [
        ("remove_participant", {"who": "Fox Mulder"}),
        ("look_up_contact", {"name": "Dana White", "purpose": purpose}),
    ]


async def test_dropping_off_whenever_alone_is_still_said_to_them():
    heard = await play_lines("host", *_CHAIR, "Mulder, you can drop off whenever you're ready")
    assert "remove_participant" not in _names(heard[-1])
