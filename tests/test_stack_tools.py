"""The real-stack test tools that judge a run without the stack: the packet-leak check of
`make e2e` (tests/e2e/leaks.py), the RTP reading behind "what the phone heard", and the
captures it is read from (tcpdump on loopback, as root)."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import struct

import pytest

from tests.e2e import capture as capture_module
from tests.e2e import rtp
from tests.e2e.capture import Capture, CaptureError, dropped
from tests.e2e.leaks import main, outside
from tests.e2e.phones import PhoneCall
from tests.e2e.sipp_run import Sipp


def pcap(path, *packets: tuple[str, str, int, bytes]) -> None:
    """A Linux "any" capture (SLL2 headers) of IPv4 UDP packets (src, dst, dport, payload)."""
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 276)
    for n, (src, dst, dport, payload) in enumerate(packets):
        udp = struct.pack("!HHHH", 4000, dport, 8 + len(payload), 0) + payload
        addresses = bytes(map(int, src.split("."))) + bytes(map(int, dst.split(".")))
        ip = struct.pack("!BBHHHBBH", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0) + addresses
        frame = b"\0" * 20 + ip + udp
        out += struct.pack("<IIII", 100 + n, 0, len(frame), len(frame)) + frame
    path.write_bytes(out)


def test_only_addresses_inside_the_namespace_pass():
    assert outside({"127.0.0.1", "10.77.0.2", "::1", "fe80::1", "ff02::16", "224.0.0.22"}) == set()
    assert outside({"10.77.0.1", "10.77.1.1", "8.8.8.8", "2001:db8::1", "239.1.1.1"}) == {
        "10.77.1.1",
        "8.8.8.8",
        "2001:db8::1",
        "239.1.1.1",  # multicast beyond the link
    }


def test_a_capture_with_a_packet_to_the_outside_fails(tmp_path, capsys):
    inside, leaked = tmp_path / "inside.pcap", tmp_path / "leaked.pcap"
    pcap(inside, ("10.77.0.2", "10.77.0.1", 5060, b"INVITE"))
    pcap(
        leaked,
        ("10.77.0.2", "10.77.0.1", 5060, b"INVITE"),
        ("10.77.0.1", "74.125.0.1", 19302, b"stun"),
    )
    assert main(inside) == 0
    assert main(leaked) == 1 and "74.125.0.1" in capsys.readouterr().err
    empty = tmp_path / "empty.pcap"
    empty.write_bytes(b"")
    assert main(empty) == 1  # no capture is not a pass


def test_rtp_to_a_phone_is_decoded_in_order_and_keys_are_read_once(tmp_path):
    def packet(seq: int, pt: int, payload: bytes, marker: bool = False, ts: int = 0) -> bytes:
        header = struct.pack("!BBHII", 0x80, pt | (0x80 if marker else 0), seq, ts or seq * 160, 7)
        return header + payload

    silence, loud = b"\xff" * 160, b"\x00" * 160  # mu-law: 0 and full scale
    # One key: its packets share a timestamp, the last ones carry the end bit.
    key = [
        packet(9, 101, bytes([5, 0x0A, 0, 160]), True, ts=1440),
        packet(10, 101, bytes([5, 0x8A, 1, 64]), ts=1440),
    ]
    path = tmp_path / "phone.pcap"
    pcap(path, *[("10.77.0.1", "10.77.0.2", 40000, p)
                 for p in [packet(1, 0, silence), packet(2, 0, loud), *key]])  # fmt: skip
    packets = rtp.rtp_to(rtp.read_pcap(path), "10.77.0.2", 40000)
    assert [r.payload_type for r in packets] == [0, 0, 101, 101]
    assert rtp.decoded(packets)[:4] == b"\0\0\0\0" and len(rtp.decoded(packets)) == 640
    assert rtp.first_sound(packets) == packets[1].time
    assert rtp.dtmf_events(packets) == ["5"]


def test_a_cut_packet_is_refused_and_a_record_still_being_written_is_left_for_later(tmp_path):
    path = tmp_path / "cut.pcap"
    pcap(path, ("10.77.0.2", "10.77.0.1", 5060, b"INVITE sip:x SIP/2.0"))
    whole = path.read_bytes()
    path.write_bytes(whole[:-3])  # tcpdump has not written the packet's end yet
    assert rtp.read_pcap(path) == []
    header = struct.unpack("<IIII", whole[24:40])
    path.write_bytes(whole[:24] + struct.pack("<IIII", *header[:3], header[3] + 100) + whole[40:])
    with pytest.raises(ValueError, match="cut"):
        rtp.read_pcap(path)


def test_the_kernels_drops_are_read_from_tcpdumps_closing_words():
    closing = "5 packets captured\n9 packets received by filter\n4 packets dropped by kernel\n"
    assert dropped(closing) == 4
    assert dropped(closing.replace("4 packets dropped", "0 packets dropped")) == 0


def test_a_call_whose_capture_lacks_its_sip_says_so_with_tcpdumps_words(tmp_path):
    capture = Capture(tmp_path / "caller.pcap")
    capture.log = "tcpdump: listening on any\n0 packets captured\n"
    sipp = Sipp("caller", None, tmp_path / "caller.messages.log", 5999)
    call = PhoneCall(sipp, capture, "10.77.0.2")
    with pytest.raises(CaptureError, match="(?s)no 'INVITE' from the phone.*0 packets captured"):
        _ = call.media_port


needs_tcpdump = pytest.mark.skipif(
    shutil.which("tcpdump") is None or os.geteuid() != 0, reason="needs tcpdump, as root"
)


@needs_tcpdump
async def test_a_capture_holds_every_packet_sent_before_it_ended_even_when_tcpdump_lagged(
    tmp_path,
):
    """tcpdump stopped (a loaded machine) while a short burst goes by: the capture waits for
    it to catch up; before, tcpdump dropped what it had not taken (an empty pcap)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sink:
        sink.bind(("127.0.0.1", 0))
        port = sink.getsockname()[1]
        async with Capture(tmp_path / "burst.pcap", f"udp and dst port {port}") as capture:
            os.kill(capture.pid, signal.SIGSTOP)
            # It resumes only once the capture is ending.
            asyncio.get_running_loop().call_later(1.0, os.kill, capture.pid, signal.SIGCONT)
            for n in range(300):
                sink.sendto(b"%d" % n, ("127.0.0.1", port))
    sent = [p.payload for p in capture.packets() if p.dport == port]
    assert sent == [b"%d" % n for n in range(300)]


@needs_tcpdump
async def test_a_capture_that_cannot_start_says_why_in_tcpdumps_words(tmp_path):
    with pytest.raises(CaptureError, match="did not start(?s:.*)syntax error"):
        async with Capture(tmp_path / "bad.pcap", "udp and and"):
            pass


@needs_tcpdump
async def test_a_capture_the_kernel_dropped_packets_of_fails(tmp_path, monkeypatch):
    monkeypatch.setattr(capture_module, "BUFFER_KIB", 64)  # room for a few packets only
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sink:
        sink.bind(("127.0.0.1", 0))
        port = sink.getsockname()[1]
        with pytest.raises(CaptureError, match="(?s)dropped.*packets dropped by kernel"):
            async with Capture(tmp_path / "lost.pcap", f"udp and dst port {port}") as capture:
                os.kill(capture.pid, signal.SIGSTOP)
                for n in range(300):
                    sink.sendto(b"%d" % n, ("127.0.0.1", port))
                os.kill(capture.pid, signal.SIGCONT)
