"""The Dask engine: the local run's results, in input order, from a cluster of two workers.

One LocalCluster (two processes, one thread each) serves the whole module; each worker
loads the pipeline once, on its first partition.
"""

from __future__ import annotations

import importlib
import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from quotes.errors import EngineError, MissingExtraError, OutputError, QuotesError
from quotes.model import Analysis, Document
from quotes.pipeline import analyze_many
from quotes.run import local
from quotes.run.io import read_jsonl
from quotes.run.local import split_text
from quotes.run.workers import WINDOW_PER_PROCESS

from .conftest import SEED_TEXT, SHARED_DATA

pytest.importorskip("distributed", reason='the Dask engine needs pip install "quotes[dask]"')

import dask
from distributed import Client, LocalCluster

from quotes.run.dask import PART_NAME, analyze_on_dask, write_partitions

POLNEAR_DEV = SHARED_DATA / "polnear_dev.jsonl"
FAILING_ID = "fails"
CHUNK_CHARS = 600
# Nothing listens on the discard port of this machine.
NO_SCHEDULER = "tcp://127.0.0.1:9"


@pytest.fixture(scope="module")
def cluster(nlp: Language) -> Iterator[LocalCluster]:
    """Two worker processes of one thread; ``nlp`` skips the module without the model."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.CRITICAL,
    ) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster, set_as_default=False) as dask_client:
        yield dask_client


# The real analyze_doc, kept by every process that imports this module (the workers too).
_ANALYZE_DOC = local.analyze_doc


def _failing_analyze_doc(doc: Doc, *, doc_id: str | None = None, metadata: Any = None) -> Analysis:
    if doc_id == FAILING_ID:
        raise RuntimeError("injected failure")
    return _ANALYZE_DOC(doc, doc_id=doc_id, metadata=metadata)


def _inject_failure(on: bool) -> None:
    """Run on each worker: make the analysis of FAILING_ID fail there, or stop doing so."""
    local.analyze_doc = _failing_analyze_doc if on else _ANALYZE_DOC  # type: ignore[assignment]


def small_documents() -> list[Document | str]:
    """Hand-written documents: plain, with metadata, empty, blank, failing, no id, non-ASCII,
    and the seed article, which CHUNK_CHARS cuts into many chunks."""
    return [
        Document("seed", SEED_TEXT.read_text(encoding="utf-8")),
        Document("said", '"We will rebuild the bridge," the mayor said on Tuesday.'),
        Document(
            "according",
            "According to the ministry, the budget will grow by 3 percent next year.",
            {"section": "politics", "tags": ["budget"]},
        ),
        Document("empty", ""),
        Document("blank", "  \n\n   "),
        Document(FAILING_ID, '"This one breaks," the engineer warned.'),
        "A text without an id. \u201cIt is late,\u201d she said.",
        Document(
            "unicode",
            "\u201cWe won\u2019t stop,\u201d said Jos\u00e9 Mar\u00eda Aznar, the former prime minister.",
        ),
    ]


def local_dicts(documents: list[Document | str], nlp: Language, **options: Any) -> list[dict[str, Any]]:
    return [analysis.to_dict() for analysis in analyze_many(documents, nlp=nlp, **options)]


@pytest.mark.model
def test_same_results_as_the_local_run(
    client: Client, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = small_documents()
    assert len(split_text(SEED_TEXT.read_text(encoding="utf-8"), max_chars=CHUNK_CHARS)) > 5
    client.run(_inject_failure, True)
    try:
        remote = list(
            analyze_on_dask(documents, client=client, partition_size=3, max_chunk_chars=CHUNK_CHARS)
        )
    finally:
        client.run(_inject_failure, False)
    monkeypatch.setattr(local, "analyze_doc", _failing_analyze_doc)
    expected = local_dicts(documents, nlp, max_chunk_chars=CHUNK_CHARS)

    assert [a.to_dict() for a in remote] == expected
    texts = [d.text if isinstance(d, Document) else d for d in documents]
    assert [a.text for a in remote] == texts
    by_id = {a.id: a for a in remote}
    assert by_id[FAILING_ID].errors == ("analysis failed: RuntimeError: injected failure",)
    assert by_id["according"].metadata == {"section": "politics", "tags": ["budget"]}
    assert by_id["seed"].quotes and by_id["said"].quotes
    assert not by_id["empty"].quotes and not by_id["empty"].errors


@pytest.mark.model
def test_input_order_is_kept_when_later_partitions_finish_first(client: Client) -> None:
    """The long article's partition finishes after the short ones submitted behind it."""
    documents = [Document("seed", SEED_TEXT.read_text(encoding="utf-8"))]
    documents += [Document(f"short-{i}", f'"Item {i} is done," the clerk said.') for i in range(12)]
    analyses = analyze_on_dask(documents, client=client, partition_size=1)
    assert [a.id for a in analyses] == [d.id for d in documents]


