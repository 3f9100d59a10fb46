"""Score the cleaning stage on the seed gold and on the held-out corpus tests/data/cleaning/.

usage: .venv/bin/python benchmarks/clean_eval.py [--misses] [--no-baselines] [--json] [--gold=SEED_KEY.json]

Metrics use the definitions of the seed answer key's scorer (kept in benchmarks/gold_scoring.py):
  body_recall       gold body paragraphs found (normalised substring of the output body)
  body_precision    chars of output paragraphs that lie inside the gold body / output chars
  boilerplate_leak  gold boilerplate lines found in the output body
  body_dup_rate     gold body paragraphs (>= 40 chars) present more than once in the output body
  metadata_acc      non-null gold metadata fields reproduced (title containment, date, names)
Baselines on the same plain text (each line wrapped as an HTML paragraph): jusText and trafilatura.
Also prints throughput (documents per CPU-second, process time, so other load on the machine does
not distort it) and the time for one 1 MB line without spaces.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.gold_scoring import norm_name, norm_text  # noqa: E402
from newsfacts.boilerplate import count_corpus_lines  # noqa: E402
from newsfacts.clean import clean_document  # noqa: E402

SEEDS_DIR = ROOT / "data" / "raw"  # the sample articles; their answer key is given with --gold=PATH
CORPUS_DIR = ROOT / "tests" / "data" / "cleaning"
BARS_SEEDS = {"body_recall": 1.0, "boilerplate_leak": 0.0, "body_dup_rate": 0.0, "metadata_acc": 0.9}
BARS_CORPUS = {"body_recall": 0.95, "body_precision": 0.93}


# ---------------------------------------------------------------- scoring (as the seed key's scorer)
def score(gold: list[dict], preds: dict[str, dict], misses: list[str] | None = None) -> dict[str, Any]:
    m = dict.fromkeys(
        [
            "body_gold",
            "body_found",
            "body_dup",
            "boiler_gold",
            "boiler_leak",
            "out_chars",
            "out_in_gold",
            "meta_gold",
            "meta_ok",
        ],
        0,
    )
    miss = misses if misses is not None else []
    for g in gold:
        a = preds.get(g["file"], {})
        body = a.get("body") or ""
        paras = [norm_text(p) for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
        nbody = norm_text(body)
        for p in g["body_paragraphs"]:
            np_ = norm_text(p)
            m["body_gold"] += 1
            cnt = nbody.count(np_)
            if cnt >= 1:
                m["body_found"] += 1
            else:
                miss.append(f"{g['file']}: body paragraph missing: {p[:70]}")
            if cnt > 1 and len(np_) >= 40:
                m["body_dup"] += 1
                miss.append(f"{g['file']}: body paragraph repeated x{cnt}: {p[:70]}")
        gold_body = norm_text(" ".join(g["body_paragraphs"]))
        for p in paras:
            m["out_chars"] += len(p)
            if p in gold_body:
                m["out_in_gold"] += len(p)
            else:
                miss.append(f"{g['file']}: output paragraph not in gold body: {p[:70]}")
        for b in g["boilerplate_lines"]:
            nb = norm_text(b["text"])
            m["boiler_gold"] += 1
            if (nb in paras) or (len(nb) >= 20 and nb in nbody):
                m["boiler_leak"] += 1
                miss.append(f"{g['file']}: {b['role']} leaked into body: {b['text'][:70]}")
        for k, v in g["article"].items():
            if v is None or k not in ("title", "published_date", "author", "publisher", "kind", "language"):
                continue
            m["meta_gold"] += 1
            pv = a.get(k)
            ok = False
            if pv is not None:
                if k == "published_date":
                    ok = str(pv)[:10] == v
                elif k == "title":
                    ok = (
                        norm_name(v) in norm_name(str(pv))
                        and len(norm_name(str(pv))) <= len(norm_name(v)) + 15
                    )
                else:
                    ok = norm_name(str(pv)) == norm_name(v)
            m["meta_ok"] += ok
            if not ok:
                miss.append(f"{g['file']}: {k} = {pv!r}, want {v!r}")

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    return {
        "docs": len(gold),
        "body_recall": ratio(m["body_found"], m["body_gold"]),
        "body_precision": ratio(m["out_in_gold"], m["out_chars"]),
        "boilerplate_leak": ratio(m["boiler_leak"], m["boiler_gold"]),
        "body_dup_rate": ratio(m["body_dup"], m["body_gold"]),
        "metadata_acc": ratio(m["meta_ok"], m["meta_gold"]),
    }


# ---------------------------------------------------------------- data
def load_seeds(gold_path: Path) -> tuple[list[dict], dict[str, str]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    # the seed gold scores the four contract fields only (kind/language are not in it)
    texts = {g["file"]: (SEEDS_DIR / g["file"]).read_text(encoding="utf-8") for g in gold}
    return gold, texts


def load_corpus() -> tuple[list[dict], dict[str, str]]:
    gold = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS_DIR.glob("*.json"))]
    texts = {g["file"]: (CORPUS_DIR / g["file"]).read_text(encoding="utf-8") for g in gold}
    return gold, texts


# ---------------------------------------------------------------- systems
def run_ours(texts: dict[str, str], *, corpus_counts: bool = True) -> dict[str, dict]:
    counts = count_corpus_lines(texts.values()) if corpus_counts else None
    return {
        f: clean_document(t, corpus_line_counts=counts, corpus_size=len(texts) if corpus_counts else 1)
        for f, t in texts.items()
    }


def _as_html(text: str) -> str:
    from html import escape

    paras = "".join(f"<p>{escape(ln.strip())}</p>\n" for ln in text.splitlines() if ln.strip())
    return f"<html><head><meta charset='utf-8'></head><body>{paras}</body></html>"


def run_justext(texts: dict[str, str]) -> dict[str, dict]:
    import justext

    stop = justext.get_stoplist("English")
    out = {}
    for f, t in texts.items():
        ps = justext.justext(_as_html(t).encode("utf-8"), stop, encoding="utf-8")
        out[f] = {"body": "\n\n".join(p.text for p in ps if not p.is_boilerplate)}
    return out


def run_trafilatura(texts: dict[str, str]) -> dict[str, dict]:
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    out = {}
    for f, t in texts.items():
        doc = trafilatura.bare_extraction(_as_html(t), with_metadata=True, favor_precision=False)
        if doc is None:
            out[f] = {"body": ""}
            continue
        d = doc if isinstance(doc, dict) else doc.as_dict()
        body = d.get("text") or ""
        out[f] = {
            "body": "\n\n".join(ln for ln in body.splitlines() if ln.strip()),
            "title": d.get("title"),
            "published_date": d.get("date"),
            "author": d.get("author"),
            "publisher": d.get("sitename"),
        }
    return out


def throughput(texts: dict[str, str], repeat: int = 5) -> float:
    docs = list(texts.values()) * repeat
    t0 = time.process_time()
    for d in docs:
        clean_document(d)
    return len(docs) / (time.process_time() - t0)


LIGHT_DOC = (
    "Harbour authority approves night shipping on the river\n\nBy Jane Roe\nMarch 3, 2026\n\n"
    "The harbour authority approved night-time shipping on the lower river on Tuesday, ending a ban that "
    "had been in place since 1998. Pilots will guide every vessel longer than 120 metres.\n\n"
    "Shipping companies said the change would cut waiting times at the river mouth by a day on average.\n\n"
    "Residents' groups had opposed the plan, citing noise. The authority promised to review it after a year.\n"
)


def throughput_light(n: int = 2000) -> float:
    """Documents/s on a light document (title, byline, date, three paragraphs)."""
    docs = [LIGHT_DOC.replace("1998", str(1900 + i % 100)) for i in range(n)]
    clean_document(docs[0])
    t0 = time.process_time()
    for d in docs:
        clean_document(d)
    return n / (time.process_time() - t0)


def adversarial_seconds() -> float:
    line = "x" * 1_000_000
    t0 = time.process_time()
    clean_document("Title here\n" + line + "\nBy Jane Doe\n" + "(" * 100_000 + "/" * 100_000)
    return time.process_time() - t0


def evaluate(baselines: bool = True, show_misses: bool = False, gold: Path | None = None) -> dict[str, Any]:
    results: dict[str, Any] = {}
    sets = {"seeds": load_seeds(gold)} if gold is not None else {}
    for name, (gold_rows, texts) in {**sets, "corpus": load_corpus()}.items():
        systems: dict[str, Callable[[dict[str, str]], dict[str, dict]]] = {
            "newsfacts": run_ours,
            "newsfacts_no_corpus_freq": lambda t: run_ours(t, corpus_counts=False),
        }
        if baselines:
            systems["justext"] = run_justext
            systems["trafilatura"] = run_trafilatura
        results[name] = {}
        for sname, fn in systems.items():
            miss: list[str] = []
            results[name][sname] = score(gold_rows, fn(texts), miss)
            if show_misses and sname == "newsfacts":
                results[name]["_misses"] = miss
    return results


def main() -> None:
    args = set(sys.argv[1:])
    gold = next((Path(a.split("=", 1)[1]) for a in args if a.startswith("--gold=")), None)
    res = evaluate(baselines="--no-baselines" not in args, show_misses="--misses" in args, gold=gold)
    cols = ["body_recall", "body_precision", "boilerplate_leak", "body_dup_rate", "metadata_acc"]
    for name in res:
        print(f"== {name}")
        print(f"  {'system':26}" + "".join(f"{c:>18}" for c in cols))
        for sname, s in res[name].items():
            if sname.startswith("_"):
                continue
            print(f"  {sname:26}" + "".join(f"{str(s[c]):>18}" for c in cols))
        for x in res[name].get("_misses", []):
            print("   -", x)
    seed_texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.iterdir())}
    _, corpus_texts = load_corpus()
    print(
        f"throughput: {throughput({**seed_texts, **corpus_texts}):.0f} documents per CPU-second (seeds + corpus)"
    )
    print(f"throughput: {throughput_light():.0f} documents per CPU-second (light 6-line document)")
    print(f"1 MB line without spaces + 100k brackets/slashes: {adversarial_seconds():.2f} s")
    if "--json" in args:
        print(json.dumps(res, default=str))


if __name__ == "__main__":
    main()
