"""Cost of figure extraction per article: ms/article on data/raw and on the money dev set.

usage: python benchmarks/figures_cost.py [--repeats N]

data/raw: each file's whole text is one article. Dev set: the sentences of one source document
(benchmarks/data/money_dev.jsonl, grouped by "source" and variant) joined into one article. The
figure is the best of N passes in CPU time of this process (the machine is shared: wall time
swings with the load, CPU time and the minimum much less).
Run it from an older checkout's root to compare before and after.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsfacts.extract.figures import extract_figures  # noqa: E402


def raw_articles() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]


def dev_articles() -> list[str]:
    docs: dict[tuple[str, str], list[str]] = defaultdict(list)
    dev = ROOT / "benchmarks" / "data" / "money_dev.jsonl"
    for line in dev.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        docs[(r["source"], r["variant"])].append(r["sentence"])
    return [" ".join(s) for s in docs.values()]


def ms_per_article(texts: list[str], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        for t in texts:
            extract_figures(t)
        best = min(best, time.process_time() - t0)
    return 1000 * best / len(texts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    for name, texts in (("data/raw", raw_articles()), ("money dev set", dev_articles())):
        ms = ms_per_article(texts, args.repeats)
        print(f"{name:14s} {len(texts):4d} articles  {ms:.3f} ms/article")


if __name__ == "__main__":
    main()
