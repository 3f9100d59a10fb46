"""Inter-annotator agreement on the agreement corpus: annotator B's rows scored against A's gold
and A's against B's, with the project's matcher (benchmarks/gold_scoring.score, as
benchmarks/agreements_eval.py uses it).

An annotator's `must` rows become predictions: kind, the first (most likely) status, count, and as
parties every name and alias the annotator gave (the matcher needs one party form in the gold's
alias set). Only the articles both annotated (B: every 10th of the first 586) are scored.

usage: python benchmarks/agreements_corpus/agreement_iaa.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from benchmarks.gold_scoring import score  # noqa: E402

HERE = Path(__file__).resolve().parent


def load(name: str) -> dict[str, dict[str, Any]]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return {d["id"]: d for d in (json.loads(x) for x in lines if x.strip())}


def as_predictions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "kind": r["kind"],
            "status": r["status"][0],
            "count": r.get("count"),
            "parties": [n for p in r["parties"] for n in [p["name"], *p["aliases"]]],
            "sentence": "",
        }
        for r in rows
    ]


def f1(r: dict[str, Any]) -> float:
    p, q = r["precision"] or 0.0, r["recall"] or 0.0
    return round(2 * p * q / (p + q), 3) if p + q else 0.0


def main() -> None:
    a, b = load("annotations_A.jsonl"), load("annotations_B.jsonl")
    ids = [i for i in b if i in a]
    for gold, pred, label in ((a, b, "B against A"), (b, a, "A against B")):
        cases = [(i, gold[i]["must"], gold[i]["ok"], as_predictions(pred[i]["must"])) for i in ids]
        r = score(cases, False)
        print(
            f"{label} ({len(ids)} articles): recall {r['hit']}/{r['must']} = {r['recall']}  "
            f"precision {r['pred_ok']}/{r['pred']} = {r['precision']}  F1 {f1(r)}"
        )


if __name__ == "__main__":
    main()
