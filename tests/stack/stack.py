"""The real LiveKit stack on this machine: `python tests/stack/stack.py up|down|status`.

`up` creates a private network namespace, starts Redis, livekit-server and the SIP bridge
(livekit-sip) inside it, waits until each answers, and writes `.stack/stack.env`, whose
SIP_ADDRESS is where phones send their INVITEs. `down` stops what `up` started
(pid files under .stack/run/) and removes the namespace. Standard library only: it runs before
the project's virtualenv exists.

Every packet stays on this machine: the namespace has only `lo` and a veth pair whose both ends
live inside it (STACK_IP on one end). It has no route anywhere else, so nothing, STUN included,
can leave it. Programs that talk to the stack run inside it through STACK_EXEC.
"""

from __future__ import annotations

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

# The one place the stack's network layout and ports are chosen.
NETNS = os.environ.get("STACK_NETNS", "lkstack")
STACK_IP = "10.77.0.1"  # inside the namespace only
PEER_IP = "10.77.0.2"  # the veth's other end, also inside
REDIS_PORT = 6379
HTTP_PORT = 7880  # signalling (WebSocket) and Twirp API
RTC_TCP_PORT = 7881
RTC_UDP_PORT = 7882
SIP_PORT = 5060
SIP_RTP_PORTS = "10000-10199"
API_KEY = "stackkey"
START_TIMEOUT = 30.0  # seconds each service may take to become healthy
EXEC = ["ip", "netns", "exec", NETNS]


def sh(*cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=check, text=True, capture_output=True)


