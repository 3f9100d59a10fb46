"""The quality gate in the real flow: a version failing a critical expectation never becomes current."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.publish_dataset import publish_dataset
from newsfacts.cli import main as cli_main
from newsfacts.publish import read_manifest, read_table

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

    manifest = read_manifest(out)
    assert manifest["current"] == 0
    assert [v["status"] for v in manifest["versions"]] == ["published", "failed_quality"]
    assert read_table(out, "articles").height == 5, "consumers following the manifest keep version 0"
    report = Path(manifest["versions"][1]["quality"]).read_text(encoding="utf-8")
    assert '"gate": "failed"' in report

    # the feed comes back: the next version passes and becomes current
    (seed_dir / "empty.txt").unlink()
    shutil.copytree(backup, seed_dir, dirs_exist_ok=True)
    again = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert again["quality"]["gate"] == "passed"
    assert read_manifest(out)["current"] == again["dataset_version"] == 2
    assert read_table(out, "articles").height == 5
