"""Runs that redo only what changed (`store.parts`, `process.work_to_redo`) publish the tables a run
from scratch publishes: after files are added (one the same article as an existing file, under a name
that sorts first), deleted and edited."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from newsfacts.process import work_to_redo
from schemas import TABLES
from store.publish import read_table

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
from corpus_gen import generate  # noqa: E402

RUN_STAMPED = {"ingested_at", "run_id", "rejected_at"}


def test_work_to_redo_names_changed_documents_and_the_copies_they_were_in() -> None:
    previous = {"a": ("k1", "a"), "b": ("k2", "a"), "c": ("k3", "c"), "d": ("k4", None), "e": ("k5", "e")}
    current = {"a": "k1", "b": "k2-new", "c": "k3", "d": "k4", "f": "k6"}
    redo, dropped = work_to_redo(previous, current)
    # b changed: its copy (kept from a) goes and a is redone with it; d failed before; f is new;
    # e left, so its copy goes; c is untouched
    assert redo == {"a", "b", "d", "f"}
    assert dropped == {"a", "e"}


def test_nothing_changed_means_nothing_to_redo() -> None:
    previous = {"a": ("k1", "a"), "b": ("k2", "a")}
    assert work_to_redo(previous, {"a": "k1", "b": "k2"}) == (set(), set())


@pytest.mark.usefixtures("prefect_harness")
def test_incremental_runs_publish_what_a_full_run_publishes(tmp_path: Path) -> None:
    from flows.publish_dataset import publish_dataset

    raw = tmp_path / "raw"
    generate(40, raw, seed=5)
    first = publish_dataset(raw_dir=str(raw), out_dir=str(tmp_path / "inc"), batch_size=8)
    assert first["files_read"] == 40

    names = sorted(p.name for p in raw.iterdir())
    shutil.copy(raw / names[10], raw / f"0000_first_{names[10]}")  # the same article, a new first copy
    (raw / names[20]).unlink()
    (raw / names[30]).unlink()
    edited = next(raw / n for n in names[5:] if n.endswith(".txt") and (raw / n).exists())
    with open(edited, "a", encoding="utf-8") as fh:
        fh.write("\nSamsung Electronics and Acme Corp signed a supply deal worth $40 million on Monday.\n")
    generate(2, tmp_path / "extra", seed=99)
    for f in (tmp_path / "extra").iterdir():
        shutil.copy(f, raw / f"zz_{f.name}")

    second = publish_dataset(raw_dir=str(raw), out_dir=str(tmp_path / "inc"), batch_size=8)
    assert second["changed"] and second["files_read"] < 10
    publish_dataset(raw_dir=str(raw), out_dir=str(tmp_path / "full"), batch_size=8, full=True)
    for name, spec in TABLES.items():
        cols = [c for c in spec.columns if c not in RUN_STAMPED]
        inc = read_table(tmp_path / "inc", name).select(cols).sort(spec.key)
        full = read_table(tmp_path / "full", name).select(cols).sort(spec.key)
        assert inc.height > 0 or name == "rejects", name
        assert inc.equals(full), name
