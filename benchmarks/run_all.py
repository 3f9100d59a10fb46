"""`make bench`: the benchmarks that finish in minutes on a 2-core machine, with their figures.

usage: python benchmarks/run_all.py [--articles 300]

1. scale.py: the real `newsfacts run` on a generated corpus against bare spaCy NER (ratio, docs/s,
   peak memory);
2. incremental.py: a full run over 100 generated articles, then a run that adds one;
3. snapshots.py: the plain Parquet snapshot's cost on the scale run's tables, x1 and x20;
4. the quality figures on the project's own test data: figures, agreements, cleaning, entities.
The long runs (1,000 to 100,000 articles) are `scale.py --sizes ...`, run by hand in the background.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def step(title: str, *args: str) -> None:
    print(f"\n=== {title}: {' '.join(args)}", flush=True)
    res = subprocess.run([sys.executable, *args], cwd=HERE.parent)
    if res.returncode != 0:
        print(f"(exit {res.returncode})", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=300, help="corpus size of the scale run")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nf-bench-"))
    step("scale", str(HERE / "scale.py"), "--sizes", str(args.articles), "--no-stages", "--work", str(work))
    step("incremental", str(HERE / "incremental.py"), "--n", "100")
    outs = sorted(work.glob("**/_manifest.json"))
    if outs:
        step("plain Parquet snapshots", str(HERE / "snapshots.py"), str(outs[0].parent))
    step("figures", str(HERE / "figures_eval.py"), "--no-timing")
    step("agreements", str(HERE / "agreements_eval.py"))
    step("cleaning", str(HERE / "clean_eval.py"), "--no-baselines")
    step("entities", str(HERE / "entities_bench.py"), "--repeat", "1")


if __name__ == "__main__":
    main()
