"""Corpus-wide near-duplicate detection at scale: `corpus_duplicates` (MinHash LSH over word shingles)
over the body paragraphs of published runs, timed per size to show near-linear growth.

usage: python benchmarks/dedupe_scale.py OUT_DIR [OUT_DIR ...]   (out dirs of `newsfacts run`)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    import polars as pl

    from newsfacts.dedupe import corpus_duplicates
    from store.publish import read_table

    print(f"{'articles':>9} {'paragraphs':>11} {'cpu s':>7} {'us/para':>8} {'dups':>7}")
    for out in sys.argv[1:]:
        arts = read_table(out, "articles").select("article_id", "source_file").sort("source_file")
        order = {a: i for i, a in enumerate(arts["article_id"].to_list())}
        paras = (
            read_table(out, "paragraphs")
            .filter(pl.col("role") == "body")
            .select("article_id", "position", "text")
            .with_columns(pl.col("article_id").replace_strict(order, return_dtype=pl.Int64).alias("_o"))
            .sort("_o", "position")
        )
        items = [((a, p), t) for a, p, t in paras.select("article_id", "position", "text").iter_rows()]
        c0 = time.process_time()
        found = corpus_duplicates(items)
        cpu = time.process_time() - c0
        print(
            f"{arts.height:>9} {len(items):>11} {cpu:>7.2f} {1e6 * cpu / max(len(items), 1):>8.1f} {len(found):>7}"
        )


if __name__ == "__main__":
    main()
