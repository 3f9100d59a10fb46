"""Money amounts on real sentences: recall and sentences free of extra money figures.

usage: python benchmarks/money_eval.py [--misses] [--extractor figures|price-parser|both] [--data PATH]

The dev set, benchmarks/data/money_dev.jsonl, is sentences from Reuters-21578 and AG News (see
benchmarks/money_devset_sources.py) annotated by hand from the sentence alone: every money amount
with its exact span, exact value (in the currency's main unit: "56 cts" is 0.56) and the ISO
codes a reader may take it in (a bare "francs" can be Swiss, French, Belgian or Luxembourg).
"implicit" lists amounts whose currency the sentence leaves to an earlier amount ("from 5.983
billion in 1985"): neither required nor counted as extra.

benchmarks/data/money_holdout.jsonl is a second sample of the same sources (other offsets), annotated
the same way after the grammar work on the dev set and never tuned on: its figures are first-sight.

The WSJ set (1989 Wall Street Journal text, NLTK's Penn Treebank sample; its licence keeps its
sentences out of the repository) is rebuilt with `python benchmarks/money_devset_sources.py wsj
NLTK_GIT_DIR OUT.jsonl` from benchmarks/data/money_wsj_annotations.jsonl, then scored with
`--data OUT.jsonl`.

An amount is found when a money prediction overlaps its span with the same value and an accepted
currency. A money prediction is extra when it overlaps no annotated amount and no implicit one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsfacts.extract.figures import extract_figures  # noqa: E402

DEV = ROOT / "benchmarks" / "data" / "money_dev.jsonl"
Pred = tuple[int, int, float, str]  # start, end, value, ISO code


def figures_money(sentence: str) -> list[Pred]:
    return [
        (f["start"], f["end"], f["value"], f["unit"])
        for f in extract_figures(sentence)
        if f["kind"] == "money"
    ]


def price_parser_money(sentence: str) -> list[Pred]:
    """price-parser (amount and currency of one price per string) on a window around each number,
    with the project's scale words ("million", "bn") and currency vocabulary mapping its currency
    string to an ISO code: the library as the amount-and-currency core, rules for the rest."""
    from price_parser import Price

    from newsfacts.extract.figures import _vocab

    v = _vocab()
    codes = {k.lower(): c for k, c in v["currency_symbols"].items()} | dict(v["currency_words"])
    out: list[Pred] = []
    toks = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", sentence)]
    taken = -1
    for k, (s, _e, t) in enumerate(toks):
        if s < taken or not any(c.isdigit() for c in t):
            continue
        a, b = toks[max(0, k - 1)][0], toks[min(len(toks) - 1, k + 2)][1]
        p = Price.fromstring(sentence[a:b])
        if p.amount is None or not p.currency:
            continue
        code = codes.get(p.currency.lower().rstrip("."))
        if not code:
            continue
        nxt = toks[k + 1][2].lower().strip(",.;:()") if k + 1 < len(toks) else ""
        scale = v["scales"].get(nxt, 1.0)
        out.append((a, b, float(str(p.amount * Decimal(repr(scale)))), code))
        taken = b
    return out


def spans_of(sentence: str, text: str) -> list[tuple[int, int]]:
    out, i = [], sentence.find(text)
    while i >= 0:
        out.append((i, i + len(text)))
        i = sentence.find(text, i + 1)
    return out


def overlaps(p: Pred, spans: list[tuple[int, int]]) -> bool:
    return any(p[0] < e and s < p[1] for s, e in spans)


def same_value(pred: float, gold: str) -> bool:
    g = Decimal(gold)
    return abs(Decimal(repr(pred)) - g) <= Decimal("1e-9") * max(Decimal(1), abs(g))


def score(rows: list[dict], fn: Callable[[str], list[Pred]], misses: list[str] | None) -> dict:
    by: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    t0 = time.perf_counter()
    for r in rows:
        preds = fn(r["sentence"])
        used: set[int] = set()
        for a in r["amounts"]:
            sp = spans_of(r["sentence"], a["text"])
            hit = next(
                (
                    j
                    for j, p in enumerate(preds)
                    if j not in used
                    and overlaps(p, sp)
                    and same_value(p[2], a["value"])
                    and p[3] in a["currency"]
                ),
                None,
            )
            for key in ("all", r["variant"]):
                by[key]["amounts"] += 1
                by[key]["found"] += hit is not None
            if hit is None:
                if misses is not None:
                    near = [p for p in preds if overlaps(p, sp)]
                    misses.append(
                        f"MISS {a['text']!r} {a['value']} {a['currency']} got {near} | {r['sentence'][:110]}"
                    )
            else:
                used.add(hit)
        known = [s for a in r["amounts"] for s in spans_of(r["sentence"], a["text"])]
        known += [s for t in r["implicit"] for s in spans_of(r["sentence"], t)]
        extra = [p for j, p in enumerate(preds) if j not in used and not overlaps(p, known)]
        for key in ("all", r["variant"]):
            by[key]["sentences"] += 1
            by[key]["clean"] += not extra
        if extra and misses is not None:
            misses.append(
                f"EXTRA {[r['sentence'][p[0] : p[1]] for p in extra]} {extra} | {r['sentence'][:110]}"
            )
    by["all"]["seconds"] = time.perf_counter() - t0
    return by


def report(name: str, by: dict) -> None:
    for key, m in sorted(by.items(), key=lambda kv: kv[0] != "all"):
        print(
            f"{name:13s} {key:17s} recall {m['found'] / m['amounts']:.3f} ({int(m['found'])}/{int(m['amounts'])})"
            f"  no-extra sentences {m['clean'] / m['sentences']:.3f} ({int(m['clean'])}/{int(m['sentences'])})"
        )
    print(f"{name:13s} {1000 * by['all']['seconds'] / by['all']['sentences']:.3f} ms/sentence")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--extractor", default="figures", choices=("figures", "price-parser", "both"))
    ap.add_argument(
        "--data", type=Path, default=DEV, help="money_dev.jsonl (tuned on) or money_holdout.jsonl"
    )
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    fns = {"figures": figures_money, "price-parser": price_parser_money}
    names = list(fns) if args.extractor == "both" else [args.extractor]
    for name in names:
        misses: list[str] | None = [] if args.misses else None
        report(name, score(rows, fns[name], misses))
        for line in misses or []:
            print("  " + line)


if __name__ == "__main__":
    main()
