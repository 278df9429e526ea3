"""The directory's data: people and teams the host can reach by name (`directory.yaml`).

Pure data and matching rules, no LiveKit: `workflows/call/files.py` reads the YAML into `Directory`,
and `tools/directory.py` offers it to the model as the `look_up_contact` tool.
"""

import re

from pydantic import Field, field_validator

from prompts.schema import Strict
from workflows.call.phone import E164

# Words that carry no identity: "Dana from sales" looks for the words {dana, sales}.
_FILLER = {
    "from",
    "in",
    "of",
    "at",
    "on",
    "the",
    "team",
    "my",
    "our",
    "with",
    "department",
    "dept",
    "please",
    "mr",
    "mrs",
    "ms",
    "dr",
    "desk",
    "and",
}


class Contact(Strict):
    name: str
    team: str | None = None
    aliases: list[str] = Field(default_factory=list)
    number: E164 | None = None
    extension: str | None = Field(None, pattern=r"^[0-9*#]{1,10}$")
    sip_uri: str | None = Field(None, pattern=r"^sips?:[^@\s]+@[A-Za-z0-9.-]+$")

    @property
    def name_with_team(self) -> str:
        """ "Dana Scully from Sales", to tell contacts apart; just the name when it already
        says the team."""
        if self.team and self.team not in self.name:
            return f"{self.name} from {self.team}"
        return self.name

    def words(self) -> set[str]:
        return _words(" ".join([self.name, self.team or "", *self.aliases]))

    def exact(self, query: str) -> bool:
        return query.lower() in {self.name.lower(), *(a.lower() for a in self.aliases)}


class Directory(Strict):
    contacts: list[Contact] = Field(default_factory=list)

    @field_validator("contacts")
    @classmethod
    def _unique(cls, contacts: list[Contact]) -> list[Contact]:
        seen: set[str] = set()
        for contact in contacts:
            if contact.name.lower() in seen:
                raise ValueError(f"two contacts are named {contact.name!r}")
            if not (contact.number or contact.sip_uri):
                raise ValueError(f"{contact.name!r} needs a number or a sip_uri")
            seen.add(contact.name.lower())
        return contacts

    def find(self, query: str) -> list[Contact]:
        """Contacts matching a spoken name: exact names and aliases win, else every contact
        whose words include all the query's words."""
        query = " ".join(query.split()).strip(" .?!")
        exact = [c for c in self.contacts if c.exact(query)]
        if exact:
            return exact
        wanted = _words(query)
        return [c for c in self.contacts if wanted and wanted <= c.words()]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in _FILLER}
