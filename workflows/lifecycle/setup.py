"""Start a call: its state and telephony backend from the settings, then bind its session."""

from __future__ import annotations

from collections.abc import Callable

from livekit import api, rtc
from livekit.agents import AgentSession

from workflows.call.files import CallFiles
from workflows.call.log import CallLog
from workflows.call.settings import Settings
from workflows.lifecycle import events, hearing
from workflows.lifecycle.recording import record_session
from workflows.lifecycle.state import CallState
from workflows.lifecycle.watchdog import start_watchdog
from workflows.telephony.bounded import REQUEST_TIMEOUT, BoundedTelephony
from workflows.telephony.guarded import GuardedTelephony
from workflows.telephony.livekit import LiveKitTelephony
from workflows.telephony.protocol import StatusSink, Telephony
from workflows.telephony.simulated import SimulatedTelephony


def build_telephony(
    settings: Settings,
    room_name: str,
    sink: StatusSink,
    room: rtc.Room | None = None,
    client: api.LiveKitAPI | None = None,
) -> Telephony:
    """The backend `TELEPHONY` names. `room` is the agent's connected room (for DTMF);
    `client` the job's API client (`ctx.api`), else the backend opens its own."""
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
        client=client,
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
    files: CallFiles,
    room_name: str,
    make_telephony: Callable[[StatusSink], Telephony] | None = None,
    room: rtc.Room | None = None,
    client: api.LiveKitAPI | None = None,
) -> CallState:
    """A fresh CallState whose telephony reports status changes into it, returns in time and
    refuses anything billable once the call is ending."""
    state: CallState

    def sink(identity: str, status, detail: str | None = None) -> None:
        events.on_status(state, identity, status, detail)

    def refused(action: str) -> None:
        state.log.write("policy_refusal", rule="call_ending", action=action)

    if make_telephony is not None:
        telephony = make_telephony(sink)
    else:
        telephony = build_telephony(settings, room_name, sink, room, client)
    if not isinstance(telephony, BoundedTelephony):  # every backend call returns in time
        ring = settings.sip_ringing_timeout + 2 + REQUEST_TIMEOUT
        telephony = BoundedTelephony(telephony, ring_timeout=ring)
    guarded = GuardedTelephony(telephony, ending=lambda: state.ending, on_refused=refused)
    state = CallState(
        room_name=room_name,
        settings=settings,
        prompts=files.prompts,
        policy=files.policy,
        directory=files.directory,
        telephony=guarded,
        log=CallLog(settings.call_log_dir, room_name),
    )
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
    state.session = session
    record_session(session, state)
    hearing.follow(session, state)
    start_watchdog(state, session, watchdog_tick)
