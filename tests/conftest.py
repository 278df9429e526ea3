"""Shared fixtures. Every test is offline: a guard fails any connection off this machine."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from tests.support.livekit_harness import add_outbound_trunk
from tests.support.livekit_server import LiveKitTestServer
from workflows.telephony.simulated import RESERVED_NUMBERS

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)):  # unix socket
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


PRISTINE_NUMBERS = dict(RESERVED_NUMBERS)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Global state shared by every test: a test that changes RESERVED_NUMBERS must restore it
    (`monkeypatch.setitem`), or later tests would rehearse the wrong thing. Checked after every
    fixture (monkeypatch included) has been torn down; the table is then put back."""
    result = yield
    if RESERVED_NUMBERS != PRISTINE_NUMBERS:
        RESERVED_NUMBERS.clear()
        RESERVED_NUMBERS.update(PRISTINE_NUMBERS)
        raise AssertionError(f"{item.nodeid} left RESERVED_NUMBERS changed")
    return result


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail the test if anything tries to reach a host other than this machine."""

    def guarded(connect):
        def _connect(self, address):
            if not _is_local(address):
                raise AssertionError(f"test tried to reach the network: {address!r}")
            return connect(self, address)

        return _connect

    monkeypatch.setattr(socket.socket, "connect", guarded(_real_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(_real_connect_ex))
    yield


@pytest.fixture
async def server():
    """A LiveKit API test server with one outbound trunk (`server.trunk_id`)."""
    async with LiveKitTestServer() as server:
        server.trunk_id = await add_outbound_trunk(server)
        yield server
