"""Cost of the plain Parquet snapshot a published version writes (OUT/parquet/v{N}/), per run.

usage: python benchmarks/snapshots.py OUT_DIR [--scale 1 20]

Reads the current tables of a published out dir (e.g. one `newsfacts run` made over
`benchmarks/corpus_gen.py`'s 1,000 articles) and times `publish.write_snapshot` on them. `--scale K`
also times K copies of every table stacked (keys made unique), to show the cost at K times the corpus
(1,000 articles x 20 = the 20,000-article figure) without a 20,000-article flow run.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import polars as pl

from schemas import TABLES
from store.publish import read_table, write_snapshot


def stacked(tables: dict[str, pl.DataFrame], k: int) -> dict[str, pl.DataFrame]:
    if k == 1:
        return tables
    out = {}
    for name, df in tables.items():
        key = TABLES[name].key
        copies = [df.with_columns((pl.col(key) + pl.lit(f"~{i}")).alias(key)) for i in range(k)]
        out[name] = pl.concat(copies)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--scale", type=int, nargs="+", default=[1, 20])
    args = ap.parse_args()
    tables = {name: read_table(args.out_dir, name) for name in TABLES}
    articles = tables["articles"].height
    print(f"{'articles':>9}  {'rows':>10}  {'seconds':>8}  {'MiB on disk':>11}")
    for k in args.scale:
        frames = stacked(tables, k)
        work = Path(tempfile.mkdtemp(prefix="nf-snap-"))
        t0 = time.perf_counter()
        path = write_snapshot(work, 0, frames)
        seconds = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in path.iterdir()) / 2**20
        rows = sum(df.height for df in frames.values())
        print(f"{articles * k:>9,}  {rows:>10,}  {seconds:>8.2f}  {size:>11.1f}")
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
