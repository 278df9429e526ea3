"""The real LiveKit stack on this machine: `python tests/stack/stack.py up|down|status`.

`up` creates a private network namespace, starts Redis, livekit-server and the SIP bridge
(livekit-sip) inside it, waits until each answers, and writes `.stack/stack.env`, whose
SIP_ADDRESS is where phones send their INVITEs. `up --nodes 2` starts two livekit-server nodes
on the one Redis, a bridge beside each (layout: tests/stack/nodes.py). `down` stops what `up`
started (pid files under .stack/run/) and removes the namespace. `stop NAME` / `start NAME`
stop one service and bring it back as `up` started it (the failure drills of `make scale`).
Standard library only: it runs before the project's virtualenv exists.

Every packet stays on this machine: the namespace has only `lo` and a veth pair whose both ends
live inside it (STACK_IP on one end). It has no route anywhere else, so nothing, STUN included,
can leave it. Programs that talk to the stack run inside it through STACK_EXEC.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / ".stack"
BIN = STACK / "bin"
RUN = STACK / "run"
ENV_FILE = STACK / "stack.env"
NODES_FILE = RUN / "nodes"  # how many nodes `up` started

sys.path.insert(0, str(ROOT))  # run as a script: the layout module beside it
from tests.stack.nodes import (  # noqa: E402
    PEER_IP,
    REDIS_PORT,
    SIP_PORT,
    Node,
    layout,
    livekit_yaml,
    redis_conf,
    sip_yaml,
    stack_env,
)

NETNS = os.environ.get("STACK_NETNS", "lkstack")
START_TIMEOUT = 30.0  # seconds each service may take to become healthy
EXEC = ["ip", "netns", "exec", NETNS]


def sh(*cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=check, text=True, capture_output=True)


def in_ns(*cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return sh(*EXEC, *cmd, check=check)


# ------------------------------------------------------------------------------- namespace
def netns_up(nodes: list[Node]) -> None:
    if NETNS not in sh("ip", "netns", "list").stdout.split():
        sh("ip", "netns", "add", NETNS)
        in_ns("ip", "link", "set", "lo", "up")
        in_ns("ip", "link", "add", "lk0", "type", "veth", "peer", "name", "lk1")
        in_ns("ip", "addr", "add", f"{PEER_IP}/24", "dev", "lk1")
        in_ns("ip", "link", "set", "lk0", "up")
        in_ns("ip", "link", "set", "lk1", "up")
    have = in_ns("ip", "-o", "addr", "show", "dev", "lk0").stdout
    for node in nodes:  # each node its own address on the stack's end
        if f" {node.ip}/" not in have:
            in_ns("ip", "addr", "add", f"{node.ip}/24", "dev", "lk0")


def netns_down() -> None:
    if NETNS in sh("ip", "netns", "list").stdout.split():
        sh("ip", "netns", "del", NETNS, check=False)


# ------------------------------------------------------------------------------- processes
def start(name: str, *cmd: str) -> None:
    """Start a service in the namespace, in a session of its own; its command is kept beside
    its pid, so `stack.py start NAME` can bring it back after `stack.py stop NAME`."""
    log = open(RUN / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
    proc = subprocess.Popen(
        [*EXEC, *cmd],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        cwd=RUN,
    )
    (RUN / f"{name}.pid").write_text(str(proc.pid))
    (RUN / f"{name}.cmd").write_text(json.dumps(cmd))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (our own child that exited) counts as dead.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def wait_healthy(name: str, probe: list[str]) -> None:
    pid = int((RUN / f"{name}.pid").read_text())
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if not alive(pid):
            tail = (RUN / f"{name}.log").read_text(errors="replace")[-3000:]
            raise SystemExit(f"stack: {name} exited during start-up. Last log lines:\n{tail}")
        if in_ns(*probe, check=False).returncode == 0:
            return
        time.sleep(0.2)
    raise SystemExit(f"stack: {name} not healthy after {START_TIMEOUT:.0f} s; see {RUN}/{name}.log")


def http_probe(url: str, expect: int = 200) -> list[str]:
    code = (
        "import sys, urllib.request\n"
        f"r = urllib.request.urlopen({url!r}, timeout=2)\n"
        f"sys.exit(0 if r.status == {expect} else 1)"
    )
    return [sys.executable, "-c", code]


def tcp_probe(host: str, port: int) -> list[str]:
    """Ready when the port accepts a TCP connection (livekit-sip v1.0.0 has no health endpoint;
    it listens for SIP on UDP and TCP)."""
    code = f"import socket; socket.create_connection(({host!r}, {port}), timeout=2).close()"
    return [sys.executable, "-c", code]


def probe(name: str) -> list[str]:
    """How to tell that the service `name` answers."""
    if name == "redis":
        return ["redis-cli", "-p", str(REDIS_PORT), "ping"]
    [node] = [n for n in layout(recorded_nodes()) if name in (n.server, n.bridge)]
    if name == node.server:
        return http_probe(f"http://127.0.0.1:{node.http_port}/")
    return tcp_probe(node.ip, SIP_PORT)


def services() -> list[str]:
    """Every service of the stack as `up` recorded it, in start order."""
    nodes = layout(recorded_nodes())
    return ["redis", *(n.server for n in nodes), *(n.bridge for n in nodes)]


def recorded_nodes() -> int:
    return int(NODES_FILE.read_text()) if NODES_FILE.is_file() else 1


def up(count: int = 1) -> None:
    if os.geteuid() != 0:
        raise SystemExit("stack: needs root (it creates a network namespace); run with sudo")
    for binary in ("server", "livekit-sip"):
        if not (BIN / binary).is_file():
            raise SystemExit(f"stack: {BIN / binary} is missing; run `make stack-install`")
    try:
        nodes = layout(count)
    except ValueError as e:
        raise SystemExit(str(e)) from None
    down(quiet=True)
    RUN.mkdir(parents=True, exist_ok=True)
    NODES_FILE.write_text(str(count))
    netns_up(nodes)
    secret = secrets.token_urlsafe(32)
    (RUN / "redis.conf").write_text(redis_conf(str(RUN)))
    begin = time.monotonic()
    start("redis", "redis-server", str(RUN / "redis.conf"))
    wait_healthy("redis", probe("redis"))
    for node, kind, config in [
        *((n, "server", livekit_yaml(n, secret)) for n in nodes),
        *((n, "bridge", sip_yaml(n, secret)) for n in nodes),  # bridges once every node is up
    ]:
        name = getattr(node, kind)
        path = RUN / f"{name}.yaml"
        path.write_text(config)
        path.chmod(0o600)
        binary = BIN / ("server" if kind == "server" else "livekit-sip")
        start(name, str(binary), "--config", str(path))
        wait_healthy(name, probe(name))
    env = stack_env(nodes, secret, NETNS, EXEC)
    ENV_FILE.write_text("".join(f"{k}={shlex.quote(v)}\n" for k, v in env.items()))
    ENV_FILE.chmod(0o600)
    print(f"stack: up in {time.monotonic() - begin:.1f} s; settings in {ENV_FILE}")
    for k, v in env.items():
        print(f"  {k}={'***' if 'SECRET' in k else v}")


def stop(name: str) -> bool:
    """Stop one service (SIGTERM, SIGKILL after 10 s); False if it was not running."""
    pid_file = RUN / f"{name}.pid"
    if not pid_file.is_file():
        return False
    pid = int(pid_file.read_text())
    running = alive(pid)
    if running:
        with_group(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if alive(pid):
            with_group(pid, signal.SIGKILL)
    pid_file.unlink()
    return running


def restart(name: str) -> None:
    """Start a stopped service again with the command `up` gave it, and wait until it answers."""
    if name not in services():
        raise SystemExit(f"stack: no service {name!r}; the stack has {', '.join(services())}")
    stop(name)
    start(name, *json.loads((RUN / f"{name}.cmd").read_text()))
    wait_healthy(name, probe(name))


def down(quiet: bool = False) -> None:
    names = services() if RUN.is_dir() else []
    stopped = [name for name in reversed(names) if stop(name)]  # reverse start order
    # Anything else left inside the namespace (sipp, a worker a test did not stop) goes too.
    if NETNS in sh("ip", "netns", "list").stdout.split():
        for pid in sh("ip", "netns", "pids", NETNS, check=False).stdout.split():
            with_group(int(pid), signal.SIGKILL)
            stopped.append(f"pid {pid}")
    netns_down()
    ENV_FILE.unlink(missing_ok=True)
    NODES_FILE.unlink(missing_ok=True)
    if not quiet:
        print(f"stack: down ({', '.join(stopped) or 'nothing was running'})")


def with_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)  # each service was started in its own session
    except (ProcessLookupError, PermissionError):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def status(quiet: bool = False) -> int:
    names = services()
    running = 0
    for name in names:
        pid_file = RUN / f"{name}.pid"
        ok = pid_file.is_file() and alive(int(pid_file.read_text()))
        running += ok
        if not quiet:
            print(f"{name}: {'running' if ok else 'stopped'}")
    return 0 if running == len(names) else 1


def main() -> None:
    parser = argparse.ArgumentParser(prog="stack.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["up", "ensure", "down", "status", "stop", "start"])
    parser.add_argument("service", nargs="?", help="stop/start: redis, livekit-server-2, ...")
    parser.add_argument("--nodes", type=int, default=1, help="livekit-server nodes (up)")
    args = parser.parse_args()
    if args.command in ("stop", "start") and not args.service:
        parser.error(f"{args.command} needs a service: {', '.join(services())}")
    if args.command == "up":
        up(args.nodes)
    elif args.command == "ensure":  # up, unless it is up already (make call)
        if not ENV_FILE.is_file() or status(quiet=True) != 0:
            up(args.nodes)
    elif args.command == "down":
        down()
    elif args.command == "status":
        sys.exit(status())
    elif args.command == "stop":
        print(f"stack: {args.service} {'stopped' if stop(args.service) else 'was not running'}")
    else:
        restart(args.service)
        print(f"stack: {args.service} started")


if __name__ == "__main__":
    main()
