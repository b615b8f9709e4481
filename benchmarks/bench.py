"""Throughput and peak memory of `quotes` against textacy and the bare parse.

    python benchmarks/bench.py [--sizes 1 4 16] [--jobs N] [--systems ...] [--new-words]
                               [--out benchmarks/RESULTS.md]

The corpus is PolNeAR dev (../shared/data/polnear_dev.jsonl; the run stops with the
reason where it is absent) and synthetic corpora of it repeated 4x and 16x. With
``--new-words`` each copy after the first gives every capitalized word of four letters
or more a suffix of its own ("Obama" -> "Obamaqb"), so that the corpus, like an archive,
keeps meeting names the model has never seen: what that does to memory is what it
measures (``benchmarks/NEW_WORDS.md``). Every configuration runs in a fresh process on
the same documents, with the same model:

- ``quotes``: what ``quotes analyze CORPUS -o OUT --jobs N`` does once its model is
  loaded (read the JSONL, parse, detect, attribute, write JSONL), 1 process and ``--jobs``;
- ``textacy``: `nlp.pipe` then textacy's ``direct_quotations`` on each Doc, 1 process;
- ``nlp.pipe``: the bare parse with the same pipeline, 1 process and ``--jobs`` — the
  parse-only limit any analyzer on this model is bounded by.

Every configuration uses the pipeline of ``quotes.load_nlp()``, with what it does to
make the model's own components quicker (the attribute ruler from tables, the
lemmatizer's index as sets, matrix products through numpy's BLAS on one thread): the
baselines get them too, so that the ratios measure what ``quotes`` itself does
differently (what it parses and recognizes, its processes), not those.

Tokens/s counts the pipeline's tokens (the same for every configuration). Peak memory
is that of the configuration's whole process tree, sampled every 250 ms from /proc, two
ways: the summed resident sets (RSS), which count the pages forked workers share with
their parent once per process, and the summed proportional sets (PSS, from
``smaps_rollup``), which share each such page among the processes that map it: what
the tree takes from the machine. "strings" is the size of the vocabulary's string store
at the end, in the process that ran the pipeline (1-process configurations only). It
prints a table and writes it, with the machine and versions, to ``--out``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "data" / "polnear_dev.jsonl"
# Reading a process's smaps_rollup costs about 3 ms: sampled every 50 ms, the sampler
# took 15% of a core from the configurations it measured, the 2-process ones most.
SAMPLE_SECONDS = 0.25
BATCH_SIZE = 16
SYSTEMS = ("quotes", "textacy", "nlp.pipe")


@dataclass(frozen=True)
class Result:
    system: str
    jobs: int
    size: int
    documents: int
    tokens: int
    seconds: float
    peak_mb: float
    peak_pss_mb: float
    strings: int | None

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1, 4, 16], help="corpus multiples of PolNeAR dev"
    )
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="processes for the parallel runs"
    )
    parser.add_argument(
        "--systems", nargs="+", choices=SYSTEMS, default=list(SYSTEMS), help="configurations to run"
    )
    parser.add_argument(
        "--new-words", action="store_true", help="give each copy's capitalized words a suffix of its own"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument(
        "--worker", nargs=4, metavar=("SYSTEM", "JOBS", "CORPUS", "RESULT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.worker:
        system, jobs, corpus, result = args.worker
        _work(system, int(jobs), Path(corpus), Path(result))
        return 0
    if not GOLD.exists():
        print(f"benchmark skipped: {GOLD} is absent (PolNeAR dev is not in the repository)", file=sys.stderr)
        return 0
    texts = [
        json.loads(line)["text"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    tokens_once = _token_count(texts)
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            corpus = Path(folder) / f"corpus-{size}.jsonl"
            copies = [
                [_with_new_words(text, copy) if args.new_words else text for text in texts]
                for copy in range(size)
            ]
            with corpus.open("w", encoding="utf-8") as handle:
                for copy, copy_texts in enumerate(copies):
                    for index, text in enumerate(copy_texts):
                        handle.write(json.dumps({"id": f"{copy}-{index}", "text": text}) + "\n")
            tokens = tokens_once * size
            if args.new_words:
                tokens = sum(_token_count(copy_texts) for copy_texts in copies)
            for system in args.systems:
                for jobs in sorted({1, args.jobs}):
                    if system == "textacy" and jobs > 1:
                        continue  # the comparison is with textacy as it is used: one process
                    result = _measure(system, jobs, size, corpus, Path(folder) / "result.json", tokens)
                    results.append(result)
                    print(_row(result), file=sys.stderr, flush=True)
    table = _table(results)
    print(table)
    args.out.write_text(_markdown(results, table, args.jobs, new_words=args.new_words), encoding="utf-8")
    return 0


def _with_new_words(text: str, copy: int) -> str:
    """``text`` with a suffix of letters of its own for ``copy`` (none for the first) on
    each capitalized word of four letters or more: names never seen before."""
    if copy == 0:
        return text
    suffix = ""
    while copy:
        copy, letter = divmod(copy, 26)
        suffix += chr(ord("a") + letter)
    return re.sub(r"\b([A-Z][a-z]{3,})\b", lambda match: match[1] + "q" + suffix, text)


def _token_count(texts: list[str]) -> int:
    """The pipeline tokenizer's count of tokens, the same for every configuration."""
    import quotes

    tokenizer = quotes.load_nlp().tokenizer
    return sum(len(tokenizer(text)) for text in texts)


