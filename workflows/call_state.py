"""The one typed state object a call carries across handoffs (`AgentSession[CallState]`)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from tools.confirmation import ReadBack
from tools.phone import mask
from workflows.call_log import CallLog

if TYPE_CHECKING:
    from prompts.loader import Prompts
    from tools.telephony import AnsweredBy, Telephony
    from workflows.call_events import CallEvents
    from workflows.settings import Settings

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
    spoken: str  # how the callee is named to the caller: a directory name or the number
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
    """A cold transfer of the caller (it counts toward the dial policy's limits)."""

    target: str  # "tel:+1..." or "sip:..."; personal data
    at: float  # when it was attempted
    failed_at: float | None = None  # when it failed, if it did


@dataclass
class CallState:
    """Everything one call needs across the Receptionist -> ConferenceHost handoff."""

    room_name: str
    settings: Settings
    prompts: Prompts  # snapshot taken when the call started; edits apply to the next call
    telephony: Telephony  # dial-out backend: LiveKit or simulated
    caller: Caller = field(default_factory=Caller)
    legs: dict[str, Leg] = field(default_factory=dict)  # by participant identity
    started_at: float = field(default_factory=time.time)
    ending: bool = False  # end_call has begun; the room is deleted once
    room_deleted: bool = False  # the end of the call deleted the room (a late leg re-creates it)
    read_back: ReadBack | None = None  # said to the caller, waiting for their yes
    transfers: list[Transfer] = field(default_factory=list)  # cold transfers attempted
    clock: Callable[[], float] = time.time  # injectable, for the confirmation window and timers
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep  # the timers' waits, with `clock`
    last_heard: float = field(default_factory=time.time)  # the caller's last words (idle timer)
    log: CallLog = field(default_factory=lambda: CallLog(None, ""))  # durable event log
    dial_tasks: set[asyncio.Task] = field(default_factory=set, repr=False)
    # Status changes -> state, log, caller; set by `workflows/call.py` new_call, which builds
    # it around this state (the lifecycle layer sits above the state it changes).
    events: CallEvents = field(init=False, repr=False)
    # Set when speech is on: classifies who answered a dialled leg (workflows/voicemail.py).
    detect_voicemail: Callable[[str], Awaitable[AnsweredBy]] | None = None

    def live_legs(self) -> list[Leg]:
        return [leg for leg in self.legs.values() if leg.live]

    def find_leg(self, identity: str) -> Leg | None:
        return self.legs.get(identity)
