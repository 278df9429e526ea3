"""The framework's floor for answering a phone: a bare livekit-agents worker that greets with the
same espeak-ng TTS and nothing else (no settings, files, call state, tools or recognizer), for
tests/e2e/latency.py to measure beside the product's `dev` worker.

    python -m tests.e2e.bare_agent dev     (AGENT_NAME, LIVEKIT_* from the environment)
"""

from __future__ import annotations

import os

from livekit.agents import Agent, AgentServer, AgentSession, JobContext, cli

from prompts.schema import render
from workflows.call.files import load_call_files
from workflows.speech.espeak import EspeakTTS

GREETING = render(load_call_files().prompts.receptionist.greeting)
# As the product's `dev` worker: no load reported (else livekit-server offers no call on a busy
# machine, README finding 13); BARE_IDLE_PROCESSES job processes kept warm.
server = AgentServer(
    load_fnc=lambda: 0.0, num_idle_processes=int(os.environ.get("BARE_IDLE_PROCESSES", "0"))
)


@server.rtc_session(agent_name=os.environ.get("AGENT_NAME", "bare-agent"))
async def entrypoint(ctx: JobContext) -> None:
    session = AgentSession(tts=EspeakTTS())
    await ctx.connect()
    await session.start(agent=Agent(instructions="Greet the caller."), room=ctx.room)
    session.say(GREETING)


if __name__ == "__main__":
    cli.run_app(server)
