"""The support desk a caller asked for instead of a conference ("my internet keeps dropping"),
offered as a transfer by the host; and the desk the host's greeting offered, which a transfer
asked for with no one named goes to ("nah just send me over")."""

from __future__ import annotations

from livekit.agents import llm

from workflows.call.directory import Directory
from workflows.rehearsal.history import filled
from workflows.rehearsal.mentions import contacts_named
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.needs import declines_conference
from workflows.rehearsal.steps import Step, tool_call
from workflows.rehearsal.teams import TEAM_RE

_READ_BACK_TOOLS = ("read_back_number", "look_up_contact")


def offer_support(ctx: llm.ChatContext, directory: Directory) -> list[Step]:
    """For a caller who told the receptionist they need support, not a conference, and has
    not asked the host for anything yet ("yes please", "support"): offer a transfer to the
    directory's support contact. It is read back, so the caller's yes still decides."""
    if any(i.type == "function_call" and i.name in _READ_BACK_TOOLS for i in ctx.items):
        return []
    said = [
        understand(i.text_content or "")
        for i in ctx.items
        if i.type == "message" and i.role == "user"
    ]
    # "who do you have in the support team?" asks about the team: no need of support
    # "I don't really want a conference, I just want someone to sort out the double charge":
    # the conference asked for before is no longer the need
    later = said[-1:] if said and declines_conference(said[-1].text) else said
    if not any(r.wants_support and not TEAM_RE.search(r.text) for r in said) or any(
        r.action in ("add", "conference") for r in later
    ):
        return []
    if len(directory.find("support")) != 1:
        return []
    # "the support folks? Dana in support maybe?": the person in the desk's team asked for
    team = directory.find("support")[0].team
    named = [n for r in said if r.wants_support for n in contacts_named(directory, r.text, r)]
    found = [(n, directory.find(n)) for n in reversed(named)]
    asked = next((n for n, c in found if len(c) == 1 and team and c[0].team == team), "support")
    # "connect me with someone, but tell them first who I am" ... "the support desk please":
    # the introduction asked for holds for the transfer that follows
    asks = [r.action for r in said if r.action in ("transfer", "warm_transfer")]
    purpose = "warm_transfer" if asks[-1:] == ["warm_transfer"] else "transfer"
    return [tool_call("look_up_contact", name=asked, purpose=purpose)]


def offered_desk(ctx: llm.ChatContext, greeting: str) -> str | None:
    """The desk the host's greeting offered to put the caller through to ("You asked for
    Support desk, so I can put you through."), while nothing was read back since: "nah just
    send me over but tell em what my problem is first" is a transfer to that desk."""
    if any(i.type == "function_call" and i.name in _READ_BACK_TOOLS for i in ctx.items):
        return None
    for item in ctx.items:
        if item.type == "message" and item.role == "assistant":
            if offered := filled(greeting, item.text_content or ""):
                return offered["who"]
    return None
