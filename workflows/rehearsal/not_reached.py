"""People the host could not reach as asked: a name the directory lacks said with a team it has
("nah not the desk, i want jenny from sales": looked up as said, never the desk again), and the
one a transfer did not get through to ("hmm why didnt it go through? can you just add him to
this call then": the failure said again, that number read back as an add)."""

from __future__ import annotations

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.call.directory import Directory
from workflows.rehearsal.destination import purpose_of
from workflows.rehearsal.history import Pending
from workflows.rehearsal.mentions import add_instead, why_not_through
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.steps import Step, tool_call
from workflows.rehearsal.teams import unknown_in_team

_TRANSFERS = ("transfer", "warm_transfer")


def name_in_team(
    ctx: llm.ChatContext, reading: Reading, pending: Pending | None, directory: Directory
) -> Step | None:
    """The look-up of "Jenny from Sales" for "i want jenny from sales", for what the read-back
    waiting is for, else for what the line asks; None for any other line."""
    if reading.action not in (None, "add", *_TRANSFERS):
        return None
    if not (one := unknown_in_team(reading.text, directory)):
        return None
    purpose = reading.action if reading.action in _TRANSFERS else purpose_of(ctx, reading.action)
    return tool_call("look_up_contact", name=one, purpose=pending.purpose if pending else purpose)


def add_him_instead(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[Step]:
    """ "just add him to this call then": the one read back last as an add (after a failed
    transfer, why it failed first when asked); [] when it is not that."""
    if again := add_instead(ctx, reading, prompts):
        return [*why_not_through(ctx, reading, prompts), again]
    return []
