"""Names said loosely find the right contact: aliases after "the"/"my", names before teams,
"someone from sales", misspellings (rapidfuzz), names mentioned in passing, and the caller's
pick among several ("the desk, not Dana").

The directory here is written by the test, not the shipped one, so editing
`workflows/call/directory.yaml` never breaks these rows.
"""

from __future__ import annotations

import pytest

from workflows.call.directory import Directory
from workflows.rehearsal.whom import choose

DIRECTORY = Directory.model_validate(
    {
        "contacts": [
            {"name": "Dana Scully", "team": "Sales", "number": "+14155550142"},
            {"name": "Dana White", "team": "Support", "number": "+14155550143"},
            {
                "name": "Fox Mulder",
                "team": "Support",
                "aliases": ["Mulder"],
                "number": "+14155550144",
            },
            {
                "name": "Sales desk",
                "team": "Sales",
                "aliases": ["sales", "sales team"],
                "number": "+14155550150",
            },
            {
                "name": "Monica Reyes",
                "team": "Management",
                "aliases": ["the boss"],
                "number": "+14155550170",
            },
            {"name": "Chidi Okafor", "number": "+14155550171"},
        ]
    }
)

FIND = [
    ("Dana Scully", ["Dana Scully"]),
    ("the boss", ["Monica Reyes"]),  # an alias said as it is written
    ("my boss", ["Monica Reyes"]),  # ... or after another leading word
    ("boss", ["Monica Reyes"]),
    ("the sales desk", ["Sales desk"]),  # a name said with "the"
    ("the sales line", ["Sales desk"]),  # name words beat a team word: not Dana Scully too
    ("Dana", ["Dana Scully", "Dana White"]),  # ambiguous: the caller is asked which
    ("Dana from sales", ["Dana Scully"]),  # a name and a team
    ("Dana in support", ["Dana White"]),
    ("someone from sales", ["Dana Scully", "Sales desk"]),  # anyone on the team
    ("Dana Skully", ["Dana Scully"]),  # said loosely
    ("Muldar", ["Fox Mulder"]),
    ("chidi okafor", ["Chidi Okafor"]),
    ("Okafor", ["Chidi Okafor"]),
    ("Dan", []),  # short words must be exact
    ("Walter Skinner", []),
    ("", []),
]


@pytest.mark.parametrize(("said", "names"), FIND, ids=[s or "<empty>" for s, _ in FIND])
def test_find(said, names):
    assert [c.name for c in DIRECTORY.find(said)] == names


MENTIONED = [
    ("and also get Mulder", "Mulder"),
    ("let's have Fox Mulder as well", "Fox Mulder"),
    ("Dana from sales please", "Dana from sales"),
    ("um, Dana Scully", "Dana Scully"),
    ("can you call my boss", "boss"),
    ("Chidi too please", "Chidi"),
    ("write me a poem", None),  # close to "White", but a mention must be said exactly
    ("what's the weather like?", None),
    ("tell me a joke", None),
]


@pytest.mark.parametrize(("text", "named"), MENTIONED, ids=[t for t, _ in MENTIONED])
def test_mentioned(text, named):
    assert DIRECTORY.mentioned(text) == named


CHOICES = [
    ("the desk, not Dana", "Sales desk"),
    ("not Dana, the sales desk", "Sales desk"),
    ("not Scully, the desk", "Sales desk"),
    ("the desk please", "Sales desk"),
    ("Dana please", "Dana Scully"),
    ("no, the person", None),  # nothing tells them apart
]


@pytest.mark.parametrize(("said", "name"), CHOICES, ids=[s for s, _ in CHOICES])
def test_the_callers_pick_between_dana_scully_and_the_sales_desk(said, name):
    offered = DIRECTORY.find("someone from sales")
    chosen = choose(offered, said)
    assert (chosen.name if chosen else None) == name


def test_the_pick_between_two_danas_by_team():
    danas = DIRECTORY.find("Dana")
    assert choose(danas, "the one in support").name == "Dana White"
    assert choose(danas, "Dana, not the one in support").name == "Dana Scully"
    assert choose(danas, "yes") is None


# A name with letters outside ASCII is read whole: "Ní" is a word of its own, never "N".
ACCENTED = Directory.model_validate(
    {"contacts": [{"name": "Siobhán Ní Bhriain", "number": "+14155550173"}]}
)


@pytest.mark.parametrize(
    "line", ["Sandra Oyelaran. That's O-Y-E-L-A-R-A-N.", "it's N as in Nancy", "press N"]
)
def test_a_spelled_letter_names_no_contact_whose_name_has_accents(line):
    assert ACCENTED.named_in(line) == []


@pytest.mark.parametrize("line", ["add Siobhán Ní Bhriain", "get Siobhán on the call"])
def test_a_name_with_accents_is_found_as_said(line):
    assert ACCENTED.named_in(line) and ACCENTED.find(ACCENTED.named_in(line)[0])[0].name == (
        "Siobhán Ní Bhriain"
    )
