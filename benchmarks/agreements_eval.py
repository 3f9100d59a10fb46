"""Agreement extraction quality: recall/precision on the seeds' gold body paragraphs and on the
hand-written sentence set (tests/data/agreements_sentences.jsonl).

usage: python benchmarks/agreements_eval.py [--gold PATH] [--sentences PATH] [--heldout PATH] [--misses] [--pipeline]

--pipeline also runs the seeds and the held-out articles through the pipeline's path
(``process.extract_batch``: one NER pass whose spans the agreements reuse, one parse per batch), scores
it and counts the texts whose rows differ from ``extract_agreements(text)`` alone.

Matching follows the seed answer key's scorer (score.py's agr_match, kept in gold_scoring.py): kind by kind class, status in the
gold list, count when gold gives one, and at least one gold party matched by its alias set;
a prediction matching neither a must nor an ok agreement counts against precision.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks import gold_scoring  # noqa: E402
from benchmarks.gold_scoring import score, sentence_gold  # noqa: E402
from newsfacts.extract.agreements import extract_agreements  # noqa: E402

HELDOUT_PATH = ROOT / "tests" / "data" / "agreements_heldout.json"
DEFAULT_SENTENCES = ROOT / "tests" / "data" / "agreements_sentences.jsonl"

# Held-out articles written for this benchmark in batches (wire, business, diplomatic,
# sports and market-report styles), each gold written before the extractor was run on it.
# First (blind) runs: batch h: recall 8/11, precision 11/12; batch b: recall 7/8, precision
# 10/14; batch c: recall 6/8, precision 10/12; batch d (harder: capitals as parties, leaders as
# subjects, aircraft orders, declarations of intent): recall 4/10, precision 6/7; batch e (summit
# editorials, scrapped merger, truce, ASEAN protocol): recall 7/9, precision 7/11; batch f (forum
# MOUs, K-content stake, exchange of notes, LNG supply): recall 6/8, precision 6/7; batch g
# (editorial, stake sale, premier talks, abandoned takeover, defence pact): recall 6/8,
# precision 6/7; batch i (Korea-China visit coverage, trilateral FTA, planned takeover): recall
# 6/9, precision 10/12; batch j (planned signings, company tie-ups, cleared takeover, CEPA,
# stalled trade talks): recall 6/7, precision 10/11; batch k (tariff deal, provinces, chip
# partnership, fund investment, failed labour talks, rhetoric): recall 5/5, precision 5/5; batch
# l (visit wrap-up, JV stake buy-out, failed talks, patent settlement, distribution deal, outlook):
# recall 5/7, precision 8/8; batch m (MOUs and FTA upgrade, blocked merger, Kenya deals, jet
# order talks, JV dissolution, digital partnership): recall 7/7, precision 7/7. Pooled over all
# twelve first runs: recall 73/97 (0.75), precision 96/113 (0.85); over the last five (i-m):
# recall 29/35 (0.83), precision 40/43 (0.93). Batches n-p (18 articles by another hand, ids
# n_/o_/p_: order + MOU + talks, summit statements, blocked and abandoned mergers, licensing
# and stake sales, state-government MOUs, failed trade talks, kit partnership ended, loans,
# sister cities, quotes and takeover rules as distractors): recall 35/55 (0.64), precision
# 47/63 (0.75); n 17/22 & 19/21, o 7/16 & 13/21, p 11/17 & 15/21. The rules were generalised
# after each batch, so the current figures on these are no longer blind. Batches q-r (14 articles
# by yet another hand, ids q_/r_: port concession, collapsed FTA talks with a rhetorical quote, drug
# licensing, state-visit MOUs and stake, called-off JV, defence pact, offtake and export protocol,
# wire takeover with a rival walking away, club sponsorship and transfers, FTA upgrade talks, ship
# orders, LNG SPAs, council agreements, relaunched FTA talks): recall 38/50 (0.76), precision
# 50/61 (0.82); q 19/23 & 25/31, r 19/27 & 25/30. Batches s-t (14 articles by a third hand, ids
# s_/t_: summit documents with company deals on the sidelines, talks sped up to finalise or launched
# on a trade agreement, double-taxation treaty awaiting ratification, a naming-rights deal that
# collapsed when the sponsor pulled out, licensing under an agreement signed last week, a framework
# agreement for a scrapped venture, won contracts, a terminated takeover, loan negotiations,
# grid-operator MOU under an intergovernmental accord, Mercosur FTA): recall 32/46 (0.70),
# precision 48/60 (0.80); s 16/22 & 28/31, t 16/24 & 20/29.
# Batches u-v (12 articles by a fourth hand, ids u_/v_, scored after the rules were fixed on s-t;
# not tuned on): recall 28/38 (0.74), precision 40/49 (0.82); u 14/19 & 20/23, v 14/19 & 20/26.
# Batches w-x (28 articles by two more hands, ids w_/x_: offtake and stake, MOUs "aimed at" a goal,
# an FTA reported by a minister, "put pen to paper", collapsed merger talks, ship and jet orders,
# a memorandum converted into a firm order, summit documents with company deals, a blocked takeover,
# Mercosur-EFTA, a drug-pricing settlement, an EU treaty package) at first sight: w recall 34/51
# (0.67), precision 47/59 (0.80); x recall 40/54 (0.74), precision 57/66 (0.86). The status,
# merging and party classes they showed were then fixed, so their current figures are not blind.
# Batches y-z (28 articles by two more hands, ids y_/z_, scored after the w-x round: a prohibited
# merger, completed acquisitions, an inverted conditional ("Had the deal fallen through"), "the two
# companies" as the sides of an earlier deal, a blocked stake increase, withdrawal from talks to buy,
# rounds of FTA talks that "concluded", contracts for 218 projects, an unsolicited offer rejected,
# summit documents, in-force treaties) at first sight: y recall 33/55 (0.60), precision 45/63
# (0.71); z recall 40/56 (0.71), precision 57/73 (0.78). Some of their classes were then fixed.
# Batches aa-bb (28 articles by two more hands, ids aa_/bb_, scored after the y-z round: a rebuffed
# suitor, summit documents with company contracts, CEPA talks, tower and sawmill sales, an informal
# takeover approach, patent settlements, sister-city protocols, headlines restating the lead) at first
# sight: aa recall 39/54 (0.72), precision 54/66 (0.82); bb recall 48/57 (0.84), precision 68/79
# (0.86). Some of their classes were then fixed, so their current figures are not blind.
# Batches cc-dd (28 articles by two more hands, ids cc_/dd_, scored after the aa-bb round and NOT
# tuned on: added as regression guards only) at first sight: cc recall 43/55 (0.78), precision
# 64/79 (0.81); dd recall 38/55 (0.69), precision 50/63 (0.79). First-sight recall over the eight
# blind rounds since n-p stays between 0.64 and 0.78 (pooled per round), under the 0.833 bar.
HELDOUT_ARTICLES: list[dict[str, Any]] = json.loads(HELDOUT_PATH.read_text(encoding="utf-8"))


def _load_scorer(path: Path | None) -> None:
    """Use a given scorer's own helpers (same semantics, no drift); else gold_scoring's copy."""
    if path is None or not path.is_file():
        return
    spec = importlib.util.spec_from_file_location("_newsfacts_score", path)
    if spec is None or spec.loader is None:
        return
    mod = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(mod)
    except Exception:  # polars missing or similar: keep the copy
        return
    gold_scoring.norm_name, gold_scoring.kind_ok = mod.norm_name, mod.kind_ok


def load_sentences(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def eval_sentences(path: Path, show: bool = False) -> dict[str, Any]:
    cases: list[tuple[str, list[dict], list[dict], list[dict]]] = []
    party_exact = party_total = 0
    for i, item in enumerate(load_sentences(path)):
        preds = extract_agreements(item["sentence"])
        gm = sentence_gold(item["expected"])
        cases.append((f"s{i}", gm, [], preds))
        for e in item["expected"]:
            party_total += 1
            if any(sorted(p["parties"]) == sorted(e.get("parties", [])) for p in preds):
                party_exact += 1
    res = score(cases, show, loose=True)
    res["parties_exact"] = round(party_exact / party_total, 3) if party_total else None
    return res


def eval_seeds(gold_path: Path, show: bool = False) -> dict[str, Any]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    cases: list[tuple[str, list[dict], list[dict], list[dict]]] = []
    for g in gold:
        preds = extract_agreements("\n\n".join(g["body_paragraphs"]))
        cases.append((g["file"], g["agreements_must"], g["agreements_ok"], preds))
    return score(cases, show)


def eval_heldout(show: bool = False, articles: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    arts = HELDOUT_ARTICLES if articles is None else articles
    cases = [(a["id"], a["must"], a["ok"], extract_agreements(a["text"])) for a in arts]
    return score(cases, show)


def eval_pipeline(gold_path: Path | None, show: bool = False) -> dict[str, Any]:
    """The seeds and held-out articles through process.extract_batch (paragraphs: blank-line blocks)."""
    from newsfacts import process

    items = [(a["id"], a["text"], a["must"], a["ok"]) for a in HELDOUT_ARTICLES]
    if gold_path is not None and gold_path.is_file():
        for g in json.loads(gold_path.read_text(encoding="utf-8")):
            text = "\n\n".join(g["body_paragraphs"])
            items.append((g["file"], text, g["agreements_must"], g["agreements_ok"]))
    articles = [
        process.Article(i, None, {}, [p for p in text.split("\n\n") if p.strip()])  # type: ignore[arg-type]
        for i, text, _, _ in items
    ]
    extracted = process.extract_batch(articles)
    cases, differ = [], []
    for i, text, must, ok in items:
        preds = extracted[i].agreements
        cases.append((i, must, ok, preds))
        if preds != extract_agreements(text):
            differ.append(i)
    res = score(cases, show)
    res["texts"], res["differ"] = len(items), differ
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=None, help="an answer key in the seed gold shape")
    ap.add_argument("--score", type=Path, default=None, help="a score.py whose helpers to use")
    ap.add_argument("--sentences", type=Path, default=DEFAULT_SENTENCES)
    ap.add_argument(
        "--heldout", type=Path, default=HELDOUT_PATH, help="held-out articles (id, text, must, ok) to score"
    )
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--pipeline", action="store_true", help="also score the pipeline's path (extract_batch)")
    a = ap.parse_args()
    _load_scorer(a.score)
    if a.gold is not None and a.gold.is_file():
        t = time.perf_counter()
        r = eval_seeds(a.gold, a.misses)
        print(
            f"seeds: recall {r['hit']}/{r['must']} = {r['recall']}  precision {r['pred_ok']}/{r['pred']} = "
            f"{r['precision']}  ({time.perf_counter() - t:.1f}s)"
        )
    else:
        print(f"seeds: gold {a.gold} not found, skipped")
    t = time.perf_counter()
    articles = json.loads(a.heldout.read_text(encoding="utf-8"))
    r = eval_heldout(a.misses, articles)
    print(
        f"held-out articles: recall {r['hit']}/{r['must']} = {r['recall']}  precision {r['pred_ok']}/{r['pred']} = "
        f"{r['precision']}  ({time.perf_counter() - t:.1f}s)"
    )
    if a.sentences.is_file():
        t = time.perf_counter()
        r = eval_sentences(a.sentences, a.misses)
        print(
            f"sentences: recall {r['hit']}/{r['must']} = {r['recall']}  precision {r['pred_ok']}/{r['pred']} = "
            f"{r['precision']}  parties exact {r['parties_exact']}  ({time.perf_counter() - t:.1f}s)"
        )
    if a.pipeline:
        t = time.perf_counter()
        r = eval_pipeline(a.gold, a.misses)
        print(
            f"pipeline (extract_batch), held-out + seeds: recall {r['hit']}/{r['must']} = {r['recall']}  "
            f"precision {r['pred_ok']}/{r['pred']} = {r['precision']}  texts differing from the direct path: "
            f"{len(r['differ'])}/{r['texts']} {r['differ'] or ''} ({time.perf_counter() - t:.1f}s)"
        )


if __name__ == "__main__":
    main()
