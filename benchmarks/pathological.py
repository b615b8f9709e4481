"""Time and memory of one analysis as pathological texts grow: is it linear?

    python benchmarks/pathological.py [--base 131072] [--sizes 1 4 16] [--out benchmarks/PATHOLOGICAL.md]

Issue 6: a run over damaged text must complete, in time that grows with its size and
no faster, and still find the good quote beside the damage. Each text below is built
to about ``--base`` × size characters and ends with one well-formed quote; each
(kind, size) is analysed by ``quotes.analyze_many`` in a fresh process (one document, one
process, the model loaded before the clock starts), which reports its seconds, its
peak resident memory and whether that last quote was found whole. "× time per char" is
the time per character against the kind's smallest size: near 1 is linear.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
GOOD_QUOTE = '"We will rebuild the bridge," the mayor said on Monday.'
GOOD_TEXT = '"We will rebuild the bridge,"'
MARKS = ('"', "“", "”", "‘", "’", "«", "»", "'")


def long_line(chars: int) -> str:
    """One line of words, no punctuation and no break: "word word word …"."""
    return "word " * (chars // 5)


def many_marks(chars: int) -> str:
    """Short sentences with a quotation mark, of any kind, every few words, unbalanced."""
    rng = random.Random(0)
    words = ("the", "council", "said", "plan", "vote", "she", "told", "reporters", "it", "failed")
    pieces: list[str] = []
    size = 0
    while size < chars:
        piece = " ".join(rng.choice(words) for _ in range(rng.randint(2, 6)))
        piece = f"{rng.choice(MARKS)}{piece}{rng.choice(('.', ',', '', '?'))} "
        pieces.append(piece)
        size += len(piece)
    return "".join(pieces)


def long_sentence(chars: int) -> str:
    """One sentence of relative clauses: "The council, which met, which met, … said the plan failed."."""
    clause = "which met, "
    return "The council, " + clause * (chars // len(clause)) + "said the plan failed. "


def nested_quotes(chars: int) -> str:
    """Quotes within quotes, three deep, sentence after sentence in one paragraph."""
    sentence = "\"He told me 'they said \u201cnever\u201d to us,' and left,\" the mayor said. "
    return sentence * (chars // len(sentence))


KINDS: dict[str, Callable[[int], str]] = {
    "long line, no punctuation": long_line,
    "unbalanced marks": many_marks,
    "one long sentence": long_sentence,
    "nested quotes": nested_quotes,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=int, default=131_072, help="characters at size 1")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--kinds", nargs="+", choices=list(KINDS), default=list(KINDS), metavar="KIND")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "PATHOLOGICAL.md")
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "CHARS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(_work(args.worker[0], int(args.worker[1]))))
        return 0
    rows = []
    for kind in args.kinds:
        first: float | None = None
        for size in args.sizes:
            command = [sys.executable, __file__, "--worker", kind, str(args.base * size)]
            result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
            per_char = result["seconds"] / result["chars"]
            first = first or per_char
            rows.append(
                [
                    kind,
                    f"{size}x",
                    f"{result['chars']:,}",
                    f"{result['seconds']:.1f}",
                    f"{result['chars'] / result['seconds']:,.0f}",
                    f"{per_char / first:.2f}",
                    f"{result['peak_mb']:,.0f}",
                    result["quotes"],
                    "yes" if result["found"] else "NO",
                ]
            )
            print(" | ".join(map(str, rows[-1])), file=sys.stderr, flush=True)
    headers = ["text", "size", "chars", "seconds", "chars/s", "× time per char", "peak MB", "quotes"]
    headers.append("good quote found")
    table = tabulate(rows, headers=headers, tablefmt="github")
    print(table)
    args.out.write_text(_markdown(table, args), encoding="utf-8")
    return 0


def _work(kind: str, chars: int) -> dict[str, object]:
    import quotes

    nlp = quotes.load_nlp()
    text = KINDS[kind](chars) + "\n\n" + GOOD_QUOTE
    start = time.perf_counter()
    # As `quotes analyze` does: a long text parsed in pieces, analysed whole.
    [analysis] = quotes.analyze_many([text], nlp=nlp)
    seconds = time.perf_counter() - start
    return {
        "chars": len(text),
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "quotes": len(analysis.quotes),
        "found": any(quote.text == GOOD_TEXT and quote.speaker for quote in analysis.quotes),
    }


def _markdown(table: str, args: argparse.Namespace) -> str:
    import platform

    import spacy

    return "\n".join(
        [
            "# Pathological texts: time and memory of one analysis as they grow",
            "",
            f"`python benchmarks/pathological.py --base {args.base} --sizes {_joined(args.sizes)}` "
            f"on {platform.machine()}, {sys.platform}, Python {platform.python_version()}, "
            f"spaCy {spacy.__version__}, one process. Each text ends with one good quote "
            "after a paragraph break; 'good quote found' says whether it came out whole, with its speaker.",
            "",
            table,
            "",
        ]
    )


def _joined(numbers: list[int]) -> str:
    return " ".join(map(str, numbers))


if __name__ == "__main__":
    sys.exit(main())
