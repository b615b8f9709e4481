"""The analyses of every gold document, kept once and compared byte for byte after a change.

    python benchmarks/reference.py make  [--dir DIR]    write the reference from this checkout
    python benchmarks/reference.py check [--dir DIR]    analyse again and compare with it

A change that should not move any analysis (a module moved, a patch of spaCy's internals
put behind a version check) is checked here: ``quotes analyze`` runs over the seed gold
(``tests/data``), PolNeAR train and dev and LitBank (``../shared/data``; a set that is
absent is left out and said so) with ``--jobs 1`` and with ``--jobs 2``, and each output
must equal the reference's, byte for byte. The reference lives outside the repository
(default ``../reference`` beside the checkout, or ``$QUOTES_REFERENCE``); on a new
machine, make it again from the last landed commit in a ``git worktree``. ``check`` exits
1 and names the first differing document of each output that differs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SETS = {
    "seed": ROOT / "tests" / "data" / "seed_gold.jsonl",
    "polnear_train": DATA / "polnear_train.jsonl",
    "polnear_dev": DATA / "polnear_dev.jsonl",
    "litbank": DATA / "litbank_quotes.jsonl",
}
JOBS = (1, 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("make", "check"))
    default = os.environ.get("QUOTES_REFERENCE") or str(ROOT.parent / "reference")
    parser.add_argument("--dir", type=Path, default=Path(default), help=f"default: {default}")
    parser.add_argument(
        "--jobs",
        type=int,
        nargs="+",
        choices=JOBS,
        default=list(JOBS),
        help="the runs to make or check (default: both; --jobs 2 alone is a quicker check)",
    )
    args = parser.parse_args()
    present = {name: path for name, path in SETS.items() if path.exists()}
    for name in SETS.keys() - present.keys():
        print(f"reference: {SETS[name]} is absent; {name} left out", file=sys.stderr)
    target = args.dir if args.action == "make" else args.dir / "check"
    target.mkdir(parents=True, exist_ok=True)
    different = 0
    for name, path in present.items():
        for jobs in args.jobs:
            out = target / f"{name}.jobs{jobs}.jsonl"
            started = time.perf_counter()
            _analyze(path, out, jobs)
            seconds = time.perf_counter() - started
            if args.action == "make":
                print(f"{out.name}: {_count(out)} documents, {seconds:.1f} s")
                continue
            first = _first_difference(args.dir / out.name, out)
            different += first is not None
            verdict = "same" if first is None else f"DIFFERS from document {first}"
            print(f"{out.name}: {verdict} ({seconds:.1f} s)")
    return 1 if different else 0


def _analyze(path: Path, out: Path, jobs: int) -> None:
    command = ["quotes", "--quiet", "analyze", str(path), "-o", str(out), "--jobs", str(jobs)]
    # Exit 2 is "finished, some documents had problems": their errors are in the output too.
    status = subprocess.run(command, check=False).returncode
    if status not in (0, 2):
        raise SystemExit(f"reference: {' '.join(command)} exited {status}")


def _count(path: Path) -> int:
    with path.open("rb") as lines:
        return sum(1 for _ in lines)


def _first_difference(expected: Path, actual: Path) -> str | None:
    """The id of the first document whose line differs, or None where the files are equal."""
    if not expected.exists():
        return f"(no reference {expected}: run make first)"
    if expected.read_bytes() == actual.read_bytes():
        return None
    with expected.open("rb") as old, actual.open("rb") as new:
        for number, (before, after) in enumerate(zip(old, new, strict=False), 1):
            if before != after:
                return f"{json.loads(before).get('id', '?')} (line {number})"
    return f"(one output has {abs(_count(expected) - _count(actual))} more lines)"


if __name__ == "__main__":
    sys.exit(main())
