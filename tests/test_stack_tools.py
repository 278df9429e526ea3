"""The real-stack test tools that judge a run without the stack: the packet-leak check of
`make e2e` (tests/e2e/leaks.py) and the RTP reading behind "what the phone heard"."""

from __future__ import annotations

import struct

from tests.e2e import rtp
from tests.e2e.leaks import main, outside


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
