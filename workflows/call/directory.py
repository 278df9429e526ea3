"""The directory's data: people and teams the host can reach by name (`directory.yaml`).

Pure data and matching rules, no LiveKit: `workflows/call/files.py` reads the YAML into `Directory`,
and `tools/directory.py` offers it to the model as the `look_up_contact` tool.
"""

import re

from pydantic import Field, field_validator
from rapidfuzz import fuzz

from prompts.schema import Strict
from workflows.call.phone import E164

# Words that carry no identity: "Dana from sales" looks for the words {dana, sales}.
_FILLER = frozenset(
    """from in of at on the a an team my our your with department dept please mr mrs ms dr
    desk line number and someone somebody anyone anybody person people""".split()
)
# Words that ask for anyone on a team rather than a named contact: "someone from sales".
_ANYONE = frozenset("someone somebody anyone anybody person people".split())
# The leading words that never change whom a name means: "the boss", "my boss" -> "boss".
_LEADING = re.compile(r"^(?:(?:the|my|our|a|an|your|um|uh|please)\s+)+")
# What separates the people of a list: "Dana and Fox", "the boss, and also Mulder".
# "and" as typed too: "mulder n the boss", "Mulder & Monica", "mulder + the boss"
_PARTS = re.compile(
    r",|\band\b|\balso\b|\bplus\b|\bas well as\b|(?-i:\bn\b)|(?<=\s)[&+](?=\s)", re.IGNORECASE
)
# How alike two words must be (rapidfuzz ratio, 0-100) to count as the same word said
# loosely ("Skully" for "Scully"); short words must be exact.
SIMILAR = 80
_SHORT = 4


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

    def name_words(self) -> set[str]:
        """The words of the name and aliases alone, not the team's."""
        return _words(" ".join([self.name, *self.aliases]))

    def team_words(self) -> set[str]:
        return _words(self.team or "")

    def exact(self, query: str) -> bool:
        said = _bare(query)
        return said in {_bare(self.name), *(_bare(a) for a in self.aliases)}

    def phrases(self) -> list[str]:
        """The name and every alias, as said: what the caller may mention."""
        return [self.name, *self.aliases]


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
        """Contacts matching a spoken name, best first by kind of match:

        1. an exact name or alias ("the boss" and "my boss" are the alias "the boss");
        2. "someone from sales": everyone on the team;
        3. every contact whose name and aliases hold all the query's words ("the sales line"
           is the Sales desk, not Dana Scully from Sales);
        4. every contact whose name, team and aliases hold them ("Dana from sales");
        5. the same two, with words said loosely ("Dana Skully"): rapidfuzz's ratio.
        """
        query = " ".join(query.split()).strip(" .?!,")
        exact = [c for c in self.contacts if c.exact(query)]
        if exact:
            return exact
        wanted = _words(query)
        if not wanted:
            return []
        if _ANYONE & set(re.findall(r"[a-z']+", query.lower())):
            team = [c for c in self.contacts if wanted <= c.team_words()]
            if team:
                return team
        for similar in (_same, _alike):
            for words_of in (Contact.name_words, Contact.words):
                found = [c for c in self.contacts if similar(wanted, words_of(c))]
                if found:
                    return found
        return []

    def exactly(self, text: str) -> Contact | None:
        """The one contact `text` is the name or an alias of, said as a whole ("support", "the
        boss"); None for anything more or less ("a call with support")."""
        found = [c for c in self.contacts if c.exact(text)]
        return found[0] if len(found) == 1 else None

    def named_in(self, text: str) -> list[str]:
        """The names of contacts in free text, in order: one if the text names one contact
        ("Dana, from sales"), else each part's ("add Dana from sales and Fox Mulder", "the
        boss, and also Mulder")."""
        if whole := self.mentioned(text):
            return [whole]
        return [name for part in _PARTS.split(text) if (name := self.mentioned(part))]

    def mentioned(self, text: str) -> str | None:
        """The part of free text that names contacts, for `find`: "and also get Mulder" ->
        "Mulder", "Dana from sales please" -> "Dana from sales"; None if it names none. Words
        must be said exactly here ("write me a poem" names nobody, not Dana White)."""
        tokens = list(_WORD_RE.finditer(text))
        known = self._said_words({t.group().lower() for t in tokens})
        named = [
            t for t in tokens if t.group().lower() not in _FILLER and t.group().lower() in known
        ]
        if not named:
            return None
        span = text[named[0].start() : named[-1].end()]
        return span if self.find(span) else None

    def _said_words(self, said: set[str]) -> set[str]:
        """The contacts' words that name them in `said`: a word of a name or team, and the
        words of an alias only when the whole alias is said ("help desk", not "could you help
        me get a few colleagues together"; "the boss" is "boss" alone)."""
        known: set[str] = set()
        for contact in self.contacts:
            known |= _words(contact.name) | contact.team_words()
            for alias in contact.aliases:
                if set(_bare(alias).split()) <= said:
                    known |= _words(alias)
        return known

    def asked_for(self, need: str) -> Contact | None:
        """The one contact a caller's need names at its start: "support", "support for a
        locked account" -> the Support desk; None for "a conference call"."""
        if found := self.exactly(need):
            return found
        head = re.split(r"\s+(?:for|with|about|regarding|because)\s+", need, maxsplit=1)[0]
        return self.exactly(head) if head != need else None


# A word of a name as said, in any alphabet: "Ní" is one word, never "N" ("Siobhán Ní Bhriain")
_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _bare(text: str) -> str:
    """A name as said, without case, punctuation or a leading "the"/"my"."""
    return _LEADING.sub("", " ".join(_WORD_RE.findall(text.lower())))


def _words(text: str) -> set[str]:
    return {w for w in _WORD_RE.findall(text.lower()) if w not in _FILLER}


def _same(wanted: set[str], words: set[str]) -> bool:
    return wanted <= words


def _alike(wanted: set[str], words: set[str]) -> bool:
    """Every wanted word is one of `words` said loosely (long words only)."""
    return all(
        w in words
        or (
            len(w) >= _SHORT
            and any(len(x) >= _SHORT and fuzz.ratio(w, x) >= SIMILAR for x in words)
        )
        for w in wanted
    )
