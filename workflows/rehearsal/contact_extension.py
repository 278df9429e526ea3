"""A directory contact named with an extension to reach them on ("next is Fox Mulder, and can
you put him through to extension 3 1 2", "add Dana Scully at extension 204"): the contact's
number read back with that extension; once dialled, the leg takes the contact's name
(`contact_number.py`), so "is Mulder still on?" finds it."""

from __future__ import annotations

from workflows.call.directory import Directory
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.steps import Step, tool_call


def with_extension(reading: Reading, named: str, directory: Directory, purpose: str) -> Step:
    """`read_back_number` with the contact's number and the extension said, when the line
    gives an extension and `named` is one contact with a number; else its `look_up_contact`."""
    found = directory.find(named)
    if reading.extension and not reading.phone_number and len(found) == 1 and found[0].number:
        number = f"{found[0].number} ext {reading.extension}"
        return tool_call("read_back_number", phone_number=number, purpose=purpose)
    return tool_call("look_up_contact", name=named, purpose=purpose)
