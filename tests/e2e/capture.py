"""tcpdump as the phones' ears: every packet of the namespace written to a pcap file as it
arrives, and nothing lost at the end.

tcpdump's default capture hands packets over from the kernel in blocks, once a second; when it
is stopped, whatever it has not taken yet is thrown away (a short call, or a loaded machine
where tcpdump lags: an empty file). So it runs in immediate mode with a ring large enough for a
long lag, and a capture ends only once a marker datagram sent at its end is in the file: every
packet before it is too. A capture that failed, or whose packets the kernel dropped, says so
with tcpdump's own words."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import socket
from pathlib import Path

from tests.e2e.rtp import Packet, read_pcap

SNAPLEN = 8192  # bytes kept of each packet: any SIP message or RTP packet, whole
BUFFER_KIB = 16384  # the kernel's ring: about 2000 packets of slack while tcpdump lags
STARTS_WITHIN = 30.0  # seconds for tcpdump to say it is listening
DRAINS_WITHIN = 30.0  # seconds for the end marker to reach the file


class CaptureError(AssertionError):
    """The capture is missing packets, or never ran: the message quotes tcpdump."""


def dropped(log: str) -> int:
    """How many packets the kernel dropped, from tcpdump's closing statistics."""
    found = re.search(r"(\d+) packets? dropped by kernel", log)
    return int(found.group(1)) if found else 0


class Capture:
    """tcpdump on every interface of the namespace (`filter_`: a pcap filter; empty: all)."""

    def __init__(self, path: Path, filter_: str = ""):
        self.path = path
        self.log = ""  # what tcpdump said (its stderr), complete once the capture has ended
        self._marker = f"capture-end-{os.getpid()}-{id(self)}".encode()
        self._filter = filter_
        self._echo: socket.socket | None = None
        self._proc: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int | None:
        """tcpdump's process id while it runs."""
        return self._proc.pid if self._proc else None

    async def __aenter__(self) -> Capture:
        self._echo = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._echo.bind(("127.0.0.1", 0))
        mine = f"udp and host 127.0.0.1 and port {self._echo.getsockname()[1]}"
        filter_ = f"({self._filter}) or ({mine})" if self._filter.strip() else ""
        args = ["tcpdump", "-i", "any", "-n", "--immediate-mode", "-U"]
        args += ["-s", str(SNAPLEN), "-B", str(BUFFER_KIB), "-w", str(self.path)]
        self._proc = await asyncio.create_subprocess_exec(
            *args,
            *([filter_] if filter_ else []),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        assert self._proc.stderr is not None
        try:
            async with asyncio.timeout(STARTS_WITHIN):  # capturing once it says "listening on"
                while b"listening" not in (line := await self._proc.stderr.readline()):
                    self.log += line.decode(errors="replace")
                    if not line:
                        raise self.failed("tcpdump did not start")
        except TimeoutError:
            await self._stop()
            raise self.failed(f"tcpdump not listening after {STARTS_WITHIN:.0f} s") from None
        except BaseException:
            await self._stop()
            raise
        self.log += line.decode(errors="replace")
        return self

    async def __aexit__(self, kind, *_) -> None:
        problem = None
        try:
            if kind is None:
                problem = await self._drain()
        finally:
            await self._stop()
        if kind is None and dropped(self.log):
            problem = f"the kernel dropped {dropped(self.log)} packets"
        if problem:
            raise self.failed(problem)

    def packets(self) -> list[Packet]:
        return read_pcap(self.path)

    def failed(self, what: str) -> CaptureError:
        return CaptureError(f"capture {self.path}: {what}; tcpdump said:\n{self.log.strip()}")

    async def _drain(self) -> str | None:
        """Send the marker (again each second: a full ring drops it too) and wait until tcpdump
        has written it; what went wrong, if it did not."""
        assert self._echo is not None
        loop = asyncio.get_running_loop()
        deadline, sent_at = loop.time() + DRAINS_WITHIN, 0.0
        while not self.path.exists() or self._marker not in self.path.read_bytes():
            if self._proc is not None and self._proc.returncode is not None:
                return "tcpdump ended before the end of the capture"
            if loop.time() > deadline:
                return f"the end marker was not written in {DRAINS_WITHIN:.0f} s"
            if loop.time() - sent_at >= 1.0:
                self._echo.sendto(self._marker, self._echo.getsockname())
                sent_at = loop.time()
            await asyncio.sleep(0.05)
        return None

    async def _stop(self) -> None:
        if self._echo is not None:
            self._echo.close()
        if self._proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            self._proc.terminate()
        assert self._proc.stderr is not None
        rest = await self._proc.stderr.read()
        await self._proc.wait()
        self.log += rest.decode(errors="replace")
