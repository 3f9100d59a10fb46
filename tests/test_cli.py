"""The command line as a user meets it: relative paths from the working directory, and every
documented error as one line naming the problem, with its exit code, before Prefect starts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store.publish import read_manifest, run_lock

REPO = Path(__file__).resolve().parents[1]


def _cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsfacts", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow
def test_run_with_relative_paths_publishes_and_reports(tmp_path: Path) -> None:
    shutil.copytree(REPO / "data" / "raw", tmp_path / "data" / "raw")
    res = _cli("run", cwd=tmp_path)  # the defaults: data/raw -> data/processed, relative
    assert res.returncode == 0, res.stderr[-3000:]
    out = tmp_path / "data" / "processed"
    assert read_manifest(out)["current"] == 0
    assert (out / "_quality" / "v0" / "summary.html").is_file()
    assert (out / "parquet" / "current" / "articles.parquet").is_file()
    assert "dataset version 0 (new version)" in res.stdout
    shown = _cli("show", "articles", "--limit", "2", cwd=tmp_path)
    assert shown.returncode == 0 and "article_id" in shown.stdout
    missing = _cli("show", "articles", "--version", "5", cwd=tmp_path)
    assert missing.returncode == 2
    assert (
        missing.stderr.strip()
        == "newsfacts: error: dataset version 5 is not in data/processed/_manifest.json"
    )
    report = _cli("report", "--version", "9", cwd=tmp_path)
    assert report.returncode == 2 and "no quality report for dataset version 9" in report.stderr


ERRORS = [
    (["show", "artcles"], 2, "invalid choice: 'artcles'"),
    (["show", "articles", "--version", "-1"], 2, "--version: -1 is not a whole number >= 0"),
    (["versions", "--out-dir", "typo"], 2, "out dir typo holds no published dataset"),
    (["vacuum", "--keep", "1", "--out-dir", "typo"], 2, "out dir typo holds no published dataset"),
    (["run", "--batch-size", "0"], 2, "--batch-size: 0 is not a whole number >= 1"),
    (["run", "--raw-dir", "no/such/dir"], 2, "raw dir no/such/dir does not exist"),
    (["vacuum", "--keep", "0"], 2, "--keep: 0 is not a whole number >= 1"),
    (["report", "--version", "9"], 2, "holds no published dataset"),
]


@pytest.mark.parametrize(("args", "code", "message"), ERRORS, ids=[" ".join(a) for a, _, _ in ERRORS])
def test_errors_are_one_line_with_their_exit_code(
    tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    res = _cli(*args, cwd=tmp_path)
    assert res.returncode == code, res.stderr
    assert message in res.stderr
    assert "Traceback" not in res.stderr
    assert "Starting temporary server" not in res.stderr, "rejected before Prefect starts"
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert res.stderr.startswith("newsfacts: error: ")
    assert not (tmp_path / "typo").exists(), "a mistyped out dir is never created"


def test_bad_environment_value_is_a_usage_error(tmp_path: Path) -> None:
    res = _cli("run", cwd=tmp_path, NEWSFACTS_BATCH_SIZE="lots")
    assert res.returncode == 2
    assert "NEWSFACTS_BATCH_SIZE='lots' must be a whole number >= 1" in res.stderr


def test_a_held_lock_is_refused_with_exit_3_before_prefect_starts(tmp_path: Path) -> None:
    shutil.copytree(REPO / "data" / "raw", tmp_path / "raw")
    with run_lock(tmp_path / "out"):
        res = _cli("run", "--raw-dir", "raw", "--out-dir", "out", cwd=tmp_path)
    assert res.returncode == 3
    assert "another newsfacts run is in progress" in res.stderr
    assert "Traceback" not in res.stderr and "Starting temporary server" not in res.stderr


def test_run_help_lists_every_option_with_its_default(tmp_path: Path) -> None:
    res = _cli("run", "--help", cwd=tmp_path)
    assert res.returncode == 0
    text = " ".join(res.stdout.split())  # argparse wraps long help lines
    for option, default in [
        ("--raw-dir", "data/raw"),
        ("--out-dir", "data/processed"),
        ("--batch-size", "256"),
    ]:
        assert option in text and f"(default: {default})" in text
