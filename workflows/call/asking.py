"""Whether a line asks something: one test for every reader of the caller's words (the tools'
read-back and the offline model alike). Pure: no LiveKit, no model.

A line asks when it has a question mark ("is this call recorded?"), opens with a question word
or an auxiliary after any filler words ("sorry, what's the time difference with them",
"wait, do the others stay on"), or ends by asking what follows ("wait, if he doesnt pick up
what happens"). A bare "yes?" or "Dana?" is no question of its own (`asks(..., words=3)`).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
# Words that may open a line before its question: "sorry, what's ...", "ok so how long ..."
_FILLER = (
    r"(?:(?:sorry|wait|hang on|hold on|so|and|but|ok(?:ay)?|um+|uh+|oh|hey|also|btw|well|quick"
    r" question|one more thing|just wondering|out of interest|actually|hmm+|right|then)\W+)*"
)
# A question word or an auxiliary that opens a question ("whats", "r u" typed short)
_SUBJECT = r"(?:you|u|ya|they|he|she|i|we|anyone|anybody|someone|somebody|everyone|people)"
_OPENER = (
    r"(?:what(?:'s|s)?|who(?:'s|s)?|whom|whose|where(?:'s|s)?|when(?:'s|s)?|why|which|how(?:'s|s)?"
    r"|is|are|r|am|was|were|can|could|will|would|should|shall|may|might"
    # "do", "have" and a "don't" open commands too ("do it", "have Dana call me", "don't call
    # her"): a subject must follow ("do they speak Spanish", "don't you have her number")
    r"|(?:do|does|did|have|has|isn't|aren't|don't|doesn't|didn't|can't|won't|wouldn't|isnt"
    rf"|arent|dont|doesnt|didnt|cant|wont|wouldnt)(?=\s+{_SUBJECT}\b)"
    r"|(?:does|did|has|doesn't|didn't|doesnt|didnt)(?=\s+it\b))"  # not "do it"
)
_OPENS_RE = re.compile(rf"^\W*{_FILLER}{_OPENER}\b(?!\s*[,.!;]|\s*$)", _I)
# "..., if he doesn't pick up what happens", "and then what?"
_ENDS_ASKING_RE = re.compile(r"\bwhat (?:happens|then|now|happens then|happens next)\W*$", _I)


def asks(text: str, *, words: int = 1) -> bool:
    """Whether `text` asks something, in at least `words` words."""
    if len(text.split()) < words:
        return False
    return "?" in text or bool(_OPENS_RE.search(text) or _ENDS_ASKING_RE.search(text))
