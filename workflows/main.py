"""Worker entrypoint: `python -m workflows.main console|dev|start`.

Settings and prompts are checked before the worker starts, so a missing setting or a broken
prompt file stops it with a message naming what to fix, never in the middle of a call.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
from functools import cache
from pathlib import Path

from livekit.agents import AgentSession, JobContext, JobProcess, cli, room_io

from agents.receptionist import Receptionist
from prompts.schema import PromptError
from workflows.call.env import load_env_file
from workflows.call.files import CallFileStore
from workflows.call.phone import redact, show_full_numbers
from workflows.call.redaction import redact_log_handlers
from workflows.call.settings import OFFLINE, WHISPER, Settings, SettingsError
from workflows.lifecycle.ending import settle_dials
from workflows.lifecycle.listening import Listeners
from workflows.lifecycle.questions import waiting
from workflows.lifecycle.room import adopt_present, attach_room, end_if_nobody_comes
from workflows.lifecycle.setup import bind_session, new_call
from workflows.lifecycle.state import CallState
from workflows.lifecycle.voicemail import amd_detector
from workflows.telephony.livekit import warm_api_client
from workflows.worker.capacity import worker_load, worker_options
from workflows.worker.pipeline import (
    build_audio_input,
    build_llm,
    build_stt,
    build_tts,
    build_turn_handling,
)
from workflows.worker.room_audio import keep_room_voice
from workflows.worker.server import Worker

log = logging.getLogger("workflows.main")
_MODE_ENV = "CONFERENCE_AGENT_MODE"  # passes the CLI mode to job processes
_SNAPSHOT_ENV = "CONFERENCE_AGENT_PROMPTS_SNAPSHOT"  # the last good prompts, for job processes
DIAL_SETTLE_MARGIN = 15  # seconds beyond the ringing window for a dial to come back
FILES_REFRESH = 5.0  # seconds between the worker process's own looks at the edited files
_background: set[asyncio.Task] = set()  # tasks of this process that nothing else holds
WORKER_FAILED = 1  # exit status of a worker that could not run (2: a bad setting or file)


@cache
def settings() -> Settings:
    """This process's settings, read once."""
    mode = os.environ.get(_MODE_ENV, "console")
    config = Settings.from_env(mode=mode)  # type: ignore[arg-type]
    show_full_numbers(config.log_phone_numbers)
    return config


@cache
def file_store() -> CallFileStore:
    """The files people edit (prompts, dial policy, directory), reloaded when they change."""
    config = settings()
    snapshot = os.environ.get(_SNAPSHOT_ENV)
    return CallFileStore(
        config.prompts_dir,
        config.dial_policy_file,
        config.directory_file,
        snapshot=Path(snapshot) if snapshot else None,
    )


def keep_files_fresh(sleep=asyncio.sleep) -> asyncio.Task:
    """On `worker_started`: the worker's own process looks at the edited files every
    FILES_REFRESH seconds (a stat per file), so a bad edit is reported within seconds, once,
    and a last good snapshot cleaned away (a /tmp cleaner) is written again from its memory
    before a new call's process needs it."""

    async def refresh() -> None:
        while True:
            await sleep(FILES_REFRESH)
            with contextlib.suppress(PromptError):  # never: it has held a good set since start
                file_store().load()

    task = asyncio.get_running_loop().create_task(refresh(), name="keep_files_fresh")
    _background.add(task)
    task.add_done_callback(_background.discard)
    return task


def prewarm(proc: JobProcess) -> None:
    file_store().load()  # parse while idle: a call then pays one stat per file
    warm_api_client()  # not in the first call's event loop
    if settings().offline_llm:  # its number reader and word list load here, not in a turn
        from workflows.rehearsal.nlu.words import warm  # (the package loads the number reader)

        warm()
    if settings().stt != OFFLINE:
        from livekit.plugins import silero

        proc.userdata["vad"] = silero.VAD.load()
    if settings().stt == WHISPER:  # the model, once per process, before the first call
        from workflows.speech.whisper import model

        model()


