"""`python -m workflows.provision` with a malformed LIVEKIT_URL: a clear message and exit 2,
nothing sent, and a password in the URL never printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.livekit_server import LiveKitTestServer
from workflows.provision import run

ROOT = Path(__file__).resolve().parent.parent
SECRET = "hunter2-url-password"
EXAMPLE = "; it looks like wss://your-project.livekit.cloud"


@pytest.fixture
async def server():
    async with LiveKitTestServer() as server:
        yield server


def env_with(url: str, server: LiveKitTestServer) -> dict[str, str]:
    return {
        "SIP_INBOUND_NUMBER": "+1 415 555 0100",
        "LIVEKIT_URL": url,
        "LIVEKIT_API_KEY": server.api_key,
        "LIVEKIT_API_SECRET": server.api_secret,
    }


def with_password(url: str, password: str = SECRET) -> str:
    scheme, rest = url.split("://", 1)
    return f"{scheme}://admin:{password}@{rest}"


def credentials_refused(server: LiveKitTestServer) -> str:
    scheme, rest = server.url.split("://", 1)
    return (
        f"LIVEKIT_URL '{scheme}://***@{rest}' must not hold a user name or password: put "
        "the key and secret in LIVEKIT_API_KEY and LIVEKIT_API_SECRET"
    )


URLS = {
    "user and password": (lambda s: with_password(s.url), credentials_refused),
    "a password with / and :": (lambda s: with_password(s.url, "pa/ss:wd"), credentials_refused),
    "ftp": (
        lambda s: "ftp://files.example.com",
        lambda s: "LIVEKIT_URL must start with wss:// or https://, not 'ftp://files.example.com'",
    ),
    "no host": (lambda s: "wss://", lambda s: f"LIVEKIT_URL 'wss://' has no host name{EXAMPLE}"),
    "a port, no host": (
        lambda s: "https://:7880",
        lambda s: f"LIVEKIT_URL 'https://:7880' has no host name{EXAMPLE}",
    ),
    "a space": (
        lambda s: "wss://my project.livekit.cloud",
        lambda s: (
            "LIVEKIT_URL 'wss://my project.livekit.cloud' has a space or control character in it"
        ),
    ),
    "broken IPv6": (
        lambda s: "wss://[::1",
        lambda s: "LIVEKIT_URL 'wss://[::1' is not a valid URL (",
    ),
    "port out of range": (
        lambda s: "wss://localhost:99999",
        lambda s: "LIVEKIT_URL 'wss://localhost:99999' is not a valid URL (Port out of range",
    ),
}


@pytest.mark.parametrize("case", URLS, ids=list(URLS))
async def test_a_malformed_livekit_url_is_refused_before_anything_is_sent(server, capsys, case):
    url, message = URLS[case]
    code = await run([], env_with(url(server), server))
    out, err = capsys.readouterr()

    assert (code, out) == (2, "")
    assert err.startswith("provision: " + message(server)), err
    assert "Traceback" not in err and SECRET not in err and "pa/ss" not in err
    assert server.requests == []


@pytest.mark.slow  # a real process
async def test_the_real_command_exits_2_without_printing_the_password(server, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEKIT_", "SIP_"))}
    env |= env_with(with_password(server.url), server) | {"PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "workflows.provision"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2, result.stderr[-2000:]
    assert "must not hold a user name or password" in result.stderr
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert server.requests == []
