"""Incremental run benchmark: a full run over N articles, a run after adding one article, then
a run that finds nothing new.

usage: python benchmarks/incremental.py [--n 100] [--work DIR] [--server]

Both runs are real `newsfacts run` processes (fresh interpreter), so the figures include start-up;
the flow's own time (printed by the CLI) is reported beside them. By default each run starts
Prefect's temporary API (as a one-off `newsfacts run` does); with --server both talk to one
Prefect server started beforehand, as scheduled runs of the deployment do.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus_gen import generate  # noqa: E402

from flows.deployment import exported_prefect_api  # noqa: E402


def run(raw: Path, out: Path) -> tuple[float, float, str]:
    from serve_runs import TreeSampler

    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsfacts", "run", "--raw-dir", str(raw), "--out-dir", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    sampler = TreeSampler(proc.pid)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.stop()
    peak, cpu = sampler.take()
    if proc.returncode:
        raise SystemExit(f"newsfacts run failed ({proc.returncode}):\n{stderr[-3000:]}")
    p = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    m = re.search(r"articles in ([0-9.]+) s", p.stdout)
    line = next((ln.strip() for ln in p.stdout.splitlines() if "raw files" in ln), "")
    stages = re.search(r"seconds per stage: (.*)", p.stdout + p.stderr)
    if stages:
        line += f"\n    stages: {stages.group(1).strip()}"
    line += f"\n    peak RSS {peak:,.0f} MiB, {cpu:.1f} CPU-s (process tree), load {os.getloadavg()[0]:.1f}"
    return wall, float(m.group(1)) if m else float("nan"), line


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--server", action="store_true", help="runs talk to one Prefect server started first")
    args = ap.parse_args()
    with exported_prefect_api(4299, tempfile.mkdtemp(prefix="nf-prefect-")) if args.server else nullcontext():
        measure(args)


def measure(args: argparse.Namespace) -> None:
    work = args.work or Path(tempfile.mkdtemp(prefix="nf-incr-"))
    raw, extra, out = work / "raw", work / "extra", work / "out"
    for d in (raw, extra, out):
        shutil.rmtree(d, ignore_errors=True)
    generate(args.n, raw, seed=11)
    generate(1, extra, seed=12345)
    full_wall, full_flow, line1 = run(raw, out)
    for f in extra.iterdir():
        shutil.copy(f, raw / f"added_{f.name}")
    inc_wall, inc_flow, line2 = run(raw, out)
    same_wall, same_flow, line3 = run(raw, out)
    print(f"full run over {args.n} files : {full_wall:6.1f} s wall, {full_flow:6.1f} s in the flow | {line1}")
    print(f"after adding 1 file        : {inc_wall:6.1f} s wall, {inc_flow:6.1f} s in the flow | {line2}")
    print(f"again, nothing new         : {same_wall:6.1f} s wall, {same_flow:6.1f} s in the flow | {line3}")
    print(f"incremental / full (flow)  : {inc_flow / full_flow:.2f}")
    print(f"incremental / full (wall)  : {inc_wall / full_wall:.2f}")
    print(f"Prefect API: {'a running server' if args.server else 'temporary, started by each run'}")


if __name__ == "__main__":
    main()
