"""`python -m tests.scenarios.play`: the tool fresh testers play calls with (docs/fresh-testers.md)
prints each line said, what the agent said and the tools it called."""

from __future__ import annotations

from prompts.schema import render
from tests.scenarios.play import main
from tests.support.harness import prompts


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


def test_the_host_says_it_is_dialing_before_the_phone_rings_and_answers(tmp_path, capsys):
    """In the console a phone rings a moment after the dial; played with no delay at all the
    news of ringing and answering printed before the host's own "Dialing ... now" (testers 40
    and 41 both noticed)."""
    lines = tmp_path / "call.txt"
    lines.write_text("add 415 555 0133\nyes\n", encoding="utf-8")
    main("host", str(lines))
    out = capsys.readouterr().out.splitlines()
    who = "+1 415-555-0133"
    host = prompts().host
    said = [line.removeprefix("    agent: ") for line in out if line.startswith("    agent: ")]
    news = [render(host.dialing, who=who), render(host.ringing, who=who)]
    news.append(render(host.joined, who=who))
    assert [line for line in said if line in news] == news


def test_a_line_after_the_call_ended_is_shown_unheard_not_a_crash(tmp_path, capsys):
    """Tester 44's line after a warm transfer crashed the player ("AgentSession isn't
    running")."""
    lines = tmp_path / "call.txt"
    lines.write_text("bye\nhello? are you still there?\n", encoding="utf-8")
    main("host", str(lines))
    out = capsys.readouterr().out.splitlines()
    after = out[out.index("> hello? are you still there?") + 1 :]
    assert after and not any(line.startswith(("    agent:", "    tool:")) for line in after)
    assert any(line.startswith("    agent: ") for line in out[: out.index(after[0])])


def test_news_said_inside_a_repeated_question_is_printed_once(tmp_path, capsys):
    """A read-back waiting for its yes is asked again right after each piece of news, in the
    same line; the player printed that news a second time on its own (tester 46)."""
    lines = tmp_path / "call.txt"
    lines.write_text("add 415 555 1234 and 415 555 0133\nyes\n", encoding="utf-8")
    main("host", str(lines))
    out = capsys.readouterr().out.splitlines()
    joined = render(prompts().host.joined, who="+1 415-555-1234")
    said = [line.removeprefix("    agent: ") for line in out if line.startswith("    agent: ")]
    assert [line for line in said if joined in line] != []
    assert sum(joined in line for line in said) == 1
