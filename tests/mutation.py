"""Mutation run over the consent core and the ending guards (`make mutation`).

mutmut (configured in pyproject.toml, `[tool.mutmut]`) plants one small bug at a time in the
modules listed there and runs, for each, the fast tests that reach the mutated function. A
mutant that no test notices "survives". This script runs mutmut from a clean copy, prints the
kill rate per module and overall, and checks the survivors against
`docs/equivalent_mutants.yaml`: each surviving mutant must be listed there, by the line it
changes, with the reason it cannot change what the product does.

    python -m tests.mutation            # a full run (about 25 min on 2 idle cores), then the report
    python -m tests.mutation --report   # the report of the last run only

Exit status 0 when the kill rate is at least `GOAL` and every survivor is listed; 1 otherwise.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENTS = ROOT / "docs" / "equivalent_mutants.yaml"
GOAL = 0.95
KILLED = {"killed", "timeout", "segfault", "suspicious", "caught by type check"}
NOT_RUN = {"skipped", "not checked"}  # not counted either way (reported if any)
_NAME = re.compile(r"^\s*(?P<name>[\w.ǁ]+__mutmut_\d+): (?P<status>.+?)\s*$")


@dataclass(frozen=True)
class Mutant:
    name: str  # mutmut's name: <module>.x_<function>__mutmut_<n>
    status: str

    @property
    def module(self) -> str:
        head = self.name.split(".x_")[0].split(".xǁ")[0]
        return head.replace(".", "/") + ".py"

    @property
    def function(self) -> str:
        tail = self.name.rsplit("__mutmut_", 1)[0]
        tail = tail.split(".x_", 1)[-1] if ".x_" in tail else tail.split(".xǁ", 1)[-1]
        return tail.replace("ǁ", ".")


def mutmut(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "mutmut", *args], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"mutmut {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def run(children: int) -> None:
    """A clean run: mutmut reuses data files it copied before, so start from nothing."""
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "mutmut", "run", "--max-children", str(children)],
        cwd=ROOT,
        check=True,
    )


def results() -> list[Mutant]:
    found = [_NAME.match(line) for line in mutmut("results", "--all", "true").splitlines()]
    return [Mutant(m["name"], m["status"]) for m in found if m]


def change_of(mutant: Mutant) -> tuple[str, str]:
    """The line the mutant removes and the line it adds, stripped ("" where there is none)."""
    diff = mutmut("show", mutant.name).splitlines()
    removed = [line[1:].strip() for line in diff if line.startswith("-") and line[:3] != "---"]
    added = [line[1:].strip() for line in diff if line.startswith("+") and line[:3] != "+++"]
    return " ".join(removed), " ".join(added)


def equivalents() -> list[dict]:
    entries = yaml.safe_load(EQUIVALENTS.read_text(encoding="utf-8")) or []
    for i, entry in enumerate(entries, 1):
        missing = {"module", "function", "before", "after", "why"} - set(entry)
        if missing or not str(entry.get("why", "")).strip():
            raise SystemExit(f"{EQUIVALENTS}: entry {i} needs module, function, before, after, why")
    return entries


def listed(mutant: Mutant, change: tuple[str, str], entries: list[dict]) -> dict | None:
    for entry in entries:
        if (entry["module"], entry["function"]) == (mutant.module, mutant.function) and (
            entry["before"].strip(),
            entry["after"].strip(),
        ) == change:
            return entry
    return None


def report() -> int:
    mutants = results()
    if not mutants:
        print("no mutation results: run `make mutation` first")
        return 1
    entries = equivalents()
    by_module: dict[str, Counter] = defaultdict(Counter)
    unlisted: list[tuple[Mutant, tuple[str, str]]] = []
    used: set[int] = set()
    for mutant in mutants:
        counts = by_module[mutant.module]
        counts["total"] += 1
        if mutant.status in KILLED:
            counts["killed"] += 1
        elif mutant.status in NOT_RUN:
            counts["not run"] += 1
        else:
            counts["survived"] += 1
            change = change_of(mutant)
            entry = listed(mutant, change, entries)
            if entry is None:
                unlisted.append((mutant, change))
            else:
                counts["equivalent"] += 1
                used.add(id(entry))
    print(f"{'module':40} {'mutants':>8} {'killed':>7} {'survived':>9} {'listed':>7} {'rate':>7}")
    total = Counter()
    for module in sorted(by_module):
        c = by_module[module]
        total.update(c)
        print(
            f"{module:40} {c['total']:8} {c['killed']:7} {c['survived']:9} "
            f"{c['equivalent']:7} {_rate(c):7.1%}"
        )
    rate = _rate(total)
    print(
        f"{'all':40} {total['total']:8} {total['killed']:7} {total['survived']:9} "
        f"{total['equivalent']:7} {rate:7.1%}   (goal {GOAL:.0%})"
    )
    if total["not run"]:
        print(f"{total['not run']} mutants were not run (skipped or not checked): run again")
    for mutant, (before, after) in unlisted:
        print(f"SURVIVED, not listed as equivalent: {mutant.name}\n  - {before}\n  + {after}")
    stale = [e for e in entries if id(e) not in used]
    for entry in stale:
        print(f"listed but no longer surviving (remove it): {entry['module']} {entry['function']}")
    ok = rate >= GOAL and not unlisted and not total["not run"]
    print("mutation goal met" if ok else "mutation goal NOT met")
    return 0 if ok else 1


def _rate(counts: Counter) -> float:
    ran = counts["total"] - counts["not run"]
    return counts["killed"] / ran if ran else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="report the last run only")
    parser.add_argument("--children", type=int, default=2, help="mutants run at once")
    args = parser.parse_args()
    if not args.report:
        run(args.children)
    sys.exit(report())


if __name__ == "__main__":
    main()