def _measure(system: str, jobs: int, size: int, corpus: Path, result_path: Path, tokens: int) -> Result:
    """Run one configuration in a fresh process and sample its tree's memory."""
    command = [sys.executable, __file__, "--worker", system, str(jobs), str(corpus), str(result_path)]
    process = subprocess.Popen(command)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = _tree_memory(process.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if process.wait() != 0:
        raise SystemExit(f"{system} with {jobs} jobs failed (exit {process.returncode})")
    done.set()
    sampler.join()
    measured = json.loads(result_path.read_text(encoding="utf-8"))
    return Result(
        system,
        jobs,
        size,
        measured["documents"],
        tokens,
        measured["seconds"],
        peak[0] / 1024,
        peak[1] / 1024,
        measured["strings"] if jobs == 1 else None,
    )


def _work(system: str, jobs: int, corpus: Path, result_path: Path) -> None:
    """One configuration, timed from the first document read to the last result."""
    import quotes
    from quotes.nlp.blas import one_thread
    from quotes.run.io import jsonl_output, read_documents

    nlp = quotes.load_nlp()
    # Every configuration multiplies on one BLAS thread per process, as the CLI does:
    # "1 process" is one core, and the processes of the others are their parallelism.
    one_thread()
    texts = (json.loads(line)["text"] for line in corpus.open(encoding="utf-8"))
    documents = 0
    start = time.perf_counter()
    if system == "quotes":
        # What `quotes analyze CORPUS -o OUT --jobs N` does once its model is loaded:
        # read the JSONL lazily, analyse, write each document's line as it is done.
        output = result_path.with_suffix(".out.jsonl")
        with jsonl_output(str(output)) as out:
            items = read_documents([str(corpus)])
            for analysis in quotes.analyze_many(items, nlp=nlp, batch_size=BATCH_SIZE, n_process=jobs):
                out.write(analysis.to_dict())
                documents += 1
        output.unlink()
    elif system == "textacy":
        from textacy.extract.triples import direct_quotations

        for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
            documents += 1
            # textacy raises on an odd number of quotation marks; the time still counts.
            with contextlib.suppress(Exception):
                list(direct_quotations(doc))
    else:
        for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=jobs):
            documents += 1
    seconds = time.perf_counter() - start
    result = {"documents": documents, "seconds": seconds, "strings": len(nlp.vocab.strings)}
    result_path.write_text(json.dumps(result), encoding="utf-8")


def _tree_memory(pid: int) -> tuple[int, int]:
    """Resident and proportional memory in KiB of ``pid`` and all its descendants,
    summed, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry))
    rss = pss = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


HEADERS = [
    "corpus",
    "system",
    "jobs",
    "documents",
    "tokens",
    "seconds",
    "tokens/s",
    "peak RSS MB",
    "peak PSS MB",
    "strings",
]


def _cells(result: Result) -> list[object]:
    return [
        f"{result.size}x",
        result.system,
        result.jobs,
        result.documents,
        result.tokens,
        f"{result.seconds:.1f}",
        f"{result.tokens_per_second:,.0f}",
        f"{result.peak_mb:,.0f}",
        f"{result.peak_pss_mb:,.0f}",
        "" if result.strings is None else f"{result.strings:,}",
    ]


def _row(result: Result) -> str:
    return "  ".join(str(cell) for cell in _cells(result))


def _table(results: list[Result]) -> str:
    return tabulate([_cells(r) for r in results], headers=HEADERS, tablefmt="github")


def _markdown(results: list[Result], table: str, jobs: int, *, new_words: bool) -> str:
    import spacy
    import textacy

    import quotes

    by = {(r.system, r.jobs, r.size): r for r in results}
    ratios = []
    for size in sorted({r.size for r in results}):
        ours, theirs = by.get(("quotes", jobs, size)), by.get(("textacy", 1, size))
        bare = by.get(("nlp.pipe", jobs, size))
        if ours and theirs and bare:
            ratios.append(
                f"| {size}x | {ours.tokens_per_second / theirs.tokens_per_second:.2f} "
                f"| {ours.tokens_per_second / bare.tokens_per_second:.2f} |"
            )
    comparison = [
        "",
        (
            f"quotes with {jobs} jobs against textacy (1 process) and against the bare parse"
            f" with {jobs} processes:"
        ),
        "",
        "| corpus | quotes / textacy | quotes / nlp.pipe |",
        "|---|---|---|",
        *ratios,
    ]
    command = "python benchmarks/bench.py" + (" --new-words" if new_words else "")
    return "\n".join(
        [
            "# Benchmark results" + (": an archive's new words" if new_words else ""),
            "",
            f"`{command}` on {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, spaCy {spacy.__version__}, textacy {textacy.__version__}, "
            f"quotes {quotes.__version__}; corpus: PolNeAR dev (84 articles) repeated"
            + (", each copy's names new (`--new-words`)." if new_words else "."),
            "",
            table,
            *(comparison if ratios else []),
            "",
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())
