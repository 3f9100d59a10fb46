"""Operations on real runs: kill -9 mid-publish, concurrent runs, poisoned documents, incremental
work, retention."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from deltalake import DeltaTable

from flows.deployment import build_deployment
from flows.publish_dataset import publish_dataset
from newsfacts import process
from schemas import TABLES
from store.publish import read_manifest, read_table, vacuum

pytestmark = pytest.mark.usefixtures("prefect_harness")
REPO = Path(__file__).resolve().parents[1]


def _cli(raw: Path, out: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsfacts", "run", "--raw-dir", str(raw), "--out-dir", str(out)],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: kill -9 takes its Prefect server with it
    )


def _wait_for_version(
    out: Path, table: str, version: int, proc: subprocess.Popen[str], timeout: float = 120
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        path = str(out / table)
        if DeltaTable.is_deltatable(path) and DeltaTable(path).version() >= version:
            return
        if proc.poll() is not None:
            raise AssertionError(f"run ended early: {proc.communicate()}")
        time.sleep(0.2)
    raise AssertionError(f"{table} never reached version {version}")


def _snapshot(out: Path, version: int | None = None) -> dict[str, pl.DataFrame]:
    return {
        n: read_table(out, n, dataset_version=version).sort(TABLES[n].key) for n in TABLES if n != "rejects"
    }


def test_kill_9_mid_publish_keeps_last_good_version_and_next_run_completes(
    seed_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    good = _snapshot(out)
    victim = sorted(seed_dir.iterdir())[0]
    victim.write_text(
        victim.read_text(encoding="utf-8") + "\nA late paragraph says exports to Brazil "
        "doubled last year as soybean prices climbed to a record.\n",
        encoding="utf-8",
    )
    # auto processes: the CLI starts a worker before Prefect, and the kill takes it down too
    proc = _cli(seed_dir, out, NEWSFACTS_FAULT_PAUSE="after:paragraphs:60", NEWSFACTS_N_PROCESS="0")
    try:
        _wait_for_version(out, "paragraphs", 1, proc)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    # two tables were committed, the manifest was not: consumers still read the last good version
    assert read_manifest(out)["current"] == 0
    assert len(read_manifest(out)["versions"]) == 1
    after_kill = _snapshot(out)
    for name, df in good.items():
        assert after_kill[name].equals(df), name
    res = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert res["changed"] and res["dataset_version"] == 1
    arts = read_table(out, "articles")
    assert "exports to Brazil doubled" in arts.filter(pl.col("source_file") == victim.name)["body"].item()
    # the recovered state equals a clean run from scratch on the same input
    fresh = tmp_path / "fresh"
    publish_dataset(raw_dir=str(seed_dir), out_dir=str(fresh))
    recovered, clean = _snapshot(out), _snapshot(fresh)
    for name in recovered:
        drop = ["ingested_at"] if name == "articles" else []
        assert recovered[name].drop(drop).equals(clean[name].drop(drop)), name


def test_concurrent_run_is_refused_and_nothing_is_duplicated(seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    release = tmp_path / "release"
    first = _cli(
        seed_dir, out, NEWSFACTS_FAULT_PAUSE="after:articles:120", NEWSFACTS_FAULT_RELEASE=str(release)
    )
    _wait_for_version(out, "articles", 0, first)
    second = _cli(seed_dir, out)
    _, err = second.communicate(timeout=120)
    release.touch()
    assert second.returncode == 3
    assert "another newsfacts run is in progress" in err
    stdout, stderr = first.communicate(timeout=180)
    assert first.returncode == 0, stderr
    assert len(read_manifest(out)["versions"]) == 1
    for name, spec in TABLES.items():
        df = read_table(out, name)
        assert df[spec.key].n_unique() == df.height, name


def test_poisoned_document_is_quarantined_and_its_batch_publishes(
    seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsfacts.clean as clean_mod

    real = clean_mod.clean_document

    def poisoned(text: str, **kw: object) -> dict:
        if "POISON-PILL" in text:
            raise RuntimeError("stage exploded on purpose")
        return real(text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(clean_mod, "clean_document", poisoned)
    (seed_dir / "poison.txt").write_text(
        "POISON-PILL\nThis document makes the cleaner raise.\n", encoding="utf-8"
    )
    res = publish_dataset(raw_dir=str(seed_dir), out_dir=str(tmp_path / "out"), batch_size=256)
    assert res["articles"] == 5
    rejects = read_table(tmp_path / "out", "rejects")
    row = rejects.filter(pl.col("source_file") == "poison.txt").row(0, named=True)
    assert row["check"] == "stage:clean"
    assert "RuntimeError: stage exploded on purpose" in row["reason"]


def test_incremental_run_extracts_only_new_articles(
    seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    before = read_table(out, "articles")
    seen: list[int] = []
    real = process.extract_batch

    def counting(articles, **kw):  # type: ignore[no-untyped-def]
        seen.append(len(articles))
        return real(articles, **kw)

    monkeypatch.setattr(process, "extract_batch", counting)
    (seed_dir / "new.txt").write_text(
        "Vietnam coffee exports hit record\nVietnam's coffee exports rose 30 percent to $5.4 billion last year, "
        "the trade ministry said, as prices for robusta beans climbed to a record.\n",
        encoding="utf-8",
    )
    res = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert sum(seen) == 1, "only the new article is extracted; the others come from the cache"
    after = read_table(out, "articles")
    assert after.height == 6 and res["dataset_version"] == 1
    same = after.join(before, on="article_id", how="inner", suffix="_old")
    assert same.height == 5
    assert (same["ingested_at"] == same["ingested_at_old"]).all()


def test_vacuum_keeps_last_versions_readable(seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    files = sorted(seed_dir.iterdir())
    for i in range(3):
        files[i].write_text(
            files[i].read_text(encoding="utf-8") + f"\nUpdate {i}: shipments resumed on Monday "
            "after a two-day strike at the port ended.\n",
            encoding="utf-8",
        )
        publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert [v["dataset_version"] for v in read_manifest(out)["versions"]] == [0, 1, 2]
    v1 = _snapshot(out, 1)
    res = vacuum(out, keep=2)
    assert res["dropped_versions"] == [0] and res["removed_files"] > 0
    assert [v["dataset_version"] for v in read_manifest(out)["versions"]] == [1, 2]
    for name, df in _snapshot(out, 1).items():
        assert df.equals(v1[name]), name
    assert read_table(out, "articles").height == 5


def test_deployment_has_cron_and_concurrency_limit() -> None:
    d = build_deployment(cron="*/15 * * * *", raw_dir="in", out_dir="out")
    assert d.schedules[0].schedule.cron == "*/15 * * * *"
    assert d.parameters == {"raw_dir": "in", "out_dir": "out"}
    assert d.concurrency_limit == 1
