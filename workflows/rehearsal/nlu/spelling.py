"""Typos read as the words meant, before the rules read a line: "helo my nmae is Rosa" is "helo
my name is Rosa", "can u transfr me" is "can u transfer me", "its 415 555 1o29" is "its 415 555
1029".

Which words are corrected, and into what:

- The targets are the rules' own vocabulary (`VOCABULARY`, data below): the keywords the readers
  look for (name, transfer, conference, actually, mute, remove, please, extension, ...), not
  every English word, and none of the yes or no words ("yeah", "okay", "right", "correct",
  "wrong"): the yes rule reads the line as typed, and the model never reads a yes it does not.
  A typo of a word no rule reads changes nothing the model does, and each
  extra target is one more word a name or a foreign word could be mistaken for.
- A typed word is read as a target only when it is one edit (a letter inserted, left out or
  changed, or two neighbours swapped: rapidfuzz's `OSA` distance) from exactly one target. Two
  targets as near ("helo": hello, help) is a guess, and a guess is left as typed.
- Never changed: a word in English or a known name. What English is comes from the CMU
  pronouncing dictionary the pocketsphinx wheel ships (the offline speech's own dependency, 134k
  words, names among them: "tina", "marcus", "dana", "siobhan"), with the typed forms the rules
  already read (`KNOWN`: "dont", "shes", slang); known names are the directory's and those of the
  call (`names`, from the caller). Capitalised words (a name) and words under four letters ("Olu",
  "u", "btw") are never changed, nor a word joined to another by an apostrophe or hyphen
  ("O-L-U").
- Digits typed with a letter: an o/O (0) or l/I (1) is a digit only inside a run of digits of a
  number ("1o29", "4l5") or starting or ending a group joined to another group of digits
  ("415-555-O147"); never in a word.
- The other way round: a 0 typed for an o inside a word of letters ("wh0s on", "wh0's on",
  "dr0p him") is the o, when the word then is one the rules read or an English word; never a 0
  of a number, nor one at a word's edge ("0k", "a0").
"""

from __future__ import annotations

import functools
import logging
import os
import re

from rapidfuzz import process
from rapidfuzz.distance import OSA

from workflows.rehearsal.nlu.slang import LAUGHS, SLANG_WORDS

logger = logging.getLogger("workflows.rehearsal.nlu.spelling")

# The rules' own words: what the readers look for in a caller's line.
VOCABULARY = frozenset(
    """
    hello name actually really transfer transferred transferring conference call calling called
    mute muted unmute unmuted remove removed please extension connect connected phone number
    mobile line work sales support management team desk front everyone everybody someone
    anyone nobody participant participants drop hang dial redial bring join through speak talk
    thanks thank goodbye wait cancel sorry mean meant instead again press digits directory
    colleague manager boss wife husband brother sister mother father daughter finished done
    never mind still kick disconnect leave leaving stay hold voicemail busy answer ring ringing
    spell spelled spelt change office reception billing problem help would could
    want need just there their what that them they this then with from
    have know about tell introduce directly straight hear list keypad cell home work back minute
    forget scratch both together meeting people whose where while after first second last
    """.split()
)
# Typed forms the rules read as they are, though no dictionary has them: never corrected.
KNOWN = (
    frozenset(
        """
    dont doesnt didnt isnt wasnt werent couldnt wouldnt shouldnt havent hasnt shes hes thats
    youre theyre theres heres wheres whats hows whos ive youve weve theyve youll theyll okey
    yall yeh yea yup nah nope hiya cheers hooroo bloke mate
    """.split()
    )
    | SLANG_WORDS
    | LAUGHS
)

_WORD_RE = re.compile(r"(?<![\w'-])[a-z]{4,}(?!\w|-|'(?!s\b))")  # "nmae's Priya": name's
# A letter o/O/l/I typed among the digits of a number: "1o29", "4l5", "555-O147"
_TYPED_DIGITS_RE = re.compile(r"(?<!\w)(?=[\doOlI]*\d)(?=[\doOlI]*[oOlI])[\doOlI]+(?!\w)")
_AS_DIGIT = str.maketrans("oOlI", "0011")
# A 0 (or 00) typed for an o between letters: "wh0s", "m00te", "wh0's"
_ZERO_IN_WORD_RE = re.compile(r"(?<![\w-])[A-Za-z]+(?:0+[A-Za-z]+|0+(?='[a-z]))+(?![\w-])")


@functools.cache
def english() -> frozenset[str]:
    """The words of the CMU dictionary the pocketsphinx wheel ships (empty when it is missing:
    then nothing is corrected)."""
    try:
        from pocketsphinx import get_model_path

        path = os.path.join(get_model_path(), "en-us", "cmudict-en-us.dict")
        with open(path, encoding="utf-8") as dictionary:
            return frozenset(line.split(" ", 1)[0].split("(")[0] for line in dictionary)
    except Exception as e:  # no dictionary: no word can be told from a typo, none is changed
        logger.warning("no English dictionary (%s): typos are read as typed", e)
        return frozenset()


def meant_word(word: str, names: frozenset[str] = frozenset()) -> str:
    """The rules' word a typed word stands for ("nmae" -> "name"), or the word as typed."""
    if len(word) < 4 or not word.islower() or not word.isalpha() or word in VOCABULARY:
        return word
    known = english()
    if not known or word in known or word in KNOWN or word in names:
        return word
    return _near(word) or word


@functools.lru_cache(maxsize=4096)
def _near(word: str) -> str | None:
    """The one target one edit from `word`, or None (none, or two as near). Cached: each turn
    reads the whole conversation again."""
    near = process.extract(word, VOCABULARY, scorer=OSA.distance, score_cutoff=1, limit=2)
    return near[0][0] if len(near) == 1 else None


_GROUP_BEFORE = re.compile(r"\d[ .-]$")
_GROUP_AFTER = re.compile(r"[ .-]\d")


def _digits(m: re.Match[str]) -> str:
    run = m.group()
    if len(run) > 1 and sum(c.isdigit() for c in run) < 2 and not _between_groups(m):
        return run  # "o1" and the like: too little of a number to tell
    return run.translate(_AS_DIGIT)


def _between_groups(m: re.Match[str]) -> bool:
    """The run is a group of a number said in groups: "415 555 O1 46"."""
    before, after = m.string[: m.start()], m.string[m.end() :]
    return bool(_GROUP_BEFORE.search(before) and _GROUP_AFTER.match(after))


def _letters(m: re.Match[str]) -> str:
    """ "wh0s" -> "whos" when that is a word the rules read or English; else as typed."""
    word = m.group().replace("0", "o")
    low = word.lower()
    known = low in VOCABULARY or low in KNOWN or low in english() or meant_word(low) != low
    return word if known else m.group()


@functools.lru_cache(maxsize=1024)
def as_meant(text: str, names: frozenset[str] = frozenset()) -> str:
    """`text` with each typo of the rules' words corrected and letters among digits read as
    digits; `names` (lower case) are the known names, never changed."""
    text = _TYPED_DIGITS_RE.sub(_digits, text)
    text = _ZERO_IN_WORD_RE.sub(_letters, text)
    return _WORD_RE.sub(lambda m: meant_word(m.group(), names), text)
