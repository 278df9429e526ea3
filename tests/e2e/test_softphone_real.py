"""A real softphone (baresip from Debian) calls the local agent through the SIP bridge, as the
README's "Call your local agent from a softphone" tells a newcomer to: it hears the greeting,
the agent hears its caller line and hands over to the host."""

from __future__ import annotations

import pytest

from prompts.schema import render
from tests.e2e import softphone
from tests.e2e.conftest import diagnosed, start_worker, until
from tests.e2e.phones import HEARD, where_said
from tests.support.harness import prompts

pytestmark = pytest.mark.e2e


async def test_baresip_calls_the_agent_hears_it_and_is_heard(stack, line, tmp_path):
    p = prompts()
    worker = await start_worker(
        stack, tmp_path, AGENT_NAME=line.agent_name, SIP_TRUNK_ID=line.outbound_trunk
    )
    try:
        with diagnosed(worker):
            heard = await softphone.call(
                tmp_path / "baresip",
                line.number,
                stack.sip_address,
                ip=stack.peer_ip,
                say="hi i'm ada i need a conference call",
                seconds=36,
            )
            greeting, greeted_at = where_said(heard, render(p.receptionist.greeting))
            host, host_at = where_said(heard, render(p.host.greeting, caller_name="Ada"))
            assert greeting >= HEARD, f"the softphone did not hear the greeting ({greeting:.2f})"
            assert host >= HEARD and host_at > greeted_at, f"nor the host ({host:.2f})"
            await until(lambda: "handoff" in worker.output or _handed_off(worker), 10, "handoff")
    finally:
        await worker.stop()


def _handed_off(worker) -> bool:
    return any('"handoff"' in p.read_text() for p in worker.call_logs.glob("*.jsonl"))
