"""The text console (`make run`): a rehearsal call typed in a terminal, shown like a phone call.

The person sees the conversation - the agent's lines, their own, handoffs and dial news - and
one short line per tool that ran. Logs go to a file whose path is printed at the start
(`--verbose` also shows them in the terminal; `LOG_LEVEL=DEBUG` puts everything in the file).

Why not the framework's `console --text`: it prints each tool result and then the agent says it
again, adds `llm_ttft` metric lines, interleaves timestamped log lines and a deprecation banner,
flushes keys typed while the agent is "speaking" (its prompt reads raw keys), and with piped
output Ctrl+C leaves its job thread running. Here lines are read by the terminal itself
(nothing typed is lost), one asyncio loop runs the call, and Ctrl+C ends the call like a
hang-up, so the call log always gets its `call_end`.

The voice console (speech models configured) still uses the framework's console;
`echo_speech_outside_runs` below serves it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from livekit.agents import AgentSession, llm
from livekit.agents.voice.events import ConversationItemAddedEvent

from agents.receptionist import Receptionist
from workflows.call.redaction import redact_log_handlers
from workflows.lifecycle import keypad
from workflows.lifecycle.ending import end_call_once, settle_dials
from workflows.lifecycle.recording import turn_started
from workflows.lifecycle.setup import bind_session, new_call
from workflows.lifecycle.state import CallState
from workflows.rehearsal.voices import say_as, spoken_by
from workflows.worker.pipeline import build_llm

log = logging.getLogger("workflows.rehearsal.console")


class Transcript:
    """Prints the call as a person reads it; survives a closed pipe (`make run | head`)."""

    def __init__(self, out: TextIO, echo_input: bool) -> None:
        self.out = out
        self.echo_input = echo_input  # stdin is not a terminal: show what was read
        self.waiting = False  # the "You: " prompt is on screen

    def write(self, text: str) -> None:
        try:
            if self.waiting:
                self.out.write("\r\x1b[K" if self.out.isatty() else "\n")
            self.out.write(text + "\n")
            if self.waiting:
                self.out.write("  You: ")
            self.out.flush()
        except (BrokenPipeError, ValueError, OSError):
            self.out = open(os.devnull, "w")  # nobody reads any more: keep the call going

    def agent(self, text: str) -> None:
        for line in text.splitlines() or [""]:
            self.write(f"  Agent: {line}")

    def caller(self, text: str, typed_ahead: bool = False) -> None:
        """Show the caller's line, unless the terminal echoed it after the prompt: a line typed
        before its prompt was shown (`typed_ahead`) was echoed above, so it is shown here."""
        if self.echo_input or typed_ahead:
            self.write(f"  You: {text}")

    def tool(self, name: str) -> None:
        self.write(f"        [{name}]")

    def note(self, text: str) -> None:
        self.write(f"  ({text})")

    def prompt(self) -> None:
        if self.echo_input:
            return
        with suppress(BrokenPipeError, ValueError, OSError):
            self.out.write("  You: ")
            self.out.flush()
        self.waiting = True


def show_call(session: AgentSession, transcript: Transcript) -> None:
    """Print every agent line, handoff and tool as it happens (each exactly once)."""

    @session.on("conversation_item_added")
    def _item(event: ConversationItemAddedEvent) -> None:
        item = event.item
        if isinstance(item, llm.ChatMessage) and item.role == "assistant" and item.text_content:
            transcript.agent(item.text_content)
        elif isinstance(item, llm.AgentHandoff) and item.old_agent_id:
            transcript.note(f"handed over: {item.old_agent_id} -> {item.new_agent_id}")

    @session.on("function_tools_executed")
    def _tools(event) -> None:
        for call, _ in event.zipped():
            transcript.tool(call.name)


def log_to_file(directory: Path | None, verbose: bool) -> Path:
    """Send every log record to a file (level LOG_LEVEL, default INFO); return its path."""
    directory = directory or Path(tempfile.gettempdir())
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"console-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    if verbose:
        shown = logging.StreamHandler(sys.stderr)
        shown.setFormatter(logging.Formatter("    log %(levelname)s %(name)s: %(message)s"))
        root.addHandler(shown)
    redact_log_handlers(root)  # phone numbers masked unless LOG_PHONE_NUMBERS=full
    level = os.environ.get("LOG_LEVEL", "INFO").upper()
    root.setLevel(level if level in logging.getLevelNamesMapping() else "INFO")
    logging.captureWarnings(True)
    return path


@dataclass(frozen=True)
class Line:
    """A line the caller typed, and when they pressed Enter (its bytes arrived)."""

    text: str
    at: float


async def read_lines(
    queue: asyncio.Queue[Line | None], stream: TextIO, clock: Callable[[], float] = time.time
) -> None:
    """Feed whole lines typed (or piped) on `stream` into `queue`; None at end of input.

    The terminal's own line editing collects each line, so keys typed while the agent is
    talking wait in the terminal and are never dropped. A reader on the file descriptor (no
    thread) means nothing is left blocked in `readline()` when the call ends. Each line is
    stamped with `clock()` when its bytes arrive: a yes typed before a read-back was shown
    never answers it, however long it waited in the queue."""
    loop = asyncio.get_running_loop()
    fd = stream.fileno()
    pending = b""
    closed = asyncio.Event()

    def readable() -> None:
        nonlocal pending
        try:
            chunk = os.read(fd, 4096)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        at = clock()
        if not chunk:
            loop.remove_reader(fd)
            if pending.strip():
                queue.put_nowait(Line(pending.decode("utf-8", "replace").strip(), at))
            queue.put_nowait(None)
            closed.set()
            return
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            queue.put_nowait(Line(line.decode("utf-8", "replace").strip(), at))

    loop.add_reader(fd, readable)
    try:
        await closed.wait()
    finally:
        with suppress(Exception):
            loop.remove_reader(fd)


async def converse(
    session: AgentSession, transcript: Transcript, lines: asyncio.Queue[Line | None]
) -> str:
    """Type each line into the call until it ends; why it ended ("ended", "end_of_input")."""
    closed = asyncio.Event()
    session.on("close", lambda _: closed.set())
    ended = asyncio.ensure_future(closed.wait())
    while not (closed.is_set() or session.userdata.ending):
        speech = session.current_speech
        if speech is not None and not speech.done():
            await speech.wait_for_playout()  # the agent finishes its sentence first
        typed_ahead = not lines.empty()  # typed while the agent talked: no empty prompt
        if not typed_ahead:
            transcript.prompt()
        line = asyncio.ensure_future(lines.get())
        done, _ = await asyncio.wait({line, ended}, return_when=asyncio.FIRST_COMPLETED)
        transcript.waiting = False
        if line not in done or session.userdata.ending:
            line.cancel()
            return "ended"
        typed = line.result()
        if typed is None:
            return "end_of_input"
        if not typed.text:
            continue
        if keypad.typed(session.userdata, typed.text):  # "#4155550199#": keys pressed, not words
            transcript.caller(typed.text, typed_ahead)
            continue
        leg, said = spoken_by(session.userdata, typed.text)  # "Dana: ..." is Dana's
        if leg is not None:
            transcript.write(f"  {leg.name}: {said}")
            await say_as(session.userdata, leg, said)
            continue
        transcript.caller(typed.text, typed_ahead)
        turn_started(session.userdata, typed.at)  # when Enter was pressed, not now
        try:
            await session.run(user_input=typed.text)
        except RuntimeError as e:  # the session closed during the turn
            log.info("turn not completed: %s", e)
    return "ended"


def run_text_console(config, files, *, verbose: bool = False) -> int:
    """`make run`: one rehearsal call in this terminal; returns the exit code."""
    path = log_to_file(config.call_log_dir, verbose)
    transcript = Transcript(sys.stdout, echo_input=not sys.stdin.isatty())
    transcript.write(f"  Logs: {path.resolve()}")
    intro = files.prompts.offline.console_intro.strip().splitlines()
    transcript.write("\n".join(f"  {line}" for line in intro) + "\n")
    asyncio.run(text_call(config, files, transcript, sys.stdin))
    transcript.write("\n  Call ended.")
    return 0


async def text_call(config, files, transcript: Transcript, stdin: TextIO) -> str:
    """Run the call until the caller hangs up, the agent ends it, or input ends."""
    state = new_call(config, files, "console-room")
    state.caller.identity = "caller"  # the console user stands in for the phone caller
    # No turn detector: typed turns end with Enter (and none is built in dev mode, whose
    # cloud detector warns about LIVEKIT_INFERENCE_URL when no credentials are set).
    session = AgentSession[CallState](
        userdata=state,
        llm=build_llm(config, files),
        vad=None,
        turn_handling={"turn_detection": None},
    )
    bind_session(state, session)
    show_call(session, transcript)
    lines: asyncio.Queue[Line | None] = asyncio.Queue()
    reader = asyncio.create_task(read_lines(lines, stdin, state.clock))
    why = "caller_hung_up"
    try:
        await session.start(Receptionist(files.prompts))
        why = await converse(session, transcript, lines)
        if why == "end_of_input":
            await settle_dials(state, config.sip_ringing_timeout)
    except asyncio.CancelledError:  # Ctrl+C: the caller hangs up
        why = "caller_hung_up"
    finally:
        reader.cancel()
        log.info("console call over: %s", why)
        if ending := end_call_once(state, session, why):
            await ending
        await session.aclose()  # writes call_end to the call log
        await settle_dials(state, 1.0)
        await state.telephony.aclose()
    return why


def echo_speech_outside_runs(session: AgentSession, write=None) -> None:
    """Framework voice console: print assistant speech that no `session.run()` will show
    (the greeting, "Dana has joined the call" while you are typing)."""
    write = write or _framework_console_write

    @session.on("conversation_item_added")
    def _on_item(event: ConversationItemAddedEvent) -> None:
        item = event.item
        if isinstance(item, llm.ChatMessage) and item.role == "assistant" and item.text_content:
            # AgentSession has no public "is a run in progress" flag or event; run() itself
            # checks this field (livekit/agents/voice/agent_session.py, AgentSession.run)
            run = session._global_run_state
            if run is None or run.done():
                write(item.text_content)


def _framework_console_write(text: str) -> None:
    from livekit.agents.cli import AgentsConsole  # the framework's console, only when it runs
    from rich.text import Text

    rich_console = getattr(AgentsConsole.get_instance(), "console", None)
    if rich_console is None:
        print(f"  Agent: {text}", flush=True)
        return
    rich_console.print()
    rich_console.print(Text.assemble(("  \u25cf ", "#6BCB77"), ("Agent", "bold #6BCB77")))
    for line in text.split("\n"):
        rich_console.print(Text(f"    {line}"))
