"""The caller lines the speech benchmark says (`python -m tests.speech_bench`), by kind.

Each line is written as a caller would say it; espeak-ng speaks it. What it should be heard
as is the line's words (`workflows.speech.grammar.normalise`), and what the product should
read in it is what the offline dialog model reads in the written line.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflows.rehearsal.nlu import understand

KINDS = ("names", "directory", "digits", "grouped", "short", "commands")


@dataclass(frozen=True)
class Line:
    kind: str
    text: str

    @property
    def number(self) -> str | None:
        """The phone number in the line, as the offline model reads the written line."""
        return understand(self.text).phone_number


def _lines(kind: str, *texts: str) -> list[Line]:
    return [Line(kind, t) for t in texts]


LINES: tuple[Line, ...] = (
    *_lines(
        "names",
        "Hi, I'm Ada.",
        "This is Sam.",
        "Hello, my name is Grace. I would like to set up a conference call.",
        "Hi, this is Ana Silva. I need a conference call please.",
        "My name is Peter.",
        "Good morning, this is Rachel.",
    ),
    *_lines(
        "directory",
        "Add Dana Scully.",
        "Call the sales desk.",
        "Add Fox Mulder.",
        "Bring in Monica Reyes.",
        "Call support.",
        "Get the front desk.",
        "Call Mulder.",
        "Add Dana White.",
    ),
    *_lines(
        "digits",
        "Please add four one five, five five five, zero one nine nine.",
        "Add four one five five five five zero one zero zero.",
        "Dial plus one four one five five five five zero one four two.",
        "Call six four six five five five zero one one two.",
        "Add two one two five five five zero one three four.",
        "Add three one two five five five zero one six two.",
        "Call seven one eight five five five zero one seven seven.",
        "Add nine one seven five five five zero one eight eight.",
    ),
    *_lines(
        "grouped",
        "Add four fifteen, five five five, oh one nine nine.",
        "Call four one five, double five five, oh one four two.",
        "Add six four six, five five five, oh one twelve.",
        "Add four fifteen, five fifty five, zero one nine nine.",
        "Call two one two, triple five, oh one three four.",
        "Add plus forty four, twenty, seven nine four six, oh oh one eight.",
        "Add plus four nine, thirty, one two three four five six.",
        "Dial two one two, five five five, oh one hundred.",
    ),
    *_lines(
        "short",
        "Yes.",
        "Yes please.",
        "No.",
        "Yep.",
        "That's right.",
        "Cancel.",
        "Yeah.",
        "Correct.",
        "No thanks.",
        "Okay.",
    ),
    *_lines(
        "commands",
        "Who is on the call?",
        "Remove Dana.",
        "Mute Fox Mulder.",
        "Unmute everyone.",
        "Transfer me to support.",
        "I'd like a conference call.",
        "Hang up.",
        "Goodbye.",
    ),
)
DIRECTORY_NAMES = ("scully", "sales", "mulder", "reyes", "support", "front", "white")
