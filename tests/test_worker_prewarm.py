"""What a job process prepares while it waits for a call, so the call's event loop does not."""

from __future__ import annotations

from types import SimpleNamespace

from livekit.agents.utils import http_context

from tests.test_files_snapshot import fresh_worker  # noqa: F401 (a fixture)
from workflows import main


def test_prewarm_builds_the_api_clients_tls_context_before_any_call(fresh_worker):  # noqa: F811
    http_context._ssl_context_for.cache_clear()  # a new process has built none
    main.prewarm(SimpleNamespace(userdata={}))
    built = http_context._ssl_context_for.cache_info()

    http_context._create_ssl_context()  # what the first call's `ctx.api` would do

    after = http_context._ssl_context_for.cache_info()
    assert built.currsize == 1
    assert (after.hits, after.misses) == (built.hits + 1, built.misses)
