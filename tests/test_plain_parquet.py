"""Consumers without Delta support read exactly the published rows: every published dataset version
has a plain Parquet snapshot (OUT/parquet/v{N}/{table}.parquet, OUT/parquet/current -> v{N}), read
here with pandas, pyarrow, DuckDB and Spark, while polars and deltalake read the Delta tables, after
a sequence of add, change, delete and vacuum runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

from flows.publish_dataset import publish_dataset
from schemas import TABLES
from store.publish import read_manifest, read_table, vacuum

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]
REPO = Path(__file__).resolve().parents[1]


SPARK_PYTHON = REPO / ".venv-spark" / "bin" / "python"  # `make test` builds it (requirements-spark.lock)
SPARK_READ = """
import json, sys
from pyspark.sql import SparkSession
spark = (SparkSession.builder.master("local[1]").appName("newsfacts-consumer")
         .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
         .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
out = {}
for line in sys.stdin:
    name, key, path = line.split("\\t")
    df = spark.read.parquet(path.strip())
    out[name] = {"keys": [r[0] for r in df.select(key).collect()],
                 "types": {f.name: f.dataType.simpleString() for f in df.schema.fields}}
print(json.dumps(out))
spark.stop()
"""


def _spark_read(paths: dict[str, tuple[str, Path]]) -> dict[str, dict]:
    """Spark with plain Parquet (no Delta connector), in its own environment: pyspark beside Great
    Expectations breaks GX's import in spawned processes, and a consumer's Spark is not ours."""
    assert SPARK_PYTHON.exists(), "no .venv-spark: `make test` (or `make spark-env`) builds it"
    lines = "".join(f"{name}\t{key}\t{path}\n" for name, (key, path) in paths.items())
    env = {**os.environ, "PYSPARK_PYTHON": str(SPARK_PYTHON), "SPARK_LOCAL_IP": "127.0.0.1"}
    res = subprocess.run(
        [str(SPARK_PYTHON), "-c", SPARK_READ], input=lines, capture_output=True, text=True, env=env,
        timeout=300,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr[-3000:]
    return dict(json.loads(res.stdout.strip().splitlines()[-1]))


def _keys(values: object) -> list[str]:
    return sorted(str(v) for v in values)  # type: ignore[attr-defined]


def _check_every_reader(out: Path) -> dict[str, dict[str, int]]:
    """Each reader's rows of each table equal the current published version's rows (by key)."""
    manifest = read_manifest(out)
    current = manifest["current"]
    snap = out / "parquet" / "current"
    assert (out / "parquet" / "CURRENT").read_text().strip() == f"v{current}"
    assert os.readlink(snap) == f"v{current}"
    for shared in (out / "_manifest.json", out / "parquet" / "CURRENT", snap.resolve(), *snap.iterdir()):
        assert shared.stat().st_mode & 0o004, f"{shared} is not readable by other users"
    counts: dict[str, dict[str, int]] = {}
    spark = _spark_read({name: (spec.key, snap / f"{name}.parquet") for name, spec in TABLES.items()})
    assert spark["articles"]["types"]["ingested_at"] == "timestamp"  # UTC-adjusted, not timestamp_ntz
    for name, spec in TABLES.items():
        published = read_table(out, name)
        want = _keys(published[spec.key].to_list())
        path = snap / f"{name}.parquet"
        got = {
            "pandas": _keys(pd.read_parquet(path)[spec.key]),
            "pyarrow": _keys(pq.read_table(path).column(spec.key).to_pylist()),
            "duckdb": _keys(
                r[0] for r in duckdb.sql(f"select {spec.key} from read_parquet('{path}')").fetchall()
            ),
            "spark": _keys(spark[name]["keys"]),
            "polars_delta": _keys(pl.read_delta(str(out / name))[spec.key].to_list()),
            "deltalake": _keys(DeltaTable(str(out / name)).to_pandas()[spec.key]),
        }
        for reader, keys in got.items():
            assert keys == want, f"{reader} on {name}: {len(keys)} rows, published {len(want)}"
        # whole rows, not just keys: the snapshot is the published table
        snapshot = pl.read_parquet(path).sort(spec.key)
        assert snapshot.equals(published.sort(spec.key)), name
        # and what was committed honours the contract (e.g. ingested_at of rows added by a later run)
        for col_name, column in spec.schema.columns.items():
            if not column.nullable:
                assert snapshot[col_name].null_count() == 0, f"{name}.{col_name} has nulls"
        counts[name] = {"published": len(want), **{k: len(v) for k, v in got.items()}}
    # the types every common reader takes: UTC timestamps in microseconds, lists as Parquet lists
    schema = pq.read_schema(snap / "articles.parquet")
    assert str(schema.field("ingested_at").type) == "timestamp[us, tz=UTC]"
    assert str(schema.field("also_seen_in").type).startswith(("list<", "large_list<"))
    return counts


def test_every_reader_gets_exactly_the_published_rows(seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    files = sorted(seed_dir.iterdir())
    extra = files[0].with_name("zz_extra.txt")
    shutil.copy(files[0], tmp_path / "held_back.txt")
    files[0].unlink()

    steps = {
        "first run (4 files)": lambda: None,
        "add a file": lambda: shutil.copy(tmp_path / "held_back.txt", extra),
        "change a file": lambda: files[1].write_text(
            files[1].read_text(encoding="utf-8") + "\nOne more sentence was appended by the newsroom.\n",
            encoding="utf-8",
        ),
        "delete a file": lambda: files[2].unlink(),
    }
    for step, change in steps.items():
        change()
        publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
        counts = _check_every_reader(out)
        print(f"{step}: " + ", ".join(f"{t} {c['published']}" for t, c in counts.items()))
    assert read_table(out, "articles").height == 4
    versions = [v["dataset_version"] for v in read_manifest(out)["versions"]]
    assert versions == [0, 1, 2, 3]
    assert all((out / "parquet" / f"v{v}").is_dir() for v in versions)
    # the snapshot of an older version keeps that version's rows (plain-Parquet time travel)
    assert pl.read_parquet(out / "parquet" / "v0" / "articles.parquet").height == 4
    assert pl.read_parquet(out / "parquet" / "v1" / "articles.parquet").height == 5

    res = vacuum(out, keep=2)
    assert res["dropped_versions"] == [0, 1]
    assert sorted(p.name for p in (out / "parquet").glob("v*")) == ["v2", "v3"]
    _check_every_reader(out)
    # a raw folder read of the Delta table is not the published table: the snapshot is the way
    stale = pq.read_table(out / "articles").num_rows
    assert stale >= read_table(out, "articles").height


def test_snapshot_is_restored_when_missing(seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    shutil.rmtree(out / "parquet")  # an out dir from before snapshots existed
    again = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    assert not again["changed"]
    assert pl.read_parquet(out / "parquet" / "current" / "articles.parquet").height == 5
