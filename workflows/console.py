"""Console helpers: show speech that happens between typed lines.

The text console prints only the events of the `session.run()` a typed line started. Speech
outside a run (the first greeting, "Dana has joined the call" while you are typing) would
otherwise appear only in debug logs, so it is printed here in the console's own style.
"""

from __future__ import annotations

from livekit.agents import AgentSession, llm
from livekit.agents.voice.events import ConversationItemAddedEvent


def _in_run(session: AgentSession) -> bool:
    # The framework exposes no public "is a run in progress" flag; speech said during a run
    # is printed by the console itself, so only speech outside one is echoed here.
    run = session._global_run_state
    return run is not None and not run.done()


def echo_speech_outside_runs(session: AgentSession, write=None) -> None:
    """Print assistant speech that no `session.run()` will show."""
    write = write or _console_write

    @session.on("conversation_item_added")
    def _on_item(event: ConversationItemAddedEvent) -> None:
        item = event.item
        if isinstance(item, llm.ChatMessage) and item.role == "assistant" and item.text_content:
            if not _in_run(session):
                write(item.text_content)


def _console_write(text: str) -> None:
    from livekit.agents.cli import AgentsConsole
    from rich.text import Text

    rich_console = getattr(AgentsConsole.get_instance(), "console", None)
    if rich_console is None:
        print(f"  Agent: {text}", flush=True)
        return
    rich_console.print()
    rich_console.print(Text.assemble(("  \u25cf ", "#6BCB77"), ("Agent", "bold #6BCB77")))
    for line in text.split("\n"):
        rich_console.print(Text(f"    {line}"))
