"""`python -m tests.yes_corpus [-v] [part ...]`: the confirmation rule's rates on the corpus."""

import argparse

from tests.yes_corpus import PARTS, load, rates, shipped_words


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.yes_corpus", description=__doc__)
    parser.add_argument("parts", nargs="*", metavar="part", help=f"of {PARTS} (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if unknown := set(args.parts) - set(PARTS):
        parser.error(f"unknown part {sorted(unknown)}: choose from {PARTS}")
    args.parts = args.parts or list(PARTS)
    words = shipped_words()
    everything = []
    for part in args.parts:
        replies = load(part)
        everything += replies
        result = rates(replies, words)
        print(f"{part:<9} {len(replies):>4} replies: {result.summary()}")
        if args.verbose:
            for reply in result.false_accepts:
                print(f"  accepted, labelled no  {reply.where:<17} [{reply.group}] {reply.text}")
            for reply in result.false_refusals:
                print(f"  refused, labelled yes  {reply.where:<17} [{reply.group}] {reply.text}")
    if len(args.parts) > 1:
        print(f"{'all':<9} {len(everything):>4} replies: {rates(everything, words).summary()}")


if __name__ == "__main__":
    main()
