"""Scheduled runs under `newsfacts serve`, as they happen: what each cron tick costs.

usage: python benchmarks/serve_runs.py --n 1000 [--work DIR] [--reuse] [--adds 2]

Starts the real `newsfacts serve --cron "* * * * *"` (its own Prefect server) over WORK/raw, lets the
scheduler fire, and after each completed run either adds one new article (the first --adds times) or
adds nothing. For every run it prints what Prefect recorded (the flow run's start to end, and from the
time it was due to its end), the flow's own seconds per stage, and the serve process tree's peak RSS
and CPU time. With --reuse an existing WORK/raw and WORK/out are kept (e.g. a corpus published by
`benchmarks/incremental.py`), so the first tick finds what that run left.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus_gen import generate  # noqa: E402

from flows.deployment import api_get, free_port  # noqa: E402

RUN_LINE = re.compile(r"^newsfacts: flow run (\S+) \(([0-9a-f-]+)\): (\w+)$")


def _runs(log: Path) -> list[tuple[str, str, str]]:
    return [m.groups() for m in map(RUN_LINE.match, log.read_text().splitlines()) if m]  # type: ignore[misc]


def _stages(log: Path, name: str) -> str:
    found = re.findall(rf"Flow run '{re.escape(name)}' - seconds per stage: (.*)", log.read_text())
    return found[-1].strip() if found else "?"


def _when(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


class TreeSampler:
    """Peak RSS summed over a process tree, and its CPU seconds, sampled every 0.1 s."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peak = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                tree = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            total = 0
            for q in tree:
                try:
                    total += q.memory_info().rss
                    t = q.cpu_times()
                    self.cpu[q.pid] = t.user + t.system
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.1)

    def take(self) -> tuple[float, float]:
        """(peak MiB since the last take, CPU seconds so far) and a new peak window."""
        peak, self.peak = self.peak, 0
        return peak / 2**20, sum(self.cpu.values())

    def stop(self) -> None:
        self._stop.set()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--reuse", action="store_true", help="keep WORK/raw and WORK/out")
    ap.add_argument("--adds", type=int, default=2, help="ticks after which one article is added")
    ap.add_argument("--quiet-ticks", type=int, default=1, help="ticks after the adds with nothing new")
    ap.add_argument("--seed", type=int, default=777, help="seed of the added articles (new ones each time)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="nf-serve-"))
    raw, out, home = work / "raw", work / "out", work / "prefect-home"
    if not args.reuse:
        for d in (raw, out):
            shutil.rmtree(d, ignore_errors=True)
        generate(args.n, raw, seed=11)
    extra = work / "extra"
    shutil.rmtree(extra, ignore_errors=True)
    generate(args.adds, extra, seed=args.seed)
    additions = sorted(extra.iterdir())
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="5")
    log = work / "serve.log"
    cmd = [sys.executable, "-m", "newsfacts", "serve", "--cron", "* * * * *", "--port", str(port),
           "--raw-dir", str(raw), "--out-dir", str(out)]  # fmt: skip
    print(f"corpus: {len(list(raw.iterdir()))} raw files in {raw}; cores {os.cpu_count()}", flush=True)
    with open(log, "w") as fh:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True
        )
    sampler = TreeSampler(proc.pid)
    try:
        ticks = 1 + args.adds + args.quiet_ticks
        print(
            "| tick | before it | flow run (start to end) | due to end | flow stages (s) | peak RSS tree | CPU-s tree |"
        )
        print("|---:|---|---:|---:|---|---:|---:|")
        what = "first tick"
        for tick in range(1, ticks + 1):
            while len(_runs(log)) < tick:
                if proc.poll() is not None:
                    raise SystemExit(f"serve exited:\n{log.read_text()[-3000:]}")
                time.sleep(0.5)
            name, run_id, state = _runs(log)[tick - 1]
            run = api_get(f"http://127.0.0.1:{port}/api/flow_runs/{run_id}")
            start, end = _when(run["start_time"]), _when(run["end_time"])
            due = _when(run["expected_start_time"])
            peak, cpu = sampler.take()
            print(
                f"| {tick} | {what} | {(end - start).total_seconds():.2f} s | {(end - due).total_seconds():.2f} s "
                f"| {_stages(log, name)} | {peak:,.0f} MiB | {cpu:.1f} |",
                flush=True,
            )
            assert state == "COMPLETED", state
            if tick <= args.adds:
                f = additions[tick - 1]
                shutil.copy(f, raw / f"added_{args.seed}_{tick}_{f.name}")
                what = "1 article added"
            else:
                what = "nothing new"
    finally:
        sampler.stop()
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    print(f"serve log: {log}")


if __name__ == "__main__":
    main()
