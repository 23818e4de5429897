"""Detection benchmark: redactor vs vanilla Presidio on the labelled corpus, side by side.

Prints per-type recall and precision, role accuracy, and single-process throughput (chars/s,
median of --runs timed passes after a warm-up; the two engines take turns pass by pass) for
  (a) redactor's Engine, and
  (b) vanilla Presidio AnalyzerEngine with its default English recognizers and the same spaCy
      pipeline (full pipeline, as Presidio loads it).
Vanilla Presidio has no DATE_OF_BIRTH or STREET_ADDRESS type; its DATE_TIME and LOCATION
results are scored as those types, which is how a Presidio script would be used to redact them.
Its e-mail recognizer is swapped for the same regex validated offline (no network here).

    python bench/detection.py [--split heldout|dev|all] [--runs 3] [--misses]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider

from redactor.detect.engine import Engine
from redactor.detect.recognizers.email import OfflineEmailRecognizer
from redactor.evaluation import Scores, Span, load_gold, score_document, table
from redactor.model import Document

CORPUS = Path(__file__).resolve().parents[1] / "samples" / "corpus"
VANILLA_TYPES = {"DATE_TIME": "DATE_OF_BIRTH", "LOCATION": "STREET_ADDRESS"}


DEV_SPLITS = ["dev", *(f"dev{n}" for n in range(2, 19))]  # samples/corpus/dev, dev2 .. dev18


def corpus(split: str) -> list[Path]:
    splits = [*DEV_SPLITS, "heldout"] if split == "all" else [split]
    return sorted(p for s in splits for p in (CORPUS / s).glob("*.txt"))


def vanilla_engine(model: str) -> AnalyzerEngine:
    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    engine = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=conf).create_engine())
    engine.registry.remove_recognizer("EmailRecognizer")
    engine.registry.add_recognizer(OfflineEmailRecognizer())
    return engine


def run_redactor(engine: Engine, texts: list[str]) -> list[list[Span]]:
    docs = [Document.from_text(t) for t in texts]
    return [
        [Span(f.start, f.end, f.type, f.role.value if f.role else None) for f in findings]
        for _, findings in engine.analyze_many(docs)
    ]


def run_vanilla(engine: AnalyzerEngine, texts: list[str]) -> list[list[Span]]:
    out = []
    for text in texts:
        results = engine.analyze(text=text, language="en")
        out.append([Span(r.start, r.end, VANILLA_TYPES.get(r.entity_type, r.entity_type)) for r in results])
    return out


def interleaved(runners: list[Callable[[], list[list[Span]]]], runs: int) -> list[float]:
    """Median seconds of each runner over ``runs`` passes after a warm-up. The runners take turns
    pass by pass, so a change in machine load between passes hits them alike."""
    times: list[list[float]] = [[] for _ in runners]
    for _ in range(runs):
        for runner, spent in zip(runners, times):
            t0 = time.perf_counter()
            runner()
            spent.append(time.perf_counter() - t0)
    return [statistics.median(t) for t in times]


def evaluate(files: list[Path], texts: list[str], predictions: list[list[Span]]) -> Scores:
    scores = Scores()
    for path, text, pred in zip(files, texts, predictions):
        _, gold = load_gold(path)
        score_document(scores, path.name, text, gold, pred)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--split",
        choices=[*DEV_SPLITS, "heldout", "all"],
        default="heldout",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms (fictional corpus)")
    parser.add_argument("--no-vanilla", action="store_true")
    args = parser.parse_args()

    files = corpus(args.split)
    texts = [p.read_text(encoding="utf-8") for p in files]
    chars = sum(len(t) for t in texts)
    print(f"corpus: {args.split}, {len(files)} documents, {chars} characters", file=sys.stderr)

    engine = Engine()
    runners = [partial(run_redactor, engine, texts)]
    if not args.no_vanilla:
        runners.append(partial(run_vanilla, vanilla_engine(engine.rules.spacy_model), texts))
    scores = [evaluate(files, texts, run()) for run in runners]  # also the warm-up
    seconds = interleaved(runners, args.runs)
    names = ["redactor", "vanilla Presidio"]
    rows = [(name, score, chars / s) for name, score, s in zip(names, scores, seconds)]
    ours_scores = scores[0]

    types = sorted(set().union(*(set(s.gold) for _, s, _ in rows)))
    header = f"{'type':20} {'gold':>5}" + "".join(f" | {name[:16]:>16} R    P" for name, _, _ in rows)
    print(f"\nDetection on {args.split} split ({len(files)} docs, {chars} chars)")
    print(header)
    for t in types:
        line = f"{t:20} {rows[0][1].gold[t]:>5}"
        for _, s, _ in rows:
            line += f" | {'':>11}{s.recall(t):5.3f} {s.precision(t):5.3f}"
        print(line)
    line = f"{'ALL':20} {sum(rows[0][1].gold.values()):>5}"
    for _, s, _ in rows:
        line += f" | {'':>11}{s.overall_recall():5.3f} {s.overall_precision():5.3f}"
    print(line)
    for name, s, speed in rows:
        print(
            f"{name:18} role accuracy {s.role_accuracy():.3f}   throughput {speed:,.0f} chars/s (median of {args.runs})"
        )
    if len(rows) > 1:
        print(f"throughput ratio redactor / vanilla Presidio: {rows[0][2] / rows[1][2]:.2f}x")
    if args.misses:
        print("\n" + table(ours_scores, "redactor detail"))
        for name, span in ours_scores.misses:
            text = texts[[p.name for p in files].index(name)]
            print(f"MISS  {name:40} {span.type:16} {text[span.start : span.end]!r}")
        for name, span in ours_scores.false_alarms:
            text = texts[[p.name for p in files].index(name)]
            print(f"FALSE {name:40} {span.type:16} {text[span.start : span.end]!r}")


if __name__ == "__main__":
    main()
