"""Incremental runs on real flows: only new or changed raw files are read and cleaned, and the
published tables are row for row those of a full run over the same input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from flows.publish_dataset import publish_dataset
from newsfacts import process
from schemas import TABLES
from store.parts import PARTS_DIR
from store.publish import read_table
from store.state import LISTING_FILE, STATE_FILE

pytestmark = pytest.mark.usefixtures("prefect_harness")

# columns that say when or by which run a row was written: they differ between two runs by design
_RUN_COLUMNS = {"ingested_at", "run_id", "rejected_at"}

NEW_ARTICLE = (
    "Vietnam coffee exports hit record\n"
    "Vietnam's coffee exports rose 30 percent to $5.4 billion last year, the trade ministry said, "
    "as prices for robusta beans climbed to a record.\n"
)


def _content(out: Path) -> dict[str, pl.DataFrame]:
    tables = {}
    for name, spec in TABLES.items():
        df = read_table(out, name)
        tables[name] = df.drop([c for c in df.columns if c in _RUN_COLUMNS]).sort(spec.key)
    return tables


def _assert_same_as_full_run(raw: Path, out: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    shutil.rmtree(full, ignore_errors=True)
    publish_dataset(raw_dir=str(raw), out_dir=str(full), full=True)
    got, want = _content(out), _content(full)
    for name in TABLES:
        assert got[name].equals(want[name]), name


@pytest.fixture
def cleaned_docs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Source files of the documents the run cleans (not taken from the clean cache)."""
    seen: list[str] = []
    real = process.clean_batch

    def counting(docs, *args, **kw):  # type: ignore[no-untyped-def]
        seen.extend(d.source_file for d in docs)
        return real(docs, *args, **kw)

    monkeypatch.setattr(process, "clean_batch", counting)
    return seen


def test_adding_a_file_reads_and_cleans_only_that_file(
    seed_dir: Path, tmp_path: Path, cleaned_docs: list[str]
) -> None:
    out = tmp_path / "out"
    first = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert first["files_read"] == 5 and len(cleaned_docs) == 5
    before = read_table(out, "articles")

    cleaned_docs.clear()
    (seed_dir / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    res = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert res["files_read"] == 1 and cleaned_docs == ["new.txt"]
    assert res["dataset_version"] == 1 and res["articles"] == 6
    after = read_table(out, "articles")
    kept = after.join(before, on="article_id", how="inner", suffix="_old")
    assert kept.height == 5 and (kept["ingested_at"] == kept["ingested_at_old"]).all()
    _assert_same_as_full_run(seed_dir, out, tmp_path)

    cleaned_docs.clear()
    again = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert again["files_read"] == 0 and cleaned_docs == [] and not again["changed"]


def test_an_unchanged_file_is_cleaned_again_when_its_lines_start_recurring(
    tmp_path: Path, cleaned_docs: list[str]
) -> None:
    """Cleaning reads the corpus (a line recurring across documents is boilerplate): an unchanged
    document is cleaned again when a new file makes one of its lines recur."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    footer = "Part of the Example Media Network"
    (raw / "a.txt").write_text(
        "Council approves new bridge\n"
        "The city council approved the construction of a new bridge over the river on Monday, "
        "after a debate about costs and benefits for residents that lasted three hours.\n"
        f"{footer}\n",
        encoding="utf-8",
    )
    publish_dataset(raw_dir=str(raw), out_dir=str(out))
    reason = read_table(out, "paragraphs").filter(pl.col("text") == footer)["reason"].to_list()
    assert reason and reason[0] != "corpus:frequent"

    cleaned_docs.clear()
    (raw / "b.txt").write_text(
        "Harbour dredging to start in May\n"
        "Dredging of the harbour will start in May and last until the end of the summer, the port "
        "authority said, after years of complaints from fishing crews about silt.\n"
        f"{footer}\n",
        encoding="utf-8",
    )
    res = publish_dataset(raw_dir=str(raw), out_dir=str(out))
    assert res["files_read"] == 2 and sorted(cleaned_docs) == ["a.txt", "b.txt"]
    reasons = read_table(out, "paragraphs").filter(pl.col("text") == footer)["reason"].to_list()
    assert reasons == ["corpus:frequent", "corpus:frequent"]
    _assert_same_as_full_run(raw, out, tmp_path)


def test_state_from_other_code_or_a_lost_cache_costs_a_full_read_not_correctness(
    seed_dir: Path, tmp_path: Path, cleaned_docs: list[str]
) -> None:
    out = tmp_path / "out"
    publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    for name in (STATE_FILE, LISTING_FILE):  # as another code version would have left them
        state = json.loads((out / name).read_text(encoding="utf-8"))
        state["fingerprint"] = "another-code-version"
        (out / name).write_text(json.dumps(state), encoding="utf-8")
    res = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert res["files_read"] == 5 and not res["changed"]

    # the state says unchanged, the kept parts and the cleaned articles are gone
    shutil.rmtree(out / PARTS_DIR)
    shutil.rmtree(out / "_cache")
    cleaned_docs.clear()
    (seed_dir / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    res = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert res["files_read"] == 6 and len(cleaned_docs) == 6 and res["articles"] == 6
    _assert_same_as_full_run(seed_dir, out, tmp_path)

    # with the kept parts there, a lost cache costs nothing: only the new file is cleaned
    shutil.rmtree(out / "_cache")
    cleaned_docs.clear()
    (seed_dir / "newer.txt").write_text(
        "Chile copper output falls\nChile's copper output fell 4 percent in March from a year earlier, "
        "the national statistics institute said on Tuesday.\n",
        encoding="utf-8",
    )
    res = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert res["files_read"] == 1 and cleaned_docs == ["newer.txt"]
    _assert_same_as_full_run(seed_dir, out, tmp_path)


def test_pruning_the_caches_keeps_what_the_next_run_needs(seed_dir: Path, tmp_path: Path) -> None:
    from store.state import prune_caches

    out = tmp_path / "out"
    publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    edited = sorted(seed_dir.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more closing sentence was added to it.\n")
    publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    (out / "_cache" / "clean" / "stale-fingerprint").mkdir(parents=True)
    (out / "_cache" / "clean" / "stale-fingerprint" / "x.json").write_text("{}")

    assert prune_caches(out) == 3  # the old cleaned article, its old extraction, the stale code's entry
    res = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert res["files_read"] == 0 and not res["changed"]
    assert prune_caches(out) == 0


def test_a_quarantined_file_stays_quarantined_without_being_read_again(
    seed_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (seed_dir / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    first = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert "broken.txt" in first["rejected_files"]
    again = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert again["files_read"] == 0 and not again["changed"]
    assert again["rejected_files"] == first["rejected_files"]
    assert "broken.txt" in read_table(out, "rejects")["source_file"].to_list()


def test_a_run_that_finds_the_last_listing_reads_nothing(seed_dir: Path, tmp_path: Path) -> None:
    from newsfacts.nlp import model_name
    from store.state import nothing_new

    out = tmp_path / "out"
    first = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert nothing_new(seed_dir, out, model_name(), 1 << 20)
    again = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert again["stage_seconds"].keys() == {"list"} and not again["changed"]
    assert (again["dataset_version"], again["rows"]) == (first["dataset_version"], first["rows"])
    edited = sorted(seed_dir.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA closing sentence added later.\n")
    assert not nothing_new(seed_dir, out, model_name(), 1 << 20)
    assert publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))["changed"]
