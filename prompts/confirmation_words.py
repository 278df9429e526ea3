"""The strict model of `prompts/confirmation.yaml`: the phrases that count as the caller's yes
or no to a read-back, checked at load time (lower-case words; a yes holds no "no" phrase; each
phrase in one list only)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo

from prompts.schema import Strict

_WORD = r"[^\W\d_]+(?:'[^\W\d_]+)?"  # a word, maybe with an apostrophe: "that's"


def _phrase(text: str) -> str:
    if text != text.lower() or not re.fullmatch(rf"{_WORD}(?: {_WORD})*", text):
        raise ValueError(f"{text!r} must be lower-case words separated by single spaces")
    return text


Phrase = Annotated[str, AfterValidator(_phrase)]


def _answer_phrase(text: str, info: ValidationInfo) -> str:
    """A yes, filler or lead-in phrase: holds no "no" phrase and is in one list only (matched
    without apostrophes, as the rule matches: "thats" is "that's")."""
    key = match_key(text)
    if clash := next((no for no in info.data.get("no", ()) if contains(key, match_key(no))), None):
        raise ValueError(f"{text!r} contains {clash!r}, which is a 'no' phrase")
    kinds = ("yes", "typed_yes", "typed_yes_alone", "filler", "lead_in", "yes_to_transfer")
    for kind in kinds:
        if kind != info.field_name and key in map(match_key, info.data.get(kind, ())):
            raise ValueError(f"{text!r} is also a {kind!r} phrase")
    return text


def match_key(words: str) -> str:
    """A word or phrase as the yes rule matches it: apostrophes do not count ("thats" is
    "that's", "maam" is "ma'am"), as recognizers and typists often leave them out."""
    return words.replace("'", "")


AnswerPhrase = Annotated[Phrase, AfterValidator(_answer_phrase)]


def _typed_form(text: str) -> str:
    if text != text.lower() or not re.fullmatch(r"[^\W_]+(?: [^\W_]+)*", text):
        raise ValueError(f"{text!r} must be lower-case words or digits separated by single spaces")
    return text


TypedForm = Annotated[str, AfterValidator(_typed_form)]


def _lead_in_with_no(text: str, info: ValidationInfo) -> str:
    """A lead-in that holds a "no" phrase ("why not", "yeah nah yeah"): it must hold one (else
    it belongs in `lead_in`) and be in no other list."""
    key = match_key(text)
    if not any(contains(key, match_key(no)) for no in info.data.get("no", ())):
        raise ValueError(f"{text!r} holds no 'no' phrase: put it in 'lead_in'")
    for kind in ("no", "yes", "filler", "lead_in"):
        if key in map(match_key, info.data.get(kind, ())):
            raise ValueError(f"{text!r} is also a {kind!r} phrase")
    return text


LeadInWithNo = Annotated[Phrase, AfterValidator(_lead_in_with_no)]


class ConfirmationWords(Strict):
    """`prompts/confirmation.yaml`: what counts as the caller's yes or no to a read-back
    (`workflows/call/confirmation.py`). Validated in this order: `no` first, so that every
    other phrase can be checked against it."""

    no: list[Phrase] = Field(min_length=1)
    yes: list[AnswerPhrase] = Field(min_length=1)
    # yeses only ever typed, never heard ("yh"): not the recognizer's words, so not in `yes`
    typed_yes: list[AnswerPhrase] = Field(default_factory=list)
    # yeses only typed and only as the whole reply ("y"; never "y not", "so y")
    typed_yes_alone: list[AnswerPhrase] = Field(default_factory=list)
    filler: list[AnswerPhrase] = Field(default_factory=list)
    lead_in: list[AnswerPhrase] = Field(default_factory=list)  # never last: "um", "and"
    # lead-ins that hold a "no" word, each read whole ("sure, why not, go for it"); never last
    # ("sure, why not." is a shrug), and "yeah nah" is still a no
    lead_in_with_no: list[LeadInWithNo] = Field(default_factory=list)
    # yes only to a read-back for a transfer (cold or warm): "yes, transfer me"
    yes_to_transfer: list[AnswerPhrase] = Field(default_factory=list)
    # yes only to a warm transfer's read-back: "yes, introduce me"
    yes_to_introduction: list[AnswerPhrase] = Field(default_factory=list)
    # how a caller addresses the agent warmly ("yes dear"): beside a yes like filler, no name
    endearment: list[AnswerPhrase] = Field(default_factory=list)
    # typed forms of the rule's own words, read as those words ("thru": "through", "go 4 it":
    # "go for it"); a digit anywhere else still refuses
    typed_spelling: dict[TypedForm, Phrase] = Field(default_factory=dict)


def contains(text: str, phrase: str) -> bool:
    """Whether the words of `phrase` appear, in order and together, among the words of `text`."""
    return f" {phrase} " in f" {text} "
