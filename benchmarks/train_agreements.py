"""Train the agreement decisions (newsfacts/extract/agreement_model.py) on the Reuters-21578
agreement corpus (benchmarks/agreements_corpus, annotator A) and report dev figures.

usage: python benchmarks/train_agreements.py [--recollect] [--no-save] [--test]

1. collect: every article goes through ``extract_agreements`` with the model switched off, and the
   rules' merged candidates (rows, their rules' keep verdict, features) are recorded, cached under
   /work/data/agrml (outside the repo; rebuilt when the extractor's source changes).
2. split by time (id order): train = first 70%, dev = next 15%, test = last 15%.
3. labels from the gold alone: a candidate is kept when some must/ok row matches its kind (the
   scorer's kind classes) and a party (the scorer's alias sets); its status label is its own
   status when that row lists it, else that row's first (most likely) status.
4. LightGBM keep (binary) and status (multiclass) models, seeded and single-threaded (reproducible);
   the keep threshold and status margin are chosen on out-of-fold predictions over the train split
   (5 time-ordered folds), never on dev or test.
5. prints the learning curve (dev figures vs number of training articles), dev before/after, and
   with --test the test split (score it once per change).
Scoring: benchmarks/gold_scoring.score, as benchmarks/agreements_eval.py uses it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.gold_scoring import kind_ok, norm_name, score, sentence_gold  # noqa: E402

CORPUS = ROOT / "benchmarks" / "agreements_corpus" / "annotations_A.jsonl"
CACHE = Path(os.environ.get("AGRML_CACHE", "/work/data/agrml"))
MODELS = ROOT / "newsfacts" / "models"
SEED = 13
MIN_DF = 3
KEEP_PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 10,
    "feature_fraction": 0.5,
    "lambda_l2": 1.0,
}
PARTY_PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 10,
    "feature_fraction": 0.7,
    "lambda_l2": 1.0,
}
STATUS_PARAMS = {
    "objective": "multiclass",
    "learning_rate": 0.08,
    "num_leaves": 7,
    "min_data_in_leaf": 8,
    "feature_fraction": 0.5,
    "lambda_l2": 1.0,
}
COMMON = {"seed": SEED, "deterministic": True, "num_threads": 1, "verbose": -1, "force_row_wise": True}
ROUNDS = {"keep": 200, "status": 60, "party": 200}


def load_corpus() -> list[dict[str, Any]]:
    return [json.loads(x) for x in CORPUS.read_text(encoding="utf-8").splitlines() if x.strip()]


def splits(arts: list[dict[str, Any]]) -> tuple[list, list, list]:
    arts = sorted(arts, key=lambda a: a["id"])
    a, b = int(len(arts) * 0.70), int(len(arts) * 0.85)
    return arts[:a], arts[a:b], arts[b:]


# --------------------------------------------------------------------------- collect


def _fingerprint() -> str:
    src = [ROOT / "newsfacts" / "extract" / n for n in ("agreements.py", "agreement_model.py")]
    src.append(ROOT / "newsfacts" / "data" / "agreement_triggers.json")
    return hashlib.sha256(b"".join(p.read_bytes() for p in src)).hexdigest()[:16]


def collect(arts: list[dict[str, Any]], force: bool, name: str = "reuters") -> dict[str, dict[str, Any]]:
    """Per article: the rules' candidates and the rows the extractor published (model off)."""
    path = CACHE / f"{name}-{_fingerprint()}.jsonl"
    if path.is_file() and not force:
        return {d["id"]: d for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    from newsfacts.extract import agreement_model as am
    from newsfacts.extract.agreements import extract_agreements

    am.enable(False)
    out: dict[str, dict[str, Any]] = {}
    t = time.perf_counter()
    for i, a in enumerate(arts):
        am.RECORD = []
        rows = extract_agreements(a["text"])
        cands = am.RECORD[0] if am.RECORD else []
        out[a["id"]] = {"id": a["id"], "published": rows, "candidates": cands}
        if i % 200 == 0:
            print(f"  collected {i}/{len(arts)} ({time.perf_counter() - t:.0f}s)", flush=True)
    am.RECORD = None
    CACHE.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(out[a["id"]], default=str) for a in arts]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return json.loads(json.dumps(out, default=str))