def in_ns(*cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return sh(*EXEC, *cmd, check=check)


# ------------------------------------------------------------------------------- namespace
def netns_up() -> None:
    if NETNS in sh("ip", "netns", "list").stdout.split():
        return
    sh("ip", "netns", "add", NETNS)
    in_ns("ip", "link", "set", "lo", "up")
    in_ns("ip", "link", "add", "lk0", "type", "veth", "peer", "name", "lk1")
    in_ns("ip", "addr", "add", f"{STACK_IP}/24", "dev", "lk0")
    in_ns("ip", "addr", "add", f"{PEER_IP}/24", "dev", "lk1")
    in_ns("ip", "link", "set", "lk0", "up")
    in_ns("ip", "link", "set", "lk1", "up")


def netns_down() -> None:
    if NETNS in sh("ip", "netns", "list").stdout.split():
        sh("ip", "netns", "del", NETNS, check=False)


# --------------------------------------------------------------------------------- configs
def livekit_yaml(secret: str) -> str:
    config = {
        "port": HTTP_PORT,
        "bind_addresses": ["127.0.0.1", STACK_IP],
        "keys": {API_KEY: secret},
        "redis": {"address": f"127.0.0.1:{REDIS_PORT}"},
        "rtc": {
            "tcp_port": RTC_TCP_PORT,
            "udp_port": RTC_UDP_PORT,
            "use_external_ip": False,
            "stun_servers": [],
            "node_ip": STACK_IP,
            "interfaces": {"includes": ["lk0"]},
        },
        "logging": {"level": "info"},
    }
    return json.dumps(config, indent=2)  # JSON is YAML


def sip_yaml(secret: str) -> str:
    config = {
        "api_key": API_KEY,
        "api_secret": secret,
        "ws_url": f"ws://127.0.0.1:{HTTP_PORT}",
        "redis": {"address": f"127.0.0.1:{REDIS_PORT}"},
        "sip_port": SIP_PORT,
        "rtp_port": SIP_RTP_PORTS,
        "use_external_ip": False,
        "nat_1_to_1_ip": STACK_IP,
        "listen_ip": STACK_IP,
        "max_cpu_utilization": 1.0,  # 2 cores under test load: never refuse a call for CPU
        "logging": {"level": "debug"},
    }
    return json.dumps(config, indent=2)


def redis_conf() -> str:
    return "\n".join(
        [
            "bind 127.0.0.1",
            f"port {REDIS_PORT}",
            'save ""',
            "appendonly no",
            f"dir {RUN}",
            "daemonize no",
            "",
        ]
    )


def stack_env(secret: str) -> dict[str, str]:
    return {
        "LIVEKIT_URL": f"ws://127.0.0.1:{HTTP_PORT}",
        "LIVEKIT_API_KEY": API_KEY,
        "LIVEKIT_API_SECRET": secret,
        "SIP_ADDRESS": f"{STACK_IP}:{SIP_PORT}",
        "STACK_EXEC": shlex.join(EXEC),
        "STACK_IP": STACK_IP,
        "STACK_NETNS": NETNS,
        "STACK_REDIS": f"127.0.0.1:{REDIS_PORT}",
        "STACK_PEER_IP": PEER_IP,
    }


# ------------------------------------------------------------------------------- processes
def start(name: str, *cmd: str) -> None:
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


def up() -> None:
    if os.geteuid() != 0:
        raise SystemExit("stack: needs root (it creates a network namespace); run with sudo")
    for binary in ("server", "livekit-sip"):
        if not (BIN / binary).is_file():
            raise SystemExit(f"stack: {BIN / binary} is missing; run `make stack-install`")
    down(quiet=True)
    RUN.mkdir(parents=True, exist_ok=True)
    netns_up()
    secret = secrets.token_urlsafe(32)
    (RUN / "redis.conf").write_text(redis_conf())
    (RUN / "livekit.yaml").write_text(livekit_yaml(secret))
    (RUN / "sip.yaml").write_text(sip_yaml(secret))
    for f in ("livekit.yaml", "sip.yaml"):
        (RUN / f).chmod(0o600)
    begin = time.monotonic()
    start("redis", "redis-server", str(RUN / "redis.conf"))
    wait_healthy("redis", ["redis-cli", "-p", str(REDIS_PORT), "ping"])
    start("livekit-server", str(BIN / "server"), "--config", str(RUN / "livekit.yaml"))
    wait_healthy("livekit-server", http_probe(f"http://127.0.0.1:{HTTP_PORT}/"))
    start("livekit-sip", str(BIN / "livekit-sip"), "--config", str(RUN / "sip.yaml"))
    wait_healthy("livekit-sip", tcp_probe(STACK_IP, SIP_PORT))
    env = stack_env(secret)
    ENV_FILE.write_text("".join(f"{k}={shlex.quote(v)}\n" for k, v in env.items()))
    ENV_FILE.chmod(0o600)
    print(f"stack: up in {time.monotonic() - begin:.1f} s; settings in {ENV_FILE}")
    for k, v in env.items():
        print(f"  {k}={'***' if 'SECRET' in k else v}")


def down(quiet: bool = False) -> None:
    stopped = []
    for name in ("livekit-sip", "livekit-server", "redis"):  # reverse start order
        pid_file = RUN / f"{name}.pid"
        if not pid_file.is_file():
            continue
        pid = int(pid_file.read_text())
        if alive(pid):
            with_group(pid, signal.SIGTERM)
            deadline = time.monotonic() + 10
            while alive(pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            if alive(pid):
                with_group(pid, signal.SIGKILL)
            stopped.append(name)
        pid_file.unlink()
    # Anything else left inside the namespace (sipp, a worker a test did not stop) goes too.
    if NETNS in sh("ip", "netns", "list").stdout.split():
        for pid in sh("ip", "netns", "pids", NETNS, check=False).stdout.split():
            with_group(int(pid), signal.SIGKILL)
            stopped.append(f"pid {pid}")
    netns_down()
    ENV_FILE.unlink(missing_ok=True)
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
    running = 0
    for name in ("redis", "livekit-server", "livekit-sip"):
        pid_file = RUN / f"{name}.pid"
        ok = pid_file.is_file() and alive(int(pid_file.read_text()))
        running += ok
        if not quiet:
            print(f"{name}: {'running' if ok else 'stopped'}")
    return 0 if running == 3 else 1


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "up":
        up()
    elif command == "ensure":  # up, unless it is up already (make call)
        if not ENV_FILE.is_file() or status(quiet=True) != 0:
            up()
    elif command == "down":
        down()
    elif command == "status":
        sys.exit(status())
    else:
        sys.exit("usage: stack.py up|ensure|down|status")
