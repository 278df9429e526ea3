"""What one caller utterance says: the `Reading` and the `Action` requests it can name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Action = Literal[
    "conference",
    "add",
    "redial",
    "list",
    "status",
    "remove",
    "mute",
    "unmute",
    "transfer",
    "warm_transfer",
    "dtmf",
    "help",
]


@dataclass(frozen=True)
class Reading:
    """What one caller utterance says; a field keeps its default when the caller did not say it."""

    text: str
    greeting: bool = False
    name: str | None = None
    reason: str | None = None
    action: Action | None = None
    phone_number: str | None = None
    extension: str | None = None
    numbers: tuple[str, ...] = ()  # every number said, in order, " ext 204" appended if any
    target: str | None = None
    digits: str | None = None
    confirm: bool | None = None
    goodbye: bool = False
    ends_call: bool = False  # "end the call", "hang up", "we're done": outranks any request
    cancel: bool = False  # "cancel that", "don't ring her", "stop calling Dana"
    cancel_who: str | None = None  # whom a cancel names ("Dana"); None for "that", "her"
    too_long: bool = False  # longer than the NLU reads: nothing else was read
    asks_if_there: bool = False  # "are you still there with me?": the agent is, and says so
    asks_about_transfer: bool = False  # "will I lose you if you transfer me?": not a request
    transfer_asked: str | None = None  # "is this a cold transfer?": "kind"; "others"
    asks_about: str | None = None  # "is Dana still with us?": about that person only
    wants_support: bool = False  # "I need tech support": help, not a conference
    asks_purpose: str | None = None  # "you're transferring me, right?": "transfer" or "add"
    said_to: str | None = None  # "Amir, ..., you can hang up now": to Amir, who may go
    keys_in: bool = False  # "I'll type it in then": the caller will key a number
