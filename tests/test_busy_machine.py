"""One-off runs survive a saturated machine: both cores held busy by other processes, two
`newsfacts run` started together (each starts Prefect's temporary API) both publish.

Before, each failed with "Timed out while attempting to connect to ephemeral Prefect API server":
Prefect waits 20 s for its temporary server by default, which a loaded 2-core machine exceeds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.publish import read_manifest

REPO = Path(__file__).resolve().parents[1]
BURN = "import time\nend = time.monotonic() + {s}\nwhile time.monotonic() < end:\n    pass\n"


@pytest.mark.slow
def test_two_one_off_runs_publish_while_both_cores_are_busy(tmp_path: Path) -> None:
    cores = os.cpu_count() or 2
    burners = [
        subprocess.Popen([sys.executable, "-c", BURN.format(s=240)]) for _ in range(2 * cores)
    ]  # bounded: each stops by itself after 240 s
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["NEWSFACTS_N_PROCESS"] = "0"  # as a user runs it: worker processes, the GX process
    runs = []
    try:
        time.sleep(3)  # the load is there before the runs start
        for i in (1, 2):
            raw = tmp_path / f"raw{i}"
            shutil.copytree(REPO / "data" / "raw", raw)
            runs.append(
                (
                    tmp_path / f"out{i}",
                    subprocess.Popen(
                        [
                            sys.executable,
                            "-m",
                            "newsfacts",
                            "run",
                            "--raw-dir",
                            str(raw),
                            "--out-dir",
                            str(tmp_path / f"out{i}"),
                        ],
                        cwd=REPO,
                        env=env,
                        stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT,
                        text=True,
                    ),  # fmt: skip
                )
            )
        for out, proc in runs:
            output, _ = proc.communicate(timeout=600)
            assert proc.returncode == 0, output[-3000:]
            assert read_manifest(out)["current"] == 0
    finally:
        for b in burners:
            b.kill()
        for _, proc in runs:
            if proc.poll() is None:
                proc.kill()
