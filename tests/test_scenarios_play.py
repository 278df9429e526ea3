"""`python -m tests.scenarios.play`: the tool fresh testers play calls with (docs/fresh-testers.md)
prints each line said, what the agent said and the tools it called."""

from __future__ import annotations

from tests.scenarios.play import main


def test_each_line_is_printed_with_what_it_produced(tmp_path, capsys):
    lines = tmp_path / "call.txt"
    lines.write_text("add 415 555 0133\n\nwho is on?\n", encoding="utf-8")
    main("host", str(lines))
    out = capsys.readouterr().out.splitlines()
    said = [line for line in out if line.startswith("> ")]
    assert said == ["> add 415 555 0133", "> who is on?"]  # blank lines are no turn
    first = out[: out.index("> who is on?")]
    assert "    tool: read_back_number({'phone_number': '4155550133', 'purpose': 'add'})" in first
    assert any(line.startswith("    agent: ") for line in first)
