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
