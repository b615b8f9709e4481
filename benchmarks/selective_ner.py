"""Where the parse spends its time, and whether entities in fewer sentences keep accuracy.

    python benchmarks/selective_ner.py [--repeat 3] [--variants cues cues+names ...]

Issue 5, "only the work needed". The entity recognizer costs almost as much as the rest
of the parse, and the analysis reads entities only around its cues (a source's name,
role and organisation, "supported by Turkey", "spoke on Tuesday") and, for coreference,
where a quoted name appears in full ("Rami Abdulrahman" before "Abdulrahman said").
In en_core_web_sm the recognizer has a tok2vec of its own over lexical features
(``nlp.config["components"]["ner"]["model"]["tok2vec"]``; the tagger and the parser
listen to the shared one), so it can run apart: the text is parsed without it, then it
reads Docs made of only the selected sentences (with ``MARGIN`` tokens of context each
side), whose entities are copied back to the same tokens of the whole Doc
(:func:`recognize_entities`); the other tokens keep no entity annotation.

It prints three tables, all on the same machine in the same run:

1. the time of each pipeline component and of the two analysis stages on PolNeAR dev;
2. for each way of choosing sentences (``VARIANTS``): the share of tokens the recognizer
   reads, single-process tokens/s of parse + entities + analysis (each stage timed
   ``--repeat`` times on the same Docs, the best kept) against the full pipeline, the
   same with ``Doc.text`` read once (see :class:`CachedTextDoc`), and how many entities
   and whole analyses come out as with the full pipeline;
3. the evaluator's figures (``quotes evaluate``'s) for each variant on the seed gold,
   PolNeAR dev and LitBank.

"openings" is what ``quotes`` does by default (``quotes.nlp.entities.entity_spans`` of
``quotes.extract.entity_tokens``: each sentence of a cue, a source or a full name read
from its start to two tokens past the last of them, an entity running on past that read
again whole); "detected+names" (the
whole of those sentences) was the default before it; the full pipeline is
``--all-entities``.

The gold sets are those of ``../shared/data`` (the seed gold is ``tests/data``'s); a set
that is absent is left out.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from tabulate import tabulate

import quotes
from quotes.evaluate import Scores, load_gold, score
from quotes.extract import analyze_doc, entity_tokens
from quotes.extract.analysis import cue_and_source, is_name_word
from quotes.extract.attribute import attribute
from quotes.extract.detect import detect
from quotes.extract.lexicon import (
    ALL_MARKS,
    APPEARANCE_VERBS,
    CHARACTERIZE_VERBS,
    EVIDENCE_NOUNS,
    INTENTION_VERBS,
    LEMMA_CORRECTIONS,
    NAMING_VERBS,
    OBJECT_CUE_VERBS,
    OPENING_MARKS,
    PASSIVE_REPORT_VERBS,
    PREPOSITION_CUE_VERBS,
    PREPOSITIONAL_CUES,
    REPORTING_VERBS,
    STANCE_ADJECTIVES,
    STANCE_NOUNS,
    STATEMENT_NOUNS,
    SUPPORT_VERBS,
)
from quotes.nlp.entities import LOOKAHEAD, MARGIN, NER, entity_spans, recognize_entities

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
GOLD_SETS = {
    "seed": ROOT / "tests" / "data" / "seed_gold.jsonl",
    "dev": DATA / "polnear_dev.jsonl",
    "litbank": DATA / "litbank_quotes.jsonl",
}
TIMING_SET = "dev"
BATCH_SIZE = 16  # as quotes.run.local.DEFAULT_BATCH_SIZE
FULL = "full pipeline"
TEXT_ONCE = "(detect + attribute, Doc.text read once)"

# Lemmas of every word the detector takes for a cue: its verb rules and its statement,
# stance and evidence nouns, whatever the part of speech (a superset of what the rules
# read is safe; a subset loses a source's entities).
CUE_LEMMAS: frozenset[str] = (
    REPORTING_VERBS
    | INTENTION_VERBS
    | OBJECT_CUE_VERBS
    | SUPPORT_VERBS
    | PASSIVE_REPORT_VERBS
    | APPEARANCE_VERBS
    | NAMING_VERBS
    | CHARACTERIZE_VERBS
    | frozenset().union(*PREPOSITION_CUE_VERBS.values())
    | STATEMENT_NOUNS
    | STANCE_NOUNS
    | EVIDENCE_NOUNS
)
# Cue words read as written: "critical of", "according to", a headline's colon.
CUE_FORMS: frozenset[str] = STANCE_ADJECTIVES | PREPOSITIONAL_CUES | frozenset({":"})
Selector = Callable[[Doc], list[Span]]


# --- Choosing sentences -------------------------------------------------------------


def _lemma(token: Token) -> str:
    return LEMMA_CORRECTIONS.get(token.lower_) or token.lemma_.lower()


def _is_cue(token: Token) -> bool:
    return token.lower_ in CUE_FORMS or _lemma(token) in CUE_LEMMAS


def _is_mark(token: Token) -> bool:
    return token.is_quote or token.text in ALL_MARKS or token.text in OPENING_MARKS


def all_sentences(doc: Doc) -> list[Span]:
    """Every sentence: the same entities as the full pipeline, through the same path."""
    return list(doc.sents)


def reporting_sentences(doc: Doc) -> list[Span]:
    """Sentences with a quotation mark, a reporting verb or "according"."""
    return [
        sent
        for sent in doc.sents
        if any(_is_mark(t) or _lemma(t) in REPORTING_VERBS or t.lower_ in PREPOSITIONAL_CUES for t in sent)
    ]


def cue_sentences(doc: Doc) -> list[Span]:
    """Sentences with a word any rule of the detector takes for a cue (``CUE_LEMMAS``)."""
    return [sent for sent in doc.sents if any(_is_cue(t) for t in sent)]


def detected_sentences(doc: Doc) -> list[Span]:
    """The sentences of the cues and sources the detector finds in ``doc``.

    Entities only ever veto a detection, so in a Doc without them the detector finds
    every cue and source it finds with them, and perhaps more."""
    starts: set[int] = set()
    for detection in detect(doc):
        for span, _ in cue_and_source(doc, detection):
            starts.update(token.sent.start for token in span)
    return [sent for sent in doc.sents if sent.start in starts]


def with_full_names(doc: Doc, chosen: Sequence[Span]) -> list[Span]:
    """``chosen`` and the sentences of ``doc`` that name, in two words or more, someone
    named in them: the fuller forms coreference gives a speaker ("Rami Abdulrahman
    founded …" for "Abdulrahman said")."""
    starts = {sent.start for sent in chosen}
    sents = list(doc.sents)
    names = {t.lower_ for sent in sents if sent.start in starts for t in sent if is_name_word(t)}
    return [
        sent
        for sent in sents
        if sent.start in starts
        or any(t.lower_ in names and _in_longer_name(t) for t in sent if is_name_word(t))
    ]


def _in_longer_name(token: Token) -> bool:
    """Whether a name word stands next to another in its sentence: "Rami [Abdulrahman]"."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 and not token.is_sent_start else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) and not doc[token.i + 1].is_sent_start else None
    return any(t is not None and is_name_word(t) for t in (before, after))


def openings(lookahead: int) -> Selector:
    """What ``quotes`` reads: each sentence's opening of the tokens the analysis reads
    (``quotes.nlp.entities.entity_spans``), ``lookahead`` tokens past the last."""

    def selected(doc: Doc) -> list[Span]:
        return entity_spans(doc, entity_tokens(doc), lookahead=lookahead)

    return selected


def with_names(select: Selector) -> Selector:
    """``select``'s sentences and those that name, in two words or more, someone named in
    them (:func:`with_full_names`)."""

    def selected(doc: Doc) -> list[Span]:
        return with_full_names(doc, select(doc))

    return selected


def with_proper_nouns(select: Selector) -> Selector:
    """``select``'s sentences and every sentence with a proper noun."""

    def selected(doc: Doc) -> list[Span]:
        chosen = {sent.start for sent in select(doc)}
        return [s for s in doc.sents if s.start in chosen or any(t.pos_ == "PROPN" for t in s)]

    return selected


@dataclass(frozen=True)
class Variant:
    """A way of choosing the sentences the recognizer reads, and the context it reads
    around them."""

    select: Selector
    margin: int = MARGIN

    def recognize(self, doc: Doc, nlp: Language) -> int:
        return recognize_entities(doc, nlp, self.select(doc), margin=self.margin)


VARIANTS: dict[str, Variant] = {
    "all sentences": Variant(all_sentences),
    "reporting": Variant(reporting_sentences),
    "reporting+names": Variant(with_names(reporting_sentences)),
    "cues": Variant(cue_sentences),
    "cues+names": Variant(with_names(cue_sentences)),
    "cues+names, no margin": Variant(with_names(cue_sentences), margin=0),
    "cues+propn": Variant(with_proper_nouns(cue_sentences)),
    "detected": Variant(detected_sentences),
    "detected+names": Variant(with_names(detected_sentences)),
    "detected+names, no margin": Variant(with_names(detected_sentences), margin=0),
    "openings": Variant(openings(LOOKAHEAD)),
    "openings, lookahead 0": Variant(openings(0)),
    "openings, lookahead 8": Variant(openings(8)),
}


# --- Running the recognizer on them --------------------------------------------------


class CachedTextDoc(Doc):
    """A Doc whose ``text`` is joined from its tokens once, not on every access.

    spaCy's ``Doc.text`` joins every token's text each time it is read; the detector and
    the resolver read it some 150 times per article. This measures what reading it once
    would gain; the analyses are the same (the table counts them).
    """

    @property
    def text(self) -> str:
        cache = self.__dict__
        if "_text" not in cache:
            cache["_text"] = Doc.text.__get__(self)
        return str(cache["_text"])


# --- Measuring -----------------------------------------------------------------------


def _copies(parsed: Sequence[bytes], nlp: Language, kind: type[Doc] = Doc) -> list[Doc]:
    return [kind(nlp.vocab).from_bytes(data) for data in parsed]


def _analyze_all(docs: Sequence[Doc]) -> None:
    for doc in docs:
        analyze_doc(doc)


def _best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _stage_times(
    parsed: Sequence[bytes], nlp: Language, variant: Variant | None, kind: type[Doc], repeat: int
) -> tuple[float, float, int]:
    """Best seconds of the entity stage and of the analysis on fresh copies of ``parsed``,
    and the tokens the recognizer read (none without a variant: the Docs have entities)."""
    entities, analysis, read = [], [], 0
    for _ in range(repeat):
        docs = _copies(parsed, nlp, kind)
        start = time.perf_counter()
        if variant is not None:
            read = sum(variant.recognize(doc, nlp) for doc in docs)
        middle = time.perf_counter()
        _analyze_all(docs)
        entities.append(middle - start)
        analysis.append(time.perf_counter() - middle)
    return min(entities), min(analysis), read


def component_table(nlp: Language, texts: Sequence[str], repeat: int) -> str:
    """Seconds per component over ``texts``, each run over all Docs in batches, then
    the two analysis stages."""
    times: dict[str, list[float]] = {}

    def lap(name: str, start: float) -> float:
        now = time.perf_counter()
        times.setdefault(name, []).append(now - start)
        return now

    for _ in range(repeat):
        start = time.perf_counter()
        docs = [nlp.make_doc(text) for text in texts]
        start = lap("tokenizer", start)
        for name, component in nlp.pipeline:
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=BATCH_SIZE))
            else:  # a plain function component
                docs = [component(doc) for doc in docs]
            start = lap(name, start)
        detections = [detect(doc) for doc in docs]
        start = lap("detect", start)
        for doc, found in zip(docs, detections, strict=True):
            attribute(doc, found)
        lap("attribute", start)
        cached = [CachedTextDoc(nlp.vocab).from_bytes(doc.to_bytes()) for doc in docs]
        start = time.perf_counter()
        _analyze_all(cached)
        lap(TEXT_ONCE, start)
    tokens = sum(len(nlp.make_doc(text)) for text in texts)
    best = {name: min(values) for name, values in times.items()}
    total = sum(seconds for name, seconds in best.items() if name != TEXT_ONCE)
    rows = [
        [
            name,
            f"{seconds:.2f}",
            "" if name == TEXT_ONCE else f"{100 * seconds / total:.1f}%",
            f"{1e6 * seconds / tokens:.0f}",
        ]
        for name, seconds in [*best.items(), ("total", total)]
    ]
    return tabulate(rows, headers=["stage", "seconds", "share", "µs / token"], tablefmt="github")


