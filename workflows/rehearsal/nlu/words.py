"""Whether a capitalised word said where a name might stand is an everyday English word, not a
name: "Give 415 ... a bell", "an American number, 415 ...", "Hit 3.", "Means, I need ...".

How common a word is comes from the unigram log-probabilities of the English language model
that the pocketsphinx wheel ships (the offline speech's own dependency: no word list of ours),
loaded once (0.1 s, 27 MB) by the worker's prewarm (`warm`), or else on first use. A word as
common as "give", "hit" or "means" is no name; one rarer than "john" or "michael" may be. Used
only where a name is guessed from where a word stands, never where the caller says it is a name
("his name is Will")."""

from __future__ import annotations

import functools
import logging
import os

from workflows.rehearsal.nlu.spelling import english

logger = logging.getLogger("workflows.rehearsal.nlu.words")

# Verbs that open a request, never a name: "Cancel the 0187 call" names no one "Cancel".
COMMAND_VERBS = {"cancel", "stop", "drop", "kill", "hang", "end", "mute", "unmute", "remove"}
COMMAND_VERBS |= {"disconnect", "cut", "ditch", "scrap", "abort", "kick", "boot"}

# A log-probability (pocketsphinx's log base 1.0001) between "hit" (-85216), "american"
# (-83742) and "john" (-94122), "bill" (-91641): more common than this is an everyday word.
_EVERYDAY = -88000


@functools.cache
def _model():
    """The model, or None when it cannot be loaded (tried once: a failure is remembered too)."""
    try:
        from pocketsphinx import Config, LogMath, NGramModel, get_model_path

        path = os.path.join(get_model_path(), "en-us", "en-us.lm.bin")
        return NGramModel(Config(), LogMath(), path)
    except Exception as e:  # no model: everyday_word then never takes a name away
        logger.warning("no word frequencies (%s): capitalised words may be taken for names", e)
        return None


def warm() -> None:
    """Load the language model and the dictionary of typos' words now, while the process waits
    for a call."""
    _model()
    english()


def everyday_word(word: str) -> bool:
    """True for a word too common to be a name: "Give", "American", "Hit", "Means"."""
    low = word.lower().removesuffix("'s")
    if not low.isalpha():
        return False
    model = _model()
    if model is None:
        return False
    try:
        return model.prob([low]) > _EVERYDAY
    except Exception:  # a word the model cannot score: never take a name away
        return False


# Words inside a name, between its capitalised parts: "Niamh Ni Bhriain", "Ludwig van Beethoven"
NAME_PARTICLES = frozenset(
    "ni nic mac mc van von de da di du le la bin ibn al el den der ter ui".split()
)
