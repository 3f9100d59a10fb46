"""Extraction cost per article of the agreements, rules alone vs rules + learned decisions, over the
dev split of the agreement corpus (benchmarks/agreements_corpus; articles 859-1042 in id order).

usage: python benchmarks/agreements_cost.py [--limit N] [--repeat R]
Both paths run in one process after a warm-up (spaCy and the models loaded); the order alternates
per repeat so machine load hits both alike. Prints ms/article (best repeat) and the share of the
extra cost.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.train_agreements import load_corpus, splits  # noqa: E402
from newsfacts.extract import agreement_model  # noqa: E402
from newsfacts.extract.agreements import extract_agreements  # noqa: E402


def run(texts: list[str], model: bool) -> float:
    agreement_model.enable(model)
    agreement_model.load_model()
    t = time.perf_counter()
    for text in texts:
        extract_agreements(text)
    return (time.perf_counter() - t) / len(texts) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=184)
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args()
    _, dev, _ = splits(load_corpus())
    texts = [d["text"] for d in dev[: a.limit]]
    extract_agreements(texts[0])  # warm-up: spaCy and the entity layer
    best = {False: float("inf"), True: float("inf")}
    for i in range(a.repeat):
        for model in (False, True) if i % 2 == 0 else (True, False):
            best[model] = min(best[model], run(texts, model))
    print(
        f"{len(texts)} dev articles: rules alone {best[False]:.1f} ms/article, rules + model "
        f"{best[True]:.1f} ms/article ({(best[True] / best[False] - 1) * 100:+.0f}%)"
    )


if __name__ == "__main__":
    main()