@dataclass(frozen=True)
class Speed:
    share: float  # of the tokens, read by the recognizer
    tokens_per_second: float
    text_once_tokens_per_second: float
    entities_same: int
    entities_all: int
    analyses_same: int
    documents: int


def speed_table(nlp: Language, texts: Sequence[str], variants: Sequence[str], repeat: int) -> str:
    """Tokens/s of each variant, stage by stage on the same Docs, against the full pipeline."""
    full = [doc.to_bytes() for doc in nlp.pipe(texts, batch_size=BATCH_SIZE)]
    bare = [doc.to_bytes() for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, disable=[NER])]
    tokens = sum(len(doc) for doc in _copies(bare, nlp))
    parse_full = _best(lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE)), repeat)
    parse_bare = _best(lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE, disable=[NER])), repeat)
    reference = [analyze_doc(doc).to_dict() for doc in _copies(full, nlp)]
    full_entities = [{(e.start, e.end, e.label_) for e in doc.ents} for doc in _copies(full, nlp)]
    _, plain, _ = _stage_times(full, nlp, None, Doc, repeat)
    _, once, _ = _stage_times(full, nlp, None, CachedTextDoc, repeat)
    count = len(texts)
    speeds = {
        FULL: Speed(1.0, tokens / (parse_full + plain), tokens / (parse_full + once), 1, 1, count, count)
    }
    for name in variants:
        variant = VARIANTS[name]
        entities, plain, read = _stage_times(bare, nlp, variant, Doc, repeat)
        entities_once, once, _ = _stage_times(bare, nlp, variant, CachedTextDoc, repeat)
        docs = _copies(bare, nlp)
        for doc in docs:
            variant.recognize(doc, nlp)
        same = union = 0
        for doc, expected in zip(docs, full_entities, strict=True):
            covered = {t.i for t in doc if t.ent_iob != 0}
            got = {(e.start, e.end, e.label_) for e in doc.ents}
            wanted = {e for e in expected if all(i in covered for i in range(e[0], e[1]))}
            same += len(got & wanted)
            union += len(got | wanted)
        analyses = sum(analyze_doc(doc).to_dict() == ref for doc, ref in zip(docs, reference, strict=True))
        speeds[name] = Speed(
            read / tokens,
            tokens / (parse_bare + entities + plain),
            tokens / (parse_bare + entities_once + once),
            same,
            union,
            analyses,
            count,
        )
    base = speeds[FULL]
    rows = [
        [
            name,
            f"{100 * s.share:.1f}%",
            f"{s.tokens_per_second:,.0f}",
            f"{s.tokens_per_second / base.tokens_per_second:.2f}",
            f"{s.text_once_tokens_per_second:,.0f}",
            f"{s.text_once_tokens_per_second / base.text_once_tokens_per_second:.2f}",
            f"{100 * s.entities_same / s.entities_all:.2f}%",
            f"{s.analyses_same}/{s.documents}",
        ]
        for name, s in speeds.items()
    ]
    headers = [
        "variant",
        "NER reads",
        "tok/s",
        "× full",
        "tok/s, text once",
        "× full",
        "same ents",
        "same analyses",
    ]
    return tabulate(rows, headers=headers, tablefmt="github") + (
        f"\n\nparse: {parse_full:.2f}s full, {parse_bare:.2f}s without the recognizer; "
        f"{tokens:,} tokens, 1 process, best of {repeat}. 'same ents': entities of the sentences the "
        "recognizer read that match the full pipeline's."
    )


