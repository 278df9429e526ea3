"""The yes rule as the offline model applies it to the read-back waiting."""

from __future__ import annotations

from prompts.loader import Prompts
from workflows.call.confirmation import is_clear_yes
from workflows.call.directory import Directory
from workflows.rehearsal.history import Pending


def yes_to(pending: Pending | None, text: str, prompts: Prompts, directory: Directory) -> bool:
    """The yes rule on `text`, given the read-back waiting as the tools give it: its purpose
    and how it named its destination (`ReadBack.name`: the contact's name, none for a number)."""
    if pending is None:
        return is_clear_yes(text, prompts.confirmation, "")
    name = ""
    if pending.lookup:
        name = next((c.name for c in directory.contacts if pending.who.startswith(c.name)), "")
    return is_clear_yes(text, prompts.confirmation, name, pending.purpose)
