"""What a job process prepares while it waits for a call, so the call's event loop does not."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from livekit.agents.utils import http_context

from tests.test_files_snapshot import fresh_worker  # noqa: F401 (a fixture)
from workflows import main
from workflows.call.settings import Settings
from workflows.rehearsal.nlu import words


def test_prewarm_builds_the_api_clients_tls_context_before_any_call(fresh_worker):  # noqa: F811
    http_context._ssl_context_for.cache_clear()  # a new process has built none
    main.prewarm(SimpleNamespace(userdata={}))
    built = http_context._ssl_context_for.cache_info()

    http_context._create_ssl_context()  # what the first call's `ctx.api` would do

    after = http_context._ssl_context_for.cache_info()
    assert built.currsize == 1
    assert (after.hits, after.misses) == (built.hits + 1, built.misses)


@pytest.mark.parametrize(("llm", "loaded"), [("offline", 1), ("openai/gpt-4.1-mini", 0)])
def test_prewarm_loads_the_offline_model_s_word_list_only_for_the_offline_model(
    monkeypatch, llm, loaded
):
    chosen = Settings.from_env(
        {"AGENT_LLM": llm, "AGENT_STT": "pocketsphinx", "AGENT_TTS": "espeak"}
        | {"LIVEKIT_API_KEY": "key", "LIVEKIT_API_SECRET": "not-a-real-secret"},
        mode="console",
    )
    monkeypatch.setattr(main, "settings", lambda: chosen)
    words._model.cache_clear()
    main.prewarm(SimpleNamespace(userdata={}))
    assert words._model.cache_info().currsize == loaded  # not in the first call's first turn


def test_a_word_list_that_cannot_load_is_tried_once_and_takes_no_name_away(monkeypatch, caplog):
    import builtins

    real_import = builtins.__import__
    tries = []

    def no_pocketsphinx(name, *args, **kwargs):
        if name == "pocketsphinx":
            tries.append(name)
            raise ImportError("pocketsphinx is not installed")
        return real_import(name, *args, **kwargs)

    words._model.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_pocketsphinx)
    try:
        words.warm()
        taken = [words.everyday_word("Give"), words.everyday_word("Hit")]
    finally:
        monkeypatch.undo()
        words._model.cache_clear()
    assert taken == [False, False]  # never takes a name away
    assert len(tries) == 1  # not once per word of every line
    assert "no word frequencies" in caplog.text
