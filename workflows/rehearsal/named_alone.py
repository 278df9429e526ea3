"""A directory contact asked for by name alone, told to the receptionist: "get Mr Mulder, not the
sales desk", "Mulder please, not the desk", "the boss, not Dana", "I need Mulder": the host's
first turn reads that contact back (for the caller's yes), as for "a call with Fox Mulder"."""

from __future__ import annotations

import re

from workflows.call.confirmation import words_of
from workflows.call.directory import Directory

# Someone the caller says they do not mean: "not the sales desk", "not Dana"
_NOT_RE = re.compile(r"\bnot\s+(?:the\s+)?[\w'-]+(?:\s+(?:desk|team|line))?\b", re.IGNORECASE)
# Words around a name asked for that ask nothing else
_AROUND = frozenset(
    """get grab can could you i i'd id need want would like have please pls just only the mr
    mrs ms miss dr on in for me oh ok okay so um uh hi hey yeah yes""".split()
)


def asked_alone(text: str, named: str, directory: Directory) -> bool:
    """Whether `text` asks for the one contact `named` and nothing else ("get Mr Mulder, not
    the sales desk"); False when any other word is said ("Mulder is my boss")."""
    found = directory.find(named)
    if len(found) != 1:
        return False
    theirs = set(words_of(named)) | set(words_of(found[0].name))
    theirs |= {w for alias in found[0].aliases for w in words_of(alias)}
    rest = set(words_of(_NOT_RE.sub(" ", text))) - theirs - _AROUND
    return not rest
