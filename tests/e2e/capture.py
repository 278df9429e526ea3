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
        self._echo = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._echo.bind(("127.0.0.1", 0))
        port = self._echo.getsockname()[1]
        mine = f"udp and host 127.0.0.1 and port {port}"
        self._filter = f"({filter_}) or ({mine})" if filter_.strip() else ""
        self._proc: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> Capture:
        args = ["tcpdump", "-i", "any", "-n", "--immediate-mode", "-U"]
        args += ["-s", str(SNAPLEN), "-B", str(BUFFER_KIB), "-w", str(self.path)]
        self._proc = await asyncio.create_subprocess_exec(
            *args,
            *([self._filter] if self._filter else []),
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
        except BaseException:
            await self._stop()
            raise
        return self

    async def __aexit__(self, kind, *_) -> None:
        try:
            if kind is None:
                await self._drain()
        finally:
            await self._stop()
        if kind is None and dropped(self.log):
            raise self.failed(f"the kernel dropped {dropped(self.log)} packets")

    def packets(self) -> list[Packet]:
        return read_pcap(self.path)

    def failed(self, what: str) -> CaptureError:
        return CaptureError(f"capture {self.path}: {what}; tcpdump said:\n{self.log.strip()}")

    async def _drain(self) -> None:
        """Send the marker and wait until tcpdump has written it."""
        self._echo.sendto(self._marker, self._echo.getsockname())
        try:
            async with asyncio.timeout(DRAINS_WITHIN):
                while self._marker not in self.path.read_bytes():
                    if self._proc is not None and self._proc.returncode is not None:
                        raise self.failed("tcpdump ended before the end of the capture")
                    await asyncio.sleep(0.05)
        except TimeoutError:
            raise self.failed(f"the end marker was not written in {DRAINS_WITHIN:.0f} s") from None

    async def _stop(self) -> None:
        self._echo.close()
        if self._proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            self._proc.terminate()
        assert self._proc.stderr is not None
        rest = await self._proc.stderr.read()
        await self._proc.wait()
        self.log += rest.decode(errors="replace")
