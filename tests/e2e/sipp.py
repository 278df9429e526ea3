"""SIP phones for the real-stack tests: sipp (Debian `sip-tester`) as a caller that rings the
agent through the SIP bridge, and as the callees the agent dials.

A scenario is built here as sipp XML from a few steps (what the phone says and when, how the
call ends), written to the test's folder and run in the background; every SIP message sent and
received is kept in a trace file for assertions. Everything runs inside the stack's network
namespace (the tests do), at PEER_IP: the bridge is at STACK_IP.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tests.e2e.sipp_run import Sipp, run_sipp

__all__ = [
    "Cue",
    "Ending",
    "Key",
    "Say",
    "Sipp",
    "Wait",
    "callee_scenario",
    "caller_scenario",
    "run_sipp",
]

HEAD = '<?xml version="1.0" encoding="ISO-8859-1" ?>\n<scenario name="{name}">\n'
SDP = """
      v=0
      o=phone 53655765 2353687637 IN IP4 [local_ip]
      s=-
      c=IN IP4 [media_ip]
      t=0 0
      m=audio [rtpstream_audio_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-16
      a=sendrecv"""
DIALOG = """      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: "{caller}" <sip:{caller}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>{to_tag}
      Call-ID: [call_id]
      CSeq: {cseq}
      Contact: <sip:{caller}@[local_ip]:[local_port]>
      Max-Forwards: 70"""
REPLY = """  <send>
    <![CDATA[
      SIP/2.0 {status}
      [last_Via:]
      [last_From:]
      [last_To:]{to_tag}
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:[service]@[local_ip]:[local_port]>
      Content-Type: application/sdp
      Content-Length: [len]
{body}
    ]]>
  </send>
"""


def _request(
    method: str,
    caller: str,
    cseq: str,
    body: str = "",
    to_tag: bool = True,
    headers: tuple[str, ...] = (),
    content_type: str = "application/sdp",
) -> str:
    dialog = DIALOG.format(caller=caller, cseq=cseq, to_tag="[peer_tag_param]" if to_tag else "")
    dialog += "".join(f"\n      {h}" for h in headers)
    kind = f"Content-Type: {content_type}\n      " if body else ""
    retrans = "" if method == "ACK" else ' retrans="500"'  # an ACK is never answered
    return (
        f"  <send{retrans}>\n    <![CDATA[\n"
        f"      {method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0\n{dialog}\n"
        f"      {kind}Content-Length: [len]\n{body}\n    ]]>\n  </send>\n"
    )


def _play(wav: Path | str, loops: int = 1) -> str:
    return f'  <nop><action><exec rtp_stream="{wav},{loops},0"/></action></nop>\n'


def _pause(seconds: float) -> str:
    return f'  <pause milliseconds="{int(seconds * 1000)}"/>\n'


@dataclass(frozen=True)
class Say:
    """The phone plays a WAV (8 kHz mu-law) that lasts `seconds`, then silence again."""

    wav: Path
    seconds: float


@dataclass(frozen=True)
class Wait:
    seconds: float


@dataclass(frozen=True)
class Key:
    """The phone keys a digit as RFC 2833 events (the pcap sipp ships for it)."""

    digit: str


@dataclass(frozen=True)
class Cue:
    """The phone waits, up to `within` s, until `until(call)` holds for the call in progress
    (tests/e2e/phones.py `PhoneCall`): what the test knows (an observer is in the room) or what
    the phone has heard by then. So the next steps wait on a fact, not on a head start."""

    until: Callable[[Any], bool]
    within: float = 60


Ending = Literal["hang_up", "await_bye", "accept_transfer"]


def caller_scenario(
    steps: list[Say | Wait | Key | Cue], silence: Path, ending: Ending, within: float = 60
) -> str:
    """An inbound call: INVITE (PCMU + telephone-event), through any number of 100/180/183 to
    the 200 OK, ACK; then silence on the line between the steps; then the phone hangs up (BYE),
    or waits up to `within` s for the far end's BYE and answers it, or for a REFER, which it
    accepts (202, NOTIFY with "SIP/2.0 200 OK", as a phone that transferred the call) before
    hanging up. At its n-th `Cue` the phone logs "waiting for cue n" (`Sipp.logs`) and waits
    for an INFO inside the call (the test's cue, sent only once that line is logged: sipp takes
    a message that comes during a pause for an unexpected one and aborts the call); it does
    not answer it (sipp would send the answer to the bridge)."""
    xml = HEAD.format(name="caller")
    sdp = SDP
    if any(isinstance(step, Key) for step in steps):
        # sipp sends a pcap's packets from its media port ([media_port], -mp); the caller's
        # voice still comes from the RTP stream's own port, which the bridge accepts.
        sdp = SDP.replace("[rtpstream_audio_port]", "[media_port]")
    xml += _request("INVITE", "+15105550123", "1 INVITE", sdp, to_tag=False)
    xml += '  <label id="1"/>\n'
    for code in (100, 180, 183):
        xml += f'  <recv response="{code}" optional="true" next="1"/>\n'
    xml += '  <recv response="200" rtd="true"/>\n'
    xml += _request("ACK", "+15105550123", "1 ACK")
    xml += _play(silence, -1)
    cues = 0
    for step in steps:
        if isinstance(step, Say):
            xml += _play(step.wav) + _pause(step.seconds) + _play(silence, -1)
        elif isinstance(step, Key):
            name = {"#": "pound", "*": "star"}.get(step.digit, step.digit)
            pcap = f"/usr/share/sip-tester/dtmf_2833_{name}.pcap"
            xml += f'  <nop><action><exec play_pcap_audio="{pcap}"/></action></nop>\n'
            xml += _pause(1.0)
        elif isinstance(step, Cue):
            cues += 1
            xml += f'  <nop><action><log message="waiting for cue {cues}"/></action></nop>\n'
            xml += f'  <recv request="INFO" timeout="{int(step.within * 1000)}"/>\n'
        else:
            xml += _pause(step.seconds)
    if ending == "accept_transfer":
        xml += f'  <recv request="REFER" timeout="{int(within * 1000)}"/>\n'
        xml += REPLY.format(status="202 Accepted", to_tag="", body="")
        event = ("Event: refer", "Subscription-State: terminated;reason=noresource")
        sipfrag = "\n      SIP/2.0 200 OK"
        xml += _request(
            "NOTIFY", "+15105550123", "2 NOTIFY", sipfrag, True, event, "message/sipfrag"
        )
        xml += '  <recv response="200"/>\n'
    if ending == "await_bye":
        xml += f'  <recv request="BYE" timeout="{int(within * 1000)}"/>\n'
        xml += REPLY.format(status="200 OK", to_tag="", body="")
    else:
        xml += _request("BYE", "+15105550123", "3 BYE")
        xml += '  <recv response="200"/>\n'
    return xml + "</scenario>\n"


# What a callee does with the INVITE the bridge sends it.
CALLEE_OUTCOMES = ("answer", "busy", "decline", "not_found", "no_answer", "answer_then_bye")
_FINAL = {"busy": "486 Busy Here", "decline": "603 Decline", "not_found": "404 Not Found"}


def callee_scenario(outcome: str, hold: float = 60, refer: bool = False) -> str:
    """A dialled phone. `answer`: 180, 200 OK (with SDP), then holds the call up to `hold` s
    until the far end's BYE (or, with `refer`, accepts a REFER first); `answer_then_bye`:
    answers and hangs up after `hold` s; `busy`/`decline`/`not_found`: 180 then 486/603/404;
    `no_answer`: rings until the bridge gives up (CANCEL -> 200, 487, ACK)."""
    xml = HEAD.format(name=f"callee-{outcome}")
    if outcome == "answer_then_bye":  # who called, for a BYE of the callee's own
        xml += (
            '  <recv request="INVITE" rrs="true"><action>\n'
            '    <ereg regexp=".*" search_in="hdr" header="From:" assign_to="caller"/>\n'
            '    <ereg regexp=".*" search_in="hdr" header="To:" assign_to="callee"/>\n'
            "  </action></recv>\n"
        )
    else:  # sipp refuses a variable that is set and never used
        xml += '  <recv request="INVITE" rrs="true"/>\n'
    xml += REPLY.format(status="180 Ringing", to_tag=";tag=[pid]SIPpTag01[call_number]", body="")
    tag = ";tag=[pid]SIPpTag01[call_number]"
    if outcome in _FINAL:
        xml += REPLY.format(status=_FINAL[outcome], to_tag=tag, body="")
        xml += '  <recv request="ACK"/>\n'
    elif outcome == "no_answer":
        xml += f'  <recv request="CANCEL" timeout="{int(hold * 1000)}"/>\n'
        xml += REPLY.format(status="200 OK", to_tag=tag, body="")
        # The 487 answers the INVITE: its Via and CSeq, not the CANCEL's.
        xml += (
            "  <send>\n    <![CDATA[\n      SIP/2.0 487 Request Terminated\n"
            "      [last_Via:]\n      [last_From:]\n"
            "      [last_To:];tag=[pid]SIPpTag01[call_number]\n"
            "      [last_Call-ID:]\n      CSeq: [cseq] INVITE\n      Content-Length: 0\n"
            "    ]]>\n  </send>\n"
        )  # the bridge may not ACK the 487: the scenario ends here
    else:
        xml += REPLY.format(status="200 OK", to_tag=tag, body=SDP)
        xml += '  <recv request="ACK" rtd="true"/>\n'
        if refer:
            xml += f'  <recv request="REFER" timeout="{int(hold * 1000)}"/>\n'
            xml += REPLY.format(status="202 Accepted", to_tag="", body="")
        if outcome == "answer_then_bye":
            xml += _pause(hold)
            xml += (
                '  <send retrans="500">\n    <![CDATA[\n'
                "      BYE [next_url] SIP/2.0\n"
                "      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]\n"
                "      From: [$callee];tag=[pid]SIPpTag01[call_number]\n"
                "      To: [$caller]\n      Call-ID: [call_id]\n      CSeq: 1 BYE\n"
                "      Max-Forwards: 70\n      Content-Length: 0\n    ]]>\n  </send>\n"
                '  <recv response="200"/>\n'
            )
        else:
            xml += f'  <recv request="BYE" timeout="{int(hold * 1000)}"/>\n'
            xml += REPLY.format(status="200 OK", to_tag="", body="")
    return xml + "</scenario>\n"
