"""Build one call's state and its telephony backend from the settings."""

from __future__ import annotations

from collections.abc import Callable

from livekit import rtc
from livekit.agents import AgentSession

from prompts.loader import Prompts
from tools.telephony import StatusSink, Telephony
from tools.telephony_bounded import REQUEST_TIMEOUT, BoundedTelephony
from tools.telephony_livekit import LiveKitTelephony
from tools.telephony_simulated import SimulatedTelephony
from workflows.call_events import CallEvents
from workflows.call_log import CallLog, record_session
from workflows.call_state import CallState
from workflows.settings import Settings
from workflows.watchdog import start_watchdog


def build_telephony(
    settings: Settings, room_name: str, sink: StatusSink, room: rtc.Room | None = None
) -> Telephony:
    """The backend `TELEPHONY` names; `room` is the agent's connected room (for DTMF)."""
    if settings.telephony == "simulated":
        return SimulatedTelephony(
            status_sink=sink,
            ring_delay=settings.sim_ring_delay,
            answer_delay=settings.sim_answer_delay,
        )
    assert settings.livekit_url and settings.livekit_api_key and settings.livekit_api_secret
    assert settings.sip_trunk_id  # Settings.check() guarantees these at start-up
    return LiveKitTelephony(
        url=settings.livekit_url,
        api_key=settings.livekit_api_key,
        api_secret=settings.livekit_api_secret,
        room_name=room_name,
        trunk_id=settings.sip_trunk_id,
        ringing_timeout=settings.sip_ringing_timeout,
        max_call_duration=settings.sip_max_call_duration,
        room=room,
    )


def new_call(
    settings: Settings,
    prompts: Prompts,
    room_name: str,
    make_telephony: Callable[[StatusSink], Telephony] | None = None,
    room: rtc.Room | None = None,
) -> CallState:
    """A fresh CallState whose telephony reports status changes into its own CallEvents."""
    state: CallState

    def sink(identity: str, status, detail: str | None = None) -> None:
        state.events.on_status(identity, status, detail)

    telephony = (
        make_telephony(sink) if make_telephony else build_telephony(settings, room_name, sink, room)
    )
    if not isinstance(telephony, BoundedTelephony):  # every backend call returns in time
        ring = settings.sip_ringing_timeout + 2 + REQUEST_TIMEOUT
        telephony = BoundedTelephony(telephony, ring_timeout=ring)
    state = CallState(
        room_name=room_name,
        settings=settings,
        prompts=prompts,
        telephony=telephony,
        log=CallLog(settings.call_log_dir, room_name),
    )
    state.events = CallEvents(state)
    state.log.write(
        "call_start",
        room=room_name,
        llm=settings.llm,
        telephony=settings.telephony,
        agent_name=settings.agent_name,
    )
    return state


def bind_session(state: CallState, session: AgentSession, watchdog_tick: float = 0.25) -> None:
    """Connect a call's state to its session: announcements, the durable call log, and the
    duration and idle limits."""
    state.events.bind(session)
    record_session(session, state)
    start_watchdog(state, session, watchdog_tick)
