"""Distributed mode against the local runner: the same corpus published both ways, compared row for row.

usage: python benchmarks/dask_parity.py [--n 1000] [--work DIR] [--dask-address tcp://host:8786]

Runs the real `newsfacts run` twice over one generated corpus (`benchmarks/corpus_gen.py`, seed 11):
with the default local runner, and with `--task-runner dask` (a LocalCluster of 2 single-threaded
worker processes unless an address is given). Prints each run's wall time and every table's
comparison (`benchmarks/compare_outputs.py`: all columns but the run-stamped ones); exits 1 when a
table differs.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from compare_outputs import compare  # noqa: E402
from corpus_gen import generate  # noqa: E402


def run(raw: Path, out: Path, extra: list[str]) -> float:
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "newsfacts", "run", "--raw-dir", str(raw), "--out-dir", str(out), *extra],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--dask-address", default=None)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="nf-dask-"))
    raw = work / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    generate(args.n, raw, seed=11)
    local = run(raw, work / "local", [])
    extra = ["--task-runner", "dask"] + (["--dask-address", args.dask_address] if args.dask_address else [])
    dask = run(raw, work / "dask", extra)
    print(f"{args.n} raw files: local runner {local:.1f} s, Dask runner {dask:.1f} s (wall, whole command)")
    same = compare(work / "local", work / "dask")
    print("published tables identical" if same else "published tables DIFFER")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
