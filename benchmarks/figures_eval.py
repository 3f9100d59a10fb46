"""Figure extraction quality and speed.

usage: python benchmarks/figures_eval.py [--misses] [--gold PATH] [--sentences PATH]

Prints precision/recall on tests/data/figures_sentences.jsonl and, given ``--gold`` (an answer key
in the seed gold's shape), on its body paragraphs (a prediction is correct when it matches
figures_must or figures_ok), adversarial-input timings and throughput in words/s. Money on real
sentences: benchmarks/money_eval.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsfacts.extract.figures import extract_figures  # noqa: E402

DEFAULT_SENTENCES = ROOT / "tests" / "data" / "figures_sentences.jsonl"


def fig_match(gold: dict, pred: dict) -> bool:
    """Same rule as score.py's fig_match."""
    pv = pred.get("value")
    if pv is None:
        return False
    gv = float(gold["value"])
    if abs(pv - gv) > 1e-6 * max(1.0, abs(gv)):
        if not (gold["kind"] == "percent" and abs(pv * 100 - gv) <= 1e-6 * max(1.0, abs(gv))):
            return False
    pu, pk = str(pred.get("unit") or "").lower(), str(pred.get("kind") or "").lower()
    gk = gold["kind"]
    if gk == "money":
        return pu == gold["unit"].lower()
    if gk == "percent":
        return "percent" in (pu, pk) or pu == "%"
    if gk == "multiple":
        return pk in ("multiple", "ratio", "factor") or pu in ("multiple", "x", "times", "fold")
    if gk in ("count", "duration"):
        return pk not in ("money", "percent", "currency")
    return True


def score(cases: list[tuple[str, list[dict], list[dict]]], misses: list[str] | None = None) -> dict:
    """cases: (text, must, ok). Returns counts and precision/recall."""
    m: dict[str, float] = {
        "must": 0,
        "hit": 0,
        "pred": 0,
        "pred_ok": 0,
        "attr_checked": 0,
        "text_exact": 0,
        "qual_ok": 0,
    }
    for text, must, ok in cases:
        preds = extract_figures(text)
        used: set[int] = set()
        m["must"] += len(must)
        for g in must:
            j = next((j for j, p in enumerate(preds) if j not in used and fig_match(g, p)), None)
            if j is None:
                if misses is not None:
                    misses.append(f"missed {g.get('text')!r} {g['value']} {g['unit']} in: {text[:90]!r}")
            else:
                used.add(j)
                m["hit"] += 1
                if "text" in g and "qualifier" in g:
                    m["attr_checked"] += 1
                    m["text_exact"] += preds[j]["text"] == g["text"]
                    m["qual_ok"] += preds[j]["qualifier"] == g["qualifier"]
                    if misses is not None and preds[j]["text"] != g["text"]:
                        misses.append(f"span {preds[j]['text']!r} != expected {g['text']!r}")
                    if misses is not None and preds[j]["qualifier"] != g["qualifier"]:
                        misses.append(
                            f"qualifier {preds[j]['qualifier']} != {g['qualifier']} for {g['text']!r}"
                        )
        for j, p in enumerate(preds):
            m["pred"] += 1
            if j in used or any(fig_match(g, p) for g in must + ok):
                m["pred_ok"] += 1
            elif misses is not None:
                misses.append(
                    f"spurious {p['text']!r} -> {p['value']} {p['unit']} {p['kind']} in: {text[:90]!r}"
                )
    m["precision"] = round(m["pred_ok"] / m["pred"], 4) if m["pred"] else 1.0
    m["recall"] = round(m["hit"] / m["must"], 4) if m["must"] else 1.0
    if m["attr_checked"]:
        m["span_exact"] = round(m["text_exact"] / m["attr_checked"], 4)
        m["qualifier_acc"] = round(m["qual_ok"] / m["attr_checked"], 4)
    return m


def sentence_cases(path: Path) -> list[tuple[str, list[dict], list[dict]]]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            cases.append((row["sentence"], row["expected"], row.get("acceptable", [])))
    return cases


