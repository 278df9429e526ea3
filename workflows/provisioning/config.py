"""What provisioning is told: the YAML description and the settings from the environment.

Read by `workflows/provision.py` (the command) and used by `resources.py` beside it (the
requests built from them); this module imports neither, so the two import one way.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from pydantic import Field

from prompts.schema import PromptError, Strict, load_file
from workflows.call.phone import InvalidNumber, parse_phone_number
from workflows.call.settings import Settings

EXAMPLE = "write it in E.164 form, e.g. +14155550100"


class ProvisionError(Exception):
    """A failure whose message says what to fix; `exit_code` 2 means nothing was sent."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# --------------------------------------------------------------------- the YAML description
class InboundTrunkSpec(Strict):
    name: str = Field(min_length=1)
    krisp_enabled: bool = False
    # Seconds a caller hears ringing while no agent takes the call; then the bridge hangs up
    # with 486 Busy Here. LiveKit's own default is 3 minutes.
    ringing_timeout: int = Field(default=30, ge=5, le=180)


class DispatchRuleSpec(Strict):
    name: str = Field(min_length=1)
    room_prefix: str = Field(pattern=r"^[A-Za-z0-9_.-]*$")


class OutboundTrunkSpec(Strict):
    create: bool = False
    name: str = Field(min_length=1)


class Description(Strict):
    inbound_trunk: InboundTrunkSpec
    dispatch_rule: DispatchRuleSpec
    outbound_trunk: OutboundTrunkSpec


def load_description(path: Path) -> Description:
    """Read the YAML description, or raise ProvisionError naming the file, line and key."""
    if not path.is_file():
        raise ProvisionError(f"{path}: no such provisioning description (see --config)", 2)
    try:
        return load_file(path, Description)  # type: ignore[arg-type, return-value]
    except PromptError as e:
        raise ProvisionError(str(e), 2) from None


# ---------------------------------------------------------------------------------- settings
@dataclass(frozen=True)
class ProvisionSettings:
    """What provisioning reads from the environment, once, in `from_env`."""

    livekit_url: str | None
    livekit_api_key: str | None
    livekit_api_secret: str | None = field(repr=False)  # never printed
    agent_name: str  # the name the worker registers with (workflows/main.py)
    inbound_number: str  # E.164: the number callers dial
    sip_trunk_id: str | None  # to tell whether .env already names the outbound trunk
    outbound_address: str | None
    outbound_number: str | None  # E.164
    outbound_username: str | None
    outbound_password: str | None = field(repr=False)  # never printed

    @classmethod
    def from_env(cls, env: Mapping[str, str], *, online: bool, outbound: bool) -> Self:
        """Name every missing setting at once; turn phone numbers into E.164."""

        def get(name: str) -> str | None:
            return (env.get(name) or "").strip() or None

        needed = ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"] if online else []
        needed.append("SIP_INBOUND_NUMBER")
        if outbound:
            needed += ["SIP_OUTBOUND_ADDRESS", "SIP_OUTBOUND_NUMBER"]
            if get("SIP_OUTBOUND_USERNAME") or get("SIP_OUTBOUND_PASSWORD"):
                needed += ["SIP_OUTBOUND_USERNAME", "SIP_OUTBOUND_PASSWORD"]
        if missing := [name for name in needed if not get(name)]:
            s = "s" if len(missing) > 1 else ""
            msg = f"missing setting{s}: {', '.join(missing)}. Set them in .env (see .env.example)."
            raise ProvisionError(msg, 2)
        url = get("LIVEKIT_URL")
        if online:
            _check_url(str(url))
        region = (get("SIP_DEFAULT_REGION") or "US").upper()
        return cls(
            livekit_url=url,
            livekit_api_key=get("LIVEKIT_API_KEY"),
            livekit_api_secret=get("LIVEKIT_API_SECRET"),
            agent_name=get("AGENT_NAME") or Settings.agent_name,
            inbound_number=_setting_number("SIP_INBOUND_NUMBER", get("SIP_INBOUND_NUMBER"), region),
            sip_trunk_id=get("SIP_TRUNK_ID"),
            outbound_address=get("SIP_OUTBOUND_ADDRESS"),
            outbound_number=(
                _setting_number("SIP_OUTBOUND_NUMBER", get("SIP_OUTBOUND_NUMBER"), region)
                if outbound
                else None
            ),
            outbound_username=get("SIP_OUTBOUND_USERNAME"),
            outbound_password=get("SIP_OUTBOUND_PASSWORD"),
        )


def _check_url(url: str) -> None:
    """Refuse a LIVEKIT_URL nothing could be sent to, before anything is; a password in it
    is never repeated."""
    if "@" in url:  # user:password@host; a password may hold '/' or ':', so no parsing
        raise ProvisionError(
            f"LIVEKIT_URL {re.sub(r'//.*@', '//***@', url)!r} must not hold a user name or "
            "password: put the key and secret in LIVEKIT_API_KEY and LIVEKIT_API_SECRET",
            2,
        )
    example = "; it looks like wss://your-project.livekit.cloud"
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number in range raises here
    except ValueError as e:
        raise ProvisionError(f"LIVEKIT_URL {url!r} is not a valid URL ({e}){example}", 2) from None
    if parts.scheme not in ("wss", "https", "ws", "http"):
        raise ProvisionError(f"LIVEKIT_URL must start with wss:// or https://, not {url!r}", 2)
    if not parts.hostname:
        raise ProvisionError(f"LIVEKIT_URL {url!r} has no host name{example}", 2)
    if any(c.isspace() or not c.isprintable() for c in url):
        raise ProvisionError(f"LIVEKIT_URL {url!r} has a space or control character in it", 2)


def _setting_number(name: str, text: str | None, region: str) -> str:
    try:
        number = parse_phone_number(text or "", region)
    except InvalidNumber as e:
        raise ProvisionError(f"{name} {text!r} is not usable: {e.reason}; {EXAMPLE}", 2) from None
    if number.extension:
        raise ProvisionError(f"{name} {text!r} is not usable: it has an extension; {EXAMPLE}", 2)
    return number.e164
