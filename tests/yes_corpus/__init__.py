"""Replies to a read-back, labelled, and the confirmation rule's rates on them.

`tuning.txt` was used to shape the rule in `workflows/call/confirmation.py`; `held_out.txt`
never was, so its rates say how the rule does on replies it was not fitted to. Each line is
"yes <reply>" (a clear yes: dial) or "no <reply>" (anything else); "## " starts a group and
"#" a comment. A group whose heading ends in "| read back: <name>" answers a read-back that
named the destination so (`ReadBack.name`, "Monica Reyes"); any other answers a number.
`python -m tests.yes_corpus [-v]` prints the rates (`-v`: and every miss).
"""

from dataclasses import dataclass
from pathlib import Path

from prompts.loader import load_prompts
from workflows.call.confirmation import Words, is_clear_yes

HERE = Path(__file__).parent
PROMPTS = HERE.parent.parent / "prompts"
PARTS = ("tuning", "held_out")
LABELS = ("yes", "no")
_READ_BACK = "| read back:"


@dataclass(frozen=True)
class Reply:
    text: str
    says_yes: bool  # the label: a clear yes that should dial
    group: str
    where: str  # file:line
    read_back: str = ""  # the name the read-back gave the destination ("" for a number)


@dataclass(frozen=True)
class Rates:
    """How the rule did on a set of replies."""

    false_accepts: list[Reply]  # labelled "no", taken as a yes: a dial nobody agreed to
    false_refusals: list[Reply]  # labelled "yes", refused: the caller is asked again
    yes_count: int
    no_count: int

    @property
    def false_accept_rate(self) -> float:
        return len(self.false_accepts) / self.no_count

    @property
    def false_refusal_rate(self) -> float:
        return len(self.false_refusals) / self.yes_count

    def summary(self) -> str:
        return (
            f"false accepts {len(self.false_accepts)}/{self.no_count} "
            f"({self.false_accept_rate:.1%}), "
            f"false refusals {len(self.false_refusals)}/{self.yes_count} "
            f"({self.false_refusal_rate:.1%})"
        )


def load(part: str, folder: Path = HERE) -> list[Reply]:
    """The labelled replies of one part of the corpus; a bad line is named with file:line."""
    path = folder / f"{part}.txt"
    replies, group, named = [], "", ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{number}"
        if line.startswith("## "):
            group, _, named = (part.strip() for part in line[3:].partition(_READ_BACK))
        elif line.strip() and not line.startswith("#"):
            label, _, text = line.partition(" ")
            if label not in LABELS or not text.strip():
                raise ValueError(f"{where}: expected 'yes <reply>' or 'no <reply>': {line!r}")
            replies.append(Reply(text.strip(), label == "yes", group, where, named))
    return replies


def rates(replies: list[Reply], words: Words) -> Rates:
    """Run the confirmation rule over `replies`."""
    accepts, refusals = [], []
    for reply in replies:
        yes = is_clear_yes(reply.text, words, reply.read_back)
        if yes and not reply.says_yes:
            accepts.append(reply)
        elif reply.says_yes and not yes:
            refusals.append(reply)
    yes_count = sum(r.says_yes for r in replies)
    return Rates(accepts, refusals, yes_count, len(replies) - yes_count)


def shipped_words() -> Words:
    """The yes/no vocabulary in the project's `prompts/confirmation.yaml`."""
    return load_prompts(PROMPTS).confirmation