async def entrypoint(ctx: JobContext) -> None:
    config = settings()
    files = file_store().load()  # a stat per file; re-parsed only after an edit
    real_room = not ctx.is_fake_job()
    state = new_call(
        config,
        files,
        ctx.room.name,
        room=ctx.room if real_room else None,
        client=ctx.api if real_room and config.telephony == "livekit" else None,
    )
    recognizer = build_stt(config, files, participants=True)  # the others on the call
    session = AgentSession[CallState](
        userdata=state,
        llm=build_llm(config, files),
        # while a read-back waits, offline speech hears only answers to it (the others on the
        # call are heard by `recognizer`, whole)
        stt=build_stt(config, files, answering=lambda: waiting(state) is not None),
        tts=build_tts(config),
        vad=ctx.proc.userdata.get("vad"),
        turn_handling=build_turn_handling(config),  # never a cloud detector without the cloud
    )
    bind_session(state, session)
    if not real_room:
        state.caller.identity = "caller"  # the console user stands in for the phone caller
        from workflows.rehearsal.console import echo_speech_outside_runs  # console only

        echo_speech_outside_runs(session)
        session.on("close", lambda _: exit_console_after_call())
    else:
        attach_room(ctx.room, state)
        if recognizer is not None and config.heard_participants:  # everyone, not only the caller
            heard = Listeners(
                state, recognizer, ctx.proc.userdata.get("vad"), config.heard_participants
            )
            heard.attach(ctx.room)
            ctx.add_shutdown_callback(heard.aclose)
        if config.stt != OFFLINE and not config.offline_llm:  # AMD's classifier is an LLM
            state.detect_voicemail = amd_detector(session, ctx.room)
        # The session closes when the call ends (or the caller leaves): the agent's part is
        # over, so the job ends and the agent leaves the room, as `EndCallTool` does.
        session.on("close", lambda ev: ctx.shutdown(reason=f"session closed ({ev.reason})"))

    async def finish() -> None:  # the framework runs shutdown callbacks concurrently: one
        if state.wind_down is not None:  # an ending under way hangs up first
            await asyncio.wait([state.wind_down])  # however it ends (it logs its own errors)
        # A dial answered after the end is hung up before the job ends.
        await settle_dials(state, config.sip_ringing_timeout + DIAL_SETTLE_MARGIN)
        await state.telephony.aclose()

    ctx.add_shutdown_callback(finish)
    # Connect first: the Receptionist greets in on_enter, which runs as soon as the session
    # starts; before the room is connected that greeting would be lost (seen on a real server).
    await ctx.connect()
    if real_room:
        adopt_present(ctx.room, state)  # the SIP caller is usually there before us
        end_if_nobody_comes(ctx.room, state, session)  # an INVITE gone before its caller came
    await session.start(
        agent=Receptionist(files.prompts),
        room=ctx.room,
        room_options=room_io.RoomOptions(
            audio_input=build_audio_input(config),
            audio_output=config.tts != OFFLINE,  # text-only: say() must not need a TTS
        ),
        # No RemoteSession drives a phone call over the room; hosting one only logged ~8
        # "room session transport is closed" tracebacks at each call's end (the room goes
        # before the session's last events are sent).
        session_host=False,
    )
    if real_room:  # a speech cut before the caller's side listens must not mute the agent
        keep_room_voice(session.room_io)


def build_server(health_port: int | None = None, health_host: str | None = None) -> Worker:
    """The worker: prewarm, the log redaction, the one rtc_session under AGENT_NAME, and the
    health endpoint on `health_host`:`health_port` (the framework's defaults when None)."""
    address = {"port": health_port, "host": health_host}
    worker = Worker(setup_fnc=prewarm, **{k: v for k, v in address.items() if v is not None})
    # The CLI installs its log handler (JSON for `start`) just before the worker starts; from
    # then on every record, job processes' included, passes the number redaction on its way.
    worker.on("worker_started", redact_log_handlers)
    worker.rtc_session(agent_name=os.environ.get("AGENT_NAME") or Settings.agent_name)(entrypoint)
    return worker


