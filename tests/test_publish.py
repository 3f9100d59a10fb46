"""Delta publishing: one commit per changed table, none when unchanged, time travel, locking."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path

import polars as pl
import pytest
from deltalake import DeltaTable

from newsfacts.validate import validate_tables
from schemas import TABLES
from store.publish import RunInProgress, read_table, run_lock, sync_table, write_manifest

ENT = TABLES["entities"]


def _entities(rows: list[tuple[str, str, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "entity_id": [r[0] * 16 for r in rows],
            "name": [r[1] for r in rows],
            "type": ["ORG"] * len(rows),
            "aliases": [[r[1]] for r in rows],
            "article_count": [1] * len(rows),
            "mention_count": [r[2] for r in rows],
        }
    )


def test_sync_commits_only_changes_and_keeps_history(tmp_path: Path) -> None:
    v0 = sync_table(tmp_path, ENT, _entities([("a", "Acme", 1), ("b", "Beta", 2)]), {"run_id": "r0"}, 0)
    assert (v0.version, v0.inserted) == (0, 2)
    again = sync_table(tmp_path, ENT, _entities([("b", "Beta", 2), ("a", "Acme", 1)]), {"run_id": "r1"}, 1)
    assert again.version is None, "same rows in another order must not commit"
    v1 = sync_table(tmp_path, ENT, _entities([("b", "Beta", 5), ("c", "Gamma", 1)]), {"run_id": "r2"}, 1)
    assert (v1.version, v1.inserted, v1.updated, v1.deleted) == (1, 1, 1, 1)
    dt_ = DeltaTable(str(tmp_path / "entities"))
    assert dt_.version() == 1
    assert dt_.history(1)[0]["run_id"] == "r2"
    now = pl.read_delta(str(tmp_path / "entities")).sort("name")
    assert now["name"].to_list() == ["Beta", "Gamma"]
    assert now.filter(pl.col("name") == "Beta")["mention_count"].item() == 5
    old = pl.read_delta(str(tmp_path / "entities"), version=0).sort("name")
    assert old["name"].to_list() == ["Acme", "Beta"]


def test_sticky_columns_survive_unchanged_rows(tmp_path: Path) -> None:
    spec = TABLES["rejects"]
    t0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    row = {
        "reject_id": "1" * 16,
        "table": "raw",
        "source_file": "a.txt",
        "record": "{}",
        "check": "empty_file",
        "reason": "a.txt: file is empty",
        "run_id": "first",
        "rejected_at": t0,
    }
    sync_table(tmp_path, spec, pl.DataFrame([row], schema=spec.polars_schema), {}, 0)
    later = {**row, "run_id": "second", "rejected_at": t0 + dt.timedelta(hours=1)}
    res = sync_table(tmp_path, spec, pl.DataFrame([later], schema=spec.polars_schema), {}, 1)
    assert res.version is None
    got = pl.read_delta(str(tmp_path / "rejects"))
    assert got["run_id"].to_list() == ["first"]


def test_read_table_follows_manifest(tmp_path: Path) -> None:
    sync_table(tmp_path, ENT, _entities([("a", "Acme", 1)]), {}, 0)
    sync_table(tmp_path, ENT, _entities([("a", "Acme", 1), ("b", "Beta", 1)]), {}, 1)
    write_manifest(
        tmp_path,
        {
            "current": 0,
            "versions": [
                {"dataset_version": 0, "tables": {"entities": 0}},
                {"dataset_version": 1, "tables": {"entities": 1}},
            ],
        },
    )
    assert read_table(tmp_path, "entities").height == 1, "current is version 0"
    assert read_table(tmp_path, "entities", dataset_version=1).height == 2
    assert read_table(tmp_path, "figures").columns == TABLES["figures"].columns


def _hold_lock(
    path: str, ready: multiprocessing.synchronize.Event, release: multiprocessing.synchronize.Event
) -> None:  # type: ignore[name-defined]
    with run_lock(Path(path)):
        ready.set()
        release.wait(10)


def test_second_run_is_refused_while_lock_held(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    p = ctx.Process(target=_hold_lock, args=(str(tmp_path), ready, release))
    p.start()
    try:
        assert ready.wait(20)
        with pytest.raises(RunInProgress, match="another newsfacts run is in progress"), run_lock(tmp_path):
            pass
    finally:
        release.set()
        p.join(10)
    with run_lock(tmp_path):  # released when the holder exits
        pass


def test_validation_rejects_bad_rows_and_orphans() -> None:
    frames = {n: pl.DataFrame(schema=s.polars_schema) for n, s in TABLES.items()}
    frames["entities"] = _entities([("a", "Acme", 1), ("b", "Beta", 0)])  # mention_count 0 breaks >= 1
    frames["mentions"] = pl.DataFrame(
        [
            {
                "mention_id": "c" * 16,
                "entity_id": "a" * 16,
                "article_id": "d" * 16,
                "position": 0,
                "start": 0,
                "end": 4,
                "text": "Acme",
                "link_rule": "own_name",
            }
        ],
        schema=TABLES["mentions"].polars_schema,
    )
    v = validate_tables(frames, "run-1")
    assert v.tables["entities"]["name"].to_list() == ["Acme"]
    assert v.tables["mentions"].is_empty()
    checks = sorted(r["check"] for r in v.rejects)
    assert checks == ["article_id:foreign_key", "mention_count:greater_than_or_equal_to(1)"]
    assert all(r["run_id"] == "run-1" and r["reason"] for r in v.rejects)
