"""End to end: the real console with TELEPHONY=livekit sends real API calls, to the LiveKit API
test server running on its own event loop in a thread (the console is a separate process)."""

from __future__ import annotations

import asyncio
import threading
from contextlib import contextmanager

import pytest

from prompts.schema import render
from tests.support.console_driver import Console
from tests.support.harness import prompts
from tests.support.livekit_harness import add_outbound_trunk
from tests.support.livekit_server import LiveKitTestServer, SipOutcome

pytestmark = pytest.mark.slow  # starts real processes or runs for seconds


@contextmanager
def server_in_a_thread():
    """The LiveKit API test server on its own event loop, for a separate console process."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def run(coro):
        return asyncio.run_coroutine_threadsafe(coro, loop).result(10)

    server = LiveKitTestServer()
    run(server.start())

    server.trunk_id = run(add_outbound_trunk(server))
    try:
        yield server
    finally:
        run(server.stop())
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)


def test_console_sends_real_api_calls_with_telephony_livekit(tmp_path):
    p, number = prompts(), "+1 415-555-0100"
    with server_in_a_thread() as server:
        server.sip_outcomes["+14155550100"] = SipOutcome.answer(after=1.0)  # it rings first
        settings = {
            "TELEPHONY": "livekit",
            "AGENT_LLM": "offline",
            "LIVEKIT_URL": server.url,
            "LIVEKIT_API_KEY": server.api_key,
            "LIVEKIT_API_SECRET": server.api_secret,
            "SIP_TRUNK_ID": server.trunk_id,
        }
        with Console(tmp_path, **settings) as c:
            c.expect(f"telephony: livekit (trunk {server.trunk_id})")
            c.expect(p.receptionist.greeting)
            c.type("this is Grace and I need a conference call")
            c.expect(render(p.host.greeting, caller_name="Grace"))
            c.type("add +1 415 555 0100")
            c.expect(render(p.host.read_back, who=number))
            c.type("yes")
            c.expect(render(p.host.dialing, who=number))
            c.expect(render(p.host.joined, who=number))
            c.type("bye")
            c.expect("Call ended.")
            assert c.wait_exit() == (0, None)
        [dial] = server.requests_for("CreateSIPParticipant")
        assert (dial.sip_trunk_id, dial.sip_call_to) == (server.trunk_id, "+14155550100")
        assert [r.room for r in server.requests_for("DeleteRoom")] == [dial.room_name]
