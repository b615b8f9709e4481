"""Fuzz target (atheris): any bytes, read as a text file or a JSONL corpus, analysed.

    python -m tests.fuzz_analyze [LIBFUZZER_OPTIONS] [CORPUS_DIR ...]

From the repository root, with the test extra installed (atheris has wheels for Linux
x86_64). Each input's first byte chooses how the rest is read: even, as the bytes of a
``.txt`` file (``quotes.run.io.text_document``: encodings, binary detection); odd, as the
lines of a JSONL corpus (``quotes.run.io.read_jsonl``). Every document read is analysed with
the real pipeline and must pass ``tests/evidence.py``'s checks: no exception, an empty
``errors``, every offset indexing the text, quotes that nest or stay apart. The reader's
own problems (a bad line, an undecodable byte) are expected and collected, never raised.

Longer runs, for example an hour over the seed corpus, keeping what it finds::

    mkdir -p /tmp/fuzz && cp tests/data/fuzz_seeds/* /tmp/fuzz/
    python -m tests.fuzz_analyze -max_total_time=3600 -max_len=2048 /tmp/fuzz

A crash writes ``crash-<sha1>`` with the input; each one becomes a regression case
(an ``@example`` in test_properties.py, or a row of test_io.py) before its fix lands.
CI runs the target for a bounded number of inputs (test_fuzz.py).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["quotes"]):
    import quotes
    from quotes.run.io import read_jsonl, text_document

from tests.evidence import check_evidence

NLP = quotes.load_nlp()


def documents(data: bytes) -> list[quotes.Document]:
    """The documents `data` holds, read as chosen by its first byte."""
    if not data:
        return []
    problems: list[str] = []
    body = data[1:]
    if data[0] % 2 == 0:
        document = text_document(body, source="fuzz.txt", on_problem=problems.append)
        return [] if document is None else [document]
    return list(read_jsonl(body.splitlines(keepends=True), source="fuzz.jsonl", on_problem=problems.append))


def test_one_input(data: bytes) -> None:
    for document in documents(data):
        analysis = quotes.analyze(document.text, nlp=NLP, doc_id=document.id)
        check_evidence(document.text, analysis.to_dict())


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
