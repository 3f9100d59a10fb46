"""Entity stage benchmark: throughput (words/s, one core) and P/R/fragments against gold.

usage: python benchmarks/entities_bench.py [--gold PATH ...] [--misses] [--repeat N] [--baseline]

Quality is computed with the seed answer key's entity scoring (benchmarks/gold_scoring.py): for each article,
every predicted entity linked to it through mentions must match an entities_must or entities_ok alias
set after ``norm_name`` (precision); each entities_must entry must be matched (recall); two predicted
entities matching the same must entry count as a fragment. Input: each gold article's body_paragraphs.
``--baseline`` scores the off-the-shelf model alone (its entity spans, surface = entity) for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.gold_scoring import norm_name  # noqa: E402

HELDOUT_GOLD = ROOT / "tests" / "data" / "entities_heldout" / "gold.json"
DEV_GOLD = ROOT / "benchmarks" / "data" / "entities_dev" / "gold.json"


def _article_rows(aid: str, ents: dict, mentions: list[dict], ambiguous: set[str]) -> list[tuple[dict, set]]:
    """(entity row, normalised forms its mentions take in article ``aid``) for every row the article
    mentions; forms the gold calls ambiguous are left out, and a row of ambiguous forms only is ignored."""
    forms: dict[str, set[str]] = {}
    for x in mentions:
        if x["article_id"] == aid:
            forms.setdefault(x["entity_id"], set()).add(norm_name(x["text"]))
    out = []
    for eid, fs in sorted(forms.items()):
        fs = {f for f in fs if f} - ambiguous
        if fs:
            out.append((ents[eid], fs))
    return out


def score_links(gold: list[dict], entities: list[dict], mentions: list[dict]) -> tuple[dict, list[str]]:
    """Entity-level figures for linking, on a gold whose entities list every form the article uses:
    precision (rows whose forms name some gold entity), recall (must entities whose forms one row
    covers in full), splits (a gold entity whose forms fall in >= 2 rows), merges (a row whose forms
    name >= 2 gold entities) and type accuracy (must entities found, row type among the gold's types)."""
    ents = {e["entity_id"]: e for e in entities}
    m = {"rows": 0, "rows_ok": 0, "must": 0, "found": 0, "touched": 0, "splits": 0, "merges": 0, "typed": 0}
    misses: list[str] = []
    for g in gold:
        aid = g["file"]
        amb = {norm_name(f) for f in g.get("ambiguous_forms", [])}
        golds = [(e, True) for e in g["entities_must"]] + [(e, False) for e in g["entities_ok"]]
        gforms = [{norm_name(a) for a in e["aliases"]} - amb for e, _ in golds]
        rows = _article_rows(aid, ents, mentions, amb)
        hits: list[list[int]] = [[] for _ in golds]
        for ri, (row, fs) in enumerate(rows):
            m["rows"] += 1
            named = [gi for gi, gf in enumerate(gforms) if fs & gf]
            m["rows_ok"] += bool(named)
            if not named:
                misses.append(f"{aid}: not in gold: {row['name']} ({row['type']}) {sorted(fs)}")
            if len(named) > 1:
                m["merges"] += 1
                misses.append(f"{aid}: merged: {row['name']} = {[golds[i][0]['name'] for i in named]}")
            for gi in named:
                hits[gi].append(ri)
        for gi, (e, must) in enumerate(golds):
            if len(hits[gi]) > 1:
                m["splits"] += 1
                misses.append(f"{aid}: split: {e['name']} over {[rows[r][0]['name'] for r in hits[gi]]}")
            if not must:
                continue
            m["must"] += 1
            m["touched"] += bool(hits[gi])
            cover = [r for r in hits[gi] if gforms[gi] <= rows[r][1] | {norm_name(rows[r][0]["name"])}]
            if not cover:
                misses.append(f"{aid}: not found: {e['name']}")
                continue
            m["found"] += 1
            row = rows[cover[0]][0]
            if row["type"] in e.get("types", [e["type"]]):
                m["typed"] += 1
            else:
                misses.append(f"{aid}: type {row['type']} for {e['name']} ({'/'.join(e.get('types', []))})")
    out = {
        "articles": len(gold),
        "precision": round(m["rows_ok"] / m["rows"], 3) if m["rows"] else None,
        "recall": round(m["found"] / m["must"], 3) if m["must"] else None,
        "recall_any_form": round(m["touched"] / m["must"], 3) if m["must"] else None,
        "splits": m["splits"],
        "merges": m["merges"],
        "type_accuracy": round(m["typed"] / m["found"], 3) if m["found"] else None,
        "rows": m["rows"],
        "must": m["must"],
    }
    return out, misses


def score(gold: list[dict], entities: list[dict], mentions: list[dict]) -> tuple[dict, list[str]]:
    """Entity metrics exactly as score.py computes them from an entities and a mentions table
    (article_id == gold file name)."""
    ents = {e["entity_id"]: e for e in entities}
    m = {"ent_must": 0, "ent_must_hit": 0, "ent_pred": 0, "ent_pred_ok": 0, "ent_frag": 0}
    misses: list[str] = []
    for g in gold:
        aid = g["file"]
        ids = sorted({r["entity_id"] for r in mentions if r["article_id"] == aid})
        pred_names = []
        for eid in ids:
            r = ents[eid]
            forms = {r["name"]} | set(r.get("aliases") or [])
            forms |= {x["text"] for x in mentions if x["article_id"] == aid and x["entity_id"] == eid}
            pred_names.append((r["name"], {norm_name(f) for f in forms if f}))
        gm = [{norm_name(x) for x in e["aliases"]} for e in g["entities_must"]]
        go = [{norm_name(x) for x in e["aliases"]} for e in g["entities_ok"]]
        m["ent_must"] += len(gm)
        hit = [0] * len(gm)
        for name, forms in pred_names:
            m["ent_pred"] += 1
            canon = norm_name(name)
            matched = [i for i, s in enumerate(gm) if canon in s] or [
                i for i, s in enumerate(gm) if forms & s
            ]
            if matched:
                m["ent_pred_ok"] += 1
                hit[matched[0]] += 1
            elif any(canon in s or forms & s for s in go):
                m["ent_pred_ok"] += 1
            else:
                misses.append(f"{aid}: entity not in gold: {name}")
        for i, e in enumerate(g["entities_must"]):
            if hit[i]:
                m["ent_must_hit"] += 1
                m["ent_frag"] += hit[i] - 1
                if hit[i] > 1:
                    misses.append(f"{aid}: fragmented x{hit[i]}: {e['name']}")
            else:
                misses.append(f"{aid}: entity missed: {e['name']}")
    out = {
        "articles": len(gold),
        "entity_precision": round(m["ent_pred_ok"] / m["ent_pred"], 3) if m["ent_pred"] else None,
        "entity_recall": round(m["ent_must_hit"] / m["ent_must"], 3) if m["ent_must"] else None,
        "entity_fragments": m["ent_frag"],
        "predicted": m["ent_pred"],
        "must": m["ent_must"],
    }
    return out, misses


def run_pipeline(gold: list[dict]) -> tuple[list[dict], list[dict]]:
    from newsfacts.extract.entities import canonicalise, extract_mentions

    ms = extract_mentions([g["body_paragraphs"] for g in gold])
    return canonicalise({g["file"]: m for g, m in zip(gold, ms)})


def blind_gazetteer(gold: list[dict]) -> None:
    """Drop every non-place gazetteer entry (companies, institutions, events, agreements) that names a
    gold entity of ``gold``: measures the domain layer without curated knowledge of the answers."""
    from importlib import resources

    from newsfacts.extract import entities as ent_mod
    from newsfacts.extract import entity_lexicon as lex_mod

    raw = json.loads(resources.files("newsfacts.data").joinpath("gazetteer.json").read_text(encoding="utf-8"))
    answers = {
        norm_name(a) for g in gold for e in g["entities_must"] + g["entities_ok"] for a in e["aliases"]
    }
    keep = []
    for e in raw["entities"]:
        forms = {norm_name(x) for x in [e["name"], *e.get("aliases", [])]}
        if e["type"] in ("GPE", "LOC") or not forms & answers:
            keep.append(e)
    raw["entities"] = keep
    blind = lex_mod.build_lexicon(raw)
    ent_mod.lexicon = lambda: blind  # type: ignore[assignment]
    ent_mod._MATCHERS.clear()
    print(
        json.dumps(
            {
                "blind_gazetteer_removed": len(
                    json.loads(
                        resources.files("newsfacts.data")
                        .joinpath("gazetteer.json")
                        .read_text(encoding="utf-8")
                    )["entities"]
                )
                - len(keep)
            }
        )
    )


def restore_gazetteer() -> None:
    from newsfacts.extract import entities as ent_mod
    from newsfacts.extract import entity_lexicon as lex_mod

    ent_mod.lexicon = lex_mod.lexicon  # type: ignore[assignment]
    ent_mod._MATCHERS.clear()


def run_baseline(gold: list[dict]) -> tuple[list[dict], list[dict]]:
    """Off-the-shelf model alone: each distinct (surface, label) per corpus is one entity."""
    from newsfacts.extract.entities import load_ner
    from newsfacts.ids import stable_id

    nlp = load_ner()
    keep = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
    ents: dict[str, dict] = {}
    rows = []
    for g in gold:
        for doc in nlp.pipe(g["body_paragraphs"]):
            for e in doc.ents:
                if e.label_ not in keep:
                    continue
                eid = stable_id("base", e.text)
                ents.setdefault(eid, {"entity_id": eid, "name": e.text, "aliases": []})
                rows.append({"entity_id": eid, "article_id": g["file"], "text": e.text})
    return list(ents.values()), rows


def throughput(gold: list[dict], repeat: int, rounds: int = 3) -> dict:
    """Words/s of the whole entity stage (NER + domain layer + canonicalisation) in one process pinned
    to one core, against the NER-only pass over the same paragraphs; interleaved rounds, best of each
    (the machine is shared: the best round is the least disturbed one)."""
    from newsfacts.extract.entities import BATCH_SIZE, canonicalise, extract_mentions, load_ner

    nlp = load_ner()
    arts = [g["body_paragraphs"] for g in gold] * repeat
    paras = [p for a in arts for p in a]
    words = sum(len(p.split()) for p in paras)
    extract_mentions(arts[:2], nlp=nlp)  # warm-up (gazetteer, matcher)
    best_stage = best_ner = 0.0
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(paras, batch_size=BATCH_SIZE):
            pass
        best_ner = max(best_ner, words / (time.perf_counter() - t0))
        t0 = time.perf_counter()
        ms = extract_mentions(arts, nlp=nlp, n_process=1)
        canonicalise({str(i): m for i, m in enumerate(ms)})
        best_stage = max(best_stage, words / (time.perf_counter() - t0))
    return {
        "words": words,
        "rounds": rounds,
        "words_per_s": round(best_stage),
        "ner_only_words_per_s": round(best_ner),
        "domain_layer_overhead": round(best_ner / best_stage - 1, 3),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


def layer_time(gold: list[dict], rounds: int = 5) -> dict:
    """Cost of the domain layer alone (span layer + article resolution: repairs, linking, types), without
    the NER model: the paragraphs are parsed once, then the layer runs over them (best round, one core)."""
    from newsfacts.extract import entities as ent
    from newsfacts.extract.entity_lexicon import lexicon

    arts = [g["body_paragraphs"] for g in gold]
    nlp, lex = ent.load_ner(), lexicon()
    matcher = ent._matcher(nlp, lex)
    docs = [[nlp(p) for p in a] for a in arts]
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for a, ds in zip(arts, docs):
            items, lower = [], set()
            for pi, (p, d) in enumerate(zip(a, ds)):
                spans, low = ent.paragraph_spans(p, d, lex, matcher)
                items += [(pi, c) for c in spans]
                lower |= low
            ent._resolve_article(list(a), items, lower, lex)
        best = min(best, time.perf_counter() - t0)
    return {"articles": len(arts), "domain_layer_ms_per_article": round(1000 * best / len(arts), 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", nargs="*", default=[str(HELDOUT_GOLD)])
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument(
        "--dev", action="store_true", help="score the linking dev set (benchmarks/data/entities_dev)"
    )
    ap.add_argument(
        "--blind", action="store_true", help="also score with gazetteer entries naming gold entities removed"
    )
    ap.add_argument("--dev-gold", default=str(DEV_GOLD), help="another gold file in the dev set's shape")
    ap.add_argument("--batch", type=int, help="only the dev articles of this annotation batch")
    ap.add_argument("--layer", action="store_true", help="also time the domain layer alone on the dev set")
    args = ap.parse_args()
    try:  # one core
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass
    all_gold: list[dict] = []
    if args.dev:
        dev = json.loads(Path(args.dev_gold).read_text(encoding="utf-8"))
        if args.batch is not None:
            dev = [g for g in dev if g.get("batch", 1) == args.batch]
        t0 = time.perf_counter()
        res, misses = score_links(dev, *run_pipeline(dev))
        ms_per_article = round(1000 * (time.perf_counter() - t0) / len(dev), 1)
        print(json.dumps({"gold": "entities_dev", **res, "ms_per_article_cold": ms_per_article}))
        if args.misses:
            for x in misses:
                print("  -", x)
        all_gold += dev
        if args.layer:
            print(json.dumps({"gold": "entities_dev", **layer_time(dev)}))
    for path in args.gold:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        all_gold += gold
        ents, rows = run_pipeline(gold)
        res, misses = score(gold, ents, rows)
        print(json.dumps({"gold": Path(path).name, "stage": "newsfacts", **res}))
        if args.misses:
            for x in misses:
                print("  -", x)
        if args.blind:
            blind_gazetteer(gold)
            bres, bmiss = score(gold, *run_pipeline(gold))
            restore_gazetteer()
            print(json.dumps({"gold": Path(path).name, "stage": "newsfacts_blind_gazetteer", **bres}))
            if args.misses:
                for x in bmiss:
                    print("  -", x)
        if args.baseline:
            bres, bmiss = score(gold, *run_baseline(gold))
            print(json.dumps({"gold": Path(path).name, "stage": "model_alone", **bres}))
    if not args.no_speed:
        print(json.dumps({"throughput_one_core": throughput(all_gold, args.repeat)}))


if __name__ == "__main__":
    main()
