"""What a job process prepares while it waits for a call, so the call's event loop does not."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from livekit.agents.utils import http_context

from workflows import main


@pytest.fixture
def idle_process(monkeypatch, tmp_path):
    """A new job process with the offline defaults and none of the framework's caches."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith(("LIVEKIT_", "SIP_", "AGENT_", "CONFERENCE_AGENT_")):
            monkeypatch.delenv(name)
    main.settings.cache_clear()
    main.file_store.cache_clear()
    http_context._ssl_context_for.cache_clear()
    yield SimpleNamespace(userdata={})
    main.settings.cache_clear()
    main.file_store.cache_clear()


def test_prewarm_builds_the_api_clients_tls_context_before_any_call(idle_process):
    main.prewarm(idle_process)
    built = http_context._ssl_context_for.cache_info()

    http_context._create_ssl_context()  # what the first call's `ctx.api` would do

    after = http_context._ssl_context_for.cache_info()
    assert built.currsize == 1
    assert (after.hits, after.misses) == (built.hits + 1, built.misses)
