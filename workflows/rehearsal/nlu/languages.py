"""Other languages callers slip into before English: their hellos and their "I am" (never a
name), and the switch to English with the name said after it ("Bonjour… sorry, English please.
Marie Dubois")."""

from __future__ import annotations

import re

# Hello in the languages callers slip into: a greeting, never a name ("Hallo, good day").
FOREIGN_HELLOS = [
    *"hallo hola bonjour ciao namaste salut aloha servus moin g'day gday buongiorno".split(),
    *"buonasera konnichiwa shalom salaam salam merhaba hej goedendag privet grüezi".split(),
    r"guten (?:tag|morgen|abend)",
    r"buen(?:os|as) (?:d[ií]as|tardes|noches)",
    "bom dia",
    "boa tarde",
    "bonsoir",
    "god dag",
    "ni hao",
    r"dobr(?:y|ý) den",
]
# "I am" (or "my name is") in those languages: "soy Lucia", "c'est Amélie", "ich bin Jonas"
FOREIGN_I_AM = (
    r"soy|me llamo|mi nombre es|je suis|je m'appelle|moi c'est|c'est|ich bin|ich hei(?:ß|ss)e"
    r"|mein name ist|hier ist|hier spricht|sono|mi chiamo|eu sou|me chamo|ik ben|jag heter"
    r"|jeg heter"
)
# A few words at most (a greeting, "sorry"), then English asked for, then the caller's whole
# name as a sentence of its own: "Bonjour… sorry, English please. Marie Dubois", "Hola,
# perdón, in English please: Marie Dubois", "Ciao! English, sorry. Marco Rossi."
_CAP = r"[^\W\d_a-z][\w'\-]*"
SWITCHED_TO_ENGLISH_RE = re.compile(
    r"^\W*(?:[^\W\d_][\w']*[\s.,!;:…]+){0,4}?(?i:in\s+)?(?i:english)"
    r"(?:[\s,]+(?i:please|pls|sorry|now))*\s*[.!,;:…]+\s*"
    rf"({_CAP}(?:[ \t]+{_CAP}){{1,2}})\s*(?:[.;!,]|$)"
)
