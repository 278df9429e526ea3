"""Whether a transfer is to be warm (the host introduces the caller first) or cold (straight
through), in the caller's words. "Could you tell them what's going on before you hand me
over?" is warm; "no need, directly is fine" to an offer to introduce, "just without
introduction" are cold (a negation before a warm word, "without" too, takes it back)."""

from __future__ import annotations

import re

_I = re.IGNORECASE
_THEM = r"(?:them|'em|em|him|her)"  # "tell em": 'em typed without its mark
# Told, explained or filled in on the caller before the hand-over: "tell them what's going on
# before you hand me over", "fill him in before you put me through", "give her some context first"
_BEFORE_HANDING_RE = (
    rf"|\b(?:tell|explain(?: \w+)? to|fill) {_THEM}\b[^.?!]{{0,40}}?\bbefore (?:you |u )?"
    r"(?:hand|put|transfer|connect|pass|send|patch)"
    rf"|\b(?:fill {_THEM} in|give {_THEM} (?:some |the |a bit of )?(?:context|background))"
    r"(?: on me| about (?:me|it|this))? first\b"
)
# An introduction asked in plain words: a telling, explaining or "word with" them, then "first"
# or "before": "put me through but tell him what it's about first", "can you first tell them my
# problem and then connect me?", "having a word with him first"; or "so I don't have to
# explain it all again" (started at "so": the "don't" in it negates no request)
_TELLING = (
    r"(?:tell(?:ing)?|explain(?:ing)?|mention(?:ing)?|brief(?:ing)?|fill(?:ing)?|let(?:ting)?"
    r"|(?:have|having|had) a (?:quick |little |short )?(?:word|chat|talk)"
    r"|talk(?:ing)?|speak(?:ing)?|chat(?:ting)?)"
)
_TELL_FIRST_RE = (
    rf"|\b{_TELLING}\b[^.?!]{{0,40}}?\b{_THEM}\b[^.?!]{{0,40}}?\b(?:first|beforehand"
    r"|before (?:you |u )?(?:then )?(?:hand|put|transfer|connect|pass|send|patch|bring|dial))\b"
    rf"|\bfirst,? (?:just )?{_TELLING}\b[^.?!]{{0,30}}?\b{_THEM}\b"
    r"|\bso (?:that )?(?:i|we) (?:don't|dont|do not|won't|wouldn't|needn't) (?:have|need|got) to"
    r" (?:explain|repeat|say|tell|go (?:through|over))\b"
)
WARM_RE = re.compile(
    # "I'd much rather you introduced me first", "I'd prefer it if you announced me"
    r"\b(?:rather|prefer(?: it)? if|like it if|happier if) (?:you|u) (?:first )?(?:introduced"
    r"|announced|presented) me\b|"
    r"\bwarm(?:ly)?[\s-]+transfer|\b(?:introduce|announce|present) me\b|\bintroduc(?:e|tion)\b"
    # "intro me first", "do a quick intro", "give him an intro before": "intro" for introduce
    r"|\bintro me\b|\b(?:do|give (?:them|him|her)|with) (?:an?|the|a quick|a short) intro\b"
    r"|\bbrief (?:them|him|her)\b|\bbrief \w+ (?:first|before)\b"
    # "give her a heads up first", never a "heads up, I need to leave at 3" told the host
    r"|\b(?:an?|the|quick|little|short|some|them|him|her)\s+heads[\s-]up\b"
    r"|\bheads[\s-]up\s+(?:to\s+)?(?:them|him|her|first)\b"
    r"|\b(?:talk|speak) to (?:them|him|her) first\b|\btell (?:them|'em|him|her) first\b"
    r"|\b(?:will|would|do|does) (?:they|he|she) know what\b|\bexplain \w*\s?(?:all )?again"
    r"|\b(?:tell (?:them|him|her)|say) (?:who i am|what this is|(?:that )?(?:it(?:'s| is) me"
    r"|i'm|i am)|who(?:'s| is) calling)|\blet (?:them|him|her) know (?:who|i'm|i am|that|it)"
    # "ring her first and explain who I am, rather than just passing me over"
    + rf"|\bexplain (?:to {_THEM} )?(?:who i am|who(?:'s| is) calling|what this is about)\b"
    + _BEFORE_HANDING_RE
    + _TELL_FIRST_RE
    # "will you explain to them my problem or I have to tell again?"
    + r"|\b(?:will|would|can|could) you (?:explain|tell|describe|pass on)\b[^.?!]{0,25}?\b"
    r"(?:my (?:problem|issue)|what(?:'s| is) (?:wrong|going on|happening)|the (?:problem|issue))"
    # "first tell him the issue", "tell them what's up first"
    + rf"|\btell {_THEM} (?:the (?:issue|problem|situation)|what(?:'s| is) (?:up|wrong|going on))"
    + r"|\b(?:have|need|got) to (?:tell|explain|say|repeat|go through) (?:it |this |everything "
    r"|all |all of it |that |my problem )?(?:all )?(?:over )?again\b",
    _I,
)
WARM_TO_RE = re.compile(r"\b(?:introduce|announce|present) me\s+(?:to|with)\b", _I)
# Straight through, said to an offer to introduce first: "no need, directly is fine", "just
# put me straight through", "cold is fine", "no intro needed", "without introduction".
COLD_RE = re.compile(
    r"\b(?:direct(?:ly)?\b|straight (?:through|away|over|to (?:them|him|her))|cold(?: transfer)?"
    r"|no (?:intro(?:duction)?|introducing|need to introduce)|without (?:an? |any )?intro"
    r"|(?:don't|do not|no need to) (?:introduce|announce|brief)|skip (?:the |any )?intro)",
    _I,
)
# A reference said in an introduction, never a phone number: "invoice number 4471", "order
# #88213", "ticket 5521", "account number 20 44 19", "case 7781"
REFERENCE = (
    r"(?:invoice|order|ticket|account|case|reference|booking|claim|policy|incident)"
    r"(?:\s+(?:number|no\.?|num|#|ref))?\s*#?\s*\d[\d\s-]*\d"
)
