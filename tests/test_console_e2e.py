"""End to end: the real console process in a pseudo-terminal, typed into like a person would.

Runs `python -m workflows.main console --text` with no credentials (offline dialog model and
simulated telephony) and checks the transcript a person sees, from greeting to a clean exit:
no log lines, no warnings, no line said twice. Every line the agent says is rendered from the
prompts. Ctrl+C and SIGINT: test_console_e2e_signals.py; real API calls with
TELEPHONY=livekit: test_console_e2e_livekit.py.
"""

from __future__ import annotations

import re

import pytest

from prompts.schema import render
from tests.support.console_driver import NOISE, ROOT, Console, agent_lines, call_log_events
from tests.support.harness import prompts

pytestmark = pytest.mark.slow  # starts real processes or runs for seconds

NUMBER = "+1 415-555-0100"  # as the host says it


def test_a_whole_rehearsal_call_reads_like_a_call(tmp_path):
    p = prompts()
    host, offline = p.host, p.offline
    with Console(tmp_path) as c:
        c.expect("model: offline dialog model | speech: text only | telephony: simulated")
        c.expect("Logs: ")
        c.expect(p.receptionist.greeting)

        c.type("hi there")
        c.expect(offline.ask_name)
        c.type("I'm Ada Lovelace and I need a conference call")
        c.expect("[transfer_to_conference_host]")
        c.expect("handed over: receptionist -> conference_host")
        c.expect(render(host.greeting, caller_name="Ada Lovelace"))

        c.type("please add +1 415 555 0100")
        c.expect("[read_back_number]")
        c.expect(render(host.read_back, who=NUMBER))
        c.type("yes")
        c.expect("[add_sip_participant]")
        c.expect(render(host.dialing, who=NUMBER))
        c.expect(render(host.ringing, who=NUMBER))
        c.expect(render(host.joined, who=NUMBER))

        c.type("who is on the call?")
        on_call = [
            render(host.caller_entry, caller_name="Ada Lovelace"),
            render(host.participant, who=NUMBER, status=host.status.active),
        ]
        c.expect(render(host.participants, list="; ".join(on_call)))

        c.type("that's all, goodbye")
        c.expect(p.shared.goodbye)
        c.expect("Call ended.")
        assert c.wait_exit() == (0, None)
    shown = c.text
    assert not NOISE.search(shown), NOISE.search(shown)
    said = agent_lines(shown)
    assert len(said) == len(set(said)), f"a line was shown twice: {said}"
    assert said.count(render(host.joined, who=NUMBER)) == 1
    assert "call_end" in call_log_events(tmp_path)
    log_path = re.search(r"Logs: (\S+)", shown).group(1)
    logged = open(log_path, encoding="utf-8").read()
    assert "handing" in logged and "4155550100" not in logged and "555-0100" not in logged


def test_lines_typed_while_the_agent_talks_are_not_lost(tmp_path):
    p = prompts()
    with Console(tmp_path) as c:
        c.expect("You: ")
        # Typed in one go, before the agent has answered the first line.
        c.child.send("hello\r\nmy name is Grace Hopper\r\nI need to get my team on a call\r\n")
        c.expect(p.offline.ask_name)
        c.expect(render(p.offline.ask_reason, name="Grace Hopper"))
        c.expect(render(p.host.greeting, caller_name="Grace Hopper"))
        c.type("bye")
        c.expect("Call ended.")
        assert c.wait_exit() == (0, None)


def test_readme_first_screen_says_what_to_type_then_lists_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first, two = readme.index("## Try it"), readme.index("## Two commands")
    assert first < two < readme.index("\n## ", two + 3)
    block = readme[two:].split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.splitlines()] == ["make run", "make test"]
    sample = readme[first:two]  # illustrative: its words need not be the prompts' current ones
    assert "  Agent: " in sample and "  You: " in sample
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for moved in ("## How a call flows", "## Layout"):
        assert moved not in readme and moved in architecture
