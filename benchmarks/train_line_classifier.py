"""Train the line classifier of newsfacts/line_model.py (seeded, reproducible).

Data: the page corpus of benchmarks/build_page_corpus.py (/work/data/pages, sources and commits in its
SOURCES.json). Every train-split page is cleaned by the rules alone from four inputs (the inscriptis,
html2text and lxml text dumps, and trafilatura's output as `newsfacts run` gets it from the HTML); each
line the model may decide (no certain rule) becomes one row of line_model.FEATURES, labelled body when
page_eval.line_is_gold says so; Reuters-21578 train articles (reut2-001..002) add clean wire copy, all
body. Corpus line counts are taken per (corpus, input) group, as one batch.
The dev split picks the number of trees (early stopping) and the two thresholds; the figures go to
benchmarks/data/line_classifier_figures.json. The model is written to newsfacts/data/line_classifier.txt.

usage: python benchmarks/train_line_classifier.py [--max-pages N]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks import page_eval as pe  # noqa: E402
from newsfacts import line_model as lm  # noqa: E402
from newsfacts.boilerplate import count_corpus_lines  # noqa: E402
from newsfacts.clean import label_lines  # noqa: E402

SEED = 7
SOURCES = ("inscriptis", "html2text", "lxml", "traf")
PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "seed": SEED,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "verbose": -1,
}


def rows_for(split: str, max_pages: int) -> tuple[list[list[float]], list[int], list[float], list[str]]:
    """Feature rows, labels, weights and group names ("corpus/source") of a split."""
    index = pe.load_index(split)
    by_corpus: dict[str, list[dict]] = {}
    for r in index:
        by_corpus.setdefault(r["corpus"], []).append(r)
    x: list[list[float]] = []
    y: list[int] = []
    w: list[float] = []
    g: list[str] = []
    for corpus, rs in sorted(by_corpus.items()):
        rs = rs[:max_pages]
        golds = {r["corpus"] + "/" + r["id"]: pe.gold_of(r) for r in rs}
        for src in SOURCES:
            texts = pe.inputs(rs, "traf" if src == "traf" else src)
            counts = count_corpus_lines(texts.values())
            for key, text in texts.items():
                _, ts, shapes, labels = label_lines(text, counts, len(texts), src == "traf", use_model=False)
                feats = lm.line_features(
                    ts, shapes, labels, counts=counts, corpus_size=len(texts), extracted=src == "traf"
                )
                for t, sh, lab, f in zip(ts, shapes, labels, feats):
                    if lm.is_certain(lab):
                        continue
                    x.append(f)
                    y.append(int(pe.line_is_gold(t, golds[key])))
                    w.append(0.3 + min(sh.n_words, 40) / 10)
                    g.append(f"{corpus}/{src}")
            print(f"{split} {corpus} {src}: {len(x)} rows", file=sys.stderr, flush=True)
    if split == "train":
        _wire_rows(x, y, w, g)
    return x, y, w, g


def _wire_rows(x: list, y: list, w: list, g: list) -> None:
    """Clean wire copy (Reuters-21578 train articles): every line but the title is body."""
    rows = [json.loads(s) for s in (pe.DATA / "reuters.jsonl").read_text().splitlines()]
    rows = [r for r in rows if r.get("split") == "train"]
    texts = {r["id"]: r["title"] + "\n\n" + "\n\n".join(r["paragraphs"]) for r in rows}
    counts = count_corpus_lines(texts.values())
    for r in rows:
        gold = {
            "text": pe.norm(" ".join(r["paragraphs"])),
            "block_set": frozenset(map(pe.norm, r["paragraphs"])),
        }
        _, ts, shapes, labels = label_lines(texts[r["id"]], counts, len(texts), False, use_model=False)
        feats = lm.line_features(ts, shapes, labels, counts=counts, corpus_size=len(texts), extracted=False)
        for t, sh, lab, f in zip(ts, shapes, labels, feats):
            if not lm.is_certain(lab):
                x.append(f)
                y.append(int(pe.line_is_gold(t, gold)))
                w.append(0.3 + min(sh.n_words, 40) / 10)
                g.append("wire")
    print(f"train wire: {len(x)} rows", file=sys.stderr, flush=True)


def main() -> None:
    import lightgbm
    import numpy as np

    ap = argparse.ArgumentParser()
    ap.add_argument("--max-pages", type=int, default=300, help="pages per corpus and split")
    ap.add_argument("--out", type=Path, default=ROOT / "newsfacts" / "data" / lm.MODEL_FILE)
    a = ap.parse_args()
    xt, yt, wt, _ = rows_for("train", a.max_pages)
    xd, yd, wd, gd = rows_for("dev", a.max_pages)
    cat = [lm.FEATURES.index(c) for c in lm.CATEGORICAL]
    dtrain = lightgbm.Dataset(
        np.asarray(xt), label=yt, weight=wt, feature_name=list(lm.FEATURES), categorical_feature=cat
    )
    ddev = lightgbm.Dataset(np.asarray(xd), label=yd, weight=wd, reference=dtrain)
    booster = lightgbm.train(
        PARAMS,
        dtrain,
        num_boost_round=600,
        valid_sets=[ddev],
        callbacks=[lightgbm.early_stopping(40, verbose=False)],
    )
    pd_ = booster.predict(np.asarray(xd), num_iteration=booster.best_iteration)
    yd_ = np.asarray(yd)
    figures = {
        "train_rows": len(xt),
        "dev_rows": len(xd),
        "train_body_share": round(float(np.mean(yt)), 3),
        "trees": booster.best_iteration,
        "dev_accuracy@0.5": round(float(np.mean((pd_ >= 0.5) == yd_)), 4),
        "dev_accuracy_by_group@0.5": {
            grp: round(float(np.mean(((pd_ >= 0.5) == yd_)[np.asarray(gd) == grp])), 4)
            for grp in sorted(set(gd))
        },
        "params": PARAMS,
        "sources": json.loads((pe.DATA / "SOURCES.json").read_text()),
    }
    booster.save_model(str(a.out), num_iteration=booster.best_iteration)
    out = ROOT / "benchmarks" / "data" / "line_classifier_figures.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in figures.items() if k != "params"}, indent=1))


if __name__ == "__main__":
    main()
