"""What the call log and the recognizer need for a host that hears everyone on a real call
(issue 23, item 5): each reply to a participant is written down with whom it answered, and
offline speech can hear a line said to the host by its name."""

from __future__ import annotations

from tests.support.harness import files
from tests.support.host_calls import host_state, start
from tests.test_hearing import acting, dial_in, fresh, joined
from workflows.call.settings import Settings
from workflows.lifecycle.hearing import hear
from workflows.speech.grammar import Vocabulary, build_grammar, project_vocabulary
from workflows.worker.pipeline import build_stt


def replies(state) -> list[dict]:
    return [
        {k: r[k] for k in ("identity", "tools", "said", "interrupted")}
        for r in state.log.records
        if r["event"] == "participant_reply"
    ]


async def test_a_reply_to_a_participant_is_logged_as_answering_them_with_its_tools():
    state = fresh()
    async with start(state, acting) as c:
        dana = await dial_in(c, "+14155550142")
        handle = await hear(state, dana.identity, "Ava, who is on the call?")
        await handle.wait_for_playout()
        await handle  # done callbacks have run
        assert replies(state) == [
            {"identity": dana.identity, "tools": ["list_participants"], "said": True,
             "interrupted": False}
        ]  # fmt: skip


async def test_talk_between_participants_is_logged_as_heard_but_never_as_answered():
    state = host_state()
    dana = joined(state, "leg-dana", "Dana Scully", "+14155550142")
    async with start(state, acting):
        assert await hear(state, dana.identity, "thanks, that helps a lot") is None
    turns = [r for r in state.log.records if r["event"] == "participant_turn"]
    assert [(t["identity"], t["addressed"]) for t in turns] == [(dana.identity, False)]
    assert replies(state) == []


def _line_rule(jsgf: str) -> str:
    return next(line for line in jsgf.splitlines() if line.startswith("public <line>"))


def test_the_grammar_lets_a_line_open_with_the_hosts_name():
    jsgf = build_grammar(Vocabulary(host_names=("Ava",))).jsgf
    assert "<host> = ava;" in jsgf
    line = _line_rule(jsgf)
    assert line == (
        "public <line> = [<host>] [<greeting>] [<intro>] [<request>] [<filler> | <goodbye>];"
    )


def test_without_host_names_the_grammar_has_no_host_rule():
    jsgf = build_grammar(project_vocabulary(files().directory)).jsgf
    assert "<host>" not in jsgf
    assert _line_rule(jsgf) == (
        "public <line> = [<greeting>] [<intro>] [<request>] [<filler> | <goodbye>];"
    )


def test_participants_recognizer_hears_the_hosts_name_from_the_prompts_not_the_word_host():
    recognizer = build_stt(Settings(mode="console", stt="pocketsphinx"), files(), participants=True)
    name = files().prompts.host.name.lower()
    host_rule = next(r for r in recognizer.grammar.jsgf.splitlines() if r.startswith("<host> ="))
    assert host_rule == f"<host> = {name};"


def test_the_callers_recognizer_has_no_host_name():
    """The session is the caller's: every line of theirs is said to the host already."""
    recognizer = build_stt(Settings(mode="console", stt="pocketsphinx"), files())
    assert "<host>" not in recognizer.grammar.jsgf


async def test_offline_speech_hears_a_line_said_to_the_host_through_a_phone_line():
    """espeak-ng says "Ava" as "AH-va", which the dictionary lacks (pocketsphinx.EXTRA_WORDS)."""
    from tests.speech_bench import phone_line
    from workflows.speech.pocketsphinx import PocketSphinxSTT

    recognizer = PocketSphinxSTT(project_vocabulary(files().directory, host_names=("Ava",)))
    try:
        heard = [
            (await recognizer.recognize([phone_line(line)])).alternatives[0].text
            for line in ("Ava, who is on the call?", "Ava, please add Fox Mulder.")
        ]
    finally:
        await recognizer.aclose()
    assert heard[0] == "ava who is on the call"
    assert heard[1].startswith("ava") and heard[1].endswith("add fox mulder")
