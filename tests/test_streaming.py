"""Streaming tables and the worker pool give exactly the tables of the all-in-memory path."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import pytest

from flows import parallel
from flows.publish_dataset import publish_dataset
from newsfacts import process
from newsfacts.ingest import parse_raw
from schemas import TABLES
from store.files import list_raw_files, read_bytes
from store.publish import read_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import corpus_gen  # noqa: E402

VOLATILE = ("ingested_at", "rejected_at", "run_id")


def _corpus(tmp_path: Path, seed_dir: Path) -> Path:
    raw = tmp_path / "mixed"
    corpus_gen.generate(14, raw, seed=3)
    for p in seed_dir.iterdir():
        shutil.copy(p, raw / p.name)
    first = sorted(seed_dir.iterdir())[0]
    shutil.copy(first, raw / f"zz_copy_of_{first.name}")  # the same article in another batch
    return raw


def test_many_batches_finish_to_the_same_tables_as_one_batch(seed_dir: Path, tmp_path: Path) -> None:
    raw = _corpus(tmp_path, seed_dir)
    files, _ = list_raw_files(raw)
    docs = [d for f in files for d in parse_raw(f.rel, read_bytes(f))[0]]
    counts = process.count_lines(docs)
    now = dt.datetime.now(dt.UTC)
    cleaned, _ = process.clean_batch(docs, counts, len(docs))
    merged = process.merge_same_articles(cleaned)
    extracted = process.extract_batch(merged)
    expected = process.finish_tables([process.batch_tables(merged, extracted, now)])
    parts = []
    for i in range(0, len(docs), 4):
        batch = process.merge_same_articles(process.clean_batch(docs[i : i + 4], counts, len(docs))[0])
        parts.append(process.batch_tables(batch, {a.article_id: extracted[a.article_id] for a in batch}, now))
    got = process.finish_tables(parts)
    assert got["articles"].filter(got["articles"]["also_seen_in"].list.len() > 0).height >= 1
    for name, df in expected.items():
        assert df.height > 0, name
        assert got[name].equals(df), name


@pytest.mark.usefixtures("prefect_harness")
def test_worker_pool_run_matches_inline_run_row_for_row(seed_dir: Path, tmp_path: Path) -> None:
    raw = _corpus(tmp_path, seed_dir)
    inline, pooled = tmp_path / "inline", tmp_path / "pooled"
    publish_dataset(raw_dir=str(raw), out_dir=str(inline), batch_size=6, n_process=1)
    publish_dataset(raw_dir=str(raw), out_dir=str(pooled), batch_size=6, n_process=2)
    auto = tmp_path / "auto"  # a small corpus in auto mode: one worker process
    publish_dataset(raw_dir=str(raw), out_dir=str(auto), batch_size=6, n_process=0)
    # as `newsfacts run` does: a worker started (and warmed up) before the flow, which adopts it
    prestarted = tmp_path / "prestarted"
    parallel.prestart_pool()
    try:
        publish_dataset(raw_dir=str(raw), out_dir=str(prestarted), batch_size=6, n_process=0)
        assert parallel._PRESTARTED not in parallel._POOLS  # adopted by the run, and stopped by it
    finally:
        parallel.discard_prestarted()
    for name, spec in TABLES.items():
        a = read_table(inline, name)
        drop = [c for c in VOLATILE if c in a.columns]
        assert a.height > 0 or name == "rejects", name
        for other in (pooled, auto, prestarted):
            b = read_table(other, name)
            assert a.drop(drop).sort(spec.key).equals(b.drop(drop).sort(spec.key)), (name, other.name)
    # with processes the quality report's GX part runs in its own process: the same report
    expected = _report(inline)
    assert len(expected["results"]) > 100
    for other in (pooled, auto, prestarted):
        assert _report(other) == expected, other.name


def _report(out: Path) -> dict:
    s = json.loads((out / "_quality" / "v0" / "summary.json").read_text(encoding="utf-8"))
    exp = s["expectations"]
    return {"gate": s["gate"], "results": exp["results"], "passed": exp["passed"]}


def test_a_prestarted_worker_the_run_does_not_need_is_discarded() -> None:
    parallel.prestart_pool()
    pool = parallel.get_pool(parallel._PRESTARTED)
    assert pool is not None
    assert pool.submit(sum, [1, 2]).result(timeout=120) == 3  # a live, warmed-up worker
    parallel.discard_prestarted()
    assert parallel.get_pool(parallel._PRESTARTED) is None