@pytest.mark.model
def test_only_a_few_partitions_per_worker_are_read_ahead(client: Client) -> None:
    """The input is read as the results are taken, and closing the stream stops the rest."""
    read = 0

    def documents() -> Iterator[Document]:
        nonlocal read
        for i in range(1000):
            read += 1
            yield Document(f"d{i}", f'"Number {i}," he said.')

    stream = analyze_on_dask(documents(), client=client, partition_size=1)
    assert next(stream).id == "d0"
    assert read == WINDOW_PER_PROCESS * len(client.nthreads()) == 4
    stream.close()
    assert read == 4


@pytest.mark.model
def test_without_a_scheduler_a_local_cluster_is_started_and_closed(nlp: Language) -> None:
    import psutil

    children = {p.pid for p in psutil.Process().children(recursive=True)}
    documents: list[Document | str] = [
        Document(f"d{i}", f'"Rule {i} holds," the judge said.') for i in range(3)
    ]
    assert [a.to_dict() for a in analyze_on_dask(documents, n_workers=1)] == local_dicts(documents, nlp)
    assert {p.pid for p in psutil.Process().children(recursive=True)} <= children


@pytest.mark.model
def test_a_scheduler_address_gives_the_same_results(cluster: LocalCluster, nlp: Language) -> None:
    documents: list[Document | str] = [
        Document(f"d{i}", f'"Step {i} works," the tester said.') for i in range(5)
    ]
    remote = analyze_on_dask(documents, scheduler=cluster.scheduler_address, partition_size=2)
    assert [a.to_dict() for a in remote] == local_dicts(documents, nlp)


@pytest.mark.model
def test_a_failed_partition_names_its_documents(client: Client) -> None:
    documents = [Document(i, f'"{i}," she said.') for i in "abc"]
    documents.insert(3, Document("bad", None))  # type: ignore[arg-type]
    with pytest.raises(EngineError) as error:
        list(analyze_on_dask(documents, client=client, partition_size=2))
    message = str(error.value)
    assert message.startswith(
        "the Dask workers could not analyse documents 2–3 (ids 'c' to 'bad'): TypeError"
    )
    assert "Traceback" not in message
    # The cluster is still usable after the failure.
    assert [a.id for a in analyze_on_dask(documents[:2], client=client)] == ["a", "b"]


@pytest.mark.model
def test_a_worker_without_the_model_says_so_once(client: Client) -> None:
    with pytest.raises(EngineError) as error:
        list(analyze_on_dask(["Text."], client=client, model="no_such_pipeline"))
    message = str(error.value)
    assert (
        "document 0 (id None): ModelNotFoundError: spaCy pipeline 'no_such_pipeline' is not installed"
        in message
    )
    assert message.count("not installed") == 1