# --------------------------------------------------------------------------- labels


def _party_ok(ga: dict[str, Any], row: dict[str, Any]) -> bool:
    if not ga["parties"]:
        return True
    pp = {norm_name(x) for x in row.get("parties") or []}
    return any(pp & {norm_name(x) for x in p["aliases"]} for p in ga["parties"])


def target(cand: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any] | None:
    """The gold row a candidate stands for: same kind class and a party among the rules' parties,
    else among the names its sentence gives (the party model can pick them)."""
    row = cand["row"]
    golds = [g for g in gold["must"] + gold["ok"] if kind_ok(g["kind"], row["kind"])]
    hits = [g for g in golds if _party_ok(g, row)]
    if not hits:
        names = {"parties": [n for n, _ in cand["ents"]]}
        hits = [g for g in golds if g["parties"] and _party_ok(g, names)]
    if not hits:
        return None
    return next((g for g in hits if row["status"] in g["status"]), hits[0])


def party_labels(cand: dict[str, Any], g: dict[str, Any] | None) -> list[int]:
    aliases = {norm_name(x) for p in (g or {"parties": []})["parties"] for x in p["aliases"]}
    return [int(norm_name(n) in aliases) for n, _ in cand["ents"]]


def examples(arts: list[dict[str, Any]], cache: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for a in arts:
        for c in cache[a["id"]]["candidates"]:
            g = target(c, a)
            status = (
                None
                if g is None
                else (c["row"]["status"] if c["row"]["status"] in g["status"] else g["status"][0])
            )
            out.append(
                {
                    "id": a["id"],
                    "cand": c,
                    "keep": int(g is not None),
                    "status": status,
                    "parties": party_labels(c, g),
                }
            )
    return out


# --------------------------------------------------------------------------- models


def columns_for(feats: list[dict[str, float]]) -> list[str]:
    df: dict[str, int] = {}
    for f in feats:
        for k in f:
            df[k] = df.get(k, 0) + 1
    return sorted(k for k, n in df.items() if n >= MIN_DF)


def fit_parties(exs: list[dict[str, Any]]) -> dict[str, Any]:
    """Party model: trained on the candidates that stand for a gold row, one example per name."""
    import lightgbm as lgb
    import numpy as np

    from newsfacts.extract.agreement_model import matrix

    feats = [f for e in exs if e["keep"] for _, f in e["cand"]["ents"]]
    ys = [y for e in exs if e["keep"] for y in e["parties"]]
    cols = columns_for(feats)
    index = {c: i for i, c in enumerate(cols)}
    booster = lgb.train(
        {**PARTY_PARAMS, **COMMON}, lgb.Dataset(matrix(feats, index), np.array(ys)), ROUNDS["party"]
    )
    return {"party_columns": cols, "party_index": index, "party": booster}


def fit(exs: list[dict[str, Any]], statuses: list[str]) -> dict[str, Any]:
    import lightgbm as lgb
    import numpy as np

    from newsfacts.extract.agreement_model import matrix

    cols = columns_for([e["cand"]["features"] for e in exs])
    index = {c: i for i, c in enumerate(cols)}
    x = matrix([e["cand"]["features"] for e in exs], index)
    y = np.array([e["keep"] for e in exs])
    keep = lgb.train({**KEEP_PARAMS, **COMMON}, lgb.Dataset(x, y), ROUNDS["keep"])
    pos = [i for i, e in enumerate(exs) if e["keep"]]
    ys = np.array([statuses.index(exs[i]["status"]) for i in pos])
    params = {**STATUS_PARAMS, **COMMON, "num_class": len(statuses)}
    status = lgb.train(params, lgb.Dataset(x[pos], ys), ROUNDS["status"])
    return {
        "columns": cols,
        "index": index,
        "keep": keep,
        "status": status,
        "statuses": statuses,
        **fit_parties(exs),
    }


def predict(m: dict[str, Any], cands: list[dict[str, Any]]) -> list[tuple[float, list[float]]]:
    from newsfacts.extract.agreement_model import matrix

    if not cands:
        return []
    x = matrix([c["features"] for c in cands], m["index"])
    out = []
    for c, k, s in zip(cands, m["keep"].predict(x), m["status"].predict(x)):
        pp = m["party"].predict(matrix([f for _, f in c["ents"]], m["party_index"])) if c["ents"] else []
        out.append((float(k), list(map(float, s)), list(map(float, pp))))
    return out


def decide(cand: dict[str, Any], p: tuple, statuses: list[str], th: tuple[float, ...]):
    """The same decisions as agreement_model._decide and _parties, on a recorded candidate."""
    from newsfacts.extract.agreement_model import choose_parties, keeps

    drop_below, add_above, margin, pthr = th
    p_keep, ps, pp = p
    if not keeps(cand["rule_keep"], p_keep, drop_below, add_above):
        return None
    row = dict(cand["row"])
    best = max(range(len(statuses)), key=lambda k: ps[k])
    old = ps[statuses.index(row["status"])] if row["status"] in statuses else 0.0
    if statuses[best] != row["status"] and ps[best] - old >= margin:
        row["status"] = statuses[best]
    chosen = choose_parties(cand["ents"], pp, pthr)
    if chosen:
        row["parties"] = chosen
    return row


def evaluate(arts, cache, preds, statuses, th, loose: bool = False) -> dict[str, Any]:
    cases = []
    for a in arts:
        cands = cache[a["id"]]["candidates"]
        rows = [decide(c, p, statuses, th) for c, p in zip(cands, preds.get(a["id"], []))]
        cases.append((a["id"], a["must"], a["ok"], [r for r in rows if r is not None]))
    return score(cases, False, loose)


def before(arts, cache, loose: bool = False) -> dict[str, Any]:
    return score([(a["id"], a["must"], a["ok"], cache[a["id"]]["published"]) for a in arts], False, loose)


def fmt(r: dict[str, Any]) -> str:
    p, q = r["precision"] or 0.0, r["recall"] or 0.0
    f1 = 2 * p * q / (p + q) if p + q else 0.0
    return (
        f"recall {r['hit']}/{r['must']} = {r['recall']}  precision {r['pred_ok']}/{r['pred']} = "
        f"{r['precision']}  F1 {f1:.3f}"
    )


def out_of_fold(pools: list[list[dict[str, Any]]], cache, statuses, folds: int = 5) -> dict[str, list]:
    """Predictions for every training article from models fit on the other folds (each pool cut
    into `folds` contiguous blocks: time order for the corpus)."""
    fold = {a["id"]: i * folds // len(pool) for pool in pools for i, a in enumerate(pool)}
    every = [a for pool in pools for a in pool]
    preds: dict[str, list] = {}
    for k in range(folds):
        m = fit(examples([a for a in every if fold[a["id"]] != k], cache), statuses)
        for a in every:
            if fold[a["id"]] == k:
                preds[a["id"]] = predict(m, cache[a["id"]]["candidates"])
    return preds


GRID = {
    "drop_below": (0.0, 0.1, 0.2, 0.3),
    "add_above": (0.6, 0.8, 2.0),
    "status_margin": (0.2, 0.3, 0.5, 2.0),
    "party_threshold": (0.5, 0.7, 2.0),
}


def _f1(r: dict[str, Any]) -> float:
    p, q = r["precision"] or 0.0, r["recall"] or 0.0
    return 2 * p * q / (p + q) if p + q else 0.0


def tune(pools, cache, statuses) -> tuple[tuple[float, ...], list[dict[str, Any]]]:
    """Thresholds with the best mean out-of-fold F1 over the training pools (the corpus's train
    split; the project's held-out articles; its sentences, scored loosely as their test does)."""
    import itertools

    preds = out_of_fold([arts for arts, _ in pools], cache, statuses)
    best: tuple[float, tuple[float, ...], list[dict[str, Any]]] | None = None
    for th in itertools.product(*GRID.values()):
        rs = [evaluate(arts, cache, preds, statuses, th, loose) for arts, loose in pools]
        f = sum(map(_f1, rs)) / len(rs)
        if best is None or f > best[0] + 1e-9:
            best = (f, th, rs)
    assert best is not None
    return best[1], best[2]


def guard_sets() -> list[tuple[str, list[dict[str, Any]], bool]]:
    """The project's guards: tests/data/agreements_heldout.json and agreements_sentences.jsonl."""
    data = ROOT / "tests" / "data"
    heldout = json.loads((data / "agreements_heldout.json").read_text(encoding="utf-8"))
    lines = (data / "agreements_sentences.jsonl").read_text(encoding="utf-8").splitlines()
    sents = [
        {"id": f"s{i}", "text": d["sentence"], "must": sentence_gold(d["expected"]), "ok": []}
        for i, d in enumerate(json.loads(x) for x in lines if x.strip())
    ]
    return [("heldout", heldout, False), ("sentences", sents, True)]


def save(m: dict[str, Any], th: tuple[float, ...], n_train: int) -> None:
    from newsfacts.extract.agreement_model import MODEL_FILES

    MODELS.mkdir(parents=True, exist_ok=True)
    meta = {
        "trained_on": f"benchmarks/agreements_corpus/annotations_A.jsonl, first {n_train} articles (id order); "
        "tests/data/agreements_heldout.json; tests/data/agreements_sentences.jsonl",
        "seed": SEED,
        **dict(zip(GRID, th)),
        "statuses": m["statuses"],
        "columns": m["columns"],
        "party_columns": m["party_columns"],
    }
    (MODELS / MODEL_FILES["meta"]).write_text(json.dumps(meta, indent=0) + "\n", encoding="utf-8")
    for name in ("keep", "status", "party"):
        (MODELS / MODEL_FILES[name]).write_text(m[name].model_to_string(), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--recollect", action="store_true", help="run the extractor again (ignore the cache)")
    ap.add_argument("--no-save", action="store_true", help="do not write newsfacts/models")
    ap.add_argument("--test", action="store_true", help="also score the test split (once per change)")
    a = ap.parse_args()
    arts = load_corpus()
    cache = collect(arts, a.recollect)
    train, dev, test = splits(arts)
    guards = guard_sets()
    for name, garts, _ in guards:
        cache.update(collect(garts, a.recollect, name))
    extra = [g for _, garts, _ in guards for g in garts]
    print(f"articles: train {len(train)} (+ {len(extra)} guard texts), dev {len(dev)}, test {len(test)}")
    exs = examples(train + extra, cache)
    statuses = sorted({e["status"] for e in exs if e["keep"]})
    print(f"train candidates {len(exs)}, kept by the gold {sum(e['keep'] for e in exs)}; statuses {statuses}")
    pools = [(train, False)] + [(garts, loose) for _, garts, loose in guards]
    th, oof = tune(pools, cache, statuses)
    print(f"thresholds (best mean out-of-fold F1, 5 folds): {dict(zip(GRID, th))}")
    for label, (arts_, loose), r in zip(["corpus train"] + [n for n, _, _ in guards], pools, oof):
        print(f"  out-of-fold {label}: before {fmt(before(arts_, cache, loose))}")
        print(f"  out-of-fold {label}: after  {fmt(r)}")
    print(f"dev before (rules alone): {fmt(before(dev, cache))}")
    print("learning curve (dev; corpus train articles, the guard texts always in):")
    for n in (0, 100, 200, 400, len(train)):
        m = fit(examples(train[:n] + extra, cache), statuses)
        preds = {d["id"]: predict(m, cache[d["id"]]["candidates"]) for d in dev}
        print(f"  {n:4d} train articles: {fmt(evaluate(dev, cache, preds, statuses, th))}")
    if not a.no_save:
        save(m, th, len(train))
        print(f"saved to {MODELS}")
    if a.test:
        preds = {d["id"]: predict(m, cache[d["id"]]["candidates"]) for d in test}
        print(f"test before (rules alone): {fmt(before(test, cache))}")
        print(f"test after: {fmt(evaluate(test, cache, preds, statuses, th))}")


if __name__ == "__main__":
    main()
