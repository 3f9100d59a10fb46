"""The cron deployment as a user runs it: `newsfacts serve` on its own Prefect server, with relative
paths from its working directory, publishes a dataset version without anyone triggering a run.

This is the test that catches a scheduler that never creates runs (e.g. SQLAlchemy 2.1 with
Prefect 3.8: every scheduler tick failed with "Can't evaluate bulk DML statement" while manual
runs worked)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.deployment import api_get, free_port
from store.publish import read_manifest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "data" / "raw"


@pytest.mark.slow
def test_serve_runs_the_schedule_and_publishes(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "raw")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        # tick faster than the defaults (60 s, 10 s) so the test waits about one cron minute
        PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="5",
        PREFECT_RUNNER_POLL_FREQUENCY="5",
        PYTHONPATH=str(REPO),
    )
    log = tmp_path / "serve.log"
    with open(log, "w") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsfacts", "serve", "--cron", "* * * * *", "--port", str(port),
             "--raw-dir", "raw", "--out-dir", "out"],
            cwd=tmp_path, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        out = tmp_path / "out"
        deadline = time.monotonic() + 300
        manifest: dict = {"current": None}
        while time.monotonic() < deadline and manifest.get("current") is None:
            assert proc.poll() is None, log.read_text()
            time.sleep(2)
            manifest = read_manifest(out)
        text = log.read_text()
        assert "Can't evaluate bulk DML" not in text, text
        assert manifest.get("current") is not None, f"no scheduled run published in 300 s:\n{text}"
        entry = manifest["versions"][-1]
        run = api_get(f"http://127.0.0.1:{port}/api/flow_runs/{entry['run_id']}")
        assert run["auto_scheduled"] is True, "the run was created by the scheduler, not by hand"
        assert run["deployment_id"], run
        deployment = api_get(f"http://127.0.0.1:{port}/api/deployments/{run['deployment_id']}")
        assert deployment["name"] == "hourly"
        assert entry["rows"]["articles"] == 5 and entry["status"] == "published"
        print(
            f"\nscheduled flow run {entry['run_id']} ({run['name']}, auto_scheduled={run['auto_scheduled']}) "
            f"published dataset version {entry['dataset_version']}: {entry['rows']}"
        )
        _next_runs_are_warm(proc, log, out, port)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def _completed_runs(log: Path) -> list[str]:
    """Flow run ids the serve process reported as run by itself (warm), in order."""
    return [
        line.split("(")[1].split(")")[0]
        for line in log.read_text().splitlines()
        if line.startswith("newsfacts: flow run ") and line.endswith(": COMPLETED")
    ]


def _wait_for_runs(proc: subprocess.Popen, log: Path, n: int) -> list[str]:
    deadline = time.monotonic() + 200
    while time.monotonic() < deadline and len(_completed_runs(log)) < n:
        assert proc.poll() is None, log.read_text()
        time.sleep(2)
    runs = _completed_runs(log)
    assert len(runs) >= n, f"fewer than {n} scheduled runs completed in the serve process:\n{log.read_text()}"
    return runs


def _next_runs_are_warm(proc: subprocess.Popen, log: Path, out: Path, port: int) -> None:
    """The next tick finds nothing new and publishes nothing; after a new file arrives, the tick after
    that publishes it. Both run in the serve process itself (its own report line per run)."""
    first = len(_wait_for_runs(proc, log, 1))  # the run that published (its line comes after the manifest)
    runs = _wait_for_runs(proc, log, first + 1)
    assert "nothing new since the last run" in log.read_text()
    assert [v["dataset_version"] for v in read_manifest(out)["versions"]] == [0]
    run = api_get(f"http://127.0.0.1:{port}/api/flow_runs/{runs[first]}")
    assert run["auto_scheduled"] is True and run["state_type"] == "COMPLETED", run
    (log.parent / "raw" / "late_arrival.txt").write_text(
        "Port operator signs deal\n\nROTTERDAM, May 2 (Reuters) - Port of Rotterdam Authority signed a "
        "memorandum of understanding with Hamburg Port Authority on Friday to share shipping data, the "
        "two ports said.\n",
        encoding="utf-8",
    )
    _wait_for_runs(proc, log, first + 2)
    manifest = read_manifest(out)
    assert manifest["current"] == 1, manifest["versions"]
    assert manifest["versions"][-1]["rows"]["articles"] == 6
