"""Are two published out dirs the same dataset? Compares every table's current rows, row for row.

usage: python benchmarks/compare_outputs.py OUT_A OUT_B

Rows are compared sorted by key, every column except the run-stamped ones (`ingested_at`,
`run_id`, `rejected_at`, which differ between runs of the same input). Prints one line per table and
exits 1 when any differs: the check behind "no behaviour change" refactors.
"""

from __future__ import annotations

import sys
from pathlib import Path

from schemas import TABLES
from store.publish import read_table

RUN_STAMPED = {"ingested_at", "run_id", "rejected_at"}


def compare(a: Path, b: Path) -> bool:
    same = True
    for name, spec in TABLES.items():
        left, right = read_table(a, name), read_table(b, name)
        cols = [c for c in spec.columns if c not in RUN_STAMPED]
        left, right = left.select(cols).sort(spec.key), right.select(cols).sort(spec.key)
        equal = left.equals(right)
        same &= equal
        detail = "identical" if equal else "DIFFERENT"
        if not equal and left.height == right.height:
            diff = [c for c in cols if not left[c].equals(right[c])]
            detail += f" (columns {diff})"
        print(f"{name:11} {left.height:>7} vs {right.height:>7} rows  {detail}")
    return same


if __name__ == "__main__":
    sys.exit(0 if compare(Path(sys.argv[1]), Path(sys.argv[2])) else 1)