def seed_cases(path: Path) -> list[tuple[str, list[dict], list[dict]]]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    # figures are scored per article: one case per document with its body paragraphs joined
    return [("\n\n".join(g["body_paragraphs"]), g["figures_must"], g["figures_ok"]) for g in gold]


ADVERSARIAL = {
    '"$" + "1,"*100000': lambda: "$" + "1," * 100000,
    '"(" * 100000': lambda: "(" * 100000,
    "1 MB token, letters": lambda: "a" * 1_000_000,
    "1 MB token, digits": lambda: "7" * 1_000_000,
    "1 MB token, mixed": lambda: ("ab1,2.3$x%" * 100_000)[:1_000_000],
    '"Tel: +"*50000': lambda: "Tel: +" * 50000,
    '"1."*200000': lambda: "1." * 200000,
    '"1. "*200000': lambda: "1. " * 200000,
    '"\'"*100000 (double quotes)': lambda: '"' * 100000,
    '"." * 500000': lambda: "." * 500000,
    '"$1 " * 100000': lambda: "$1 " * 100000,
    '"1-"*100000': lambda: "1-" * 100000,
    '"about "*100000 + "5%"': lambda: "about " * 100000 + "5%",
    '"twenty-"*100000': lambda: "twenty-" * 100000,
    '"two "*200000': lambda: "two " * 200000,
    '"Ten "*200000': lambda: "Ten " * 200000,
    '"5 per "*100000': lambda: "5 per " * 100000,
    '"in 2020 $1 "*50000': lambda: "in 2020 $1 " * 50000,
    '"$1. "*100000 (100k one-figure sentences: output-bound)': lambda: "$1. " * 100000,
}


def adversarial_timings() -> dict[str, float]:
    out = {}
    for name, make in ADVERSARIAL.items():
        text = make()
        t0 = time.perf_counter()
        extract_figures(text)
        out[name] = round(time.perf_counter() - t0, 3)
    return out


def throughput(texts: list[str]) -> float:
    corpus = "\n\n".join(texts)
    words = len(corpus.split())
    reps = max(1, 200_000 // max(words, 1))
    t0 = time.perf_counter()
    for _ in range(reps):
        extract_figures(corpus)
    dt = time.perf_counter() - t0
    return words * reps / dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--gold", type=Path, default=None, help="answer key in the seed gold shape")
    ap.add_argument("--sentences", type=Path, default=DEFAULT_SENTENCES)
    ap.add_argument("--no-timing", action="store_true")
    a = ap.parse_args()
    misses: list[str] = []
    if a.sentences.exists():
        s = score(sentence_cases(a.sentences), misses)
        print(
            f"sentences: precision={s['precision']} recall={s['recall']} ({s['pred_ok']}/{s['pred']} pred ok, "
            f"{s['hit']}/{s['must']} expected found; span exact {s.get('span_exact')}, "
            f"qualifier {s.get('qualifier_acc')})"
        )
    if a.gold is not None:
        g = score(seed_cases(a.gold), misses)
        print(
            f"seeds:     precision={g['precision']} recall={g['recall']} ({g['pred_ok']}/{g['pred']} pred ok, {g['hit']}/{g['must']} must found)"
        )
    if a.misses:
        for x in misses:
            print("  -", x)
    if not a.no_timing:
        for name, dt in adversarial_timings().items():
            print(f"adversarial {name}: {dt:.3f} s")
        seeds = [t for t, _, _ in seed_cases(a.gold)] if a.gold is not None else []
        dense = [t for t, _, _ in sentence_cases(a.sentences)] if a.sentences.exists() else []
        if seeds:
            print(f"throughput, seed bodies (prose): {throughput(seeds):,.0f} words/s")
        if dense:
            print(f"throughput, sentence file (figure-dense): {throughput(dense):,.0f} words/s")


if __name__ == "__main__":
    main()
