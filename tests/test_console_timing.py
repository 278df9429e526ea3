"""The text console times each typed line from the moment Enter was pressed: a yes typed
before a read-back was shown never answers it, however long the line waited for its turn."""

import asyncio
import io
import os
from dataclasses import replace

from prompts.schema import render
from tests.support.harness import TEST_SETTINGS, files, prompts
from tests.support.scripted_llm import until
from workflows.rehearsal.console import Transcript, read_lines, text_call

HOST = prompts().host
FIRST, SECOND = "+1 415-555-0155", "+1 415-555-0156"


class Screen(io.StringIO):
    """What the console shows, as a piped terminal would receive it."""

    def isatty(self) -> bool:
        return False


class Terminal(Screen):
    """What the console shows on a terminal, which echoes what is typed itself."""

    def isatty(self) -> bool:
        return True


async def rehearse(*steps: tuple[str, str], screen: Screen | None = None) -> str:
    """Run a console call: for each (typed, shown) step, type `typed` in one go (as a quick
    typist or a pipe would), then wait until the console shows `shown`. Then end the input
    (the console settles its dials and hangs up) and return everything shown."""
    screen = screen or Screen()
    reader, writer = os.pipe()
    settings = replace(TEST_SETTINGS, sim_ring_delay=0.05, sim_answer_delay=0.05)
    transcript = Transcript(screen, echo_input=not screen.isatty())
    call = asyncio.create_task(text_call(settings, files(), transcript, os.fdopen(reader)))
    try:
        for typed, shown in steps:
            seen = len(screen.getvalue())
            os.write(writer, typed.encode())
            try:
                await until(lambda shown=shown, seen=seen: shown in screen.getvalue()[seen:], 10)
            except TimeoutError:
                raise AssertionError(f"never shown: {shown!r}\n{screen.getvalue()}") from None
    finally:
        os.close(writer)
        await asyncio.wait_for(call, 30)
    return screen.getvalue()


OPENING = "I'm Ada, about the budget\ncall 415 555 0155 and 415 555 0156\n"
AGAIN = f"{HOST.not_confirmed} {render(HOST.read_back, who=SECOND)}"


async def test_a_yes_typed_before_the_read_back_was_shown_does_not_dial_it():
    # Issue 19: "yes⏎yes⏎" typed quickly once 0155 is read back dialled 0156 too, 5 ms after
    # its read-back appeared, on a yes typed before it existed.
    shown = await rehearse(
        (OPENING, render(HOST.read_back, who=FIRST)),
        ("yes\nyes\n", AGAIN),  # the second yes answers nothing: 0156 is read back again
    )
    assert render(HOST.dialing, who=FIRST) in shown
    assert render(HOST.dialing, who=SECOND) not in shown


async def test_piped_yeses_typed_before_any_read_back_dial_nothing():
    shown = await rehearse((f"{OPENING}yes\nyes\n", f"{HOST.not_confirmed} "))
    assert render(HOST.dialing, who=FIRST) not in shown
    assert render(HOST.dialing, who=SECOND) not in shown


async def test_a_line_typed_while_the_agent_talks_is_shown_where_it_is_answered():
    # A terminal echoes a line where the cursor is when it is typed: typed ahead, above the
    # agent's reply, with an empty "You:" where it was answered. The console shows it there.
    shown = await rehearse((OPENING, render(HOST.read_back, who=FIRST)), screen=Terminal())
    assert "  You: call 415 555 0155 and 415 555 0156\n" in shown
    assert "  You: \n" not in shown.replace("\r\x1b[K", "\n")


async def test_read_lines_stamps_each_line_when_its_bytes_arrive():
    now = [100.0]
    reader, writer = os.pipe()
    lines: asyncio.Queue = asyncio.Queue()
    task = asyncio.create_task(read_lines(lines, os.fdopen(reader), clock=lambda: now[0]))
    os.write(writer, b"yes\nno")
    await until(lambda: lines.qsize() == 1)
    now[0] = 105.0  # the line waits in the queue while the agent talks
    os.write(writer, b" thanks\n")
    await until(lambda: lines.qsize() == 2)
    os.close(writer)
    await asyncio.wait_for(task, 5)
    first, second, end = (lines.get_nowait() for _ in range(3))
    assert (first.text, first.at) == ("yes", 100.0)
    assert (second.text, second.at) == ("no thanks", 105.0)  # Enter was pressed at 105
    assert end is None
