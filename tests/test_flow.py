"""End-to-end: the real publish_dataset flow on the seed articles and on awkward inputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from deltalake import DeltaTable

from flows.cli import main as cli_main
from flows.publish_dataset import publish_dataset
from schemas import TABLES
from store.publish import read_manifest, read_table

pytestmark = pytest.mark.usefixtures("prefect_harness")

CONTACT_OR_COOKIE = (
    "cookie",
    "Tel:",
    "Email:",
    "@163.com",
    "All Rights Reserved",
    "Select Language",
    "I agree",
)


def _run(raw: Path, out: Path) -> dict:
    return publish_dataset(raw_dir=str(raw), out_dir=str(out), batch_size=2)


def _delta_versions(out: Path) -> dict[str, int]:
    return {n: DeltaTable(str(out / n)).version() for n in TABLES}


def test_seeds_publish_every_table_then_rerun_commits_nothing(seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "processed"
    first = _run(seed_dir, out)
    assert first["changed"] and first["dataset_version"] == 0
    arts = read_table(out, "articles")
    assert arts.height == 5
    assert sorted(arts["source_file"].to_list()) == sorted(p.name for p in seed_dir.iterdir())
    for name in ("paragraphs", "entities", "mentions", "figures", "agreements"):
        assert read_table(out, name).height > 0, name
    for body in arts["body"].to_list():
        for needle in CONTACT_OR_COOKIE:
            assert needle not in body, needle
    # every removed line is accounted for in paragraphs, with a reason
    paras = read_table(out, "paragraphs")
    assert paras.filter(pl.col("role") != "body")["reason"].str.len_chars().min() > 0
    for r in arts.iter_rows(named=True):
        n_removed = paras.filter(
            (pl.col("article_id") == r["article_id"]) & (pl.col("role") != "body")
        ).height
        assert n_removed == r["removed_line_count"]

    before = _delta_versions(out)
    rows_before = {n: read_table(out, n).sort(TABLES[n].key) for n in TABLES}
    second = _run(seed_dir, out)
    assert not second["changed"] and second["dataset_version"] == 0
    assert _delta_versions(out) == before
    assert len(read_manifest(out)["versions"]) == 1
    for n in TABLES:
        assert read_table(out, n).sort(TABLES[n].key).equals(rows_before[n]), n


def test_changed_and_deleted_files_touch_only_their_article(seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "processed"
    _run(seed_dir, out)
    v0 = read_table(out, "articles").sort("source_file")
    files = sorted(p.name for p in seed_dir.iterdir())
    changed, deleted = files[4], files[1]
    p = seed_dir / changed
    p.write_text(
        p.read_text(encoding="utf-8") + "\nExports to Vietnam rose 12 percent in the first half of "
        "the year, the ministry said in a statement on Friday.\n",
        encoding="utf-8",
    )
    (seed_dir / deleted).unlink()
    res = _run(seed_dir, out)
    assert res["changed"] and res["dataset_version"] == 1
    v1 = read_table(out, "articles").sort("source_file")
    assert deleted not in v1["source_file"].to_list()
    assert v1.height == 4
    untouched = [f for f in files if f not in (changed, deleted)]
    keep_cols = ["article_id", "ingested_at", "body"]
    assert (
        v1.filter(pl.col("source_file").is_in(untouched))
        .select(keep_cols)
        .equals(v0.filter(pl.col("source_file").is_in(untouched)).select(keep_cols))
    )
    new_body = v1.filter(pl.col("source_file") == changed)["body"].item()
    assert "Vietnam rose 12 percent" in new_body
    # time travel: version 0 still has the deleted article
    assert deleted in read_table(out, "articles", dataset_version=0)["source_file"].to_list()
    figs = read_table(out, "figures")
    assert set(figs["article_id"].to_list()) <= set(v1["article_id"].to_list())


def test_awkward_inputs_are_decoded_or_quarantined_and_the_run_goes_on(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    body = (
        "Shipments of electric vehicles from the port rose 18 percent in March, the operator said, "
        "as carmakers pushed exports to Europe ahead of new tariffs.\n"
        "The operator handled 1.2 million vehicles last year and plans to add two berths by 2027.\n"
    )
    (raw / "utf16.txt").write_bytes(("Port exports surge\n" + body).encode("utf-16"))
    (raw / "legacy.txt").write_bytes(
        ("Café exports climb\n" + body.replace("Europe", "Zürich")).encode("cp1252")
    )
    (raw / "page.html").write_text(
        "<html><head><title>Berths to expand</title></head><body><nav><a href='/'>Home</a></nav><article>"
        "<h1>Berths to expand</h1><p>The operator will add two berths by 2027 to handle rising car exports, "
        "its chief executive said on Monday.</p><p>Volumes rose 18 percent in March from a year earlier, "
        "with most shipments bound for Europe.</p></article></body></html>",
        encoding="utf-8",
    )
    (raw / "feed.jsonl").write_text(
        json.dumps(
            {
                "title": "Tariffs loom",
                "text": "European tariffs on imported vehicles take effect in "
                "July, officials said, and exporters are racing to ship cars before then.\nAnalysts "
                "expect shipments to slow sharply in the second half of the year.",
                "published": "2026-04-02",
                "url": "https://example.com/t",
            }
        )
        + "\n{broken\n",
        encoding="utf-8",
    )
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    res = _run(raw, tmp_path / "out")
    arts = read_table(tmp_path / "out", "articles")
    assert sorted(arts["source_file"].to_list()) == ["feed.jsonl#1", "legacy.txt", "page.html", "utf16.txt"]
    assert "Zürich" in arts.filter(pl.col("source_file") == "legacy.txt")["body"].item()
    feed = arts.filter(pl.col("source_file") == "feed.jsonl#1").row(0, named=True)
    assert feed["url"] == "https://example.com/t" and str(feed["published_date"]) == "2026-04-02"
    assert res["rejected_files"] == ["empty.txt", "feed.jsonl#2", "image.txt"]
    rejects = read_table(tmp_path / "out", "rejects")
    by_file = {r["source_file"]: r for r in rejects.iter_rows(named=True)}
    assert by_file["empty.txt"]["check"] == "empty_file"
    assert by_file["image.txt"]["check"] == "binary_file"
    assert "empty.txt" in by_file["empty.txt"]["reason"]


def test_cli_reports_missing_raw_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli_main(["run", "--raw-dir", str(tmp_path / "nope"), "--out-dir", str(tmp_path / "out")])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err


def test_same_article_in_two_files_is_one_row(seed_dir: Path, tmp_path: Path) -> None:
    src = sorted(seed_dir.iterdir())[0]
    shutil.copy(src, seed_dir / "zz_copy_of_first.txt")
    _run(seed_dir, tmp_path / "out")
    arts = read_table(tmp_path / "out", "articles")
    assert arts.height == 5
    row = arts.filter(pl.col("source_file") == src.name).row(0, named=True)
    assert row["also_seen_in"] == ["zz_copy_of_first.txt"]
