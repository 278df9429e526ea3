"""The one typed object a call carries across handoffs: `AgentSession[CallState]` userdata.

It holds the call's data (settings, the files people edit, the caller, every dialled leg) and
the services acting on it (the telephony backend, the durable log, the session once bound).
Everything that changes it lives in this package: `events` (a leg's status, announcements),
`ending` (the call ending), `dialing`, `watchdog`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field

from livekit.agents import AgentSession

from prompts.loader import Prompts
from workflows.call.confirmation import ReadBack
from workflows.call.dial_policy import DialPolicy
from workflows.call.directory import Directory
from workflows.call.legs import Caller, Leg, Outcome, Transfer
from workflows.call.log import CallLog
from workflows.call.settings import Settings
from workflows.telephony.guarded import GuardedTelephony
from workflows.telephony.protocol import AnsweredBy

# Listens to a leg from the moment it is dialled; awaiting what it yields gives the verdict on
# who answered (`workflows/lifecycle/voicemail.py`). None: every answer counts as a person.
VoicemailDetector = Callable[
    [str], AbstractAsyncContextManager[Callable[[], Awaitable[AnsweredBy]]]
]


@dataclass
class Keypad:
    """The caller's keys (`workflows/lifecycle/keypad.py` changes it)."""

    keys: str = ""  # digits keyed since the last pound or star
    keyed: str = ""  # the number last keyed, until a read-back of it offers the keys
    offered: tuple[str, str] | None = None  # (target, text) of the read-back offering keys


@dataclass
class CallState:
    """Everything one call needs across the Receptionist -> ConferenceHost handoff."""

    room_name: str
    settings: Settings
    prompts: Prompts  # the agents' words, as loaded when the call started
    policy: DialPolicy  # who may be dialled (workflows/call/dial_policy.yaml)
    directory: Directory  # people reachable by name (workflows/call/directory.yaml)
    # Dial-out and room control (LiveKit or simulated), bounded in time and refusing anything
    # billable once the call is ending (`workflows/telephony/guarded.py`).
    telephony: GuardedTelephony
    caller: Caller = field(default_factory=Caller)
    legs: dict[str, Leg] = field(default_factory=dict)  # by participant identity
    started_at: float = field(default_factory=time.time)
    ending: bool = False  # the call has begun to end (`ending.end_call_once` sets it, once)
    room_deleted: bool = False  # the end of the call deleted the room (a late leg re-creates it)
    read_back: ReadBack | None = None  # said to the caller, waiting for their yes
    transfers: list[Transfer] = field(default_factory=list)  # transfers of the caller tried
    keypad: Keypad = field(default_factory=Keypad)  # numbers keyed on the caller's phone
    # The caller's side hears the agent: cleared while an inbound SIP caller's call still rings
    # (`room.py`), set once the bridge has answered it; the greeting waits for it.
    caller_hears: asyncio.Event = field(default_factory=lambda: _set(asyncio.Event()))
    clock: Callable[[], float] = time.time  # injectable, for the confirmation window and timers
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep  # the timers' waits, with `clock`
    last_heard: float = field(default_factory=time.time)  # the caller's last words (idle timer)
    # When the caller's turns began, on `clock`: the one in progress (voice: start of speech;
    # console: Enter pressed), and each one heard, by its history item. A yes counts only if
    # it began after the read-back ended (`recording.py` sets them, `tools/read_back.py` reads).
    speaking_since: float | None = None
    turn_began: dict[str, float] = field(default_factory=dict, repr=False)
    log: CallLog = field(default_factory=lambda: CallLog(None, ""))  # durable event log
    detect_voicemail: VoicemailDetector | None = None  # set when speech and a real model are on
    # Set by `events` and the tools that change legs; read by announcements and tests.
    session: AgentSession | None = field(default=None, repr=False)  # bound once it exists
    announcements: list[str] = field(default_factory=list)  # everything told to the caller
    dial_tasks: set[asyncio.Task] = field(default_factory=set, repr=False)
    wind_down: asyncio.Task | None = field(default=None, repr=False)  # the ending, once begun
    # Legs a tool is hanging up and announces itself (removed, voicemail).
    hanging_up: dict[str, Outcome] = field(default_factory=dict, repr=False)
    # Legs whose dial says "joined" itself, after the voicemail verdict: the room's own "active"
    # never announces them (a machine is never said to have joined, nor anyone twice).
    screening: set[str] = field(default_factory=set, repr=False)
    # Each dial's end: True once a person answered (after the verdict), False otherwise
    # (`dialing.answered` waits on it, e.g. a warm transfer before it introduces the caller).
    settled: dict[str, asyncio.Future[bool]] = field(default_factory=dict, repr=False)
    # Participants' turns (`hearing.py`): the leg that said each history item that is not the
    # caller's, the leg each reply speech answers (tools act for that person), and the leg
    # the host's last words put a question to (its answer is addressed to the host).
    spoken_by: dict[str, str] = field(default_factory=dict, repr=False)
    replying_to: dict[str, str] = field(default_factory=dict, repr=False)
    asked: str | None = None

    def live_legs(self) -> list[Leg]:
        return [leg for leg in self.legs.values() if leg.live]

    def find_leg(self, identity: str) -> Leg | None:
        return self.legs.get(identity)


def _set(event: asyncio.Event) -> asyncio.Event:
    event.set()
    return event
