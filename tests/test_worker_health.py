"""The worker tells the truth about its health: its `GET /` answers 503 while it is not
registered with LiveKit (before the first registration, while it reconnects), 200 while it is;
a run that fails is kept for `workflows.main` to exit non-zero. In this process, against a
stand-in for LiveKit's agent endpoint on loopback; the real worker process:
test_worker_health_process.py."""

from __future__ import annotations

import asyncio
import contextlib
import os

import aiohttp
import pytest
from aiohttp import web
from livekit.protocol import agent

from tests.support.ports import free_port
from workflows.call.settings import Settings, SettingsError
from workflows.worker.capacity import worker_options
from workflows.worker.server import Worker

SECRET = "s" * 32


class AgentEndpoint:
    """LiveKit's `/agent` websocket on loopback: a worker registers only once `accept` is set;
    `drop()` closes the open connections, as a LiveKit restart does."""

    def __init__(self) -> None:
        self.accept = asyncio.Event()
        self.attempts = 0
        self.open: list[web.WebSocketResponse] = []

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        self.attempts += 1
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.receive_bytes()  # the worker's register message
        await self.accept.wait()
        reply = agent.ServerMessage(register=agent.RegisterWorkerResponse(worker_id="AW_1"))
        await ws.send_bytes(reply.SerializeToString())
        self.open.append(ws)
        async for _ in ws:  # status updates, until either side closes
            pass
        return ws

    async def drop(self) -> None:
        self.accept.clear()
        for ws in self.open:
            await ws.close()
        self.open.clear()


@contextlib.asynccontextmanager
async def agent_endpoint():
    endpoint = AgentEndpoint()
    app = web.Application()
    app.add_routes([web.get("/agent", endpoint.handle)])
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield endpoint, f"ws://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture(autouse=True)
def environment_put_back():
    """A running worker exports LIVEKIT_URL and its credentials (and maybe SSL_CERT_FILE)."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


@contextlib.asynccontextmanager
async def running(worker: Worker):
    """The worker running in this process, until the block ends."""
    started = asyncio.Event()
    worker.on("worker_started", started.set)
    run = asyncio.create_task(worker.run(devmode=False))
    ready = asyncio.ensure_future(started.wait())
    await asyncio.wait([run, ready], timeout=30, return_when=asyncio.FIRST_COMPLETED)
    ready.cancel()
    assert started.is_set() or run.done(), "the worker neither started nor stopped in 30 s"
    try:
        yield run, f"http://127.0.0.1:{worker.worker_info.http_port}/"
    finally:
        await worker.aclose()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(run, 10)


def worker(url: str, **options) -> Worker:
    async def entrypoint(ctx) -> None:
        pass

    defaults = {"host": "127.0.0.1", "port": 0, "num_idle_processes": 0}
    w = Worker(
        ws_url=url, api_key="devkey", api_secret=SECRET, load_fnc=lambda: 0.0, **defaults | options
    )
    w.rtc_session(agent_name="health-test")(entrypoint)
    return w


async def status(url: str) -> int:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return response.status


async def until(condition, seconds: float = 20) -> None:
    async with asyncio.timeout(seconds):
        while not condition():
            await asyncio.sleep(0.02)


async def test_health_is_503_until_registered_200_while_registered_503_while_reconnecting():
    async with agent_endpoint() as (livekit, url):
        w = worker(url)
        async with running(w) as (_, health):
            await until(lambda: livekit.attempts == 1)
            assert await status(health) == 503  # connected, not registered yet
            livekit.accept.set()
            await until(lambda: w.registered)
            assert await status(health) == 200
            await livekit.drop()  # LiveKit goes away; the worker tries again at once
            await until(lambda: livekit.attempts == 2)
            assert not w.registered
            assert await status(health) == 503
            livekit.accept.set()
            await until(lambda: w.registered)
            assert await status(health) == 200


async def test_health_is_503_while_livekit_cannot_be_reached():
    unreachable = f"ws://127.0.0.1:{free_port()}"  # a closed port: connections are refused
    w = worker(unreachable, max_retry=5)  # tries for 20 s: the test looks in the first
    async with running(w) as (run, health):
        assert await status(health) == 503
        assert not run.done()  # still trying


async def test_a_worker_that_cannot_reach_livekit_keeps_why_it_stopped():
    w = worker(f"ws://127.0.0.1:{free_port()}", max_retry=0)
    async with running(w) as (run, _):
        with pytest.raises(RuntimeError, match="failed to connect to livekit"):
            await asyncio.wait_for(run, 20)
    assert isinstance(w.stopped_by, RuntimeError)


async def test_a_worker_whose_health_port_is_taken_keeps_why_it_stopped():
    taken = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = taken.sockets[0].getsockname()[1]
    w = worker(f"ws://127.0.0.1:{free_port()}", port=port)
    try:
        with pytest.raises(OSError):
            await asyncio.wait_for(w.run(devmode=False), 20)
        assert isinstance(w.stopped_by, OSError)
    finally:
        taken.close()
        await w.aclose()


def test_the_health_address_and_attempts_to_reach_livekit_come_from_settings():
    env = {"WORKER_HEALTH_HOST": "127.0.0.1", "WORKER_CONNECT_RETRIES": "3"}
    options = worker_options(Settings.from_env(env, mode="console"), shutdown_process_timeout=5)
    assert options["host"] == "127.0.0.1" and options["max_retry"] == 3
    assert Settings.from_env({"WORKER_HEALTH_HOST": "::1"}, mode="console").worker_health_host


@pytest.mark.parametrize(
    "name, raw",
    [
        ("WORKER_HEALTH_HOST", "all interfaces"),
        ("WORKER_HEALTH_HOST", "http://127.0.0.1"),
        ("WORKER_CONNECT_RETRIES", "-1"),
        ("WORKER_CONNECT_RETRIES", "often"),
    ],
)
def test_a_bad_health_setting_is_named(name, raw):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: raw}, mode="console")
