"""Play a file of caller lines through the offline model and print what each one produced:
`python -m tests.scenarios.play host|receptionist lines.txt` (one line said per line of the
file; `Dana: ...` is said by Dana once she is on the call). The model is deterministic, so a
call can be played turn by turn: add a line, play the file again. Keypad lines (`#...`) are the
console's: say keys in words here ("press 1"). No time passes between lines (a redial's wait
never runs out); phones ring and answer a moment after the dial, as in the console."""

from __future__ import annotations

import asyncio
import sys

from tests.scenarios.runner import play_lines

# Phones ring and answer a moment after the dial, as in the console: with no delay at all the
# "is ringing" and "has joined" news would print before the host's own "Dialing ... now".
PHONE_DELAYS = {"sim_ring_delay": 0.05, "sim_answer_delay": 0.05}


def main(start: str, path: str) -> None:
    with open(path, encoding="utf-8") as file:
        lines = [line.rstrip("\n") for line in file if line.strip()]
    played = asyncio.run(play_lines(start, *lines, settings=PHONE_DELAYS))
    for said, heard in zip(lines, played, strict=True):
        print(f"> {said}")
        if heard.ended:
            print("    (the call has ended: nobody hears this line)")
        for line in heard.lines:
            print(f"    agent: {line}")
        for name, args in heard.calls:
            print(f"    tool: {name}({args})")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("host", "receptionist"):
        sys.exit("usage: python -m tests.scenarios.play host|receptionist lines.txt")
    main(sys.argv[1], sys.argv[2])
