"""A yes to a number's read-back beside a name the caller gives it ("yup thats Pawel", "yes,
her name is Pawel"): the name is the caller's, not the read-back's, so the yes rule refuses
it (`workflows/call/confirmation.py`: any other name refuses). The dial is asked for anyway,
so that the tool says why it did not dial and reads the number back again (`not_confirmed`);
the name is kept for the leg once it is dialled (`leg_names.py`)."""

from __future__ import annotations

import re

from prompts.loader import Prompts
from workflows.call.directory import Directory
from workflows.rehearsal.history import Pending
from workflows.rehearsal.leg_names import names_last
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.steps import Step, tool_call
from workflows.rehearsal.yes_rule import yes_to

# How the name is given beside the yes: "thats Pawel", "this is Pawel", "his name's Pawel".
_GIVES = r"(?:that'?s|that is|this is|(?:he|she)'?s|(?:his|her|their) name(?:'?s| is))"


def yes_naming_number(
    reading: Reading, pending: Pending | None, prompts: Prompts, directory: Directory
) -> list[Step] | None:
    """The dial asked for a yes beside a name for the number read back; None otherwise."""
    if pending is None or pending.purpose != "add" or pending.lookup or not pending.number:
        return None
    if not (name := names_last(reading.text)):
        return None
    rest = re.sub(rf"\b{_GIVES}\s+{re.escape(name)}\b", " ", reading.text, flags=re.I)
    if rest == reading.text or not yes_to(pending, rest, prompts, directory):
        return None
    return [tool_call("add_sip_participant", phone_number=pending.number)]
