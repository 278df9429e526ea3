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
    roommate housemate teammate intern trainee apprentice foreman
    """.split()
)
# The same as a regular expression's alternatives, longest first ("girlfriend" before "girl").
ROLES = "|".join(sorted(ROLE_WORDS, key=lambda word: (-len(word), word)))
# A role's short or family forms, said for it: "my sis" is "my sister"
SHORT_ROLES = {
    "sis": "sister",
    "bro": "brother",
    "gf": "girlfriend",
    "bf": "boyfriend",
    "mum": "mother",
    "mom": "mother",
    "dad": "father",
    "hubby": "husband",
    "roomie": "roommate",
}


def role_of(word: str) -> str:
    """The role a word says, lower case, its short form read as the whole ("sis": "sister");
    any other word as it is (lower case)."""
    return SHORT_ROLES.get(word.lower(), word.lower())


def forms_of(word: str) -> set[str]:
    """Every word that says the same role ("sister": {"sister", "sis"}), lower case."""
    role = role_of(word)
    return {role} | {short for short, whole in SHORT_ROLES.items() if whole == role}
