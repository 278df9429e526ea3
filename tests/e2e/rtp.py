"""What a phone really hears: RTP captured with tcpdump inside the stack's namespace, read back
from the pcap file and decoded (PCMU to 16-bit PCM), and RFC 2833 telephone events; plus the
caller's lines as 8 kHz mu-law WAVs spoken by espeak-ng, which sipp plays as PCMU.

Standard library only (`audioop` is the G.711 codec until Python 3.13)."""

from __future__ import annotations

import audioop
import io
import ipaddress
import struct
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

PHONE_RATE = 8000
PCMU, TELEPHONE_EVENT = 0, 101
DTMF_KEYS = "0123456789*#ABCD"
LINK_HEADER = {113: 16, 276: 20, 1: 14, 0: 4, 101: 0}  # pcap link type -> header bytes


@dataclass(frozen=True)
class Packet:
    time: float  # capture time, seconds since the epoch
    src: str
    dst: str
    sport: int
    dport: int
    payload: bytes


def read_pcap(path: Path, cut: bool = False) -> list[Packet]:
    """The UDP/IPv4 packets of a tcpdump file (Linux "any" capture: SLL or SLL2 headers); a
    packet captured cut short is refused unless `cut` (headers-only captures)."""
    data = path.read_bytes()
    if len(data) < 24:
        return []
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    nano = magic in (0xA1B23C4D, 0x4D3CB2A1)
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    link_header = LINK_HEADER[linktype]
    packets, at = [], 24
    while at + 16 <= len(data):
        sec, frac, caplen, length = struct.unpack(endian + "IIII", data[at : at + 16])
        if at + 16 + caplen > len(data):  # still being written
            break
        frame = data[at + 16 : at + 16 + caplen]
        at += 16 + caplen
        ip = frame[link_header:]
        if len(ip) < 28 or ip[0] >> 4 != 4 or ip[9] != 17:  # IPv4 UDP only
            continue
        if caplen < length and not cut:  # a cut SIP message or RTP packet would be misread
            raise ValueError(f"{path}: a packet of {length} bytes was captured cut to {caplen}")
        ihl = (ip[0] & 0x0F) * 4
        sport, dport = struct.unpack("!HH", ip[ihl : ihl + 4])
        packets.append(
            Packet(
                sec + frac / (1e9 if nano else 1e6),
                ".".join(map(str, ip[12:16])),
                ".".join(map(str, ip[16:20])),
                sport,
                dport,
                ip[ihl + 8 :],
            )
        )
    return packets


def destinations(path: Path) -> set[str]:
    """Every IP destination address in the capture (IPv4 and IPv6, any protocol)."""
    data = path.read_bytes()
    if len(data) < 24:
        return set()
    endian = "<" if struct.unpack("<I", data[:4])[0] in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    skip = LINK_HEADER[struct.unpack(endian + "I", data[20:24])[0]]
    found, at = set(), 24
    while at + 16 <= len(data):
        caplen = struct.unpack(endian + "I", data[at + 8 : at + 12])[0]
        ip = data[at + 16 + skip : at + 16 + caplen]
        at += 16 + caplen
        if len(ip) >= 20 and ip[0] >> 4 == 4:
            found.add(str(ipaddress.IPv4Address(ip[16:20])))
        elif len(ip) >= 40 and ip[0] >> 4 == 6:
            found.add(str(ipaddress.IPv6Address(ip[24:40])))
    return found


@dataclass(frozen=True)
class Rtp:
    time: float
    payload_type: int
    marker: bool
    seq: int
    timestamp: int
    payload: bytes


def rtp_to(packets: list[Packet], dst: str, dport: int) -> list[Rtp]:
    """The RTP packets sent to one phone's media address, in arrival order."""
    found = []
    for p in packets:
        b = p.payload
        if p.dst != dst or p.dport != dport or len(b) < 12 or b[0] >> 6 != 2:
            continue
        skip = 12 + 4 * (b[0] & 0x0F)
        if b[0] & 0x10 and len(b) >= skip + 4:  # header extension
            skip += 4 + 4 * struct.unpack("!H", b[skip + 2 : skip + 4])[0]
        seq, ts = struct.unpack("!HI", b[2:8])
        found.append(Rtp(p.time, b[1] & 0x7F, bool(b[1] & 0x80), seq, ts, b[skip:]))
    return found


def decoded(rtp: list[Rtp]) -> bytes:
    """What the phone plays: its PCMU packets decoded to 16-bit PCM at 8 kHz, in sequence."""
    return b"".join(audioop.ulaw2lin(r.payload, 2) for r in rtp if r.payload_type == PCMU)


def first_sound(rtp: list[Rtp], threshold: int = 300) -> float | None:
    """When the first packet carrying sound (not line silence) arrived."""
    for r in rtp:
        if r.payload_type == PCMU and audioop.rms(audioop.ulaw2lin(r.payload, 2), 2) > threshold:
            return r.time
    return None


def dtmf_events(rtp: list[Rtp]) -> list[str]:
    """The keys of the RFC 2833 events received, each once (an event is repeated in several
    packets, the last ones with the end bit)."""
    keys, seen = [], set()
    for r in rtp:
        if r.payload_type != TELEPHONE_EVENT or len(r.payload) < 4:
            continue
        if r.timestamp not in seen:
            seen.add(r.timestamp)
            keys.append(DTMF_KEYS[r.payload[0]] if r.payload[0] < 16 else f"event {r.payload[0]}")
    return keys


def write_wav(path: Path, pcm: bytes, rate: int = PHONE_RATE) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)


def spoken(text: str, rate: int = PHONE_RATE) -> bytes:
    """`text` spoken by espeak-ng: 16-bit PCM at `rate`."""
    wav = subprocess.run(
        ["espeak-ng", "--stdout", "-v", "en-us"],
        input=text.encode(),
        capture_output=True,
        check=True,
    ).stdout
    with wave.open(io.BytesIO(wav)) as w:
        source, pcm = w.getframerate(), w.readframes(w.getnframes())
    return audioop.ratecv(pcm, 2, 1, source, rate, None)[0]


def phone_wav(path: Path, text: str = "", silence: float = 0.0) -> float:
    """What sipp plays as PCMU (`rtp_stream`): `text` spoken, then `silence` seconds, as raw
    8 kHz mu-law samples; its length in seconds. sipp 3.6 sends a file's bytes as they are, so
    a WAV header would be heard as a click each time the file starts (loops included)."""
    pcm = (spoken(text) if text else b"") + b"\0\0" * int(PHONE_RATE * silence)
    data = audioop.lin2ulaw(pcm, 2)
    path.write_bytes(data)
    return len(data) / PHONE_RATE
