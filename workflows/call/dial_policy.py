"""The dial policy: which numbers the host may call, and how often (toll-fraud protection).

Every number the model passes is untrusted: a caller can talk a model into dialling a premium
line. `check()` applies `dial_policy.yaml` (beside this module; path in `DIAL_POLICY_FILE`)
before a number is read back and again before it is dialled, and names the rule that refused it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Annotated, Literal

import phonenumbers
from phonenumbers import PhoneNumberType
from pydantic import AfterValidator, Field

from prompts.schema import Strict
from workflows.call.phone import E164, InvalidNumber, PhoneNumber, parse_phone_number

NumberType = Literal[
    "FIXED_LINE",
    "MOBILE",
    "FIXED_LINE_OR_MOBILE",
    "TOLL_FREE",
    "PREMIUM_RATE",
    "SHARED_COST",
    "VOIP",
    "PERSONAL_NUMBER",
    "PAGER",
    "UAN",
    "VOICEMAIL",
    "UNKNOWN",
]
# How each number type is named to the caller when it is refused.
TYPE_WORDS: dict[str, str] = {
    "FIXED_LINE": "landline",
    "MOBILE": "mobile",
    "FIXED_LINE_OR_MOBILE": "landline or mobile",
    "TOLL_FREE": "toll-free",
    "PREMIUM_RATE": "premium-rate",
    "SHARED_COST": "shared-cost",
    "VOIP": "internet",
    "PERSONAL_NUMBER": "personal forwarding",
    "PAGER": "pager",
    "UAN": "company-wide",
    "VOICEMAIL": "voicemail access",
    "UNKNOWN": "unrecognised",
}
Rule = Literal[
    "allow_only",
    "denied_prefix",
    "region",
    "number_type",
    "duplicate",
    "max_dials_per_call",
    "max_ringing",
    "cooldown",
]


def _region(region: str) -> str:
    if region.upper() not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"{region!r} is not an ISO region code such as US, GB or DE")
    return region.upper()


def _prefix(prefix: str) -> str:
    if not (prefix.startswith("+") and prefix[1:].isdigit()):
        raise ValueError(f"{prefix!r} must be '+' then digits, like +1900")
    return prefix


Region = Annotated[str, AfterValidator(_region)]
Prefix = Annotated[str, AfterValidator(_prefix)]


# The shipped file's strict values: a key left out of the file means these, never "allow all".
DENIED_NUMBER_TYPES: tuple[NumberType, ...] = (
    "PREMIUM_RATE",
    "SHARED_COST",
    "UAN",
    "PERSONAL_NUMBER",
    "PAGER",
    "VOICEMAIL",
    "UNKNOWN",
)
DENIED_PREFIXES: tuple[str, ...] = ("+1900", "+1976")  # US premium-rate ranges


class DialPolicy(Strict):
    """`workflows/call/dial_policy.yaml`, validated strictly. Every default equals the shipped file,
    so an omitted key (or an empty file) is as strict as what ships."""

    allowed_regions: list[Region] = Field(default_factory=list)  # [] = SIP_DEFAULT_REGION only
    denied_number_types: list[NumberType] = Field(default_factory=lambda: [*DENIED_NUMBER_TYPES])
    # E.164 prefixes, e.g. "+1900"
    denied_prefixes: list[Prefix] = Field(default_factory=lambda: [*DENIED_PREFIXES])
    allow_only: list[E164] = Field(default_factory=list)  # if set, only these numbers
    max_dials_per_call: int = Field(5, ge=1, le=50)
    max_ringing_at_once: int = Field(2, ge=1, le=10)
    failed_dial_cooldown_seconds: int = Field(30, ge=0, le=3600)
    # SIP domains a directory contact's sip_uri may transfer the caller to ([] = none).
    allowed_transfer_domains: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class Refusal:
    rule: Rule  # which rule fired, for the logs
    values: dict[str, object]  # fills the rule's phrase in conference_host.yaml `refused`


@dataclass(frozen=True)
class DialRecord:
    """What the policy needs to know about an earlier dial in this call."""

    e164: str
    live: bool
    ringing: bool
    failed_at: float | None  # when it failed, if it did


def check(
    policy: DialPolicy,
    number: PhoneNumber,
    home_region: str,
    earlier: list[DialRecord],
    now: float | None = None,
) -> Refusal | None:
    """The first rule `number` breaks, or None if it may be dialled `now` (default: the time
    now, the clock the dial records' `failed_at` are on)."""
    who = number.spoken
    if policy.allow_only and number.e164 not in policy.allow_only:
        return Refusal("allow_only", {"who": who})
    if any(number.e164.startswith(prefix) for prefix in policy.denied_prefixes):
        return Refusal("denied_prefix", {"who": who})
    regions = policy.allowed_regions or [home_region]
    if number.region not in regions:
        return Refusal("region", {"who": who, "regions": _spoken_regions(regions)})
    type_name = _type_name(number.number_type)
    if type_name in policy.denied_number_types:
        return Refusal("number_type", {"who": who, "kind": TYPE_WORDS[type_name]})
    same = [d for d in earlier if d.e164 == number.e164]
    if any(d.live for d in same):
        return Refusal("duplicate", {"who": who})
    if len(earlier) >= policy.max_dials_per_call:
        return Refusal("max_dials_per_call", {"limit": policy.max_dials_per_call})
    if sum(d.ringing for d in earlier) >= policy.max_ringing_at_once:
        return Refusal("max_ringing", {"limit": policy.max_ringing_at_once})
    last_failure = max((d.failed_at for d in same if d.failed_at), default=None)
    if last_failure is not None:
        now = time.time() if now is None else now
        wait = policy.failed_dial_cooldown_seconds - (now - last_failure)
        if wait > 0:
            return Refusal("cooldown", {"who": who, "seconds": int(wait + 0.999)})
    return None


def said_abroad(policy: DialPolicy, text: str, home_region: str) -> PhoneNumber | Refusal | None:
    """A number said the national way of another country ("020 7946 0018" on a US trunk),
    which is no number at home: the number in the one other allowed region where it is valid
    (read back in full, "+44 20 7946 0018", before anything is dialled); a region refusal when
    it is valid only where dialling is not allowed; None when it is valid nowhere."""
    regions = policy.allowed_regions or [home_region]
    if text.strip().startswith(("+", "00")):  # "+44 7700 900123": its country is said
        return _outside(regions, text)
    if not text.strip().startswith("0"):
        return None  # only a national trunk prefix says "another country's way"
    here = []
    for region in regions:
        try:
            here.append(parse_phone_number(text, region))
        except InvalidNumber:
            pass
    if len(here) == 1:
        return here[0]
    if here:
        return None  # valid in several allowed countries: the caller must say which
    for region in sorted(phonenumbers.SUPPORTED_REGIONS - set(regions)):
        try:
            parse_phone_number(text, region)
        except InvalidNumber:
            continue
        return Refusal("region", {"who": text.strip(), "regions": _spoken_regions(regions)})
    return None


IS_POSSIBLE = phonenumbers.ValidationResult.IS_POSSIBLE  # not "possible locally only"
possible = phonenumbers.is_possible_number_with_reason


def _outside(regions: list[str], text: str) -> Refusal | None:
    """A number said with a country code that may be a number there (`phonenumbers`' length
    rules) but not one it knows: refused for its region when that country is not allowed, as a
    valid one would be; None (not a valid number) when it is allowed."""
    raw = "+" + text.strip().removeprefix("+").removeprefix("00")
    try:
        number = phonenumbers.parse(raw)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(
        number
    ) or phonenumbers.region_code_for_country_code(number.country_code)
    if phonenumbers.is_valid_number(number):  # a valid one: `check` refuses it, as any
        return None
    if region in regions or region == "ZZ" or possible(number) != IS_POSSIBLE:
        return None
    return Refusal("region", {"who": text.strip(), "regions": _spoken_regions(regions)})


def _type_name(number_type: int) -> str:
    for name in TYPE_WORDS:
        if getattr(PhoneNumberType, name) == number_type:
            return name
    return "UNKNOWN"


def spoken_regions(policy: DialPolicy, home_region: str) -> str:
    """The regions `policy` lets the host dial, as said ("the United States and Canada")."""
    return _spoken_regions(policy.allowed_regions or [home_region])


def _spoken_regions(regions: list[str]) -> str:
    names = [_REGION_NAMES.get(r, r) for r in regions]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_REGION_NAMES = {
    "US": "the United States",
    "CA": "Canada",
    "GB": "the United Kingdom",
    "DE": "Germany",
    "FR": "France",
    "IE": "Ireland",
    "AU": "Australia",
    "NL": "the Netherlands",
}
