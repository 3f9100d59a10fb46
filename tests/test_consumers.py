"""Downstream consumers: published tables read with polars, pandas, DuckDB; old versions stay readable;
the data dictionary matches the schemas."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest
from deltalake import DeltaTable

from flows.publish_dataset import publish_dataset
from schemas.dictionary import render
from store.publish import read_manifest, read_table

pytestmark = pytest.mark.usefixtures("prefect_harness")
REPO = Path(__file__).resolve().parents[1]


def test_data_dictionary_is_current() -> None:
    assert (REPO / "docs" / "DATA_DICTIONARY.md").read_text(encoding="utf-8") == render(), (
        "run: newsfacts dictionary --output docs/DATA_DICTIONARY.md"
    )


def test_tables_read_with_polars_pandas_duckdb_and_time_travel(seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))
    (seed_dir / sorted(p.name for p in seed_dir.iterdir())[0]).unlink()
    publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))

    polars_now = pl.read_delta(str(out / "articles"))
    pandas_now = DeltaTable(str(out / "articles")).to_pandas()
    ds = DeltaTable(str(out / "figures")).to_pyarrow_dataset()  # noqa: F841 - read by name in the SQL
    n_figs = duckdb.sql("select count(*) from ds").fetchall()[0]
    assert polars_now.height == len(pandas_now) == 4
    assert n_figs is not None and n_figs[0] == read_table(out, "figures").height
    # timestamps are UTC-aware (a naive one would switch on timestampNtz, which Spark/DuckDB reject)
    assert str(polars_now.schema["ingested_at"]) == "Datetime(time_unit='us', time_zone='UTC')"

    manifest = read_manifest(out)
    v0_tables = manifest["versions"][0]["tables"]
    old = pl.read_delta(str(out / "articles"), version=v0_tables["articles"])
    assert old.height == 5
    assert read_table(out, "articles", dataset_version=0).height == 5