def _figures(scores: Scores, same: int) -> dict[str, float | None]:
    loose, tight = scores.coverage_at(0.3), scores.coverage_at(0.8)
    direct = next((k for k in scores.recall_by_kind if k.kind == "direct"), None)
    return {
        "found": loose.tp,
        "gold": scores.gold_quotes,
        "P": loose.precision,
        "R": loose.recall,
        "F1": loose.f1,
        "F1@0.8": tight.f1,
        "speaker": scores.speaker.accuracy,
        "entity": scores.entity.accuracy,
        "cue": scores.cue.accuracy,
        "role": scores.role.accuracy,
        "direct R": direct.recall if direct else None,
        "same": same,
        "documents": len(scores.documents),
    }


# Figures shown as a count out of another: quotes found of the gold, identical analyses of the documents.
COUNTS = {"found": "gold", "same": "documents"}


def accuracy_table(nlp: Language, variants: Sequence[str]) -> str:
    """The evaluator's figures for the full pipeline and each variant on each gold set."""
    results: dict[str, dict[str, dict[str, float | None]]] = {}
    for set_name, path in GOLD_SETS.items():
        if not path.exists():
            continue
        gold = load_gold(path)
        texts = [document["text"] for document in gold]
        full = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
        bare = [doc.to_bytes() for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, disable=[NER])]
        reference = [analyze_doc(doc, doc_id=g["id"]).to_dict() for doc, g in zip(full, gold, strict=True)]
        results.setdefault(FULL, {})[set_name] = _figures(score(gold, reference), len(gold))
        for name in variants:
            docs = _copies(bare, nlp)
            for doc in docs:
                VARIANTS[name].recognize(doc, nlp)
            predictions = [
                analyze_doc(doc, doc_id=g["id"]).to_dict() for doc, g in zip(docs, gold, strict=True)
            ]
            same = sum(p == r for p, r in zip(predictions, reference, strict=True))
            results.setdefault(name, {})[set_name] = _figures(score(gold, predictions), same)
    columns = [
        ("seed", "found", "seed found"),
        ("seed", "P", "seed P"),
        ("seed", "entity", "seed entity"),
        ("seed", "role", "seed role"),
        ("seed", "same", "seed same"),
        ("dev", "P", "dev P"),
        ("dev", "R", "dev R"),
        ("dev", "F1", "dev F1"),
        ("dev", "F1@0.8", "dev F1@0.8"),
        ("dev", "speaker", "dev speaker"),
        ("dev", "cue", "dev cue"),
        ("dev", "same", "dev same"),
        ("litbank", "direct R", "LitBank direct R"),
        ("litbank", "entity", "LitBank entity"),
        ("litbank", "same", "LitBank same"),
    ]
    rows = []
    for name, by_set in results.items():
        row: list[str] = [name]
        for set_name, key, _ in columns:
            figures = by_set.get(set_name)
            value = figures.get(key) if figures else None
            if value is None:
                row.append("n/a")
            elif key in COUNTS and figures:
                row.append(f"{value:.0f}/{figures[COUNTS[key]]:.0f}")
            else:
                row.append(f"{100 * value:.1f}")
        rows.append(row)
    headers = ["variant", *(title for _, _, title in columns)]
    return tabulate(rows, headers=headers, tablefmt="github") + (
        "\n\nPercentages; detection at coverage@0.3 unless marked. 'same': analyses identical to the "
        "full pipeline's (the whole contract document: quotes, speakers, names, flags)."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timings per stage; the best is kept")
    parser.add_argument("--variants", nargs="+", choices=list(VARIANTS), default=list(VARIANTS))
    parser.add_argument("--no-speed", action="store_true", help="skip the two timing tables")
    parser.add_argument("--no-accuracy", action="store_true", help="skip the evaluator's table")
    args = parser.parse_args()
    nlp = quotes.load_nlp()
    timing = GOLD_SETS[TIMING_SET]
    if not args.no_speed and not timing.exists():
        print(f"timings skipped: {timing} is absent")
    elif not args.no_speed:
        texts = [document["text"] for document in load_gold(timing)]
        print(f"## Time per stage, PolNeAR dev, best of {args.repeat}\n")
        print(component_table(nlp, texts, args.repeat), end="\n\n", flush=True)
        print("## Entities in chosen sentences only: speed, PolNeAR dev\n")
        print(speed_table(nlp, texts, args.variants, args.repeat), end="\n\n", flush=True)
    if not args.no_accuracy:
        print("## Accuracy (quotes evaluate)\n")
        print(accuracy_table(nlp, args.variants))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
