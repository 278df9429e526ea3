"""Set up LiveKit telephony for this agent: `python -m workflows.provision`.

Creates or updates, found by name: an inbound trunk for SIP_INBOUND_NUMBER, a dispatch rule
that puts each caller in a new room and dispatches the worker by AGENT_NAME, and (if
`workflows/provisioning/provision.yaml` asks) the outbound trunk whose ID goes into
SIP_TRUNK_ID. A second run changes nothing; a changed setting updates the existing resource
in place. The resources as data: `workflows/provisioning/`.

    python -m workflows.provision                 # apply
    python -m workflows.provision --dry-run       # read LiveKit, print the requests, send none
    python -m workflows.provision --export DIR    # offline: JSON files for `lk sip ... create`

Exit codes: 0 done, 1 LiveKit refused or could not be reached, 2 fix a setting or the YAML
(nothing was sent). Secrets are never printed; the SIP password is shown as "***".
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
from collections.abc import Awaitable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
from livekit import api
from livekit.protocol import sip

from workflows.call.env import SettingsError, load_env_file
from workflows.provisioning.config import (
    Description,
    ProvisionError,
    ProvisionSettings,
    load_description,
)
from workflows.provisioning.resources import (
    INBOUND,
    OUTBOUND,
    REDACTED,
    RULE,
    Change,
    Kind,
    desired_inbound,
    desired_outbound,
    desired_rule,
    export,
    plan,
    to_json,
)

DEFAULT_CONFIG = Path(__file__).parent / "provisioning" / "provision.yaml"
NEW_TRUNK_ID = "<new inbound trunk ID>"  # dry run only: the ID exists once the trunk does
T = TypeVar("T")


# ---------------------------------------------------------------------------- LiveKit I/O
class LiveKit:
    """The `livekit.api` client with every call bounded and every failure explained."""

    def __init__(self, client: api.LiveKitAPI, url: str, timeout: float) -> None:
        self._sip, self._url, self._timeout = client.sip, url, timeout

    async def list(self, kind: Kind) -> list[Any]:
        request = getattr(sip, f"List{kind.proto}Request")()
        call = getattr(self._sip, f"list_{kind.method}")(request)
        return list((await self._call(f"listing {kind.label}s", call)).items)

    async def apply(self, change: Change) -> str:
        """Send the change's create or update request; return the resource's ID."""
        request: Any = change.request
        if change.action == "create":
            call = getattr(self._sip, f"create_{change.kind.method}")(request)
        else:  # the client sends Update...Request(id, replace=...), exactly as `plan` built it
            call = getattr(self._sip, f"update_{change.kind.method}")(
                change.resource_id, request.replace
            )
        info = await self._call(
            f"{change.action[:-1]}ing {change.kind.label} '{change.name}'", call
        )
        return getattr(info, change.kind.id_field)

    async def _call(self, what: str, call: Awaitable[T]) -> T:
        try:
            return await asyncio.wait_for(call, self._timeout)  # the client's timeout is not
        except api.TwirpError as e:  # applied to most calls
            if e.status in (401, 403) or e.code in ("unauthenticated", "permission_denied"):
                raise ProvisionError(
                    f"LiveKit rejected the API key or secret (HTTP {e.status}) while {what}. "
                    "Check LIVEKIT_API_KEY and LIVEKIT_API_SECRET: a key pair of the project at "
                    "LIVEKIT_URL, with SIP admin permission."
                ) from None
            if "Conflicting inbound SIP Trunks" in e.message:
                raise _Conflict(re.findall(r'"(ST_\w+)"', e.message)) from None
            msg = f"LiveKit refused {what}: {e.message or e.code} ({e.code}, HTTP {e.status})"
            raise ProvisionError(msg) from None
        except TimeoutError:
            msg = f"no answer from LiveKit at {self._url} within {self._timeout:g} s while {what}"
            raise ProvisionError(f"{msg}. Check LIVEKIT_URL.") from None
        except (aiohttp.ClientError, OSError) as e:
            refused = isinstance(getattr(e, "os_error", e), ConnectionRefusedError)
            reason = "connection refused" if refused else f"{type(e).__name__}: {e}"
            raise ProvisionError(
                f"cannot reach LiveKit at {self._url} ({reason}). "
                "Check LIVEKIT_URL and that the server is running."
            ) from None


class _Conflict(Exception):
    """livekit-server refused an inbound trunk: its number belongs to another trunk."""

    def __init__(self, trunk_ids: list[str]) -> None:
        super().__init__(trunk_ids)
        self.trunk_ids = trunk_ids


def _claimed(number: str, trunk_id: str, name: str, config: Path) -> ProvisionError:
    named = f" ('{name}')" if name else ""
    return ProvisionError(
        f"SIP_INBOUND_NUMBER {number} is already claimed by inbound trunk {trunk_id}{named}. "
        f"Remove the number from that trunk, delete it (lk sip inbound delete {trunk_id}), or "
        f"set inbound_trunk.name in {config} to that trunk's name to manage it from here."
    )


def _find(kind: Kind, items: list[Any], name: str) -> Any | None:
    """The resource with this name; more than one is an error, never a guess."""
    found = [item for item in items if item.name == name]
    if len(found) > 1:
        ids = ", ".join(getattr(item, kind.id_field) for item in found)
        raise ProvisionError(
            f"{len(found)} {kind.label}s are named '{name}' ({ids}): delete the extra ones "
            f"(lk sip {kind.label.split()[0]} delete <ID>) and run this again."
        )
    return found[0] if found else None


async def provision(
    s: ProvisionSettings, d: Description, lk: LiveKit, *, dry_run: bool, config: Path
) -> list[Change]:
    """Bring LiveKit in line with the settings and description; print and return each change."""
    trunks = await lk.list(INBOUND)
    trunk = _find(INBOUND, trunks, d.inbound_trunk.name)
    own_id = trunk.sip_trunk_id if trunk else None
    for other in trunks:  # livekit-server refuses a number that two trunks share
        numbers = {re.sub(r"[^\d+]", "", n) for n in other.numbers}
        if other.sip_trunk_id != own_id and not other.allowed_numbers:
            if s.inbound_number in numbers:
                raise _claimed(s.inbound_number, other.sip_trunk_id, other.name, config)
    changes = [plan(INBOUND, desired_inbound(s, d), trunk)]
    try:
        trunk_id = await _apply(lk, changes[0], dry_run) or NEW_TRUNK_ID
    except _Conflict as e:  # claimed between our list and create: the server's word
        others = [i for i in e.trunk_ids if i != own_id] or ["(unknown)"]
        raise _claimed(s.inbound_number, others[-1], "", config) from None
    rule = _find(RULE, await lk.list(RULE), d.dispatch_rule.name)
    changes.append(plan(RULE, desired_rule(s, d, trunk_id), rule))
    await _apply(lk, changes[-1], dry_run)
    if d.outbound_trunk.create:
        outbound = _find(OUTBOUND, await lk.list(OUTBOUND), d.outbound_trunk.name)
        changes.append(plan(OUTBOUND, desired_outbound(s, d), outbound))
        await _apply(lk, changes[-1], dry_run)
    return changes


async def _apply(lk: LiveKit, change: Change, dry_run: bool) -> str | None:
    """Send the change's request, or in a dry run print it; then print the change's summary."""
    if change.request is not None and dry_run:
        print(change.summary(dry_run=True))
        print(f"POST /twirp/livekit.SIP/{type(change.request).__name__.removesuffix('Request')}")
        print(to_json(change.request))
        return change.resource_id
    if change.request is not None:
        change.resource_id = await lk.apply(change)
    print(change.summary())
    return change.resource_id


def next_steps(s: ProvisionSettings, changes: list[Change], room_prefix: str) -> str:
    """What to do once LiveKit is provisioned, numbered."""
    todo = []
    outbound = next((change for change in changes if change.kind is OUTBOUND), None)
    if outbound is None and not s.sip_trunk_id:
        todo.append(
            "`dev` needs SIP_TRUNK_ID for dial-out: set outbound_trunk.create: true in the "
            "description and run this again, put an existing outbound trunk's ID in "
            "SIP_TRUNK_ID, or set TELEPHONY=simulated to take calls without real dial-out."
        )
    elif outbound is not None and outbound.resource_id != s.sip_trunk_id:
        todo.append(f"Put SIP_TRUNK_ID={outbound.resource_id} in .env so the host can dial out.")
    todo.append("Start the worker: python -m workflows.main dev")
    todo.append(
        f"Call {s.inbound_number}: each call gets a new room ({room_prefix}...) and the "
        f"agent '{s.agent_name}' answers."
    )
    return "\n".join(f"  {n}. {line}" for n, line in enumerate(todo, 1))


# ------------------------------------------------------------------------------------ CLI
def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m workflows.provision",
        description="Create or update this agent's LiveKit inbound trunk, dispatch rule and "
        "(optionally) outbound trunk. Safe to run again: resources are found by name.",
        epilog="Settings (environment or .env): LIVEKIT_URL, LIVEKIT_API_KEY, "
        "LIVEKIT_API_SECRET, SIP_INBOUND_NUMBER, AGENT_NAME, SIP_OUTBOUND_ADDRESS, "
        "SIP_OUTBOUND_NUMBER, SIP_OUTBOUND_USERNAME, SIP_OUTBOUND_PASSWORD.",
    )
    add = parser.add_argument
    add("--config", type=Path, default=DEFAULT_CONFIG, help="YAML description of the resources")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--dry-run", action="store_true", help="read LiveKit, print the requests, send none"
    )
    mode.add_argument(
        "--export", type=Path, metavar="DIR", help="offline: write JSON files for `lk sip`"
    )
    add("--timeout", type=float, default=10.0, help="seconds per LiveKit call (default 10)")
    return parser.parse_args(argv)


async def run(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """The command. Returns the exit code; results go to stdout, errors to stderr."""
    args = parse_args(argv)
    try:
        description = load_description(args.config)
        settings = ProvisionSettings.from_env(
            os.environ if env is None else env,
            online=args.export is None,
            outbound=description.outbound_trunk.create,
        )
        if args.export is not None:
            commands = export(settings, description, args.export)
            print(f"Wrote {len(commands)} files. Create the resources with the lk CLI, in this")
            print("order (the first command prints the inbound trunk ID the second needs):")
            print("\n".join(commands))
            if settings.outbound_password:
                print(f'The SIP password is written as "{REDACTED}"; --auth-pass sends yours.')
            print("Running these twice makes duplicates; this command updates in place.")
            return 0
        if args.dry_run:
            print("Dry run: LiveKit is only read. Each request below is what a real run sends.")
        url, key, secret = (
            settings.livekit_url,
            settings.livekit_api_key,
            settings.livekit_api_secret,
        )
        async with api.LiveKitAPI(url, key, secret) as client:
            lk = LiveKit(client, str(url), args.timeout)
            changes = await provision(
                settings, description, lk, dry_run=args.dry_run, config=args.config
            )
    except ProvisionError as e:
        print(f"provision: {e}", file=sys.stderr)
        return e.exit_code
    unchanged = all(change.action == "unchanged" for change in changes)
    if args.dry_run:
        if settings.outbound_password and any(s.kind is OUTBOUND and s.request for s in changes):
            print(
                f'auth_password is shown as "{REDACTED}"; a real run sends SIP_OUTBOUND_PASSWORD.'
            )
        if changes[0].action == "create":
            print(f'"{NEW_TRUNK_ID}" stands for the ID the new inbound trunk gets.')
        print(("Nothing to change. " if unchanged else "") + "Dry run: nothing was sent.")
        return 0
    if unchanged:
        print("Nothing changed: LiveKit already matches your settings.")
    print("Next:\n" + next_steps(settings, changes, description.dispatch_rule.room_prefix))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        load_env_file()  # ./.env or ENV_FILE, like the worker; never a parent folder's
    except SettingsError as e:
        print(f"provision: {e}", file=sys.stderr)
        return 2
    return asyncio.run(run(argv))


if __name__ == "__main__":
    sys.exit(main())
