"""Running sipp: one process per call, in the background, with its SIP message trace kept for
assertions (the scenarios are built in tests/e2e/sipp.py)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import random
import re
import signal
import socket
import struct
from dataclasses import dataclass, field
from pathlib import Path

# sipp's own UDP ports (SIP, control, media and the RTP stream's beside it), below the kernel's
# ephemeral range (32768-60999): there, the agents' WebRTC sockets in the namespace took ports
# a moment after a TCP check found them free, and 3 of 30 phones of a burst died binding
# (sipp exit status 254). Each phone gets a block of 8 ports, each port checked free on UDP.
SIPP_PORTS = range(20000, 32000, 8)
_blocks = itertools.cycle(random.sample(list(SIPP_PORTS), len(SIPP_PORTS)))


def sipp_ports(ip: str) -> int:
    """The first port of a block of 8 that are free on UDP at `ip` and on loopback now."""
    for _ in range(len(SIPP_PORTS)):
        first = next(_blocks)
        if all(
            _udp_free(host, port) for host in (ip, "127.0.0.1") for port in range(first, first + 8)
        ):
            return first
    raise RuntimeError(f"no free block of 8 UDP ports in {SIPP_PORTS} at {ip}")


def _udp_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


@dataclass
class Sipp:
    """One sipp process (one call), its SIP message trace and its exit status."""

    name: str
    proc: asyncio.subprocess.Process
    trace: Path
    port: int
    output: list[str] = field(default_factory=list)

    def logs(self) -> str:
        """What the scenario's `log` actions wrote (sipp writes them as they run)."""
        logs = self.trace.with_name(f"{self.name}.logs.log")
        return logs.read_text(errors="replace") if logs.exists() else ""

    def errors(self) -> str:
        """What sipp printed on stderr (why it could not run its scenario, say)."""
        errors = self.trace.with_name(f"{self.name}.stderr.log")
        return errors.read_text(errors="replace") if errors.exists() else ""

    def messages(self) -> str:
        return self.trace.read_text(errors="replace") if self.trace.exists() else ""

    def received(self, start_line: str = "") -> list[str]:
        """The SIP messages this phone received whose first line starts with `start_line`
        (e.g. "BYE", "SIP/2.0 200", "REFER"), in order."""
        return [
            m for way, m in self.trace_messages() if way == "received" and m.startswith(start_line)
        ]

    def trace_messages(self) -> list[tuple[str, str]]:
        """("sent" | "received", message) for each SIP message in sipp's trace, in order."""
        found = []
        for block in re.split(r"\n-{10,}[^\n]*\n", "\n" + self.messages()):
            head, _, message = block.strip().partition("\n")
            way = (
                "received"
                if "message received" in head
                else "sent"
                if "message sent" in head
                else ""
            )
            if way:
                found.append((way, message.strip()))
        return found

    async def finished(self, timeout: float) -> int:
        """Wait for sipp to end its call; its exit status (0: the scenario ran to its end)."""
        await asyncio.wait_for(self.proc.wait(), timeout)
        return self.proc.returncode or 0

    async def listening(self, ip: str, timeout: float = 60) -> None:
        """Wait until sipp has bound its SIP port at `ip` (a callee the bridge is about to ring),
        whatever the load: a fact, not a head start."""
        local = f"{struct.unpack('=I', socket.inet_aton(ip))[0]:08X}:{self.port:04X}"
        try:
            async with asyncio.timeout(timeout):
                while not any(
                    line.split()[1] == local
                    for line in Path("/proc/net/udp").read_text().splitlines()[1:]
                ):
                    if self.proc.returncode is not None:
                        raise AssertionError(
                            f"sipp {self.name} ended (status {self.proc.returncode}) before "
                            f"listening at {ip}:{self.port}: {self.errors()[-2000:]}"
                        )
                    await asyncio.sleep(0.05)
        except TimeoutError:
            raise AssertionError(
                f"sipp {self.name} not listening at {ip}:{self.port} after {timeout} s"
            ) from None

    async def stop(self) -> None:
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        await self.proc.wait()


async def run_sipp(
    folder: Path,
    name: str,
    scenario: str,
    *,
    ip: str,
    target: str | None = None,
    service: str = "phone",
    port: int | None = None,
    echo: bool = False,
) -> Sipp:
    """Start sipp with `scenario` at `ip`: a caller (one call to `target`, the bridge) or, with
    no target, a callee waiting for one INVITE on `port`."""
    folder.mkdir(parents=True, exist_ok=True)
    xml = folder / f"{name}.xml"
    xml.write_text(scenario)
    trace = folder / f"{name}.messages.log"
    ports = sipp_ports(ip)  # SIP (unless given), control, media + the RTP stream's
    port = port or ports
    args = [
        "sipp",
        *([target] if target else []),
        "-sf",
        str(xml),
        "-i",
        ip,
        "-mi",
        ip,
        "-p",
        str(port),
        "-s",
        service,
        "-m",
        "1",
        "-nostdin",
        "-trace_msg",
        "-message_file",
        str(trace),
        "-trace_logs",
        "-log_file",
        str(folder / f"{name}.logs.log"),
        "-cp",
        str(ports + 1),
        "-timeout",
        "180",
        "-timeout_error",
        "-max_recv_loops",
        "1000",
        "-mp",
        str(ports + 4),
    ]
    if echo:
        args.append("-rtp_echo")
    with (folder / f"{name}.stderr.log").open("wb") as errors:
        proc = await asyncio.create_subprocess_exec(
            *args,
            cwd=folder,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
    sipp = Sipp(name, proc, trace, port)
    if target is None:  # a callee: the bridge's INVITE must find it there
        await sipp.listening(ip)
    return sipp
