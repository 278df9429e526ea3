"""The people on a call: the caller, each leg the host dialled, and transfers of the caller.

Pure data: a leg's status changes only through `workflows.lifecycle.events.on_status`, which
calls `Leg.set_status` (the one writer of a leg's status and outcome).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Literal

from workflows.call.phone import mask

# A dialled leg's `sip.callStatus`, as LiveKit reports it.
CallStatus = Literal["dialing", "ringing", "automation", "active", "hangup"]
CALL_STATUSES: tuple[CallStatus, ...] = ("dialing", "ringing", "automation", "active", "hangup")

# How a dialled leg ended, or "joined" while it is up. Each has a phrase in conference_host.yaml.
Outcome = Literal[
    "joined",
    "busy",
    "no_answer",
    "declined",
    "unknown_number",
    "hung_up",
    "removed",
    "failed",
    "config_error",
    "voicemail",
    "transferred",
]


# A name the caller gives a person on the call: words of letters (apostrophes, hyphens and
# dots inside them), e.g. "Priya", "Mary-Kate O'Brien", "Dr. Ng"; never digits.
MAX_PERSON_NAME = 40
MAX_PERSON_NAME_WORDS = 4
_PERSON_NAME_RE = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?")


def person_name(said: str) -> str | None:
    """The name `said` gives a person, tidied ("  priya ." -> "Priya"); None when it is no
    name: empty, longer than MAX_PERSON_NAME characters or MAX_PERSON_NAME_WORDS words, or
    with a digit or any sign but an apostrophe, hyphen or dot inside a word."""
    name = " ".join(said.split()).strip(" ,!?")
    words = name.split(" ")
    if not name or len(name) > MAX_PERSON_NAME or len(words) > MAX_PERSON_NAME_WORDS:
        return None
    if not all(_PERSON_NAME_RE.fullmatch(word) for word in words):
        return None
    return " ".join(word[:1].upper() + word[1:] for word in words)


# "everyone except Dana", "all of them but the one ending 0100": everyone but the one named.
# One pattern for the tools (the model's `who`) and the offline model (the caller's words).
_EVERYONE_BUT_RE = re.compile(
    r"^(?:every(?:one|body)|all|(?:th|')?em all)(?: else| of (?:them|'?em))?"
    r"\s+(?:except(?: for)?|but|bar|apart from|other than|besides)\s+(.+)$",
    re.IGNORECASE,
)


def everyone_but(said: str) -> str | None:
    """Whom "everyone except <whom>" leaves out (as said), or None when `said` is not that."""
    m = _EVERYONE_BUT_RE.match(" ".join(said.split()).strip(" .!?"))
    return m.group(1) if m else None


@dataclass
class StatusChange:
    status: CallStatus
    at: float  # time.time()
    detail: str | None = None  # e.g. the disconnect reason or SIP status


@dataclass
class Leg:
    """A SIP participant the host dialled into the call."""

    identity: str  # unique per dial, so a redial never collides with an old leg
    phone_number: str  # E.164; personal data, log `masked` instead
    name: str  # how the callee is named to the caller: a directory name, the number, or the
    # name the caller gave them (`name_participant`, checked by `person_name`)
    status: CallStatus = "dialing"
    history: list[StatusChange] = field(default_factory=list)
    outcome: Outcome | None = None  # set when the callee joins or the leg ends
    failure: str | None = None  # why a dial failed, e.g. "SIP 486 Busy Here"
    answered: bool = False  # became active at least once
    sip: dict[str, str] = field(default_factory=dict)  # latest sip.* attributes (callID, ...)

    def __post_init__(self) -> None:
        if not self.history:
            self.history.append(StatusChange(self.status, time.time()))

    @property
    def masked(self) -> str:
        return mask(self.phone_number)

    @property
    def live(self) -> bool:
        return self.status != "hangup"

    @property
    def failed_at(self) -> float | None:
        """When the leg ended without the callee joining (for the dial policy's cool-down)."""
        return self.history[-1].at if self.outcome not in (None, "joined") else None

    def set_status(self, status: CallStatus, detail: str | None = None) -> bool:
        """Record a status change; return False if it is a repeat or the leg already ended."""
        if status == self.status or not self.live:
            return False
        self.status = status
        self.history.append(StatusChange(status, time.time(), detail))
        if status == "active":
            self.answered = True
            self.outcome = "joined"
        return True


@dataclass
class Caller:
    """The person who phoned in."""

    identity: str | None = None  # their participant identity in the room
    name: str | None = None  # learned by the receptionist
    phone_number: str | None = None  # from `sip.phoneNumber`, when the trunk shares it
    reason: str | None = None  # why they called, in their words


@dataclass
class Transfer:
    """A cold or private warm transfer of the caller (it counts toward the dial limits)."""

    target: str  # "tel:+1..." or "sip:..."; personal data
    at: float  # when it was attempted
    failed_at: float | None = None  # when it failed, if it did
