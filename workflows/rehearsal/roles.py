"""Who someone is to the caller, said instead of (or beside) a name: "my colleague", "the
client", "thats my landlord Gary", "my younger boy David". One list, read by every rule that
reads a role (`dialled_name`, `earlier`, `leg_names`, `numbered_names`, `one_on_line`), so a role
a caller uses in one way works in the others too."""

from __future__ import annotations

ROLE_WORDS = frozenset(
    """
    client customer colleague coworker supplier vendor contractor partner guest visitor
    boss manager supervisor assistant secretary lawyer accountant cpa doctor dentist plumber
    architect builder friend mate buddy pal bro homie gf bf girlfriend boyfriend boy girl kid
    son daughter brother sister sis wife husband mum mom dad mother father cousin uncle aunt
    niece nephew grandson granddaughter neighbour neighbor landlord landlady tenant flatmate
    roommate housemate teammate
    """.split()
)
# The same as a regular expression's alternatives, longest first ("girlfriend" before "girl").
ROLES = "|".join(sorted(ROLE_WORDS, key=lambda word: (-len(word), word)))