def test_an_unreachable_scheduler_is_one_clear_error() -> None:
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(EngineError, match=f"cannot reach the Dask scheduler at {NO_SCHEDULER}"),
    ):
        list(analyze_on_dask(["Text."], scheduler=NO_SCHEDULER))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"scheduler": NO_SCHEDULER, "client": object()}, "not both"),
        ({"partition_size": 0}, "partition_size must be positive"),
        ({"n_workers": 0}, "n_workers must be positive"),
    ],
)
def test_bad_options_are_refused_before_anything_starts(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        next(analyze_on_dask(["Text."], **options))


def test_without_the_extra_the_import_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # None in sys.modules: "not installed"
    monkeypatch.delitem(sys.modules, "quotes.run.dask")
    with pytest.raises(MissingExtraError) as error:
        importlib.import_module("quotes.run.dask")
    assert str(error.value) == "the Dask engine needs the optional extra 'dask': pip install \"quotes[dask]\""
    assert isinstance(error.value, QuotesError) and isinstance(error.value, ImportError)


def test_importing_quotes_does_not_import_dask() -> None:
    code = (
        "import sys, quotes; print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def read_parts(folder: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted(folder.glob("part-*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


@pytest.mark.model
def test_partitioned_output_holds_the_local_results_in_order(
    client: Client, nlp: Language, tmp_path: Path
) -> None:
    documents: list[Document | str] = [
        Document(f"d{i}", f'"Part {i} is here," the editor said.') for i in range(5)
    ]
    out = tmp_path / "out"
    out.mkdir()
    (out / PART_NAME.format(7)).write_text("left by an earlier run\n", encoding="utf-8")
    (out / "notes.txt").write_text("not ours\n", encoding="utf-8")

    paths = write_partitions(
        analyze_on_dask(documents, client=client, partition_size=2), out, partition_size=2
    )

    assert [p.name for p in paths] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", *(p.name for p in paths)]
    assert [len(p.read_text(encoding="utf-8").splitlines()) for p in paths] == [2, 2, 1]
    assert read_parts(out) == local_dicts(documents, nlp)


def test_a_failed_run_leaves_only_complete_parts(tmp_path: Path) -> None:
    def analyses() -> Iterator[Analysis]:
        for i in range(3):
            yield Analysis(f"d{i}", "")
        raise EngineError("a partition failed")

    with pytest.raises(EngineError):
        write_partitions(analyses(), tmp_path, partition_size=2)
    assert [p.name for p in tmp_path.iterdir()] == ["part-00000.jsonl"]
    assert [d["id"] for d in read_parts(tmp_path)] == ["d0", "d1"]


def test_partitioned_output_needs_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="needs a folder"):
        write_partitions([Analysis("d", "")], path)


def test_no_part_is_written_over_an_input(tmp_path: Path) -> None:
    part = tmp_path / PART_NAME.format(0)
    part.write_text("{}\n", encoding="utf-8")
    with pytest.raises(OutputError, match="over an input"):
        write_partitions([Analysis("d", "")], tmp_path, inputs=[str(tmp_path)])
    assert part.read_text(encoding="utf-8") == "{}\n"


def test_no_analyses_write_no_parts(tmp_path: Path) -> None:
    assert write_partitions([], tmp_path / "out") == []
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.model
@pytest.mark.data
@pytest.mark.skipif(
    not POLNEAR_DEV.exists(), reason=f"{POLNEAR_DEV} is absent (PolNeAR is not in the repository)"
)
def test_polnear_dev_on_dask_equals_the_local_run(client: Client, nlp: Language) -> None:
    """Every PolNeAR dev article, read as the CLI reads it, metadata and all."""

    def documents() -> Iterator[Document]:
        with POLNEAR_DEV.open("rb") as lines:
            yield from read_jsonl(lines, source=str(POLNEAR_DEV))

    remote = [a.to_dict() for a in analyze_on_dask(documents(), client=client, partition_size=8)]
    local = local_dicts(list(documents()), nlp)
    assert len(remote) == len(local) == 84
    assert [d["id"] for d in remote] == [d["id"] for d in local]
    differing = [mine["id"] for mine, theirs in zip(remote, local, strict=True) if mine != theirs]
    assert differing == []
    assert sum(len(d["quotes"]) for d in remote) > 0


# --- through the command line -------------------------------------------------------------


@pytest.mark.model
def test_cli_dask_engine_writes_what_the_local_engine_writes(tmp_path: Path) -> None:
    from .test_cli import run, small_corpus

    source = small_corpus(tmp_path)
    local, dask, parts = tmp_path / "local.jsonl", tmp_path / "dask.jsonl", tmp_path / "parts"
    assert run("analyze", str(source), "-o", str(local), "--jobs", "1").returncode == 0
    result = run("analyze", str(source), "-o", str(dask), "--engine", "dask", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # the cluster's own INFO logging stays out
    assert dask.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")
    split = run("analyze", str(source), "-o", str(parts), "--partition-size", "2", "--jobs", "1")
    assert split.returncode == 0, split.stderr
    assert sorted(path.name for path in parts.iterdir()) == ["part-00000.jsonl", "part-00001.jsonl"]
    joined = "".join(path.read_text(encoding="utf-8") for path in sorted(parts.iterdir()))
    assert joined == local.read_text(encoding="utf-8")
