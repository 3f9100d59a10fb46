"""Cleaning on real scraped pages (built by benchmarks/build_page_corpus.py under /work/data/pages/).

usage: python benchmarks/page_eval.py [--split dev|test] [--max N] [--modes text,html,traf] [--wire]

Matching (fixed; the same for every system and for the line labels of the classifier's training):
  norm(s)       lower-case ASCII letters/digits runs joined by one space (mojibake and punctuation
                differences between a dump and its gold vanish alike on both sides)
  gold text     the gold blocks, normalised and joined by a space
  recall        gold blocks of 5+ tokens whose norm is a substring of the normalised output body
  precision     chars of normalised output lines that are substrings of the gold text / output chars
  leak          boilerplate lines (lines of the page's lxml dump with 3+ tokens that are not inside the
                gold text, plus page-signal's comment/related blocks) found in the normalised output
  output        the line the cleaner labels title, then the body (an article's title is article text)
  wire keep     Reuters-21578 paragraphs (title + body, one paragraph a line) found in the output body
Modes: ``text`` cleans each renderer's dump (inscriptis, html2text, lxml); ``html`` runs the page through
ingest._from_html then the cleaner, as `newsfacts run` does; ``traf`` is trafilatura alone (the text
_from_html hands to the cleaner). Corpus line counts are taken over the group being cleaned (one batch).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from newsfacts.boilerplate import count_corpus_lines  # noqa: E402
from newsfacts.clean import clean_document  # noqa: E402

DATA = Path("/work/data/pages")
RENDERERS = ("inscriptis", "html2text", "lxml")
_TOK = re.compile(r"[a-z0-9]+")


def norm(s: str) -> str:
    return " ".join(_TOK.findall(s.lower()))


def load_index(split: str | None = None) -> list[dict]:
    rows = [json.loads(ln) for ln in (DATA / "index.jsonl").read_text().splitlines() if ln.strip()]
    return [r for r in rows if split is None or r["split"] == split]


def page_dir(r: dict) -> Path:
    return DATA / r["corpus"] / r["id"]


def gold_of(r: dict) -> dict[str, Any]:
    d = page_dir(r)
    blocks = [norm(b) for b in (d / "gold.txt").read_text(encoding="utf-8").splitlines()]
    blocks = [b for b in blocks if b]
    text = " ".join(blocks)
    boiler = []
    lx = (d / "lxml.txt").read_text(encoding="utf-8").splitlines()
    extra = (d / "boiler.txt").read_text(encoding="utf-8").splitlines() if (d / "boiler.txt").exists() else []
    seen = set()
    for ln in lx + extra:
        n = norm(ln)
        if len(n.split()) >= 3 and n not in text and n not in seen:
            seen.add(n)
            boiler.append(n)
    return {"blocks": blocks, "text": text, "boiler": boiler, "block_set": frozenset(blocks)}


def line_is_gold(line: str, gold: dict) -> bool:
    """Label of one dump line for training: inside the gold text (4+ tokens) or a whole gold block."""
    n = norm(line)
    if not n:
        return False
    if len(n.split()) >= 4:
        return n in gold["text"]
    return n in gold["block_set"]


def score_page(body: str, gold: dict) -> dict[str, int]:
    lines = [norm(x) for x in body.splitlines()]
    lines = [x for x in lines if x]
    out = " ".join(lines)
    paras = [b for b in gold["blocks"] if len(b.split()) >= 5]
    return {
        "gold": len(paras),
        "found": sum(p in out for p in paras),
        "out_chars": sum(len(x) for x in lines),
        "in_gold": sum(len(x) for x in lines if x in gold["text"]),
        "boiler": len(gold["boiler"]),
        "leaked": sum(b in out for b in gold["boiler"]),
    }


def summary(scores: list[dict[str, int]]) -> dict[str, float | int]:
    t = {k: sum(s[k] for s in scores) for k in ("gold", "found", "out_chars", "in_gold", "boiler", "leaked")}
    return {
        "pages": len(scores),
        "recall": round(t["found"] / max(t["gold"], 1), 3),
        "precision": round(t["in_gold"] / max(t["out_chars"], 1), 3),
        "leak": round(t["leaked"] / max(t["boiler"], 1), 3),
    }


def traf_text(r: dict) -> str:
    """The text ingest._from_html gives the cleaner (cached next to the page)."""
    from newsfacts import ingest

    cache = page_dir(r) / "trafilatura.txt"
    if cache.exists():
        return cache.read_text(encoding="utf-8")
    html = (page_dir(r) / "page.html").read_text(encoding="utf-8")
    try:
        text = ingest._from_html(r["id"], html, "utf-8", "0" * 64).text
    except ingest.IngestError:
        text = ""
    cache.write_text(text, encoding="utf-8")
    return text


def inputs(rows: list[dict], mode: str) -> dict[str, str]:
    if mode in ("html", "traf"):
        return {r["corpus"] + "/" + r["id"]: traf_text(r) for r in rows}
    return {
        r["corpus"] + "/" + r["id"]: (page_dir(r) / f"{mode}.txt").read_text(encoding="utf-8") for r in rows
    }


def clean_all(texts: dict[str, str], *, extracted: bool) -> tuple[dict[str, str], float]:
    counts = count_corpus_lines(texts.values())
    t0 = time.process_time()
    out = {}
    for k, t in texts.items():
        c = clean_document(t, corpus_line_counts=counts, corpus_size=len(texts), extracted=extracted)
        title = [p["text"] for p in c["paragraphs"] if p["role"] == "title"]
        out[k] = "\n".join(title[:1] + [c["body"]])  # the article: its title line and body
    return out, time.process_time() - t0


def evaluate(split: str, max_pages: int, modes: list[str]) -> dict[str, Any]:
    rows = load_index(split)
    by_corpus: dict[str, list[dict]] = {}
    for r in rows:
        by_corpus.setdefault(r["corpus"], []).append(r)
    res: dict[str, Any] = {}
    for corpus, rs in sorted(by_corpus.items()):
        rs = rs[:max_pages]
        golds = {r["corpus"] + "/" + r["id"]: gold_of(r) for r in rs}
        for mode in modes:
            names = list(RENDERERS) if mode == "text" else [mode]
            scores, cost, n = [], 0.0, 0
            for name in names:
                texts = inputs(rs, name)
                if mode == "traf":
                    bodies, c = texts, 0.0
                else:
                    bodies, c = clean_all(texts, extracted=mode == "html")
                cost += c
                n += len(texts)
                scores += [score_page(bodies[k], golds[k]) for k in texts]
            res[f"{corpus}/{mode}"] = {**summary(scores), "ms_per_doc": round(1000 * cost / max(n, 1), 1)}
            print(f"{corpus:20s} {mode:5s} {res[f'{corpus}/{mode}']}", flush=True)
    return res


def wire_keep(n: int = 500) -> dict[str, float]:
    rows = [json.loads(x) for x in (DATA / "reuters.jsonl").read_text().splitlines()]
    rows = [r for r in rows if r.get("split", "eval") == "eval"][:n]
    texts = {r["id"]: r["title"] + "\n\n" + "\n\n".join(r["paragraphs"]) for r in rows}
    bodies, cost = clean_all(texts, extracted=False)
    gold = sum(len(r["paragraphs"]) for r in rows)
    kept = sum(norm(p) in norm(bodies[r["id"]]) for r in rows for p in r["paragraphs"])
    return {
        "articles": len(rows),
        "paragraphs": gold,
        "kept": round(kept / gold, 4),
        "ms_per_doc": round(1000 * cost / len(rows), 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--max", type=int, default=150, help="pages per corpus")
    ap.add_argument("--modes", default="text,html,traf")
    ap.add_argument("--wire", action="store_true")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    res: dict[str, Any] = {}
    if a.wire:
        res["wire"] = wire_keep()
        print("wire", res["wire"], flush=True)
    res.update(evaluate(a.split, a.max, a.modes.split(",")))
    if a.json:
        a.json.write_text(json.dumps(res, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
