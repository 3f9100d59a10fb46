"""The quality gate in the real flow: a version failing a critical expectation never becomes current."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
from deltalake import DeltaTable

from flows.cli import main as cli_main
from flows.publish_dataset import publish_dataset
from store.publish import read_manifest, read_table

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_failed_gate_keeps_last_good_version_current(
    seed_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    backup = tmp_path / "backup"
    shutil.copytree(seed_dir, backup)
    first = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert first["quality"]["gate"] == "passed"

    # a scraper outage: every article disappears, one empty file arrives
    for p in seed_dir.iterdir():
        p.unlink()
    (seed_dir / "empty.txt").write_bytes(b"")
    code = cli_main(["run", "--raw-dir", str(seed_dir), "--out-dir", str(out)])
    assert code == 1
    err = capsys.readouterr().err
    assert "quality gate FAILED" in err and "articles" in err

    assert "Traceback" not in err, "a failed gate is one line, not a traceback"

    manifest = read_manifest(out)
    assert manifest["current"] == 0
    assert [v["status"] for v in manifest["versions"]] == ["published", "failed_quality"]
    assert manifest["versions"][1]["tables"] == {}, "a failed version commits nothing"
    assert read_table(out, "articles").height == 5, "consumers following the manifest keep version 0"
    report = Path(manifest["versions"][1]["quality"]).read_text(encoding="utf-8")
    assert '"gate": "failed"' in report
    # plain Delta readers see only gated rows: the head of every table is still version 0's
    for name in ("articles", "paragraphs", "entities"):
        assert DeltaTable(str(out / name)).version() == 0
        assert pl.read_delta(str(out / name)).height == read_table(out, name, dataset_version=0).height
    with pytest.raises(KeyError, match="failed the quality gate"):
        read_table(out, "articles", dataset_version=1)

    # the same failing input is not checked again (one failed version, not one per scheduled run)
    code = cli_main(["run", "--raw-dir", str(seed_dir), "--out-dir", str(out)])
    assert code == 1 and "unchanged since dataset version 1" in capsys.readouterr().err
    assert len(read_manifest(out)["versions"]) == 2

    # the feed comes back as it was: version 0 is still what it holds, nothing new to publish
    (seed_dir / "empty.txt").unlink()
    shutil.copytree(backup, seed_dir, dirs_exist_ok=True)
    again = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert not again["changed"] and again["dataset_version"] == 0
    assert read_manifest(out)["current"] == 0
    # and a real change after it is published and becomes current
    first_file = sorted(seed_dir.iterdir())[0]
    first_file.write_text(first_file.read_text(encoding="utf-8") + "\nA closing line was added.\n")
    later = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert later["quality"]["gate"] == "passed" and later["dataset_version"] == 2
    assert read_manifest(out)["current"] == 2
    assert read_table(out, "articles").height == 5