server = build_server()  # with the default port; `main` builds the one it runs from settings


def exit_console_after_call() -> None:
    """In the console a call is the whole session: when it ends, leave like Ctrl+C does."""
    main = threading.main_thread().ident

    def leave() -> None:  # after the console has printed the last turn
        print("\n  Call ended.\n", flush=True)
        # The main thread is blocked reading a key: only a signal aimed at it interrupts it.
        signal.pthread_kill(main, signal.SIGINT)

    asyncio.get_running_loop().call_later(0.5, leave)


def _private_snapshot() -> Path:
    """Where the worker's processes share the last good prompts: a new folder only this user
    can enter (mode 0700, unpredictable name, so nothing can be planted there), removed when
    the worker exits."""
    try:
        folder = tempfile.mkdtemp(prefix="conference-agent-")
    except OSError as e:
        raise PromptError(
            f"{tempfile.gettempdir()}: cannot create a private folder for the last good "
            f"prompts ({e.strerror}); set TMPDIR to a writable folder"
        ) from None
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return Path(folder) / "last-good-prompts.json"


def _preflight(argv: list[str]) -> list[str]:
    """Check settings and prompts for the chosen command; exit with a clear message if bad."""
    mode = argv[1] if len(argv) > 1 else ""
    if mode not in ("console", "dev", "start"):
        return argv
    os.environ[_MODE_ENV] = mode
    try:
        os.environ[_SNAPSHOT_ENV] = str(_private_snapshot())  # never one inherited or guessed
        config = settings()
        config.check_call_log_dir()
        file_store().load()
    except (SettingsError, PromptError) as e:
        print(f"cannot start: {redact(str(e))}", file=sys.stderr)  # a contact's number too
        sys.exit(2)
    print(config.banner(), file=sys.stderr)
    if mode == "console":
        os.environ.setdefault("LIVEKIT_LOG_LEVEL", "INFO")  # a readable rehearsal; DEBUG on ask
    if mode == "console" and config.tts == OFFLINE and "--text" not in argv:
        print("  no speech models configured: starting the console in text mode", file=sys.stderr)
        argv = [*argv, "--text"]
    return argv


def main() -> None:
    try:
        load_env_file()  # ./.env or ENV_FILE, before anything reads the environment
    except SettingsError as e:
        print(f"cannot start: {e}", file=sys.stderr)
        sys.exit(2)
    sys.argv = _preflight(sys.argv)
    if sys.argv[1:2] == ["console"] and "--text" in sys.argv:  # a typed call: our own console
        from workflows.rehearsal.console import run_text_console  # rehearsal: chosen here only

        sys.exit(run_text_console(settings(), file_store().load(), verbose="--verbose" in sys.argv))
    if len(sys.argv) > 1 and sys.argv[1] in ("console", "dev", "start"):
        # A job's shutdown waits for its dials still ringing (see `finish` in `entrypoint`).
        timeout = settings().sip_ringing_timeout + DIAL_SETTLE_MARGIN + 10
        options = worker_options(settings(), shutdown_process_timeout=timeout)
        # update_options has no port or host (1.8.9): they go to the constructor
        worker = build_server(options.pop("port", None), options.pop("host", None))
        worker.update_options(**options)
        worker.on("worker_started", keep_files_fresh)
        if (load := worker_load(settings())) is not None:
            worker.load_fnc = load
        run_worker(worker)
    else:
        cli.run_app(build_server())  # the framework's own commands, with .env's AGENT_NAME


def run_worker(worker: Worker) -> None:
    """The framework's CLI on `worker`, exiting non-zero when the worker failed (LiveKit
    unreachable, the health port taken): the CLI logs that and would exit 0."""
    try:
        cli.run_app(worker)
    except SystemExit as done:
        code = done.code
    else:
        code = 0
    if worker.stopped_by is not None:
        print(f"worker stopped: {worker.stopped_by}", file=sys.stderr)
        code = WORKER_FAILED
    sys.exit(code)


if __name__ == "__main__":
    main()
